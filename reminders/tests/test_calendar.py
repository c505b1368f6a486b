from datetime import date

import pytest

from reminders.calendar import WorkingDays
from reminders.models import CalendarDay


@pytest.fixture
def days():
    return WorkingDays(overrides={})


def test_national_day_2026_is_off_and_the_adjusted_saturday_is_on(days):
    assert not any(days.is_working_day(date(2026, 10, day)) for day in range(1, 8))
    assert days.is_working_day(date(2026, 10, 8))
    assert days.is_working_day(date(2026, 10, 10))  # a Saturday made a working day (调休)
    assert not days.is_working_day(date(2026, 10, 11))


def test_next_working_day_after_the_holiday(days):
    assert days.next_working_day(date(2026, 10, 3)) == date(2026, 10, 8)
    assert days.next_working_day(date(2026, 10, 8)) == date(2026, 10, 8)


def test_working_days_between_skip_the_holiday(days):
    assert days.working_days_between(date(2026, 9, 30), date(2026, 10, 9)) == 2  # Oct 8 and 9
    assert days.working_days_between(date(2026, 11, 16), date(2026, 11, 19)) == 3
    assert days.working_days_between(date(2026, 11, 19), date(2026, 11, 16)) == 0


def test_a_year_the_library_does_not_know_falls_back_to_weekdays(days):
    assert days.is_working_day(date(2031, 1, 6))  # a Monday
    assert not days.is_working_day(date(2031, 1, 4))  # a Saturday
    assert days.next_working_day(date(2031, 1, 4)) == date(2031, 1, 6)


@pytest.mark.django_db
def test_the_admin_corrects_the_calendar():
    CalendarDay.objects.create(date=date(2026, 11, 23), is_working_day=False, note="Park closed for the expo")
    CalendarDay.objects.create(date=date(2031, 1, 4), is_working_day=True, note="Adjusted working Saturday")
    days = WorkingDays()
    assert not days.is_working_day(date(2026, 11, 23))
    assert days.is_working_day(date(2031, 1, 4))

"""Working days on China's official calendar (Asia/Shanghai by default).

Public holidays are off and adjusted weekend days (调休) are on, from the chinese-calendar
library; the admin's CalendarDay rows correct or extend it; years the library does not know yet
fall back to Monday–Friday instead of failing.
"""

from datetime import date, timedelta

import chinese_calendar


class WorkingDays:
    """Answers for a span of dates, with the admin's corrections read once."""

    def __init__(self, overrides: dict[date, bool] | None = None):
        if overrides is None:
            from reminders.models import CalendarDay

            overrides = dict(CalendarDay.objects.values_list("date", "is_working_day"))
        self.overrides = overrides
        self._known: dict[date, bool] = {}

    def is_working_day(self, day: date) -> bool:
        if day not in self._known:
            self._known[day] = self._look_up(day)
        return self._known[day]

    def _look_up(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:  # a year the library has no data for yet
            return day.weekday() < 5

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count

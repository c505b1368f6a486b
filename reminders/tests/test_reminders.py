from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects import services as project_services
from projects.choices import EvaluationStatus, MilestoneKind, Stage, Status
from reminders.models import DeliveryState, Notification, Reminder, ReminderKind, ReminderPreference
from reminders.services import deliver, pending_reminder_ids, run_digest, run_sweep
from tests.factories import (
    EvaluationFactory,
    FollowUpFactory,
    InteractionFactory,
    MilestoneFactory,
    lead_project,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def kinds(reminders, user=None):
    return sorted(r.kind for r in reminders if user is None or r.recipient_id == user.pk)


@pytest.fixture
def sweep(on_commit):
    def run(day: date, hour: int = 9):
        with time_machine.travel(at(day, hour), tick=False):
            return on_commit(run_sweep, at=at(day, hour)).planned

    return run


@pytest.fixture
def project(world):
    with time_machine.travel(at(date(2026, 11, 2)), tick=False):
        return lead_project(owner=world.owner)


class TestFollowUps:
    def test_due_today_goes_to_the_assignee_with_an_email_and_a_notification(self, world, project, sweep):
        follow_up = FollowUpFactory(project=project, assignee=world.colleague, due_on=date(2026, 11, 23))
        mail.outbox.clear()
        sent = sweep(date(2026, 11, 23))
        assert [(r.kind, r.recipient) for r in sent] == [(ReminderKind.DUE_TODAY, world.colleague)]
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [world.colleague.email]
        assert follow_up.title in mail.outbox[0].subject
        assert f"/projects/{project.pk}/" in mail.outbox[0].body
        assert Notification.objects.get(recipient=world.colleague).title.startswith("Due today")
        assert Reminder.objects.get().email_state == DeliveryState.SENT

    def test_in_the_recipients_language(self, world, project, sweep):
        world.colleague.language = "zh-hans"
        world.colleague.save()
        FollowUpFactory(project=project, assignee=world.colleague, due_on=date(2026, 11, 23), title="发送租赁条款")
        mail.outbox.clear()
        sweep(date(2026, 11, 23))
        assert "今天到期" in mail.outbox[0].subject
        assert "您好" in mail.outbox[0].body

    def test_due_during_national_day_goes_out_on_the_next_working_day(self, world, project, sweep):
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 10, 3))
        for holiday in range(1, 8):
            assert sweep(date(2026, 10, holiday)) == []
        assert kinds(sweep(date(2026, 10, 8))) == [ReminderKind.DUE_TODAY]

    def test_due_on_an_adjusted_working_saturday(self, world, project, sweep):
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 10, 10))
        assert kinds(sweep(date(2026, 10, 9))) == []
        assert kinds(sweep(date(2026, 10, 10))) == [ReminderKind.DUE_TODAY]
        assert kinds(sweep(date(2026, 10, 12))) == [ReminderKind.OVERDUE]

    def test_overdue_daily_and_the_manager_hears_after_three_working_days(self, world, project, sweep):
        FollowUpFactory(project=project, assignee=world.colleague, due_on=date(2026, 11, 16))  # a Monday
        assert kinds(sweep(date(2026, 11, 17))) == [ReminderKind.OVERDUE]
        assert kinds(sweep(date(2026, 11, 18))) == [ReminderKind.OVERDUE]
        thursday = sweep(date(2026, 11, 19))
        assert kinds(thursday) == [ReminderKind.ESCALATION, ReminderKind.OVERDUE]
        escalation = next(r for r in thursday if r.kind == ReminderKind.ESCALATION)
        assert escalation.recipient == world.manager  # the owner's manager
        assert "3 working days overdue" in Notification.objects.get(reminder=escalation).title

    def test_a_snoozed_follow_up_waits(self, world, project, sweep):
        follow_up = FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 20))
        with time_machine.travel(at(date(2026, 11, 20), 8), tick=False):
            project_services.follow_up_snooze(follow_up=follow_up, until=date(2026, 11, 25), reason="At CPHI",
                                              actor=world.owner)  # fmt: skip
        assert sweep(date(2026, 11, 23)) == []
        assert kinds(sweep(date(2026, 11, 25))) == [ReminderKind.OVERDUE]

    def test_done_follow_ups_and_inactive_projects_are_quiet(self, world, project, sweep):
        done = FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        project_services.follow_up_complete(follow_up=done, actor=world.owner)
        other = lead_project(owner=world.owner)
        FollowUpFactory(project=other, assignee=world.owner, due_on=date(2026, 11, 23))
        project_services.project_set_status(
            project=other, status=Status.LOST, actor=world.owner, reason="Went to Suzhou"
        )
        assert sweep(date(2026, 11, 23)) == []

    def test_assigned_by_someone_else_is_told_at_once(self, world, project, on_commit):
        mail.outbox.clear()
        on_commit(project_services.follow_up_create, project=project, title="Prepare the policy summary",
                  assignee=world.colleague, due_on=date(2030, 1, 1), actor=world.owner)  # fmt: skip
        assert [m.to for m in mail.outbox] == [[world.colleague.email]]
        assert "asked you to" in mail.outbox[0].subject
        on_commit(project_services.follow_up_create, project=project, title="My own", assignee=world.owner,
                  due_on=date(2030, 1, 1), actor=world.owner)  # fmt: skip
        assert len(mail.outbox) == 1


class TestOtherKinds:
    def test_idle_projects_by_their_stage_threshold_and_snooze(self, world, sweep):
        with time_machine.travel(at(date(2026, 10, 1)), tick=False):
            quiet = lead_project(owner=world.owner)  # lead allows 30 days
            busy = lead_project(owner=world.owner)
            held = lead_project(owner=world.owner)
            project_services.project_set_status(project=held, status=Status.ON_HOLD, actor=world.owner,
                                                 reason="Financing", revisit_on=date(2027, 1, 1))  # fmt: skip
        with time_machine.travel(at(date(2026, 11, 20)), tick=False):
            InteractionFactory(project=busy)
        idle = sweep(date(2026, 11, 23))
        assert [(r.kind, r.project_id) for r in idle] == [(ReminderKind.IDLE, quiet.pk)]
        assert sweep(date(2026, 11, 24)) == []  # once a week
        with time_machine.travel(at(date(2026, 11, 25), 8), tick=False):
            project_services.project_snooze_idle(project=quiet, until=date(2026, 12, 31), reason="Board in January",
                                                 actor=world.owner)  # fmt: skip
        assert sweep(date(2026, 11, 30)) == []

    def test_evaluation_tomorrow_with_an_invitation(self, world, project, sweep):
        evaluation = EvaluationFactory(
            project=project,
            scheduled_at=at(date(2026, 11, 23), 14),
            status=EvaluationStatus.SCHEDULED,
            sites_shown="Building 5 GMP plant",
        )
        evaluation.evaluators.add(world.colleague)
        mail.outbox.clear()
        friday = sweep(date(2026, 11, 20))  # the next working day is Monday
        assert sorted((r.kind, r.recipient.username) for r in friday) == [
            (ReminderKind.EVALUATION_TOMORROW, "colleague"),
            (ReminderKind.EVALUATION_TOMORROW, "owner"),
        ]
        invitation = mail.outbox[0].attachments[0]
        assert invitation.filename == "evaluation.ics"
        assert invitation.mimetype == "text/calendar"
        ics = invitation.content.decode() if isinstance(invitation.content, bytes) else invitation.content
        assert "BEGIN:VEVENT" in ics
        assert "DTSTART" in ics
        assert "Building 5 GMP plant" in ics

    def test_milestone_soon_and_slipped(self, world, project, sweep):
        MilestoneFactory(project=project, kind=MilestoneKind.REGISTERED, planned_date=date(2026, 11, 27))
        MilestoneFactory(project=project, kind=MilestoneKind.FACILITY_DELIVERED, planned_date=date(2026, 11, 10))
        MilestoneFactory(project=project, kind=MilestoneKind.FIT_OUT_DONE, planned_date=date(2027, 3, 1))
        done = MilestoneFactory(project=project, kind=MilestoneKind.LEASE_OR_LAND, planned_date=date(2026, 11, 1))
        done.actual_date = date(2026, 11, 2)
        done.save()
        assert kinds(sweep(date(2026, 11, 23))) == [ReminderKind.MILESTONE_SLIPPED, ReminderKind.MILESTONE_SOON]
        assert sweep(date(2026, 11, 24)) == []  # once per planned date


class TestNothingTwice:
    def test_the_sweep_run_twice_sends_once(self, world, project, sweep):
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        MilestoneFactory(project=project, planned_date=date(2026, 11, 25))
        mail.outbox.clear()
        first = sweep(date(2026, 11, 23))
        second = sweep(date(2026, 11, 23))
        assert len(first) == 2
        assert second == []
        assert len(mail.outbox) == 2
        assert Notification.objects.count() == 2

    def test_two_overlapping_sweeps_send_once(self, world, project, on_commit, monkeypatch):
        """Both sweeps looked before either wrote: the unique key still lets only one through."""
        from reminders import services

        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        monkeypatch.setattr(services, "_existing_keys", lambda keys: set())
        mail.outbox.clear()
        with time_machine.travel(at(date(2026, 11, 23)), tick=False):
            first = on_commit(run_sweep).planned
            second = on_commit(run_sweep).planned
        assert (len(first), len(second)) == (1, 0)
        assert Reminder.objects.count() == Notification.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_first_smtp_attempt_fails_then_exactly_one_email(self, world, project, sweep, settings):
        from reminders.tests.flaky import FlakyBackend

        FlakyBackend.calls, FlakyBackend.failures = 0, 1
        settings.MAILERS = {"default": {"BACKEND": "reminders.tests.flaky.FlakyBackend"}}
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        mail.outbox.clear()
        sweep(date(2026, 11, 23))
        reminder = Reminder.objects.get()
        assert (reminder.email_state, reminder.attempts) == (DeliveryState.SENT, 2)
        assert "SMTPServerDisconnected" in reminder.last_error
        assert len(mail.outbox) == 1

    def test_a_reminder_whose_send_keeps_failing_is_not_marked_sent(self, world, project, sweep, settings):
        from reminders.tests.flaky import FlakyBackend

        FlakyBackend.calls, FlakyBackend.failures = 0, 99
        settings.MAILERS = {"default": {"BACKEND": "reminders.tests.flaky.FlakyBackend"}}
        settings.REMINDER_MAX_ATTEMPTS = 3
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        sweep(date(2026, 11, 23))
        reminder = Reminder.objects.get()
        assert (reminder.email_state, reminder.attempts, reminder.sent_at) == (DeliveryState.FAILED, 3, None)
        assert deliver(reminder.pk) == "nothing"  # not retried behind the admin's back

    def test_what_a_dead_worker_left_pending_is_picked_up(self, world, project, settings):
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        # The sweep committed its reminders, but the worker died before sending (no on-commit run).
        run_sweep(at=at(date(2026, 11, 23)))
        reminder = Reminder.objects.get()
        assert reminder.email_state == DeliveryState.PENDING
        with time_machine.travel(at(date(2026, 11, 23), 9, 10), tick=False):
            assert pending_reminder_ids() == [reminder.pk]
        mail.outbox.clear()
        assert deliver(reminder.pk) == "sent"
        assert deliver(reminder.pk) == "nothing"
        assert len(mail.outbox) == 1


class TestDigestAndFolding:
    def test_folding_above_the_threshold(self, world, project, sweep, settings):
        settings.REMINDER_FOLD_THRESHOLD = 2
        for title in ("One", "Two", "Three"):
            FollowUpFactory(project=project, assignee=world.owner, title=title, due_on=date(2026, 11, 23))
        FollowUpFactory(project=project, assignee=world.colleague, due_on=date(2026, 11, 23))
        mail.outbox.clear()
        sweep(date(2026, 11, 23))
        to_owner = [m for m in mail.outbox if m.to == [world.owner.email]]
        assert len(to_owner) == 1
        assert "3 reminders for today" in to_owner[0].subject
        assert all(title in to_owner[0].body for title in ("One", "Two", "Three"))
        assert Notification.objects.filter(recipient=world.owner).count() == 3
        assert len([m for m in mail.outbox if m.to == [world.colleague.email]]) == 1

    def test_digest_on_working_days_only_to_those_with_something(self, world, project, on_commit):
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 20), title="Chase the MoU")
        mail.outbox.clear()
        with time_machine.travel(at(date(2026, 11, 22), 8, 30), tick=False):  # a Sunday
            assert on_commit(run_digest).planned == []
        with time_machine.travel(at(date(2026, 11, 23), 8, 30), tick=False):
            digests = on_commit(run_digest).planned
            assert on_commit(run_digest).planned == []  # twice, once
        assert [d.recipient for d in digests] == [world.owner]
        assert len(mail.outbox) == 1
        assert "2 things need you today" in mail.outbox[0].subject
        assert "Chase the MoU" in mail.outbox[0].body

    def test_preferences_turn_off_emails_but_keep_the_notification(self, world, project, sweep):
        ReminderPreference.objects.create(user=world.owner, kind=ReminderKind.DUE_TODAY, email=False)
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        mail.outbox.clear()
        sent = sweep(date(2026, 11, 23))
        assert sent[0].email_state == DeliveryState.SKIPPED
        assert mail.outbox == []
        assert Notification.objects.filter(recipient=world.owner).exists()

    def test_digest_leaves_out_kinds_the_person_does_not_want_there(self, world, project, on_commit):
        ReminderPreference.objects.create(user=world.owner, kind=ReminderKind.DUE_TODAY, in_digest=False)
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
        with time_machine.travel(at(date(2026, 11, 23), 8, 30), tick=False):
            assert on_commit(run_digest).planned == []


def test_sweep_queries_do_not_grow_with_the_number_of_projects(world, sweep, settings):
    settings.REMINDER_FOLD_THRESHOLD = 1000

    def make(count):
        with time_machine.travel(at(date(2026, 9, 1)), tick=False):
            for _ in range(count):
                project = lead_project(owner=world.owner)
                FollowUpFactory(project=project, assignee=world.colleague, due_on=date(2026, 11, 23))
                FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 16))
                MilestoneFactory(project=project, planned_date=date(2026, 11, 25))
                evaluation = EvaluationFactory(project=project, scheduled_at=at(date(2026, 11, 24), 10))
                evaluation.evaluators.add(world.colleague)

    def count(day):
        with CaptureQueriesContext(connection) as queries, time_machine.travel(at(day), tick=False):
            reminders = run_sweep(at=at(day)).planned
        return len(queries), len(reminders)

    make(2)
    few, few_reminders = count(date(2026, 11, 23))
    Notification.objects.all().delete()
    Reminder.objects.all().delete()
    make(8)
    many, many_reminders = count(date(2026, 11, 23))
    assert many_reminders > few_reminders
    assert many == few, f"{few} queries for {few_reminders} reminders, {many} for {many_reminders}"


def test_send_reminders_dry_run_writes_nothing(world, project, capsys):
    from django.core.management import call_command

    FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 23))
    call_command("send_reminders", "--dry-run", "--at", "2026-11-23T09:00")
    output = capsys.readouterr().out
    assert "due_today" in output
    assert "would send 1 reminders" in output
    assert not Reminder.objects.exists()
    call_command("send_reminders", "--at", "2026-11-22T09:00")
    assert "not a working day" in capsys.readouterr().out


def test_stage_thresholds_are_a_table(db):
    from reminders.models import IdleThreshold

    assert dict(IdleThreshold.objects.values_list("stage", "days")) == {
        Stage.LEAD: 30, Stage.ROADSHOW: 14, Stage.EVALUATION: 14, Stage.NEGOTIATION: 10, Stage.SIGNED: 30,
        Stage.LANDED: 60,
    }  # fmt: skip


def test_a_follow_up_due_today_created_after_the_sweep_is_reminded_at_once(world, project, on_commit, sweep):
    sweep(date(2026, 11, 23))
    mail.outbox.clear()
    with time_machine.travel(at(date(2026, 11, 23), 14), tick=False):
        on_commit(project_services.follow_up_create, project=project, title="Call back about the lab",
                  assignee=world.owner, due_on=date(2026, 11, 23), actor=world.owner)  # fmt: skip
    assert [m.subject for m in mail.outbox] == ["[Cluster CRM] Due today: Call back about the lab"]
    assert sweep(date(2026, 11, 23)) == []  # the sweep does not repeat it
    with time_machine.travel(at(date(2026, 11, 22), 14), tick=False):  # a Sunday: the Monday sweep has it
        on_commit(project_services.follow_up_create, project=project, title="Weekend", assignee=world.owner,
                  due_on=date(2026, 11, 22), actor=world.owner)  # fmt: skip
    assert len(mail.outbox) == 1


def test_staff_set_their_own_preferences_only(client, world):
    from django.urls import reverse

    ReminderPreference.objects.create(user=world.colleague, kind=ReminderKind.IDLE, email=False)
    client.force_login(world.owner)
    url = reverse("admin:reminders_reminderpreference_add")
    response = client.post(
        url, {"kind": ReminderKind.DIGEST, "email": "", "in_digest": "on", "user": world.colleague.pk}
    )
    assert response.status_code == 302
    mine = ReminderPreference.objects.get(kind=ReminderKind.DIGEST)
    assert mine.user == world.owner
    listing = client.get(reverse("admin:reminders_reminderpreference_changelist")).content.decode()
    assert str(world.colleague) not in listing


def test_chinese_names_read_family_name_first(db):
    from tests.factories import UserFactory

    assert UserFactory(first_name="磊", last_name="王").get_full_name() == "王磊"
    assert UserFactory(first_name="Emma", last_name="Roth").get_full_name() == "Emma Roth"

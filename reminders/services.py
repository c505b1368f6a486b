"""Making and sending reminders. The sweep, the digest, the assignment notice and delivery all
end in Reminder rows with unique keys: whatever runs twice, nothing is sent twice."""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from reminders.calendar import WorkingDays
from reminders.messages import evaluation_invitation, language_of, message_for, project_url
from reminders.models import DeliveryState, Notification, Reminder, ReminderKind, ReminderPreference
from reminders.selectors import Candidate, follow_up_candidates, morning_candidates, project_context

BATCH = 1000
# What the morning digest gathers.
DIGEST_KINDS = {
    ReminderKind.DUE_TODAY,
    ReminderKind.OVERDUE,
    ReminderKind.ESCALATION,
    ReminderKind.IDLE,
    ReminderKind.EVALUATION_TOMORROW,
}


@dataclass
class SweepResult:
    day: str
    working_day: bool
    planned: list[Reminder] = field(default_factory=list)  # what this run wrote (or would write)
    already_sent: int = 0


def _preferences(user_ids: set[int]) -> dict[tuple[int, str], ReminderPreference]:
    rows = ReminderPreference.objects.filter(user_id__in=user_ids)
    return {(row.user_id, row.kind): row for row in rows}


def _existing_keys(keys: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(keys), BATCH):
        found.update(Reminder.objects.filter(key__in=keys[start : start + BATCH]).values_list("key", flat=True))
    return found


def _reminder(candidate: Candidate, state: str) -> Reminder:
    return Reminder(
        key=candidate.key,
        kind=candidate.kind,
        recipient_id=candidate.recipient_id,
        project_id=candidate.project_id,
        context=candidate.context,
        email_state=state,
    )


def _fold(candidates: list[Candidate], preferences, today) -> list[Reminder]:
    """Reminders for these candidates; more than the threshold for one person become one e-mail."""
    by_recipient = defaultdict(list)
    for candidate in candidates:
        by_recipient[candidate.recipient_id].append(candidate)
    reminders = []
    for recipient_id, own in by_recipient.items():
        wants = {c.key: getattr(preferences.get((recipient_id, c.kind)), "email", True) for c in own}
        emailed = [c for c in own if wants[c.key]]
        fold = len(emailed) > settings.REMINDER_FOLD_THRESHOLD
        for candidate in own:
            if not wants[candidate.key]:
                state = DeliveryState.SKIPPED
            else:
                state = DeliveryState.FOLDED if fold else DeliveryState.PENDING
            reminders.append(_reminder(candidate, state))
        if fold:
            items = [{"kind": c.kind, "context": c.context} for c in emailed]
            reminders.append(
                Reminder(
                    key=f"{ReminderKind.FOLDED}:user:{recipient_id}:{recipient_id}:{today.isoformat()}",
                    kind=ReminderKind.FOLDED,
                    recipient_id=recipient_id,
                    context={"items": items},
                )
            )
    return reminders


def _write(reminders: list[Reminder]) -> list[Reminder]:
    """Insert what is new (a unique key makes a second insert a no-op) and give each an in-app
    notification; enqueue the e-mails once the transaction has committed."""
    token = uuid.uuid4().hex
    for reminder in reminders:
        reminder.sweep = token
    with transaction.atomic():
        Reminder.objects.bulk_create(reminders, batch_size=BATCH, ignore_conflicts=True)
        created = list(Reminder.objects.filter(sweep=token).select_related("recipient").order_by("pk"))
        Notification.objects.bulk_create(
            [_notification(reminder) for reminder in created if reminder.kind not in (ReminderKind.FOLDED,)],
            batch_size=BATCH,
        )
        pending = [reminder.pk for reminder in created if reminder.email_state == DeliveryState.PENDING]
        transaction.on_commit(lambda: enqueue_delivery(pending))
    return created


def _notification(reminder: Reminder) -> Notification:
    message = message_for(reminder)
    return Notification(
        recipient_id=reminder.recipient_id,
        reminder=reminder,
        kind=reminder.kind,
        project_id=reminder.project_id,
        title=message.subject[:300],
        body="\n".join(message.lines),
        url=message.url,
    )


def enqueue_delivery(reminder_ids: list[int]) -> None:
    from reminders.tasks import deliver_reminder

    for reminder_id in reminder_ids:
        deliver_reminder.delay(reminder_id)


def run_sweep(*, at: datetime | None = None, dry_run: bool = False) -> SweepResult:
    """The morning's individual reminders (kinds 1, 2, 4, 5, 6). On a day off nothing is sent;
    the next working day's sweep covers it."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    days = WorkingDays()
    if not days.is_working_day(today):
        return SweepResult(day=today.isoformat(), working_day=False)
    candidates = morning_candidates(at, days)
    existing = _existing_keys([candidate.key for candidate in candidates])
    new = [candidate for candidate in candidates if candidate.key not in existing]
    reminders = _fold(new, _preferences({c.recipient_id for c in new}), today)
    result = SweepResult(day=today.isoformat(), working_day=True, already_sent=len(existing))
    result.planned = reminders if dry_run else _write(reminders)
    return result


def run_digest(*, at: datetime | None = None, dry_run: bool = False) -> SweepResult:
    """One morning e-mail per person on working days: overdue, due today, idle projects,
    tomorrow's evaluations. Nobody gets an empty one."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    days = WorkingDays()
    if not days.is_working_day(today):
        return SweepResult(day=today.isoformat(), working_day=False)
    candidates = [c for c in morning_candidates(at, days) if c.kind in DIGEST_KINDS]
    preferences = _preferences({c.recipient_id for c in candidates})
    items = defaultdict(list)
    for candidate in candidates:
        if getattr(preferences.get((candidate.recipient_id, candidate.kind)), "in_digest", True):
            items[candidate.recipient_id].append({"kind": candidate.kind, "context": candidate.context})
    digests = []
    for recipient_id, own in items.items():
        wants = getattr(preferences.get((recipient_id, ReminderKind.DIGEST)), "email", True)
        digests.append(
            Reminder(
                key=f"{ReminderKind.DIGEST}:user:{recipient_id}:{recipient_id}:{today.isoformat()}",
                kind=ReminderKind.DIGEST,
                recipient_id=recipient_id,
                context={"items": own},
                email_state=DeliveryState.PENDING if wants else DeliveryState.SKIPPED,
            )
        )
    existing = _existing_keys([digest.key for digest in digests])
    digests = [digest for digest in digests if digest.key not in existing]
    result = SweepResult(day=today.isoformat(), working_day=True, already_sent=len(existing))
    result.planned = digests if dry_run else _write(digests)
    return result


def remind_assignment(*, follow_up, actor) -> None:
    """Kind 3: a follow-up someone else gave you, at once (once per assignment)."""
    if actor is None or follow_up.assignee_id == actor.pk:
        return
    context = {**project_context(follow_up.project), "follow_up": follow_up.title,
               "due_on": follow_up.due_on.isoformat(), "assigned_by": str(actor)}  # fmt: skip
    candidate = Candidate(ReminderKind.ASSIGNED, follow_up.assignee_id, f"followup:{follow_up.pk}",
                          f"{follow_up.due_on.isoformat()}", follow_up.project_id, context)  # fmt: skip
    wants = getattr(_preferences({follow_up.assignee_id}).get((follow_up.assignee_id, ReminderKind.ASSIGNED)),
                    "email", True)  # fmt: skip
    _write([_reminder(candidate, DeliveryState.PENDING if wants else DeliveryState.SKIPPED)])


def remind_follow_up_now(follow_up_id: int, *, at: datetime | None = None) -> list[Reminder]:
    """A follow-up set today for today (or earlier) need not wait for tomorrow's sweep: its
    reminder goes out now. Same keys as the sweep, so the morning run does not repeat it."""
    at = at or timezone.now()
    today = timezone.localdate(at)
    days = WorkingDays()
    if not days.is_working_day(today):
        return []
    candidates = follow_up_candidates(today, days, only=[follow_up_id])
    existing = _existing_keys([candidate.key for candidate in candidates])
    new = [candidate for candidate in candidates if candidate.key not in existing]
    preferences = _preferences({candidate.recipient_id for candidate in new})
    reminders = [
        _reminder(c, DeliveryState.PENDING if getattr(preferences.get((c.recipient_id, c.kind)), "email", True)
                  else DeliveryState.SKIPPED)
        for c in new
    ]  # fmt: skip
    return _write(reminders)


def remind_new_lead(*, project, partner) -> None:
    """A partner's lead, to its new owner at once."""
    context = {**project_context(project), "partner": partner.name}
    candidate = Candidate(ReminderKind.NEW_LEAD, project.owner_id, f"project:{project.pk}", "lead", project.pk,
                          context)  # fmt: skip
    wants = getattr(_preferences({project.owner_id}).get((project.owner_id, ReminderKind.NEW_LEAD)), "email", True)
    _write([_reminder(candidate, DeliveryState.PENDING if wants else DeliveryState.SKIPPED)])


class DeliveryFailedError(Exception):
    """The e-mail could not be sent this time; try again later."""


def deliver(reminder_id: int) -> str:
    """Send one pending reminder's e-mail. Marked sent only after the mail server took it.

    Returns "sent", "failed" (gave up), "skipped" or "nothing" (not pending: sent by another run);
    raises DeliveryFailedError when it should be tried again.
    """
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True)
            .select_related("recipient")
            .filter(pk=reminder_id, email_state=DeliveryState.PENDING)
            .first()
        )
        if reminder is None:
            return "nothing"
        if not reminder.recipient.email or not reminder.recipient.is_active:
            reminder.email_state, reminder.last_error = DeliveryState.SKIPPED, "no active e-mail address"
            reminder.save(update_fields=["email_state", "last_error"])
            return "skipped"
        reminder.attempts += 1
        try:
            _email(reminder).send()
        except (SMTPException, OSError) as exc:
            reminder.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            gave_up = reminder.attempts >= settings.REMINDER_MAX_ATTEMPTS
            reminder.email_state = DeliveryState.FAILED if gave_up else DeliveryState.PENDING
            reminder.save(update_fields=["attempts", "last_error", "email_state"])
            if gave_up:
                return "failed"
        else:
            reminder.email_state, reminder.sent_at = DeliveryState.SENT, timezone.now()
            reminder.save(update_fields=["attempts", "email_state", "sent_at", "last_error"])
            return "sent"
    raise DeliveryFailedError(reminder.last_error)


def _email(reminder: Reminder) -> EmailMultiAlternatives:
    message = message_for(reminder)
    with translation.override(language_of(reminder.recipient)):
        context = {"message": message, "recipient": reminder.recipient, "site_url": settings.SITE_URL}
        text = render_to_string("reminders/email/reminder.txt", context)
        html = render_to_string("reminders/email/reminder.html", context)
    email = EmailMultiAlternatives(subject=f"[Cluster CRM] {message.subject}", body=text, to=[reminder.recipient.email])
    email.attach_alternative(html, "text/html")
    if reminder.kind == ReminderKind.EVALUATION_TOMORROW:
        email.attach("evaluation.ics", evaluation_invitation(reminder), "text/calendar")
    return email


def pending_reminder_ids(*, older_than: timedelta = timedelta(minutes=2)) -> list[int]:
    """Pending e-mails nobody is working on (a worker died, a broker lost a message)."""
    cutoff = timezone.now() - older_than
    return list(
        Reminder.objects.filter(email_state=DeliveryState.PENDING, created_at__lt=cutoff).values_list("pk", flat=True)
    )


__all__ = ["DeliveryFailedError", "deliver", "project_url", "remind_assignment", "run_digest", "run_sweep"]

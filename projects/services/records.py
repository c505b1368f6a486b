"""Writes for what happens around a project: events, evaluations, signings, milestones,
interactions and follow-ups. Each saves one record whole (validated, in a transaction) and keeps
the project's derived fields (last activity, counted signing amounts) right."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.choices import FollowUpState, SigningCounts
from projects.models import (
    FollowUp,
    Interaction,
    InvestmentProject,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
)
from projects.services.access import ensure_can_change_record, ensure_can_change_shared


def _save(record, *, exclude=None):
    record.full_clean(exclude=exclude)
    record.save()
    return record


@transaction.atomic
def event_save(*, event: RoadshowEvent, actor) -> RoadshowEvent:
    ensure_can_change_shared(actor)
    return _save(event)


@transaction.atomic
def ceremony_save(*, ceremony: SigningCeremony, actor) -> SigningCeremony:
    ensure_can_change_shared(actor)
    return _save(ceremony)


@transaction.atomic
def presentation_save(*, presentation: Presentation, actor) -> Presentation:
    ensure_can_change_record(actor, presentation)
    return _save(presentation)


@transaction.atomic
def evaluation_save(*, evaluation: OnSiteEvaluation, actor) -> OnSiteEvaluation:
    """Schedule or record an on-site evaluation; a done one needs every score and a recommendation."""
    ensure_can_change_record(actor, evaluation)
    return _save(evaluation)


def signings_recount(project_id: int) -> None:
    """Apply the counting rules to all of a project's signings, in the order they were signed.

    A project counts once, at its first signing; a capital increase counts the added amount;
    an upgrade counts no new amount.
    """
    counted_new = False
    changed = []
    for signing in Signing.objects.filter(project_id=project_id).order_by("signed_on", "pk"):
        if signing.counts_as == SigningCounts.CAPITAL_INCREASE:
            amount = signing.committed_amount
        elif signing.counts_as == SigningCounts.NEW and not counted_new:
            amount, counted_new = signing.committed_amount, True
        else:
            amount = Decimal(0)
        if signing.counted_amount != amount:
            signing.counted_amount = amount
            changed.append(signing)
    Signing.objects.bulk_update(changed, ["counted_amount"])


@transaction.atomic
def signing_save(*, signing: Signing, actor) -> Signing:
    ensure_can_change_record(actor, signing)
    _save(signing)
    signings_recount(signing.project_id)
    signing.refresh_from_db(fields=["counted_amount"])
    return signing


@transaction.atomic
def milestone_save(*, milestone: Milestone, actor) -> Milestone:
    """Save a milestone; once it is done, the partners who can see the project hear of it."""
    from partners.models import WebhookEvent
    from partners.webhooks import emit

    ensure_can_change_record(actor, milestone)
    was_done = Milestone.objects.filter(pk=milestone.pk, actual_date__isnull=False).exists()
    _save(milestone)
    if milestone.actual_date and not was_done:
        emit(WebhookEvent.MILESTONE_DONE, project=milestone.project,
             data={"milestone": milestone.kind, "actual_date": milestone.actual_date.isoformat()})  # fmt: skip
    return milestone


def _touch_project(project_id: int | None) -> None:
    """An interaction resets the project's idle clock: last activity = the latest interaction."""
    if project_id is None:
        return
    latest = Interaction.objects.filter(project_id=project_id).aggregate(latest=Max("occurred_at"))["latest"]
    InvestmentProject.objects.filter(pk=project_id).update(last_activity_at=latest)


@transaction.atomic
def interaction_save(*, interaction: Interaction, actor) -> Interaction:
    ensure_can_change_record(actor, interaction)
    if interaction.project_id and not interaction.company_id:
        interaction.company_id = interaction.project.company_id
    _save(interaction)
    _touch_project(interaction.project_id)
    return interaction


@transaction.atomic
def follow_up_save(*, follow_up: FollowUp, actor) -> FollowUp:
    """Save a follow-up; whoever it is newly given to by someone else hears of it at once."""
    from reminders.services import remind_assignment
    from reminders.tasks import remind_follow_up

    ensure_can_change_record(actor, follow_up)
    if follow_up.pk is None and follow_up.created_by_id is None and actor is not None:
        follow_up.created_by = actor
    if follow_up.state == FollowUpState.OPEN:
        follow_up.completed_at = None
    elif follow_up.completed_at is None:
        follow_up.completed_at = timezone.now()
    before = FollowUp.objects.filter(pk=follow_up.pk).values("assignee_id", "due_on", "project_id").first() or {}
    _save(follow_up)
    refresh_next_follow_up({follow_up.project_id, before.get("project_id")} - {None})
    if follow_up.state != FollowUpState.OPEN:
        return follow_up
    if before.get("assignee_id") != follow_up.assignee_id:
        remind_assignment(follow_up=follow_up, actor=actor)
    newly_due = before.get("assignee_id") != follow_up.assignee_id or before.get("due_on") != follow_up.due_on
    if newly_due and follow_up.due_on <= timezone.localdate():
        transaction.on_commit(lambda: remind_follow_up.delay(follow_up.pk))
    return follow_up


def refresh_next_follow_up(project_ids) -> None:
    """Store each project's next open follow-up date (due date, or snoozed-until date).

    Set-based, so that it costs the same few statements for one project or a bulk load's
    thousands: one grouped read, then one UPDATE per distinct date."""
    from projects.selectors import open_follow_ups

    ids = list(project_ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        upcoming = dict(
            open_follow_ups()
            .filter(project_id__in=chunk)
            .values("project_id")
            .annotate(first=Min("effective_on"))
            .values_list("project_id", "first")
            .order_by()
        )
        by_date = defaultdict(list)
        for pk in chunk:
            by_date[upcoming.get(pk)].append(pk)
        for day, pks in by_date.items():
            InvestmentProject.objects.filter(pk__in=pks).update(next_follow_up_on=day)


def follow_up_create(*, project: InvestmentProject, title: str, assignee, due_on: date, actor, notes: str = ""):
    follow_up = FollowUp(project=project, title=title, assignee=assignee, due_on=due_on, notes=notes)
    return follow_up_save(follow_up=follow_up, actor=actor)


def follow_up_complete(*, follow_up: FollowUp, actor) -> FollowUp:
    follow_up.state = FollowUpState.DONE
    return follow_up_save(follow_up=follow_up, actor=actor)


def follow_up_cancel(*, follow_up: FollowUp, actor) -> FollowUp:
    follow_up.state = FollowUpState.CANCELLED
    return follow_up_save(follow_up=follow_up, actor=actor)


def follow_up_snooze(*, follow_up: FollowUp, until: date, reason: str, actor) -> FollowUp:
    if until <= timezone.localdate():
        raise ValidationError({"snoozed_until": _("Snooze until a day still to come.")})
    if not reason.strip():
        raise ValidationError({"snooze_reason": _("Say why the follow-up can wait.")})
    follow_up.snoozed_until, follow_up.snooze_reason = until, reason.strip()
    return follow_up_save(follow_up=follow_up, actor=actor)


def follow_up_reschedule(*, follow_up: FollowUp, due_on: date, actor) -> FollowUp:
    """Give a follow-up a new due date (today or later); a snooze it had is over."""
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("Choose today or a day still to come.")})
    follow_up.due_on, follow_up.snoozed_until, follow_up.snooze_reason = due_on, None, ""
    return follow_up_save(follow_up=follow_up, actor=actor)


@transaction.atomic
def evaluation_schedule(
    *, project: InvestmentProject, scheduled_at, actor, evaluators=(), sites_shown: str = ""
) -> OnSiteEvaluation:
    """Invite a project's team for an on-site evaluation, with the staff who will score it."""
    evaluation = OnSiteEvaluation(project=project, scheduled_at=scheduled_at, sites_shown=sites_shown)
    evaluation_save(evaluation=evaluation, actor=actor)
    evaluation.evaluators.set(evaluators)
    return evaluation

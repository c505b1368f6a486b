"""What is due: the candidates of each reminder kind for one morning, one query per kind.

A candidate names its recipient, the object it is about and the period it covers; the period
makes the key that keeps a reminder from being sent twice.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from projects.choices import EvaluationStatus, FollowUpState, Status
from projects.models import FollowUp, InvestmentProject, Milestone, OnSiteEvaluation
from projects.selectors import idle_filter, idle_thresholds
from reminders.calendar import WorkingDays
from reminders.models import ReminderKind


@dataclass
class Candidate:
    kind: str
    recipient_id: int
    subject: str  # the object: "followup:12", "project:3", …
    period: str
    project_id: int | None
    context: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject}:{self.recipient_id}:{self.period}"


def previous_working_day(day: date, days: WorkingDays) -> date:
    """The last working day before `day` (never more than a month back)."""
    for back in range(1, 32):
        candidate = day - timedelta(days=back)
        if days.is_working_day(candidate):
            return candidate
    return day - timedelta(days=1)


def project_context(project: InvestmentProject) -> dict:
    return {
        "project_id": project.pk,
        "project_code": project.code,
        "project_title": project.title,
        "company_zh": project.company.name_zh,
        "company_en": project.company.name_en,
    }


def _not_snoozed(today: date) -> Q:
    return Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today)


def follow_up_candidates(today: date, days: WorkingDays, *, only: list[int] | None = None) -> list[Candidate]:
    """Due today (including days off since the last working day) and overdue, with escalation."""
    since = previous_working_day(today, days)
    scope = FollowUp.objects.filter(pk__in=only) if only is not None else FollowUp.objects.all()
    follow_ups = (
        scope.filter(state=FollowUpState.OPEN, due_on__lte=today, project__status=Status.ACTIVE)
        .filter(_not_snoozed(today))
        .select_related("project__company", "project__owner", "assignee")
        .order_by("due_on", "pk")
    )
    escalate_after = settings.REMINDER_ESCALATION_WORKING_DAYS
    candidates = []
    for follow_up in follow_ups:
        context = {
            **project_context(follow_up.project),
            "follow_up": follow_up.title,
            "due_on": follow_up.due_on.isoformat(),
            "assignee": str(follow_up.assignee),
        }
        subject = f"followup:{follow_up.pk}"
        if follow_up.due_on > since:
            candidates.append(Candidate(ReminderKind.DUE_TODAY, follow_up.assignee_id, subject,
                                        follow_up.due_on.isoformat(), follow_up.project_id, context))  # fmt: skip
            continue
        # A snooze moves the day lateness is counted from: the manager hears later too.
        late = days.working_days_between(max(follow_up.due_on, follow_up.snoozed_until or follow_up.due_on), today)
        context["working_days_late"] = late
        candidates.append(Candidate(ReminderKind.OVERDUE, follow_up.assignee_id, subject, today.isoformat(),
                                    follow_up.project_id, context))  # fmt: skip
        manager_id = follow_up.project.owner.manager_id
        if late >= escalate_after and manager_id and manager_id != follow_up.assignee_id:
            candidates.append(Candidate(ReminderKind.ESCALATION, manager_id, subject, today.isoformat(),
                                        follow_up.project_id, context))  # fmt: skip
    return candidates


def idle_candidates(at: datetime) -> list[Candidate]:
    """Active projects with no interaction for longer than their stage allows, not snoozed."""
    today = timezone.localdate(at)
    thresholds = idle_thresholds()
    if not thresholds:
        return []
    projects = (
        InvestmentProject.objects.filter(idle_filter(at, thresholds), status=Status.ACTIVE)
        .select_related("company")
        .order_by("pk")
    )
    week = "{}-W{:02d}".format(*today.isocalendar()[:2])
    return [
        Candidate(
            ReminderKind.IDLE,
            project.owner_id,
            f"project:{project.pk}",
            week,
            project.pk,
            {
                **project_context(project),
                "stage": project.stage,
                "idle_days": (at - project.last_activity_at).days,
                "limit": thresholds[project.stage],
            },
        )
        for project in projects
    ]


def evaluation_candidates(today: date, days: WorkingDays) -> list[Candidate]:
    """Evaluations on the next working day (and any day off before it): evaluators and owner."""
    until = days.next_working_day(today + timedelta(days=1))
    tz = timezone.get_current_timezone()
    start = datetime.combine(today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    end = datetime.combine(until + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    evaluations = (
        OnSiteEvaluation.objects.filter(status=EvaluationStatus.SCHEDULED, scheduled_at__gte=start,
                                        scheduled_at__lt=end, project__status=Status.ACTIVE)
        .select_related("project__company")
        .prefetch_related("evaluators")
        .order_by("scheduled_at", "pk")
    )  # fmt: skip
    candidates = []
    for evaluation in evaluations:
        recipients = {user.pk for user in evaluation.evaluators.all()} | {evaluation.project.owner_id}
        context = {
            **project_context(evaluation.project),
            "evaluation_id": evaluation.pk,
            "scheduled_at": evaluation.scheduled_at.isoformat(),
            "sites_shown": evaluation.sites_shown,
        }
        candidates += [
            Candidate(
                ReminderKind.EVALUATION_TOMORROW,
                recipient,
                f"evaluation:{evaluation.pk}",
                f"{evaluation.scheduled_at:%Y-%m-%dT%H:%M}",
                evaluation.project_id,
                context,
            )
            for recipient in sorted(recipients)
        ]
    return candidates


def milestone_candidates(today: date) -> list[Candidate]:
    """Milestones due within the coming days, and those whose planned date passed undone."""
    soon = today + timedelta(days=settings.REMINDER_MILESTONE_DAYS)
    milestones = (
        Milestone.objects.filter(actual_date__isnull=True, planned_date__isnull=False, planned_date__lte=soon,
                                 project__status=Status.ACTIVE)
        .select_related("project__company")
        .order_by("planned_date", "pk")
    )  # fmt: skip
    candidates = []
    for milestone in milestones:
        kind = ReminderKind.MILESTONE_SLIPPED if milestone.planned_date < today else ReminderKind.MILESTONE_SOON
        context = {**project_context(milestone.project), "milestone": milestone.kind,
                   "planned_date": milestone.planned_date.isoformat()}  # fmt: skip
        candidates.append(Candidate(kind, milestone.project.owner_id, f"milestone:{milestone.pk}",
                                    milestone.planned_date.isoformat(), milestone.project_id, context))  # fmt: skip
    return candidates


def morning_candidates(at: datetime, days: WorkingDays) -> list[Candidate]:
    today = timezone.localdate(at)
    return [
        *follow_up_candidates(today, days),
        *idle_candidates(at),
        *evaluation_candidates(today, days),
        *milestone_candidates(today),
    ]

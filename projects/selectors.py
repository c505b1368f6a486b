"""Reads of projects: the gate facts, lists with their related rows, pipeline figures."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from projects.choices import EvaluationStatus, FollowUpState, MilestoneKind, Recommendation, Stage, Status
from projects.models import (
    FollowUp,
    InvestmentProject,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    Signing,
    StageChange,
)
from projects.stages import Requirement, missing_for_next_stage


def _milestone_done(*kinds: str) -> Exists:
    return Exists(Milestone.objects.filter(project_id=OuterRef("pk"), kind__in=kinds, actual_date__isnull=False))


def with_gate_facts(queryset: QuerySet[InvestmentProject]) -> QuerySet[InvestmentProject]:
    """Annotate what the stage gates look at, in the same query (no query per project)."""
    evaluations = OnSiteEvaluation.objects.filter(project_id=OuterRef("pk"))
    return queryset.annotate(
        has_presentation=Exists(Presentation.objects.filter(project_id=OuterRef("pk"))),
        has_evaluation=Exists(evaluations.exclude(status=EvaluationStatus.CANCELLED)),
        has_proceed_evaluation=Exists(
            evaluations.filter(status=EvaluationStatus.DONE, recommendation=Recommendation.PROCEED)
        ),
        has_signing=Exists(
            Signing.objects.filter(project_id=OuterRef("pk"), committed_amount__isnull=False, signed_on__isnull=False)
        ),
        has_landing_milestone=_milestone_done(MilestoneKind.REGISTERED, MilestoneKind.FACILITY_DELIVERED),
        has_operations_milestone=_milestone_done(MilestoneKind.OPERATIONS_STARTED),
    )


def project_missing_for_next_stage(project: InvestmentProject) -> list[Requirement]:
    """What the project still lacks for its next stage (empty at the last stage)."""
    annotated = with_gate_facts(InvestmentProject.objects.filter(pk=project.pk)).get()
    return missing_for_next_stage(annotated)


def project_list() -> QuerySet[InvestmentProject]:
    return InvestmentProject.objects.select_related("company", "owner", "source_event")


def pipeline_summary(queryset: QuerySet[InvestmentProject] | None = None) -> list[dict]:
    """Active projects per stage: count, planned CNY, weighted CNY (likelihood applied). One query."""
    queryset = InvestmentProject.objects.all() if queryset is None else queryset
    zero = Value(Decimal(0), output_field=DecimalField(max_digits=18, decimal_places=2))
    weighted = ExpressionWrapper(
        Coalesce(F("planned_investment"), zero) * F("likelihood") / Value(100),
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )
    rows = {
        row["stage"]: row
        for row in queryset.filter(status=Status.ACTIVE)
        .values("stage")
        .annotate(count=Count("pk"), total=Sum("planned_investment"), weighted=Sum(weighted))
        .order_by()
    }
    return [
        {
            "stage": stage,
            "count": rows.get(stage, {}).get("count", 0),
            "total": rows.get(stage, {}).get("total") or Decimal(0),
            "weighted": (rows.get(stage, {}).get("weighted") or Decimal(0)).quantize(Decimal("0.01")),
        }
        for stage in Stage
    ]


def follow_up_effective_date():
    """The day a follow-up is really due: its due date, or the day it is snoozed until."""
    return Greatest(F("due_on"), Coalesce(F("snoozed_until"), F("due_on")))


def open_follow_ups() -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(state=FollowUpState.OPEN).annotate(effective_on=follow_up_effective_date())


def follow_up_state(due: date | None, today: date) -> str:
    """How a project's next follow-up looks on the board: overdue, today, later, or none planned."""
    if due is None:
        return "none"
    if due < today:
        return "overdue"
    return "today" if due == today else "later"


# Most urgent first: overdue, due today, nothing planned (someone must plan), then by date.
FOLLOW_UP_URGENCY = {"overdue": 0, "today": 1, "none": 2, "later": 3}


def idle_thresholds() -> dict[str, int]:
    from reminders.models import IdleThreshold

    return dict(IdleThreshold.objects.values_list("stage", "days"))


def idle_filter(now: datetime, thresholds: dict[str, int]) -> Q:
    """Projects quiet for longer than their stage allows and not snoozed (status is checked apart).
    The idle reminder and the pages use this one rule."""
    if not thresholds:
        return Q(pk__in=[])
    quiet = Q()
    for stage, limit in thresholds.items():
        quiet |= Q(stage=stage, last_activity_at__lt=now - timedelta(days=limit))
    today = timezone.localdate(now)
    return quiet & (Q(idle_snoozed_until__isnull=True) | Q(idle_snoozed_until__lte=today))


def is_idle(project: InvestmentProject, thresholds: dict[str, int], now: datetime) -> bool:
    """The same rule for one project already loaded (the board's cards)."""
    limit = thresholds.get(project.stage)
    if limit is None or project.last_activity_at is None or project.status != Status.ACTIVE:
        return False
    if project.idle_snoozed_until and project.idle_snoozed_until > timezone.localdate(now):
        return False
    return project.last_activity_at < now - timedelta(days=limit)


def year_progress(year: int) -> dict:
    """Signed and landed CNY in a year against its target.

    Signed: the counted amounts of signings dated in the year (counting rules in DOMAIN.md).
    Landed: the counted signed amounts of the projects that first reached "landed" in the year.
    """
    from projects.models import AnnualTarget

    signed = Signing.objects.filter(signed_on__year=year).aggregate(total=Sum("counted_amount"))["total"]
    first_landed = (
        StageChange.objects.filter(to_stage=Stage.LANDED)
        .values("project_id")
        .annotate(first=Min("changed_at"))
        .filter(first__year=year)
        .values("project_id")
    )
    landed = Signing.objects.filter(project_id__in=first_landed).aggregate(total=Sum("counted_amount"))["total"]
    target = AnnualTarget.objects.filter(year=year).first()
    return {
        "year": year,
        "signed": signed or Decimal(0),
        "landed": landed or Decimal(0),
        "signed_target": target.signed_cny if target else None,
        "landed_target": target.landed_cny if target else None,
    }


def project_search(queryset: QuerySet[InvestmentProject], text: str) -> QuerySet[InvestmentProject]:
    """Projects by code, title, or their company's name or credit code. The company part is a
    subquery, not a join, so that each part can use its own (trigram) index."""
    from companies.selectors import company_search

    text = text.strip()
    companies = company_search(text).values("pk")
    return queryset.filter(Q(code__icontains=text) | Q(title__icontains=text) | Q(company_id__in=companies))

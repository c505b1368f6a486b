"""Reads of projects: the gate facts, lists with their related rows, pipeline figures."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, ExpressionWrapper, F, OuterRef, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from projects.choices import EvaluationStatus, MilestoneKind, Recommendation, Stage, Status
from projects.models import InvestmentProject, Milestone, OnSiteEvaluation, Presentation, Signing
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

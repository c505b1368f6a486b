"""The figures leadership compares. Each report is a handful of grouped queries: the number of
queries does not grow with the number of projects.

Definitions (also shown on the report pages):
- A project *reached* a stage when its stage log shows it entered that stage or a later one; a
  lost project keeps what it reached, so funnels stay honest. The stage service keeps the furthest
  stage and the first landing on the project, so these reports read no stage log at all.
- *Signed* CNY counts signings by the rules in DOMAIN.md (`Signing.counted_amount`), by signing date.
- *Landed* CNY is the counted signed amount of the projects that first reached "landed" (or a
  later stage) in the period, at the date they first did.
- Time in a stage is measured on stays that ended in the period (entered, then left by any move).
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear, TruncDate
from django.utils import timezone

from accounts.roles import Role
from partners.models import PartnerPlatform
from projects.choices import FollowUpState, Stage, Status
from projects.models import FollowUp, InvestmentProject, RoadshowEvent, Signing, StageChange
from projects.selectors import follow_up_effective_date, idle_filter, idle_thresholds, year_progress

STAGES = list(Stage)
RANK = {stage: index for index, stage in enumerate(STAGES)}
ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=20, decimal_places=2))


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    def bounds(self) -> tuple[datetime, datetime]:
        tz = timezone.get_current_timezone()
        return datetime.combine(self.start, time.min, tzinfo=tz), datetime.combine(
            self.end + timedelta(days=1), time.min, tzinfo=tz
        )


def with_reach(queryset: QuerySet[InvestmentProject]) -> QuerySet[InvestmentProject]:
    """`reached`: the rank of the furthest stage the project ever entered (kept by the stage service)."""
    return queryset.annotate(reached=F("furthest_stage_rank"))


def _signed_total():
    return Coalesce(
        Subquery(
            Signing.objects.filter(project_id=OuterRef("pk"))
            .values("project_id")
            .annotate(total=Sum("counted_amount"))
            .values("total")[:1]
        ),
        ZERO,
    )


# --- Funnel ---------------------------------------------------------------------------------


def funnel(cohort: QuerySet[InvestmentProject]) -> dict:
    """Projects of the cohort that reached each stage, and the conversion to the next stage."""
    counts_at = {
        row["reached"]: row["n"] for row in with_reach(cohort).values("reached").annotate(n=Count("pk")).order_by()
    }
    reached, running = {}, 0
    for stage in reversed(STAGES):
        running += counts_at.get(RANK[stage], 0)
        reached[stage] = running
    rows = []
    for index, stage in enumerate(STAGES):
        following = STAGES[index + 1] if index + 1 < len(STAGES) else None
        rows.append(
            {
                "stage": stage,
                "reached": reached[stage],
                "next": following,
                "conversion": _percent(reached[following], reached[stage]) if following else None,
            }
        )
    return {
        "rows": rows,
        "signed_to_operating": _percent(reached[Stage.OPERATING], reached[Stage.SIGNED]),
        "total": reached[Stage.LEAD],
    }


def cohort_projects(*, year: int | None = None, source_event: int | None = None) -> QuerySet[InvestmentProject]:
    projects = InvestmentProject.objects.all()
    if year:
        start, end = Period.year(year).bounds()
        projects = projects.filter(created_at__gte=start, created_at__lt=end)
    if source_event:
        projects = projects.filter(source_event_id=source_event)
    return projects


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


# --- Velocity -------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    """Linear interpolation between closest ranks (PostgreSQL's percentile_cont)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def velocity(period: Period) -> dict:
    """Median and 80th percentile days in each stage (stays that ended in the period), and days
    from first contact to the first signing (projects first signed in the period)."""
    start, end = period.bounds()
    # Each stage change records when the stay it ends began: one index range read, no log replay.
    stays = (
        StageChange.objects.filter(changed_at__gte=start, changed_at__lt=end, stay_began_at__isnull=False)
        .exclude(from_stage="")
        .values_list("from_stage", "stay_began_at", "changed_at")
    )
    days: dict[str, list[float]] = {stage.value: [] for stage in STAGES}
    for stage, entered, left in stays:
        days[stage].append((left - entered).total_seconds() / 86400)
    rows = [
        {
            "stage": stage,
            "stays": len(days[stage]),
            "median": _round(statistics.median(days[stage])) if days[stage] else None,
            "p80": _round(percentile(days[stage], 0.8)),
        }
        for stage in STAGES
    ]
    first_signed = dict(
        Signing.objects.values("project_id")
        .annotate(first=Min("signed_on"))
        .filter(first__gte=period.start, first__lte=period.end)
        .values_list("project_id", "first")
        .order_by()
    )
    created = InvestmentProject.objects.filter(pk__in=list(first_signed)).values_list("pk", "created_at")
    to_signing = [(first_signed[pk] - timezone.localdate(created_at)).days for pk, created_at in created]
    return {
        "rows": rows,
        "to_signing": {
            "projects": len(to_signing),
            "median": _round(statistics.median(to_signing)) if to_signing else None,
            "p80": _round(percentile(to_signing, 0.8)),
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --- Money ----------------------------------------------------------------------------------


def money(year: int) -> dict:
    """Planned, signed and landed CNY by sector and by quarter; the weighted forecast by expected
    signing quarter; this year against the annual targets."""
    from companies.choices import Sector

    period = Period.year(year)
    start, end = period.bounds()
    signings = Signing.objects.filter(signed_on__gte=period.start, signed_on__lte=period.end)
    landed = InvestmentProject.objects.filter(landed_at__gte=start, landed_at__lt=end)
    planned_by_sector = dict(
        InvestmentProject.objects.filter(status=Status.ACTIVE)
        .values_list("sector")
        .annotate(total=Sum("planned_investment"))
        .order_by()
    )
    signed_by_sector = dict(signings.values_list("project__sector").annotate(total=Sum("counted_amount")).order_by())
    landed_by_sector = dict(landed.values_list("sector").annotate(total=Sum(_signed_total())).order_by())
    sectors = [
        {
            "sector": value,
            "label": label,
            "planned": planned_by_sector.get(value) or Decimal(0),
            "signed": signed_by_sector.get(value) or Decimal(0),
            "landed": landed_by_sector.get(value) or Decimal(0),
        }
        for value, label in Sector.choices
    ]
    signed_by_quarter = dict(
        signings.annotate(quarter=ExtractQuarter("signed_on"))
        .values_list("quarter")
        .annotate(total=Sum("counted_amount"))
        .order_by()
    )
    landed_by_quarter = dict(
        landed.annotate(quarter=ExtractQuarter("landed_at"))
        .values_list("quarter")
        .annotate(total=Sum(_signed_total()))
        .order_by()
    )
    quarters = [
        {
            "quarter": quarter,
            "signed": signed_by_quarter.get(quarter) or Decimal(0),
            "landed": landed_by_quarter.get(quarter) or Decimal(0),
        }
        for quarter in (1, 2, 3, 4)
    ]
    by_year = dict(
        Signing.objects.filter(signed_on__year__gte=year - 4, signed_on__year__lte=year)
        .annotate(year=ExtractYear("signed_on"))
        .values_list("year")
        .annotate(total=Sum("counted_amount"))
        .order_by()
    )
    years = [{"year": y, "signed": by_year.get(y) or Decimal(0)} for y in range(year - 4, year + 1)]
    return {
        "year": year,
        "sectors": [row for row in sectors if row["planned"] or row["signed"] or row["landed"]],
        "quarters": quarters,
        "years": years,
        "forecast": forecast(),
        "progress": year_progress(year),
    }


def forecast() -> list[dict]:
    """Active projects not yet signed: planned CNY × likelihood, by expected signing quarter."""
    weighted = ExpressionWrapper(
        Coalesce(F("planned_investment"), ZERO) * F("likelihood") / Value(100),
        output_field=DecimalField(max_digits=20, decimal_places=2),
    )
    rows = (
        InvestmentProject.objects.filter(
            status=Status.ACTIVE, stage__in=[s for s in STAGES if RANK[s] < RANK[Stage.SIGNED]]
        )
        .annotate(year=ExtractYear("expected_signing_date"), quarter=ExtractQuarter("expected_signing_date"))
        .values("year", "quarter")
        .annotate(projects=Count("pk"), planned=Sum("planned_investment"), weighted=Sum(weighted))
        .order_by(F("year").asc(nulls_last=True), "quarter")
    )
    return [
        {
            "year": row["year"],
            "quarter": row["quarter"],
            "projects": row["projects"],
            "planned": row["planned"] or Decimal(0),
            "weighted": (row["weighted"] or Decimal(0)).quantize(Decimal("0.01")),
        }
        for row in rows
    ]


# --- Sources --------------------------------------------------------------------------------


def _source_figures(queryset):
    projects = with_reach(queryset).annotate(signed_total=_signed_total())
    return projects.annotate(
        landed_amount=Case(When(reached__gte=RANK[Stage.LANDED], then=F("signed_total")), default=ZERO)
    )


def _aggregate(rows):
    return rows.annotate(
        projects=Count("pk"),
        evaluated=Count("pk", filter=Q(reached__gte=RANK[Stage.EVALUATION])),
        signed=Count("pk", filter=Q(reached__gte=RANK[Stage.SIGNED])),
        landed_cny=Sum("landed_amount"),
    ).order_by()


def sources(period: Period) -> dict:
    """Which events, partner platforms and kinds of source brought projects created in the period
    to evaluations, signings and landed CNY."""
    start, end = period.bounds()
    created = InvestmentProject.objects.filter(created_at__gte=start, created_at__lt=end)
    by_event = {
        row["source_event"]: row
        for row in _aggregate(_source_figures(created.filter(source_event__isnull=False)).values("source_event"))
    }
    events = RoadshowEvent.objects.filter(pk__in=list(by_event)).order_by("-date")
    partners = {partner.organization_id: partner for partner in PartnerPlatform.objects.exclude(organization=None)}
    by_partner = {
        row["referrer"]: row
        for row in _aggregate(_source_figures(created.filter(referrer_id__in=list(partners))).values("referrer"))
    }
    by_kind = {row["source"]: row for row in _aggregate(_source_figures(created).values("source"))}
    from projects.choices import Source

    return {
        "events": [{"event": event, **_figures(by_event[event.pk])} for event in events],
        "partners": [{"partner": partners[org], **_figures(row)} for org, row in by_partner.items() if org in partners],
        "kinds": [{"source": Source(kind), **_figures(row)} for kind, row in sorted(by_kind.items())],
    }


def _figures(row: dict) -> dict:
    return {
        key: row[key] or (Decimal(0) if key == "landed_cny" else 0)
        for key in ("projects", "evaluated", "signed", "landed_cny")
    }


# --- People ---------------------------------------------------------------------------------


def people(period: Period) -> list[dict]:
    """Per staff member: follow-ups due in the period done on time, done late, still open and
    overdue; and the idle projects they own now."""
    today = timezone.localdate()
    follow_ups = (
        FollowUp.objects.filter(due_on__gte=period.start, due_on__lte=period.end)
        .annotate(done_on=TruncDate("completed_at"), effective_on=follow_up_effective_date())
        .values("assignee")
        .annotate(
            on_time=Count("pk", filter=Q(state=FollowUpState.DONE, done_on__lte=F("due_on"))),
            late=Count("pk", filter=Q(state=FollowUpState.DONE, done_on__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(state=FollowUpState.OPEN, effective_on__lt=today)),
        )
        .order_by()
    )
    by_person = {row["assignee"]: row for row in follow_ups}
    idle = dict(
        InvestmentProject.objects.filter(idle_filter(timezone.now(), idle_thresholds()), status=Status.ACTIVE)
        .values_list("owner")
        .annotate(n=Count("pk"))
        .order_by()
    )
    staff = (
        get_user_model()
        .objects.filter(Q(groups__name__in=[Role.STAFF.value, Role.MANAGER.value]) | Q(pk__in=list(by_person)))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    rows = []
    for person in staff:
        row = by_person.get(person.pk, {})
        rows.append(
            {
                "person": person,
                "on_time": row.get("on_time", 0),
                "late": row.get("late", 0),
                "overdue": row.get("overdue", 0),
                "idle": idle.get(person.pk, 0),
            }
        )
    return rows

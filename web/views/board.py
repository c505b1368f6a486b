"""The pipeline board: a column per stage, cards ordered by how urgent their next follow-up is."""

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.shortcuts import render
from django.utils import timezone

from companies.choices import Sector
from projects.choices import Stage, Status
from projects.models import InvestmentProject, RoadshowEvent
from projects.permissions import changeable_projects
from projects.selectors import follow_up_state, idle_thresholds, is_idle, project_list
from web.access import staff_page

CARDS_PER_COLUMN = 40


def board_filters(request) -> tuple[dict, Q]:
    """The board's filters from the query string, and the matching condition; bad values are ignored."""
    values = {key: request.GET.get(key, "") for key in ("owner", "sector", "source_event", "status")}
    condition = Q(status=values["status"] or Status.ACTIVE)
    if values["status"] not in Status.values:
        values["status"] = Status.ACTIVE
        condition = Q(status=Status.ACTIVE)
    if values["owner"].isdigit():
        condition &= Q(owner_id=int(values["owner"]))
    if values["sector"] in Sector.values:
        condition &= Q(sector=values["sector"])
    if values["source_event"].isdigit():
        condition &= Q(source_event_id=int(values["source_event"]))
    return values, condition


def _urgency(today):
    return Case(
        When(next_follow_up_on__isnull=True, then=Value(2)),
        When(next_follow_up_on__lt=today, then=Value(0)),
        When(next_follow_up_on=today, then=Value(1)),
        default=Value(3),
        output_field=IntegerField(),
    )


def board_columns(user, condition: Q) -> list[dict]:
    """One query for the totals, one per stage for its cards, one for what the user may move."""
    now = timezone.now()
    today = timezone.localdate(now)
    matching = InvestmentProject.objects.filter(condition)
    totals = {
        row["stage"]: row
        for row in matching.values("stage").annotate(count=Count("pk"), total=Sum("planned_investment")).order_by()
    }
    thresholds = idle_thresholds()
    columns, shown = [], []
    for stage in Stage:
        cards = list(
            project_list()
            .filter(condition, stage=stage)
            .annotate(urgency=_urgency(today))
            .order_by("urgency", "next_follow_up_on", "pk")[:CARDS_PER_COLUMN]
        )
        for card in cards:
            card.follow_up_state = follow_up_state(card.next_follow_up_on, today)
            card.idle = is_idle(card, thresholds, now)
        shown += cards
        row = totals.get(stage, {})
        columns.append({"stage": stage, "cards": cards, "count": row.get("count", 0), "total": row.get("total")})
    movable = set(
        changeable_projects(user, InvestmentProject.objects.filter(pk__in=[card.pk for card in shown])).values_list(
            "pk", flat=True
        )
    )
    for card in shown:
        card.movable = card.pk in movable
    return columns


@staff_page
def board(request):
    values, condition = board_filters(request)
    context = {
        "columns": board_columns(request.user, condition),
        "filters": values,
        "stages": list(Stage),
        "statuses": Status.choices,
        "sectors": Sector.choices,
        "owners": get_user_model()
        .objects.filter(is_active=True, owned_projects__isnull=False)
        .distinct()
        .order_by("last_name", "first_name"),
        "events": RoadshowEvent.objects.order_by("-date")[:100],
        "per_column": CARDS_PER_COLUMN,
    }
    template = "web/partials/board_columns.html" if request.htmx else "web/board.html"
    return render(request, template, context)

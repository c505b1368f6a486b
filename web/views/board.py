"""The pipeline board: a column per stage, cards ordered by how urgent their next follow-up is."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.shortcuts import render
from django.utils import timezone

from companies.choices import Sector
from projects.choices import Stage, Status
from projects.models import InvestmentProject, RoadshowEvent
from projects.permissions import changeable_projects
from projects.selectors import follow_up_state, idle_thresholds, is_idle, project_list
from web.access import staff_page

CARDS_PER_COLUMN = 40


def as_id(text: str) -> int | None:
    """A database id typed into an address, or None (databases refuse ids past 2**63)."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 2**63 else None


def board_filters(request) -> tuple[dict, Q]:
    """The board's filters from the query string, and the matching condition; bad values are ignored."""
    values = {key: request.GET.get(key, "") for key in ("owner", "sector", "source_event", "status")}
    condition = Q(status=values["status"] or Status.ACTIVE)
    if values["status"] not in Status.values:
        values["status"] = Status.ACTIVE
        condition = Q(status=Status.ACTIVE)
    if as_id(values["owner"]):
        condition &= Q(owner_id=as_id(values["owner"]))
    if values["sector"] in Sector.values:
        condition &= Q(sector=values["sector"])
    if as_id(values["source_event"]):
        condition &= Q(source_event_id=as_id(values["source_event"]))
    return values, condition


def column_cards(condition: Q, stage: Stage, today, limit: int) -> list:
    """A column's cards, most urgent first: overdue and today's (oldest first), then those with
    nothing planned, then later ones. Up to three index-ordered queries (stage, status, next
    follow-up date), so a column of 30,000 projects costs what one of 30 does."""
    base = project_list().filter(condition, stage=stage)
    cards = list(base.filter(next_follow_up_on__lte=today).order_by("next_follow_up_on", "pk")[:limit])
    if len(cards) < limit:
        cards += base.filter(next_follow_up_on__isnull=True).order_by("pk")[: limit - len(cards)]
    if len(cards) < limit:
        cards += base.filter(next_follow_up_on__gt=today).order_by("next_follow_up_on", "pk")[: limit - len(cards)]
    return cards


def board_columns(user, condition: Q) -> list[dict]:
    """One query for the totals, at most three per stage for its cards, one for what the user may move."""
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
        cards = column_cards(condition, stage, today, CARDS_PER_COLUMN)
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
        .objects.filter(Exists(InvestmentProject.objects.filter(owner_id=OuterRef("pk"))), is_active=True)
        .order_by("last_name", "first_name"),
        "events": RoadshowEvent.objects.order_by("-date")[:100],
        "per_column": CARDS_PER_COLUMN,
    }
    template = "web/partials/board_columns.html" if request.htmx else "web/board.html"
    return render(request, template, context)

"""The project list's filters: the API's, plus what the pages and the reports link to."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.api.filters import ProjectFilter
from projects.choices import FollowUpState, Stage, Status
from projects.models import FollowUp, Signing, StageChange
from projects.selectors import follow_up_effective_date, idle_filter, idle_thresholds, project_search

STAGES = list(Stage)
# Bounds checked before any query: databases refuse ids past 2**63 and years outside 1–9999.
ID = {"min_value": 1, "max_value": 2**63 - 1}
YEAR = {"min_value": 1900, "max_value": 2200}
QUARTER = {"min_value": 1, "max_value": 4}


class ProjectPageFilter(ProjectFilter):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    team = django_filters.NumberFilter(field_name="owner__team_id", **ID)
    referrer = django_filters.NumberFilter(field_name="referrer_id", **ID)
    created_year = django_filters.NumberFilter(field_name="created_at", lookup_expr="year", **YEAR)
    reached = django_filters.ChoiceFilter(choices=Stage.choices, method="filter_reached")
    signed_year = django_filters.NumberFilter(method="filter_signed", **YEAR)
    signed_quarter = django_filters.NumberFilter(method="filter_noop", **QUARTER)
    landed_year = django_filters.NumberFilter(method="filter_landed", **YEAR)
    landed_quarter = django_filters.NumberFilter(method="filter_noop", **QUARTER)
    idle = django_filters.BooleanFilter(method="filter_idle")
    left_stage = django_filters.ChoiceFilter(choices=Stage.choices, method="filter_left")
    left_year = django_filters.NumberFilter(method="filter_noop", **YEAR)
    follow_up_result = django_filters.ChoiceFilter(
        choices=[("on_time", "on_time"), ("late", "late"), ("overdue", "overdue")], method="filter_follow_ups"
    )
    follow_up_assignee = django_filters.NumberFilter(method="filter_noop", **ID)
    follow_up_year = django_filters.NumberFilter(method="filter_noop", **YEAR)

    def search(self, queryset, name, value):
        return project_search(queryset, value.replace("\x00", ""))

    def filter_reached(self, queryset, name, value):
        """Entered this stage or a later one at some time (the funnel's "reached")."""
        return queryset.filter(furthest_stage_rank__gte=STAGES.index(Stage(value)))

    def filter_signed(self, queryset, name, value):
        """Has a signing counted in that year (and quarter, when given)."""
        signings = Signing.objects.filter(project_id=OuterRef("pk"), signed_on__year=value, counted_amount__gt=0)
        quarter = self.form.cleaned_data.get("signed_quarter")
        if quarter:
            signings = signings.filter(signed_on__quarter=quarter)
        return queryset.filter(Exists(signings))

    def filter_landed(self, queryset, name, value):
        """First reached "landed" (or later) in that year (and quarter, when given)."""
        queryset = queryset.filter(landed_at__year=value)
        quarter = self.form.cleaned_data.get("landed_quarter")
        return queryset.filter(landed_at__quarter=quarter) if quarter else queryset

    def filter_noop(self, queryset, name, value):
        return queryset  # read by filter_signed / filter_landed

    def filter_idle(self, queryset, name, value):
        condition = idle_filter(timezone.now(), idle_thresholds()) & Q(status=Status.ACTIVE)
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_left(self, queryset, name, value):
        """Left this stage (in that year, when given): the stays the velocity report measures."""
        moves = StageChange.objects.filter(project_id=OuterRef("pk"), from_stage=value)
        year = self.form.cleaned_data.get("left_year")
        if year:
            moves = moves.filter(changed_at__year=year)
        return queryset.filter(Exists(moves))

    def filter_follow_ups(self, queryset, name, value):
        """Has follow-ups (of one person, due in one year, when given) done on time, late, or overdue now."""
        follow_ups = FollowUp.objects.filter(project_id=OuterRef("pk")).annotate(
            done_on=TruncDate("completed_at"), effective_on=follow_up_effective_date()
        )
        if self.form.cleaned_data.get("follow_up_assignee"):
            follow_ups = follow_ups.filter(assignee_id=self.form.cleaned_data["follow_up_assignee"])
        if self.form.cleaned_data.get("follow_up_year"):
            follow_ups = follow_ups.filter(due_on__year=self.form.cleaned_data["follow_up_year"])
        condition = {
            "on_time": Q(state=FollowUpState.DONE, done_on__lte=F("due_on")),
            "late": Q(state=FollowUpState.DONE, done_on__gt=F("due_on")),
            "overdue": Q(state=FollowUpState.OPEN, effective_on__lt=timezone.localdate()),
        }[value]
        return queryset.filter(Exists(follow_ups.filter(condition)))

import django_filters

from api.filters import SafeFilterSet, SinceFilter
from companies.choices import Sector
from projects.choices import ProjectType, Source, Stage, Status
from projects.models import InvestmentProject, StageChange


class ProjectFilter(SafeFilterSet):
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    status = django_filters.MultipleChoiceFilter(choices=Status.choices)
    sector = django_filters.MultipleChoiceFilter(choices=Sector.choices)
    project_type = django_filters.MultipleChoiceFilter(choices=ProjectType.choices)
    source = django_filters.ChoiceFilter(choices=Source.choices)
    planned_investment_min = django_filters.NumberFilter(field_name="planned_investment", lookup_expr="gte")
    planned_investment_max = django_filters.NumberFilter(field_name="planned_investment", lookup_expr="lte")
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")
    expected_signing_after = django_filters.DateFilter(field_name="expected_signing_date", lookup_expr="gte")
    expected_signing_before = django_filters.DateFilter(field_name="expected_signing_date", lookup_expr="lte")
    modified_since = SinceFilter("modified_at")

    class Meta:
        model = InvestmentProject
        fields = ["owner", "source_event", "company"]


class StageChangeFilter(SafeFilterSet):
    changed_since = SinceFilter("changed_at")

    class Meta:
        model = StageChange
        fields = ["project", "to_stage"]

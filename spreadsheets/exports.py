"""Any filtered list to .csv (streamed, any size) or .xlsx (built in the worker when large).

Projects and companies are written with the import's bilingual headers and values it reads back,
so an exported file can be corrected and imported again. Chinese text opens correctly in Excel
(.csv with a UTF-8 byte-order mark)."""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from api.filters import SafeFilterSet
from companies.choices import CompanyKind, Sector
from companies.models import Company
from projects.choices import FollowUpState, InteractionKind
from projects.models import FollowUp, Interaction
from projects.selectors import project_list
from reports.xlsx import is_formula_like
from spreadsheets.columns import COMPANY_COLUMNS, PROJECT_COLUMNS
from web.filters import ProjectPageFilter


def _header(columns, field: str, scale: int = 1) -> str:
    return next(c.header for c in columns if c.field == field and c.scale == scale)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _yes_no(value: bool) -> str:
    chinese = (translation.get_language() or "").startswith("zh")
    return ("是" if value else "否") if chinese else ("yes" if value else "no")


def _day(value) -> str:
    return value.isoformat() if value else ""


class CompanyExportFilter(SafeFilterSet):
    q = django_filters.CharFilter(method="search")
    sector = django_filters.MultipleChoiceFilter(choices=Sector.choices)
    kind = django_filters.MultipleChoiceFilter(choices=CompanyKind.choices)
    is_park_tenant = django_filters.BooleanFilter()

    class Meta:
        model = Company
        fields = ["city"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name_zh__icontains=value) | Q(name_en__icontains=value) | Q(credit_code=value))


class InteractionExportFilter(SafeFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=InteractionKind.choices)
    occurred_after = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_at", lookup_expr="date__lte")

    class Meta:
        model = Interaction
        fields = ["project", "company", "staff"]


class FollowUpExportFilter(SafeFilterSet):
    state = django_filters.MultipleChoiceFilter(choices=FollowUpState.choices)
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["project", "assignee"]


@dataclass(frozen=True)
class Export:
    label: object
    filterset: type
    queryset: Callable[[], QuerySet]
    columns: list[tuple[object, Callable]]

    def headers(self) -> list[str]:
        return [str(header) for header, _getter in self.columns]

    def rows(self, queryset: QuerySet) -> Iterable[list]:
        for obj in queryset.iterator(chunk_size=2000):
            yield [getter(obj) for _header, getter in self.columns]


P = PROJECT_COLUMNS
C = COMPANY_COLUMNS
EXPORTS = {
    "projects": Export(
        _("Projects"),
        ProjectPageFilter,
        lambda: project_list().order_by("code"),
        [
            (_header(P, "code"), lambda p: p.code),
            (_header(P, "company"), lambda p: p.company.name_zh or p.company.name_en),
            (_header(P, "credit_code"), lambda p: p.company.credit_code or ""),
            (_header(P, "title"), lambda p: p.title),
            (_header(P, "sector"), lambda p: p.get_sector_display()),
            (_header(P, "project_type"), lambda p: p.get_project_type_display()),
            (_header(P, "planned_investment"), lambda p: p.planned_investment),
            (_header(P, "registered_capital"), lambda p: p.registered_capital),
            (_header(P, "expected_jobs"), lambda p: p.expected_jobs),
            (_header(P, "source"), lambda p: p.get_source_display()),
            (_header(P, "source_event"), lambda p: p.source_event.name if p.source_event else ""),
            (_header(P, "owner"), lambda p: p.owner.username),
            (_header(P, "stage"), lambda p: p.get_stage_display()),
            (_header(P, "expected_signing_date"), lambda p: _day(p.expected_signing_date)),
            (_header(P, "expected_landing_date"), lambda p: _day(p.expected_landing_date)),
            (_("Status"), lambda p: p.get_status_display()),
            (_("Likelihood (%)"), lambda p: p.likelihood),
            (_("Next follow-up"), lambda p: _day(p.next_follow_up_on)),
            (_("Last activity"), lambda p: _when(p.last_activity_at)),
        ],
    ),
    "companies": Export(
        _("Companies"),
        CompanyExportFilter,
        lambda: Company.objects.order_by("pk"),
        [
            (_header(C, "name_zh"), lambda c: c.name_zh),
            (_header(C, "name_en"), lambda c: c.name_en),
            (_header(C, "credit_code"), lambda c: c.credit_code or ""),
            (_header(C, "kind"), lambda c: c.get_kind_display()),
            (_header(C, "sector"), lambda c: c.get_sector_display()),
            (_header(C, "ownership"), lambda c: c.get_ownership_display()),
            (_header(C, "country"), lambda c: c.country),
            (_header(C, "city"), lambda c: c.city),
            (_header(C, "website"), lambda c: c.website),
            (_header(C, "is_park_tenant"), lambda c: _yes_no(c.is_park_tenant)),
        ],
    ),
    "interactions": Export(
        _("Interactions"),
        InteractionExportFilter,
        lambda: Interaction.objects.select_related("company", "project", "staff").order_by("-occurred_at", "pk"),
        [
            (_("When"), lambda i: _when(i.occurred_at)),
            (_("Kind"), lambda i: i.get_kind_display()),
            (_("Company"), lambda i: str(i.company)),
            (_("Project"), lambda i: f"{i.project.code} {i.project.title}" if i.project else ""),
            (_("Staff member"), lambda i: str(i.staff)),
            (_("Summary"), lambda i: i.summary),
        ],
    ),
    "follow-ups": Export(
        _("Follow-ups"),
        FollowUpExportFilter,
        lambda: FollowUp.objects.select_related("project__company", "assignee").order_by("due_on", "pk"),
        [
            (_("Due on"), lambda f: _day(f.due_on)),
            (_("What"), lambda f: f.title),
            (_("Project"), lambda f: f"{f.project.code} {f.project.title}"),
            (_("Company"), lambda f: str(f.project.company)),
            (_("For whom"), lambda f: str(f.assignee)),
            (_("State"), lambda f: f.get_state_display()),
            (_("Snoozed until"), lambda f: _day(f.snoozed_until)),
            (_("Completed"), lambda f: _when(f.completed_at)),
        ],
    ),
}


class _Echo:
    def write(self, value):
        return value


def export_queryset(kind: str, query) -> tuple[QuerySet, object]:
    """The rows of an export with the page's/API's filters applied; bad filters give no rows."""
    export = EXPORTS[kind]
    filterset = export.filterset(query, queryset=export.queryset())
    return (filterset.qs if filterset.is_valid() else export.queryset().none()), filterset


def _csv_value(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe (the importer drops it)."""
    if value is None:
        return ""
    return f"'{value}" if is_formula_like(value) else value


def csv_chunks(kind: str, queryset: QuerySet) -> Iterable[str]:
    export, writer = EXPORTS[kind], csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export.headers())
    for row in export.rows(queryset):
        yield writer.writerow([_csv_value(value) for value in row])


def _text_cell(sheet, value: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # text, never a formula
    return cell


def xlsx_write(kind: str, queryset: QuerySet, target, progress: Callable[[int], None] | None = None) -> int:
    """Write the .xlsx to `target` (a path or a file), row by row (openpyxl's write-only mode)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    export = EXPORTS[kind]
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(export.label)[:31])
    bold = Font(bold=True)
    header = []
    for text in export.headers():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for count, row in enumerate(export.rows(queryset), start=1):
        sheet.append([_text_cell(sheet, value) if is_formula_like(value) else value for value in row])
        if progress and count % 1000 == 0:
            progress(count)
    book.save(target)
    return count

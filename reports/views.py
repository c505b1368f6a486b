"""The report pages: a chart beside every table, every figure a link to the projects behind it,
and each report as .xlsx (`?format=xlsx`)."""

from calendar import monthrange
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.choices import Stage
from projects.models import RoadshowEvent
from reports import selectors
from reports.charts import line_chart
from reports.xlsx import xlsx_response
from web.access import staff_page


class ReportForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False)
    source_event = forms.ModelChoiceField(
        label=gettext_lazy("Source event"), queryset=RoadshowEvent.objects.order_by("-date"), required=False
    )

    def year_or_this(self) -> int:
        return (self.cleaned_data.get("year") if self.is_valid() else None) or timezone.localdate().year


def projects_url(**filters) -> str:
    query = urlencode([(key, value) for key, value in filters.items() if value not in (None, "")], doseq=True)
    return f"{reverse('web:project_list')}?{query}"


def quarter_bounds(year: int, quarter: int) -> tuple[str, str]:
    """First and last day of a quarter, as ISO dates."""
    last_month = 3 * quarter
    return date(year, last_month - 2, 1).isoformat(), date(
        year, last_month, monthrange(year, last_month)[1]
    ).isoformat()


def _render(request, template: str, context: dict):
    return render(request, f"reports/{template}.html", {"reports_nav": NAV, "current": template, **context})


NAV = [
    ("funnel", gettext_lazy("Funnel")),
    ("velocity", gettext_lazy("Velocity")),
    ("money", gettext_lazy("Money")),
    ("sources", gettext_lazy("Sources")),
    ("people", gettext_lazy("People")),
]


@staff_page
def funnel(request):
    form = ReportForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    year = form.cleaned_data.get("year") if form.is_bound and valid else None
    event = form.cleaned_data.get("source_event") if form.is_bound and valid else None
    cohort = selectors.cohort_projects(year=year, source_event=event.pk if event else None)
    result = selectors.funnel(cohort)
    for row in result["rows"]:
        row["url"] = projects_url(
            reached=row["stage"].value, created_year=year, source_event=event.pk if event else None
        )
    if request.GET.get("format") == "xlsx":
        rows = [[row["stage"].label, row["reached"], row["conversion"]] for row in result["rows"]]
        rows.append([_("Signed → operating (投产转化率)"), None, result["signed_to_operating"]])
        headers = [_("Stage"), _("Projects that reached it"), _("Conversion to the next stage (%)")]
        return xlsx_response("funnel", [(_("Funnel"), headers, rows)])
    return _render(request, "funnel", {"form": form, "result": result, "year": year, "event": event})


@staff_page
def velocity(request):
    form = ReportForm(request.GET or None)
    year = form.year_or_this()
    result = selectors.velocity(selectors.Period.year(year))
    top = max([row["p80"] or 0 for row in result["rows"]] + [1])
    for row in result["rows"]:
        row["url"] = projects_url(left_stage=row["stage"].value, left_year=year)
    result["to_signing"]["url"] = projects_url(signed_year=year)
    if request.GET.get("format") == "xlsx":
        rows = [[row["stage"].label, row["stays"], row["median"], row["p80"]] for row in result["rows"]]
        signing = result["to_signing"]
        rows.append([_("First contact → signing"), signing["projects"], signing["median"], signing["p80"]])
        headers = [_("Stage"), _("Stays ended"), _("Median days"), _("80th percentile days")]
        return xlsx_response(f"velocity-{year}", [(_("Velocity"), headers, rows)])
    return _render(request, "velocity", {"form": form, "result": result, "year": year, "top": top})


@staff_page
def money(request):
    form = ReportForm(request.GET or None)
    year = form.year_or_this()
    result = selectors.money(year)
    for row in result["sectors"]:
        row["planned_url"] = projects_url(sector=row["sector"], status="active")
        row["signed_url"] = projects_url(sector=row["sector"], signed_year=year)
        row["landed_url"] = projects_url(sector=row["sector"], landed_year=year)
    for row in result["quarters"]:
        row["signed_url"] = projects_url(signed_year=year, signed_quarter=row["quarter"])
        row["landed_url"] = projects_url(landed_year=year, landed_quarter=row["quarter"])
    for row in result["forecast"]:
        early = [stage.value for stage in list(Stage)[:4]]
        if row["year"]:
            start, end = quarter_bounds(row["year"], row["quarter"])
            row["url"] = projects_url(
                stage=early, status="active", expected_signing_after=start, expected_signing_before=end
            )
        else:
            row["url"] = projects_url(stage=early, status="active")
    labels = [f"Q{row['quarter']}" for row in result["quarters"]]
    chart = line_chart(
        labels,
        [(_("Signed"), "#1f4fb8", [row["signed"] for row in result["quarters"]]),
         (_("Landed"), "#0b6e4f", [row["landed"] for row in result["quarters"]])],
        title=_("Signed and landed CNY by quarter, %(year)s") % {"year": year},
    )  # fmt: skip
    years_chart = line_chart(
        [str(row["year"]) for row in result["years"]],
        [(_("Signed"), "#1f4fb8", [row["signed"] for row in result["years"]])],
        title=_("Signed CNY by year"),
    )
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"money-{year}", _money_sheets(result))
    top = max([max(r["planned"], r["signed"], r["landed"]) for r in result["sectors"]] + [1])
    top_forecast = max([row["planned"] for row in result["forecast"]] + [1])
    context = {"form": form, "result": result, "year": year, "chart": chart, "years_chart": years_chart,
               "top": top, "top_forecast": top_forecast}  # fmt: skip
    return _render(request, "money", context)


def _money_sheets(result):
    sectors = [[row["label"], row["planned"], row["signed"], row["landed"]] for row in result["sectors"]]
    quarters = [[f"Q{row['quarter']}", row["signed"], row["landed"]] for row in result["quarters"]]
    years = [[row["year"], row["signed"]] for row in result["years"]]
    forecast = [
        [f"{row['year']} Q{row['quarter']}" if row["year"] else _("No expected date"), row["projects"],
         row["planned"], row["weighted"]]
        for row in result["forecast"]
    ]  # fmt: skip
    progress = result["progress"]
    targets = [
        [_("Signed"), progress["signed"], progress["signed_target"]],
        [_("Landed"), progress["landed"], progress["landed_target"]],
    ]
    cny = _("CNY")
    return [
        (_("By sector"), [_("Sector"), f"{_('Planned')} ({cny})", f"{_('Signed')} ({cny})", f"{_('Landed')} ({cny})"],
         sectors),
        (_("By quarter"), [_("Quarter"), f"{_('Signed')} ({cny})", f"{_('Landed')} ({cny})"], quarters),
        (_("By year"), [_("Year"), f"{_('Signed')} ({cny})"], years),
        (_("Forecast"), [_("Expected signing"), _("Projects"), f"{_('Planned')} ({cny})", f"{_('Weighted')} ({cny})"],
         forecast),
        (_("Targets"), ["", _("Actual"), _("Target")], targets),
    ]  # fmt: skip


@staff_page
def sources(request):
    form = ReportForm(request.GET or None)
    year = form.year_or_this()
    result = selectors.sources(selectors.Period.year(year))
    for row in result["events"]:
        row["url"] = projects_url(source_event=row["event"].pk, created_year=year)
        row["evaluated_url"] = projects_url(source_event=row["event"].pk, created_year=year, reached="evaluation")
        row["signed_url"] = projects_url(source_event=row["event"].pk, created_year=year, reached="signed")
        row["landed_url"] = projects_url(source_event=row["event"].pk, created_year=year, reached="landed")
    for row in result["partners"]:
        row["url"] = projects_url(referrer=row["partner"].organization_id, created_year=year)
        row["evaluated_url"] = projects_url(referrer=row["partner"].organization_id, created_year=year,
                                            reached="evaluation")  # fmt: skip
        row["signed_url"] = projects_url(referrer=row["partner"].organization_id, created_year=year, reached="signed")
        row["landed_url"] = projects_url(referrer=row["partner"].organization_id, created_year=year, reached="landed")
    for row in result["kinds"]:
        row["url"] = projects_url(source=row["source"].value, created_year=year)
        row["evaluated_url"] = projects_url(source=row["source"].value, created_year=year, reached="evaluation")
        row["signed_url"] = projects_url(source=row["source"].value, created_year=year, reached="signed")
        row["landed_url"] = projects_url(source=row["source"].value, created_year=year, reached="landed")
    if request.GET.get("format") == "xlsx":
        headers = [_("Source"), _("Projects"), _("Reached evaluation"), _("Signed"), _("Landed CNY")]

        def rows(items, name):
            return [[name(r), r["projects"], r["evaluated"], r["signed"], r["landed_cny"]] for r in items]

        return xlsx_response(f"sources-{year}", [
            (_("Events"), headers, rows(result["events"], lambda r: f"{r['event'].date} {r['event'].name}")),
            (_("Partner platforms"), headers, rows(result["partners"], lambda r: r["partner"].name)),
            (_("Kinds of source"), headers, rows(result["kinds"], lambda r: r["source"].label)),
        ])  # fmt: skip
    top = max([row["projects"] for row in result["kinds"]] + [1])
    return _render(request, "sources", {"form": form, "result": result, "year": year, "top": top})


@staff_page
def people(request):
    form = ReportForm(request.GET or None)
    year = form.year_or_this()
    rows = selectors.people(selectors.Period.year(year))
    for row in rows:
        row["url"] = projects_url(owner=row["person"].pk, status="active")
        row["idle_url"] = projects_url(owner=row["person"].pk, idle="true")
        for result in ("on_time", "late", "overdue"):
            row[f"{result}_url"] = projects_url(follow_up_result=result, follow_up_assignee=row["person"].pk,
                                                follow_up_year=year)  # fmt: skip
    if request.GET.get("format") == "xlsx":
        headers = [_("Staff member"), _("Done on time"), _("Done late"), _("Overdue now"), _("Idle projects")]
        data = [[str(r["person"]), r["on_time"], r["late"], r["overdue"], r["idle"]] for r in rows]
        return xlsx_response(f"people-{year}", [(_("People"), headers, data)])
    top = max([row["on_time"] + row["late"] + row["overdue"] for row in rows] + [1])
    return _render(request, "people", {"form": form, "rows": rows, "year": year, "top": top})

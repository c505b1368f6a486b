"""Each report against a small pipeline whose right answers are worked out by hand below.

2025, Asia/Shanghai, every step at 10:00:
- P1 (cell therapy, event E1, owner A): created 01-10, roadshow 01-20, evaluation 02-19, negotiation
  03-01, signed 04-01 (new, ¥300 m), upgrade signing 09-10 (counts nothing), landed 06-01.
- P2 (cell therapy, event E1, owner B): created 02-01, roadshow 02-11, evaluation 03-13, then lost.
- P3 (cell therapy, inbound, referred by partner platform X, owner A): created 03-01, stays a lead,
  expected signing 2026-02-10 (likelihood 10 %).
- P4 (medical devices, tenant expansion, owner A): created 03-05, a manager overrides it to
  negotiation 03-25, signed 04-04 (new, ¥100 m).
Every project plans ¥100 m.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partners.models import PartnerPlatform
from projects import services
from projects.choices import FollowUpState, MilestoneKind, Recommendation, SigningCounts, Source, Stage
from projects.models import AnnualTarget, FollowUp, Milestone, OnSiteEvaluation, RoadshowEvent, Signing
from reports import selectors
from tests.factories import CompanyFactory, EventFactory, PresentationFactory, ProjectFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2025


def at(day: str):
    return time_machine.travel(datetime.fromisoformat(f"{day}T10:00:00").replace(tzinfo=SHANGHAI), tick=False)


def move(project, stage, day, **kwargs):
    with at(day):
        services.project_move_stage(project=project, to_stage=stage, actor=kwargs.pop("actor", None), **kwargs)


def sign(project, day, amount, counts_as=SigningCounts.NEW):
    with at(day):
        services.signing_save(
            signing=Signing(project=project, signed_on=date.fromisoformat(day), committed_amount=amount,
                            counts_as=counts_as, agreement_type="investment"),
            actor=None,
        )  # fmt: skip


def evaluate(project, day, *, done=False):
    with at(day):
        evaluation = OnSiteEvaluation(project=project, scheduled_at=timezone.now())
        if done:
            evaluation.status = "done"
            evaluation.recommendation = Recommendation.PROCEED
            for criterion in ("technology", "team", "market", "cluster_fit", "regulatory"):
                setattr(evaluation, f"score_{criterion}", 4)
        services.evaluation_save(evaluation=evaluation, actor=None)


def build(world, partner_org):
    """One copy of the pipeline above; returns (P1, P2, P3, P4, E1)."""
    event = EventFactory(name=f"Tongji forum {RoadshowEvent.objects.count() + 1}", date=date(2025, 1, 15))
    with at("2025-01-10"):
        p1 = ProjectFactory(owner=world.owner, source=Source.EVENT, source_event=event, sector="cgt")
    PresentationFactory(project=p1, event=event)
    move(p1, Stage.ROADSHOW, "2025-01-20")
    evaluate(p1, "2025-02-19", done=True)
    move(p1, Stage.EVALUATION, "2025-02-19")
    move(p1, Stage.NEGOTIATION, "2025-03-01")
    sign(p1, "2025-04-01", Decimal("300000000"))
    move(p1, Stage.SIGNED, "2025-04-01")
    with at("2025-06-01"):
        services.milestone_save(
            milestone=Milestone(project=p1, kind=MilestoneKind.REGISTERED, actual_date=date(2025, 6, 1)), actor=None
        )
    move(p1, Stage.LANDED, "2025-06-01")
    sign(p1, "2025-09-10", Decimal("300000000"), SigningCounts.UPGRADE)

    with at("2025-02-01"):
        p2 = ProjectFactory(owner=world.colleague, source=Source.EVENT, source_event=event, sector="cgt")
    PresentationFactory(project=p2, event=event)
    move(p2, Stage.ROADSHOW, "2025-02-11")
    evaluate(p2, "2025-03-13")
    move(p2, Stage.EVALUATION, "2025-03-13")
    with at("2025-03-20"):
        services.project_set_status(project=p2, status="lost", reason="Chose Suzhou", actor=None)

    with at("2025-03-01"):
        p3 = ProjectFactory(owner=world.owner, source=Source.INBOUND, sector="cgt", referrer=partner_org,
                            expected_signing_date=date(2026, 2, 10))  # fmt: skip
    with at("2025-03-05"):
        p4 = ProjectFactory(owner=world.owner, source=Source.TENANT_EXPANSION, sector="medical_devices")
    move(p4, Stage.NEGOTIATION, "2025-03-25", actor=world.manager, override_reason="Tenant expansion, board decision")
    sign(p4, "2025-04-04", Decimal("100000000"))
    move(p4, Stage.SIGNED, "2025-04-04")
    return p1, p2, p3, p4, event


@pytest.fixture
def partner_org(db):
    organization = CompanyFactory(name_en="Shanghai Medical Association", kind="association")
    PartnerPlatform.objects.create(name="SMA service platform", organization=organization)
    return organization


def test_funnel_counts_what_each_project_reached(world, partner_org):
    build(world, partner_org)
    result = selectors.funnel(selectors.cohort_projects(year=YEAR))
    reached = {row["stage"]: row["reached"] for row in result["rows"]}
    assert reached == {Stage.LEAD: 4, Stage.ROADSHOW: 3, Stage.EVALUATION: 3, Stage.NEGOTIATION: 2,
                       Stage.SIGNED: 2, Stage.LANDED: 1, Stage.OPERATING: 0}  # fmt: skip
    conversion = [row["conversion"] for row in result["rows"]]
    assert conversion == [Decimal("75.0"), Decimal("100.0"), Decimal("66.7"), Decimal("100.0"), Decimal("50.0"),
                          Decimal("0.0"), None]  # fmt: skip
    assert result["signed_to_operating"] == Decimal("0.0")
    assert selectors.funnel(selectors.cohort_projects(year=2024))["total"] == 0


def test_funnel_of_one_event(world, partner_org):
    *_rest, event = build(world, partner_org)
    result = selectors.funnel(selectors.cohort_projects(source_event=event.pk))
    assert [row["reached"] for row in result["rows"]] == [2, 2, 2, 1, 1, 1, 0]


def test_velocity_days_in_each_stage_and_to_signing(world, partner_org):
    build(world, partner_org)
    result = selectors.velocity(selectors.Period.year(YEAR))
    rows = {row["stage"]: (row["stays"], row["median"], row["p80"]) for row in result["rows"]}
    assert rows[Stage.LEAD] == (3, 10.0, 16.0)  # 10, 10, 20 days
    assert rows[Stage.ROADSHOW] == (2, 30.0, 30.0)
    assert rows[Stage.EVALUATION] == (1, 10.0, 10.0)  # P2 never left it
    assert rows[Stage.NEGOTIATION] == (2, 20.5, 26.8)  # 31 and 10 days
    assert rows[Stage.SIGNED] == (1, 61.0, 61.0)
    assert rows[Stage.LANDED] == (0, None, None)
    assert result["to_signing"] == {"projects": 2, "median": 55.5, "p80": 70.8}  # 81 and 30 days


def test_money_by_sector_quarter_year_forecast_and_target(world, partner_org):
    build(world, partner_org)
    AnnualTarget.objects.create(year=YEAR, signed_cny=Decimal("1000000000"), landed_cny=Decimal("600000000"))
    result = selectors.money(YEAR)
    sectors = {row["sector"]: (row["planned"], row["signed"], row["landed"]) for row in result["sectors"]}
    million = Decimal(10**6)
    # Planned: active projects (P2 is lost). Signed: counted amounts (the upgrade counts nothing).
    assert sectors == {"cgt": (200 * million, 300 * million, 300 * million),
                       "medical_devices": (100 * million, 100 * million, 0)}  # fmt: skip
    assert [(row["signed"], row["landed"]) for row in result["quarters"]] == [
        (0, 0), (400 * million, 300 * million), (0, 0), (0, 0)]  # fmt: skip
    assert result["years"][-1] == {"year": YEAR, "signed": 400 * million}
    assert result["forecast"] == [{"year": 2026, "quarter": 1, "projects": 1, "planned": 100 * million,
                                   "weighted": Decimal("10000000.00")}]  # fmt: skip
    progress = result["progress"]
    assert (progress["signed"], progress["landed"]) == (400 * million, 300 * million)
    assert (progress["signed_target"], progress["landed_target"]) == (1000 * million, 600 * million)


def test_sources_events_partners_and_kinds(world, partner_org):
    build(world, partner_org)
    result = selectors.sources(selectors.Period.year(YEAR))
    million = Decimal(10**6)
    (event,) = result["events"]
    assert (event["projects"], event["evaluated"], event["signed"], event["landed_cny"]) == (2, 2, 1, 300 * million)
    (partner,) = result["partners"]
    assert (partner["partner"].name, partner["projects"], partner["evaluated"], partner["signed"]) == (
        "SMA service platform", 1, 0, 0)  # fmt: skip
    kinds = {
        row["source"]: (row["projects"], row["evaluated"], row["signed"], row["landed_cny"]) for row in result["kinds"]
    }
    assert kinds == {Source.EVENT: (2, 2, 1, 300 * million), Source.INBOUND: (1, 0, 0, 0),
                     Source.TENANT_EXPANSION: (1, 1, 1, 0)}  # fmt: skip


def test_people_follow_ups_on_time_late_overdue_and_idle(world, partner_org):
    p1, p2, p3, _p4, _event = build(world, partner_org)
    done_on_time = FollowUp.objects.create(project=p1, title="a", assignee=world.owner, due_on=date(2025, 5, 10))
    done_late = FollowUp.objects.create(project=p1, title="b", assignee=world.owner, due_on=date(2025, 5, 10))
    FollowUp.objects.create(project=p3, title="c", assignee=world.owner, due_on=date(2025, 6, 1))
    FollowUp.objects.create(project=p2, title="d", assignee=world.colleague, due_on=date(2025, 7, 1),
                            snoozed_until=timezone.localdate() + timedelta(days=5))  # fmt: skip
    FollowUp.objects.create(project=p3, title="e", assignee=world.owner, due_on=date(2024, 6, 1))  # another year
    FollowUp.objects.filter(pk=done_on_time.pk).update(
        state=FollowUpState.DONE, completed_at=datetime(2025, 5, 9, 18, tzinfo=SHANGHAI)
    )
    FollowUp.objects.filter(pk=done_late.pk).update(
        state=FollowUpState.DONE, completed_at=datetime(2025, 5, 12, 9, tzinfo=SHANGHAI))  # fmt: skip
    rows = {row["person"]: row for row in selectors.people(selectors.Period.year(YEAR))}
    owner, colleague = rows[world.owner], rows[world.colleague]
    assert (owner["on_time"], owner["late"], owner["overdue"]) == (1, 1, 1)
    assert (colleague["on_time"], colleague["late"], colleague["overdue"]) == (0, 0, 0)  # snoozed: not overdue
    assert owner["idle"] == 3  # P1, P3, P4: quiet since 2025; P2 is lost
    assert colleague["idle"] == 0


@pytest.mark.parametrize("name", ["funnel", "velocity", "money", "sources", "people"])
def test_report_pages_api_and_xlsx_with_query_counts_that_do_not_grow(world, partner_org, as_user, name):
    from rest_framework.test import APIClient

    page_url = reverse(f"reports:{name}") + f"?year={YEAR}"
    api_url = reverse(f"api:report-{name}") + f"?year={YEAR}"
    client = as_user(world.leader)
    api = APIClient()
    api.force_authenticate(world.leader)

    def counts():
        with CaptureQueriesContext(connection) as page:
            assert client.get(page_url).status_code == 200
        with CaptureQueriesContext(connection) as data:
            assert api.get(api_url).status_code == 200
        return len(page), len(data)

    build(world, partner_org)
    client.get(page_url)
    once = counts()
    build(world, partner_org)
    build(world, partner_org)
    assert counts() == once
    download = client.get(page_url + "&format=xlsx")
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(filename=BytesIO(download.content))
    assert book.worksheets[0].max_row > 1


def test_reports_are_for_people_of_the_park_only(world, partners, as_user, client):
    from rest_framework.test import APIClient

    partner = APIClient()
    partner.credentials(HTTP_AUTHORIZATION=f"Api-Key {partners.key_a}")
    assert partner.get(reverse("api:report-money")).status_code == 403
    assert client.get(reverse("reports:money")).status_code == 302
    bad = APIClient()
    bad.force_authenticate(world.owner)
    response = bad.get(reverse("api:report-funnel"), {"year": "soon"})
    assert response.status_code == 400
    assert "year" in response.json()["error"]["fields"]


def test_a_figure_clicks_through_to_the_projects_behind_it(world, partner_org, as_user):
    p1, _p2, _p3, p4, _event = build(world, partner_org)
    client = as_user(world.owner)
    funnel = client.get(reverse("reports:funnel"), {"year": YEAR})
    signed_row = next(row for row in funnel.context["result"]["rows"] if row["stage"] == Stage.SIGNED)
    listed = client.get(signed_row["url"]).context["projects"]
    assert {p.pk for p in listed} == {p1.pk, p4.pk}
    money = client.get(reverse("reports:money"), {"year": YEAR})
    q2 = money.context["result"]["quarters"][1]
    assert {p.pk for p in client.get(q2["signed_url"]).context["projects"]} == {p1.pk, p4.pk}
    assert {p.pk for p in client.get(q2["landed_url"]).context["projects"]} == {p1.pk}


def test_velocity_people_and_sources_figures_click_through_too(world, partner_org, as_user):
    p1, p2, p3, p4, _event = build(world, partner_org)
    FollowUp.objects.create(project=p3, title="c", assignee=world.owner, due_on=date(2025, 6, 1))
    client = as_user(world.owner)

    def listed(url):
        return {project.pk for project in client.get(url).context["projects"]}

    velocity = client.get(reverse("reports:velocity"), {"year": YEAR}).context["result"]
    lead = next(row for row in velocity["rows"] if row["stage"] == Stage.LEAD)
    assert listed(lead["url"]) == {p1.pk, p2.pk, p4.pk}  # the three stays in lead that ended in 2025
    assert listed(velocity["to_signing"]["url"]) == {p1.pk, p4.pk}
    people = client.get(reverse("reports:people"), {"year": YEAR}).context["rows"]
    owner = next(row for row in people if row["person"] == world.owner)
    assert listed(owner["overdue_url"]) == {p3.pk}
    assert listed(owner["idle_url"]) == {p1.pk, p3.pk, p4.pk}
    sources = client.get(reverse("reports:sources"), {"year": YEAR}).context["result"]
    assert listed(sources["events"][0]["landed_url"]) == {p1.pk}


def test_the_years_signed_and_landed_figures_link_to_their_projects(world, partner_org, as_user):
    p1, _p2, _p3, p4, _event = build(world, partner_org)
    client = as_user(world.owner)
    page = client.get(reverse("reports:money"), {"year": YEAR}).content.decode()
    assert f"?signed_year={YEAR}" in page
    assert f"?landed_year={YEAR}" in page
    signed = client.get(reverse("web:project_list"), {"signed_year": YEAR}).context["projects"]
    landed = client.get(reverse("web:project_list"), {"landed_year": YEAR}).context["projects"]
    assert {p.pk for p in signed} == {p1.pk, p4.pk}
    assert {p.pk for p in landed} == {p1.pk}


def test_a_capital_increase_counts_only_its_added_amount(world, partner_org):
    """Counting rules (DOMAIN.md): once per project at its first signing; a capital increase counts
    the added amount; an upgrade counts nothing; a second "new" signing counts nothing either."""
    with at("2025-01-10"):
        project = ProjectFactory(owner=world.owner, sector="biologics")
    sign(project, "2025-02-10", Decimal("200000000"))
    sign(project, "2025-05-10", Decimal("200000000"))  # the same agreement signed again at a ceremony
    sign(project, "2025-08-10", Decimal("50000000"), SigningCounts.CAPITAL_INCREASE)
    sign(project, "2025-11-10", Decimal("900000000"), SigningCounts.UPGRADE)
    million = Decimal(10**6)
    quarters = [row["signed"] for row in selectors.money(YEAR)["quarters"]]
    assert quarters == [200 * million, 0, 50 * million, 0]
    assert selectors.money(YEAR)["progress"]["signed"] == 250 * million

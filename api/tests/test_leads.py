import pytest
from django.core import mail

from companies.models import Company
from partners.models import LeadRoutingRule, Scope, Tombstone
from partners.services import api_key_create
from projects.choices import Source, Stage
from projects.models import InvestmentProject
from reminders.models import Notification, ReminderKind
from tests.factories import CompanyFactory, lead_project

pytestmark = pytest.mark.django_db
P = "/api/v1"


@pytest.fixture
def lead_key(partners):
    return api_key_create(partner=partners.a, scopes=[Scope.SUBMIT_LEADS, Scope.READ_PROJECTS])[1]


def lead(**company):
    return {
        "company": {"name_zh": "纽福斯生物科技有限公司", "name_en": "Neukio Biotherapeutics", **company},
        "contact": {"name": "陈莉", "title": "Executive assistant to the president", "email": "chen.li@neukio.example"},
        "project": {"title": "Immune cell products pilot plant", "sector": "cgt", "project_type": "production",
                    "planned_investment": "300000000.00"},
    }  # fmt: skip


def test_a_lead_lands_as_a_shared_lead_with_an_owner_who_is_told(api, world, partners, lead_key, on_commit):
    mail.outbox.clear()
    response = on_commit(lambda: api(key=lead_key).post(f"{P}/leads/", lead(), format="json"))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["company_existed"] is False
    project = InvestmentProject.objects.get(pk=body["project"]["id"])
    assert (project.stage, project.source, project.referrer) == (Stage.LEAD, Source.PARTNER, partners.a.organization)
    assert project.company.contacts.get().email == "chen.li@neukio.example"
    assert Notification.objects.get(kind=ReminderKind.NEW_LEAD).recipient == project.owner
    assert [m.to for m in mail.outbox] == [[project.owner.email]]
    # The partner sees its lead at once.
    assert api(key=lead_key).get(f"{P}/projects/{project.pk}/").status_code == 200


def test_a_known_company_is_reused_by_credit_code_or_name(api, world, partners, lead_key):
    known = CompanyFactory(name_zh="纽福斯（上海）生物科技有限公司", name_en="", credit_code="91350100M000100Y43")
    by_name = api(key=lead_key).post(f"{P}/leads/", lead(credit_code=""), format="json").json()
    by_code = api(key=lead_key).post(f"{P}/leads/", lead(name_zh="别名", name_en="", credit_code="91350100M000100Y43"),
                                     format="json").json()  # fmt: skip
    assert by_name["company_existed"] is by_code["company_existed"] is True
    assert Company.objects.filter(pk=known.pk).count() == 1
    leads = InvestmentProject.objects.filter(source=Source.PARTNER)
    assert set(leads.values_list("company_id", flat=True)) == {known.pk}


def test_routing_rules_choose_the_owner(api, world, partners, lead_key):
    LeadRoutingRule.objects.create(partner=partners.a, sector="cgt", owner=world.colleague)
    body = api(key=lead_key).post(f"{P}/leads/", lead(), format="json").json()
    assert InvestmentProject.objects.get(pk=body["project"]["id"]).owner == world.colleague


def test_leads_need_the_scope_and_good_data(api, world, partners, lead_key):
    assert api(key=partners.key_a).post(f"{P}/leads/", lead(), format="json").status_code == 403
    assert api(world.owner).post(f"{P}/leads/", lead(), format="json").status_code == 403
    bad = api(key=lead_key).post(f"{P}/leads/", {"company": {"name_zh": ""}, "project": {"title": "x"}},
                                 format="json")  # fmt: skip
    assert bad.status_code == 400
    assert {"company", "project"} <= set(bad.json()["error"]["fields"])
    before = InvestmentProject.objects.count()
    bad_code = api(key=lead_key).post(f"{P}/leads/", lead(credit_code="91350100M000100Y44"), format="json")
    assert bad_code.status_code == 400
    assert InvestmentProject.objects.count() == before


def test_a_retried_lead_is_created_once(api, world, partners, lead_key):
    client = api(key=lead_key)
    for _ in range(2):
        assert client.post(f"{P}/leads/", lead(), format="json", HTTP_IDEMPOTENCY_KEY="lead-1").status_code == 201
    assert InvestmentProject.objects.filter(source=Source.PARTNER).count() == 1


def test_deleted_projects_reach_the_partners_that_had_them(api, world, partners):
    from django.utils import timezone

    since = timezone.now().isoformat()
    ids = {name: getattr(partners, name).pk for name in ("shared_with_a", "referred_by_a", "shared_with_b")}
    for project in (partners.shared_with_a, partners.referred_by_a, partners.shared_with_b, partners.private):
        project.delete()
    mine = api(key=partners.key_a).get(f"{P}/deleted/", {"deleted_at__gte": since}).json()["results"]
    assert {row["object_id"] for row in mine} == {ids["shared_with_a"], ids["referred_by_a"]}
    theirs = api(key=partners.key_b).get(f"{P}/deleted/").json()["results"]
    assert {row["object_id"] for row in theirs} == {ids["shared_with_b"]}
    staff = api(world.owner).get(f"{P}/deleted/?model=projects.investmentproject").json()["results"]
    assert len(staff) == 4
    assert Tombstone.objects.filter(model="projects.followup").count() == 0


def test_deleting_a_project_leaves_tombstones_for_its_records(world):
    from tests.factories import FollowUpFactory

    project = lead_project(owner=world.owner)
    follow_up = FollowUpFactory(project=project)
    project.delete()
    assert Tombstone.objects.filter(model="projects.followup", object_id=follow_up.pk).exists()

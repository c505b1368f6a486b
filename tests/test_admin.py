"""Every admin page renders with a query count that does not grow with its rows, and no admin
path (change form, bulk action, stage page) gets around the stage service or the permissions."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.tasks import record_heartbeat
from partners.models import LeadRoutingRule, PartnerPlatform, WebhookDelivery, WebhookSubscription
from partners.services import api_key_create, project_share
from projects.choices import Stage, Status
from projects.models import AnnualTarget, FollowUp, InvestmentProject, StageChange
from projects.services import project_set_status
from reminders.models import CalendarDay, ReminderKind, ReminderPreference
from reminders.services import run_sweep
from spreadsheets.models import ImportJob
from tests.factories import (
    CeremonyFactory,
    ContactFactory,
    FollowUpFactory,
    InteractionFactory,
    evaluation_project,
    landed_project,
    lead_project,
    negotiation_project,
    operating_project,
)

pytestmark = pytest.mark.django_db

# Our own admin pages (Django's groups and django-celery-beat's schedules are theirs).
MODELS = [
    model for model in admin.site._registry if model._meta.app_label not in ("auth", "django_celery_beat", "authtoken")
]


def add_rows(world, copies: int) -> InvestmentProject:
    """A slice of a real pipeline: projects at several stages with all their records."""
    last = None
    for _ in range(copies):
        ceremony = CeremonyFactory()
        last = operating_project(owner=world.owner, team_members=[world.colleague])
        last.signings.update(ceremony=ceremony)
        landed_project(owner=world.outsider)
        on_hold = negotiation_project(owner=world.colleague)
        project_set_status(project=on_hold, status=Status.ON_HOLD, actor=None, reason="Financing round",
                           revisit_on=timezone.localdate() + timedelta(days=40))  # fmt: skip
        ContactFactory(company=last.company)
        InteractionFactory(project=last)
        FollowUpFactory(project=last, assignee=world.colleague, due_on=timezone.localdate())
        CalendarDay.objects.create(date=timezone.localdate() + timedelta(days=400 + CalendarDay.objects.count()),
                                   is_working_day=False, note="Park closed")  # fmt: skip
        ReminderPreference.objects.get_or_create(user=world.colleague, kind=ReminderKind.IDLE, email=False)
        partner = PartnerPlatform.objects.create(name=f"Partner {PartnerPlatform.objects.count()}",
                                                 organization=last.company)  # fmt: skip
        api_key_create(partner=partner, scopes=["read_projects"])
        project_share(project=last, partner=partner, actor=None)
        LeadRoutingRule.objects.create(partner=partner, sector="cgt", owner=world.owner)
        subscription = WebhookSubscription.objects.create(partner=partner, url="http://127.0.0.1:9/hooks",
                                                          secret="whsec_test", events=["project.signed"])  # fmt: skip
        WebhookDelivery.objects.create(subscription=subscription, event="project.signed", payload={"id": "x"})
        ContactFactory(company=last.company).delete()  # leaves a tombstone
        refused = [{"line": 2, "action": "refused", "label": "x", "messages": ["bad"]}]
        ImportJob.objects.create(kind="projects", file="imports/x.xlsx", original_name="x.xlsx",
                                 created_by=world.owner, outcomes=refused)  # fmt: skip
        AnnualTarget.objects.create(year=2000 + AnnualTarget.objects.count(), signed_cny=10**9, landed_cny=5 * 10**8)
    record_heartbeat()
    # Reminders and notifications, as the morning sweep of a working day leaves them.
    with time_machine.travel(timezone.now().replace(month=11, day=23, hour=1), tick=False):
        run_sweep(at=timezone.now())
    return last


def count_queries(client, url) -> int:
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def object_url(model, action):
    obj = model._default_manager.order_by("-pk").first()
    if obj is None:
        return None
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=[obj.pk])


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_queries_do_not_grow_with_rows(client, world, model):
    client.force_login(world.admin)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    add_rows(world, 1)
    few = count_queries(client, url)
    add_rows(world, 3)
    many = count_queries(client, url)
    assert many == few, f"{model._meta.label}: {few} queries with few rows, {many} with more"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_change_form_queries_do_not_grow_with_related_rows(client, world, model):
    client.force_login(world.admin)
    project = add_rows(world, 1)
    if model is InvestmentProject:
        url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    else:
        url = object_url(model, "change")
    if url is None:
        pytest.skip("no rows of this kind")
    few = count_queries(client, url)
    # More rows of everything, including records of the same project shown in its inlines.
    add_rows(world, 2)
    InteractionFactory(project=project)
    InteractionFactory(project=project)
    FollowUpFactory(project=project)
    ContactFactory(company=project.company)
    many = count_queries(client, url)
    assert many == few, f"{model._meta.label}: {few} queries, then {many} with more related rows"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_add_form_renders(client, world, model):
    client.force_login(world.admin)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = client.get(url)
    assert response.status_code in (200, 403)


def project_form_data(project, **changes):
    data = {
        "title": project.title,
        "company": project.company_id,
        "sector": project.sector,
        "project_type": project.project_type,
        "source": project.source,
        "owner": project.owner_id,
        "planned_investment": "100000000",
        "likelihood": project.likelihood,
        "team_members": [],
    }
    for prefix in (
        "presentations",
        "evaluations",
        "signings",
        "milestones",
        "interactions",
        "follow_ups",
        "stage_changes",
        "status_changes",
    ):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    data.update(changes)
    return data


def test_change_form_cannot_set_the_stage(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.owner)
    url = reverse("admin:projects_investmentproject_change", args=[project.pk])
    response = client.post(url, project_form_data(project, stage="signed", title="Renamed"))
    assert response.status_code == 302, response.content.decode()[:2000]
    project.refresh_from_db()
    assert project.title == "Renamed"
    assert project.stage == Stage.LEAD


def test_add_form_creates_a_lead_with_a_code_and_log(client, world):
    company = lead_project().company
    client.force_login(world.owner)
    data = project_form_data(InvestmentProject(company=company, owner=world.owner, source="inbound",
                                               sector="cgt", project_type="rd_centre", title="New R&D centre",
                                               likelihood=10), stage="signed")  # fmt: skip
    response = client.post(reverse("admin:projects_investmentproject_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = InvestmentProject.objects.get(title="New R&D centre")
    assert project.stage == Stage.LEAD
    assert project.code.startswith(f"P-{timezone.localdate().year}-")
    assert project.stage_changes.get().to_stage == Stage.LEAD


def test_stage_page_refuses_with_what_is_missing(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.owner)
    url = reverse("admin:projects_move_stage", args=[project.pk])
    response = client.post(url, {"to_stage": "evaluation", "note": ""})
    assert response.status_code == 200
    assert "an on-site evaluation, scheduled or done" in response.content.decode()
    project.refresh_from_db()
    assert project.stage == Stage.LEAD


def test_stage_page_moves_through_the_service(client, world):
    project = evaluation_project(owner=world.owner)
    client.force_login(world.manager)
    url = reverse("admin:projects_move_stage", args=[project.pk])
    response = client.post(url, {"to_stage": "signed", "note": "", "override_reason": "Board approved it already"})
    assert response.status_code == 302
    change = StageChange.objects.filter(project=project).latest("changed_at")
    assert (change.to_stage, change.changed_by, change.overridden) == (
        Stage.SIGNED,
        world.manager,
        ["evaluation_proceed", "signing"],
    )


def test_staff_do_not_see_the_override_field(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.owner)
    response = client.get(reverse("admin:projects_move_stage", args=[project.pk]))
    assert "override_reason" not in response.content.decode()


def test_bulk_action_moves_what_it_may_and_reports_the_rest(client, world):
    ready = negotiation_project(owner=world.owner)
    from tests.factories import SigningFactory

    SigningFactory(project=ready)
    not_ready = negotiation_project(owner=world.owner)
    client.force_login(world.owner)
    url = reverse("admin:projects_investmentproject_changelist")
    response = client.post(
        url,
        {
            "action": "move_stage_action",
            "_selected_action": [ready.pk, not_ready.pk],
            "apply": "1",
            "to_stage": "signed",
            "note": "",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "a signing with a committed amount and a date" in content
    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert (ready.stage, not_ready.stage) == (Stage.SIGNED, Stage.NEGOTIATION)


def test_bulk_action_shows_its_form_first(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.owner)
    response = client.post(
        reverse("admin:projects_investmentproject_changelist"),
        {"action": "move_stage_action", "_selected_action": [project.pk]},
    )
    assert response.status_code == 200
    assert 'name="to_stage"' in response.content.decode()


def test_assign_owner_action(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.manager)
    client.post(
        reverse("admin:projects_investmentproject_changelist"),
        {"action": "assign_owner_action", "_selected_action": [project.pk], "apply": "1", "owner": world.colleague.pk},
    )
    project.refresh_from_db()
    assert project.owner == world.colleague


def test_complete_follow_ups_action(client, world):
    follow_up = FollowUpFactory(project=lead_project(owner=world.owner))
    client.force_login(world.owner)
    client.post(
        reverse("admin:projects_followup_changelist"),
        {"action": "complete_action", "_selected_action": [follow_up.pk]},
    )
    follow_up.refresh_from_db()
    assert follow_up.state == "done"
    assert follow_up.completed_at is not None


def test_status_page_needs_a_reason(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.owner)
    url = reverse("admin:projects_set_status", args=[project.pk])
    response = client.post(url, {"status": "lost", "reason": ""})
    assert response.status_code == 200
    assert "Say why the project is lost" in response.content.decode()
    client.post(url, {"status": "on_hold", "reason": "Financing round",
                      "revisit_on": (timezone.localdate() + timedelta(days=30)).isoformat()})  # fmt: skip
    project.refresh_from_db()
    assert project.status == Status.ON_HOLD


class TestWhoMayChange:
    def test_outsider_cannot_change_or_move_someone_elses_project(self, client, world):
        project = lead_project(owner=world.owner)
        client.force_login(world.outsider)
        change_url = reverse("admin:projects_investmentproject_change", args=[project.pk])
        response = client.post(change_url, project_form_data(project, title="Hijacked"))
        assert response.status_code == 403
        assert client.get(reverse("admin:projects_move_stage", args=[project.pk])).status_code == 403
        project.refresh_from_db()
        assert project.title != "Hijacked"

    def test_outsider_bulk_action_changes_nothing(self, client, world):
        project = lead_project(owner=world.owner)
        client.force_login(world.outsider)
        client.post(
            reverse("admin:projects_investmentproject_changelist"),
            {
                "action": "assign_owner_action",
                "_selected_action": [project.pk],
                "apply": "1",
                "owner": world.outsider.pk,
            },
        )
        project.refresh_from_db()
        assert project.owner == world.owner

    def test_leadership_reads_but_cannot_change(self, client, world):
        project = lead_project(owner=world.owner)
        client.force_login(world.leader)
        assert client.get(reverse("admin:projects_investmentproject_changelist")).status_code == 200
        change_url = reverse("admin:projects_investmentproject_change", args=[project.pk])
        assert client.get(change_url).status_code == 200
        response = client.post(change_url, project_form_data(project, title="Leadership edit"))
        assert response.status_code == 403
        assert client.get(reverse("admin:projects_investmentproject_add")).status_code == 403

    def test_manager_changes_the_teams_projects_not_other_teams(self, client, world):
        ours, theirs = lead_project(owner=world.owner), lead_project(owner=world.outsider)
        client.force_login(world.manager)
        for project, expected in ((ours, 302), (theirs, 403)):
            url = reverse("admin:projects_investmentproject_change", args=[project.pk])
            response = client.post(url, project_form_data(project, title="Manager edit"))
            assert response.status_code == expected

    def test_team_member_changes_the_project_and_its_records(self, client, world):
        project = lead_project(owner=world.owner, team_members=[world.outsider])
        follow_up = FollowUpFactory(project=project)
        client.force_login(world.outsider)
        url = reverse("admin:projects_followup_change", args=[follow_up.pk])
        response = client.get(url)
        assert response.status_code == 200
        assert 'name="title"' in response.content.decode()

    def test_outsider_cannot_change_records_of_someone_elses_project(self, client, world):
        follow_up = FollowUpFactory(project=lead_project(owner=world.owner))
        client.force_login(world.outsider)
        url = reverse("admin:projects_followup_change", args=[follow_up.pk])
        response = client.post(url, {"title": "x", "project": follow_up.project_id, "assignee": world.outsider.pk,
                                     "due_on": "2030-01-01", "state": "open"})  # fmt: skip
        assert response.status_code == 403
        assert FollowUp.objects.get(pk=follow_up.pk).title != "x"

    def test_nobody_writes_the_stage_log_by_hand(self, client, world):
        client.force_login(world.admin)
        assert client.get(reverse("admin:projects_stagechange_add")).status_code == 403


def test_history_is_shown_but_cannot_be_reverted(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.admin)
    url = reverse("admin:projects_investmentproject_history", args=[project.pk])
    assert client.get(url).status_code == 200
    record = project.history.earliest()
    revert = reverse("admin:projects_investmentproject_simple_history", args=[project.pk, record.history_id])
    assert client.post(revert, {"title": "Old"}).status_code == 403


def test_a_follow_up_cannot_be_added_to_someone_elses_project(client, world):
    project = lead_project(owner=world.owner)
    client.force_login(world.outsider)
    response = client.post(
        reverse("admin:projects_followup_add"),
        {"title": "Sneaky", "project": project.pk, "assignee": world.outsider.pk, "due_on": "2030-01-01",
         "state": "open"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not FollowUp.objects.filter(title="Sneaky").exists()

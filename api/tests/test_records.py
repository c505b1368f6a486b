"""The record endpoints: every one answers each kind of caller as it should, saves through the
services (so their rules hold here too) and keeps its query count as pages grow."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import FollowUp, Signing
from tests.factories import (
    CeremonyFactory,
    ContactFactory,
    EvaluationFactory,
    EventFactory,
    FollowUpFactory,
    InteractionFactory,
    MilestoneFactory,
    PresentationFactory,
    SigningFactory,
    lead_project,
)

pytestmark = pytest.mark.django_db
P = "/api/v1"
ENDPOINTS = ["contacts", "events", "presentations", "evaluations", "ceremonies", "signings", "milestones",
             "interactions", "follow-ups"]  # fmt: skip


def populate(world, copies=1):
    for _ in range(copies):
        project = lead_project(owner=world.owner, team_members=[world.colleague])
        ContactFactory(company=project.company)
        PresentationFactory(project=project, event=EventFactory())
        evaluation = EvaluationFactory(project=project)
        evaluation.evaluators.add(world.colleague)
        SigningFactory(project=project, ceremony=CeremonyFactory())
        MilestoneFactory(project=project)
        interaction = InteractionFactory(project=project)
        interaction.contacts.add(ContactFactory(company=project.company))
        FollowUpFactory(project=project)
    return project


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("identity", "expected"), [("anonymous", 401), ("owner", 200), ("leader", 200),
                                                    ("partner_a", 403), ("no_role", 403)])  # fmt: skip
def test_who_may_read_each_endpoint(api, world, partners, endpoint, identity, expected):
    from api.tests.test_api import who

    populate(world)
    user, key = who(world, partners, identity)
    assert api(user, key=key).get(f"{P}/{endpoint}/").status_code == expected


def test_writes_follow_the_project_rules(api, world):
    project = lead_project(owner=world.owner)
    body = {"project": project.pk, "kind": "registered", "planned_date": "2027-03-01"}
    assert api(world.leader).post(f"{P}/milestones/", body).status_code == 403
    assert api(world.outsider).post(f"{P}/milestones/", body).status_code == 403
    assert api(world.owner).post(f"{P}/milestones/", body).status_code == 201
    assert api(world.manager).post(f"{P}/milestones/", body).status_code == 201


def test_service_rules_hold_through_the_api(api, world):
    project = lead_project(owner=world.owner)
    done_without_scores = api(world.owner).post(
        f"{P}/evaluations/",
        {
            "project": project.pk,
            "scheduled_at": "2026-12-01T10:00:00+08:00",
            "status": "done",
            "score_technology": 4,
        },
        format="json",
    )
    assert done_without_scores.status_code == 400
    assert "recommendation" in done_without_scores.json()["error"]["fields"]
    future = api(world.owner).post(f"{P}/milestones/", {"project": project.pk, "kind": "registered",
                                                        "actual_date": "2099-01-01"})  # fmt: skip
    assert future.status_code == 400
    assert "actual_date" in future.json()["error"]["fields"]


def test_signings_are_counted_by_the_rules_through_the_api(api, world):
    project = lead_project(owner=world.owner)
    for signed_on in ("2025-01-01", "2025-06-01"):
        response = api(world.owner).post(f"{P}/signings/", {"project": project.pk, "signed_on": signed_on,
                                                            "committed_amount": "100000000.00"})  # fmt: skip
        assert response.status_code == 201
    assert sorted(Signing.objects.values_list("counted_amount", flat=True)) == [0, 100000000]


def test_a_follow_up_given_through_the_api_tells_the_assignee(api, world, django_capture_on_commit_callbacks):
    from cluster_crm.celery import app

    app.conf.task_always_eager = True
    try:
        project = lead_project(owner=world.owner)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = api(world.owner).post(f"{P}/follow-ups/", {"project": project.pk, "title": "Send the MoU",
                                                                  "assignee": world.colleague.pk,
                                                                  "due_on": "2030-01-01"})  # fmt: skip
    finally:
        app.conf.task_always_eager = False
    assert response.status_code == 201
    assert FollowUp.objects.get().created_by == world.owner
    assert [m.to for m in mail.outbox] == [[world.colleague.email]]


def test_many_to_many_fields_are_saved(api, world):
    project = lead_project(owner=world.owner)
    contact = ContactFactory(company=project.company)
    response = api(world.owner).post(
        f"{P}/interactions/",
        {
            "company": project.company_id,
            "project": project.pk,
            "kind": "meeting",
            "occurred_at": "2026-11-20T10:00:00+08:00",
            "staff": world.owner.pk,
            "contacts": [contact.pk],
            "summary": "Lab tour",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["contacts"] == [contact.pk]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_queries_do_not_grow_with_page_size(api, world, endpoint):
    populate(world, copies=4)
    client = api(world.owner)

    def count(size):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{P}/{endpoint}/?page_size={size}")
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    small, rows_small = count(1)
    large, rows_large = count(50)
    assert rows_large > rows_small
    assert small == large, f"{endpoint}: {small} queries for {rows_small} rows, {large} for {rows_large}"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_list_syncs_by_modified_since(api, world, endpoint):
    populate(world, copies=2)
    client = api(world.owner)
    everything = client.get(f"{P}/{endpoint}/?modified_since=2000-01-01T00:00:00Z").json()["results"]
    assert everything
    assert client.get(f"{P}/{endpoint}/?modified_since=2999-01-01T00:00:00Z").json()["results"] == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("identity", "expected"), [("anonymous", 401), ("leader", 403), ("partner_a", 403),
                                                    ("no_role", 403)])  # fmt: skip
def test_who_may_not_write_to_each_endpoint(api, world, partners, endpoint, identity, expected):
    from api.tests.test_api import who

    user, key = who(world, partners, identity)
    assert api(user, key=key).post(f"{P}/{endpoint}/", {}, format="json").status_code == expected


def test_a_body_that_is_not_json_is_415(api, world):
    response = api(world.owner).generic("POST", f"{P}/milestones/", "kind=registered", content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["error"]["status"] == 415


@pytest.mark.parametrize("path", ["/notifications/", "/deleted/"])
def test_feed_queries_do_not_grow_with_page_size(api, world, path, on_commit):
    from datetime import date

    from reminders.services import run_sweep

    for _ in range(6):
        project = lead_project(owner=world.owner)
        FollowUpFactory(project=project, assignee=world.owner, due_on=date(2026, 11, 20))
        ContactFactory(company=project.company).delete()
    from datetime import datetime
    from zoneinfo import ZoneInfo

    run_sweep(at=datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    client = api(world.owner)

    def count(size):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{P}{path}?page_size={size}")
        return len(queries), len(response.json()["results"])

    small, rows_small = count(1)
    large, rows_large = count(50)
    assert rows_large > rows_small
    assert small == large

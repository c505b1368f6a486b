"""Webhooks against a real HTTP receiver on 127.0.0.1: signed, retried, paused, resumed."""

import http.server
import threading
from datetime import date

import pytest

from cluster_crm.celery import app
from partners.models import Scope, WebhookDelivery, WebhookEvent, WebhookSubscription
from partners.services import api_key_create, project_share
from partners.webhooks import new_secret, resume, verify
from projects import services
from projects.choices import Source, Status
from tests.factories import MilestoneFactory, PresentationFactory, lead_project, negotiation_project

pytestmark = pytest.mark.django_db


class Receiver(http.server.BaseHTTPRequestHandler):
    statuses: list[int] = []
    received: list[tuple[dict, bytes]] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        self.send_response(type(self).statuses.pop(0) if type(self).statuses else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    Receiver.statuses, Receiver.received = [], []
    server = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hooks", Receiver
    server.shutdown()


@pytest.fixture
def subscribed(partners, receiver):
    app.conf.task_always_eager = True
    api_key_create(partner=partners.a, scopes=[Scope.RECEIVE_WEBHOOKS])
    subscription = WebhookSubscription.objects.create(partner=partners.a, url=receiver[0], secret=new_secret(),
                                                      events=list(WebhookEvent.values))  # fmt: skip
    yield subscription
    app.conf.task_always_eager = False


def test_a_stage_change_reaches_the_partner_signed(world, partners, subscribed, receiver, on_commit):
    project = partners.shared_with_a
    PresentationFactory(project=project)
    on_commit(services.project_move_stage, project=project, to_stage="roadshow", actor=world.owner)
    headers, body = receiver[1].received[0]
    assert headers["X-Cluster-Event"] == "project.stage_changed"
    assert verify(subscribed.secret, headers["X-Cluster-Timestamp"], body, headers["X-Cluster-Signature"])
    assert not verify("whsec_wrong", headers["X-Cluster-Timestamp"], body, headers["X-Cluster-Signature"])
    assert b'"to": "roadshow"' in body
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.DELIVERED


def test_partners_hear_only_of_their_projects(world, partners, subscribed, receiver, on_commit):
    for project in (partners.shared_with_b, partners.private):
        PresentationFactory(project=project)
        on_commit(services.project_move_stage, project=project, to_stage="roadshow", actor=world.owner)
    assert receiver[1].received == []


def test_no_webhook_scope_no_webhooks(world, partners, receiver, on_commit):
    WebhookSubscription.objects.create(partner=partners.b, url=receiver[0], secret=new_secret(),
                                       events=list(WebhookEvent.values))  # fmt: skip
    PresentationFactory(project=partners.shared_with_b)
    on_commit(services.project_move_stage, project=partners.shared_with_b, to_stage="roadshow", actor=world.owner)
    assert receiver[1].received == []


def test_a_failed_delivery_is_retried_until_it_is_taken(world, partners, subscribed, receiver, on_commit):
    receiver[1].statuses = [500, 503]
    PresentationFactory(project=partners.shared_with_a)
    on_commit(services.project_move_stage, project=partners.shared_with_a, to_stage="roadshow", actor=world.owner)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == (WebhookDelivery.State.DELIVERED, 3, 200)
    assert len(receiver[1].received) == 3


def test_repeated_failures_pause_the_subscription_until_resumed(world, partners, subscribed, receiver, on_commit,
                                                                settings):  # fmt: skip
    settings.WEBHOOK_PAUSE_AFTER = 3
    receiver[1].statuses = [500] * 10
    PresentationFactory(project=partners.shared_with_a)
    on_commit(services.project_move_stage, project=partners.shared_with_a, to_stage="roadshow", actor=world.owner)
    subscribed.refresh_from_db()
    assert subscribed.paused_at is not None
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.FAILED
    assert len(receiver[1].received) == 3
    receiver[1].statuses = []
    assert on_commit(resume, subscribed) == 1
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.DELIVERED


def test_signed_milestone_and_lead_events(world, partners, subscribed, receiver, on_commit):
    project = negotiation_project(owner=world.owner)
    project_share(project=project, partner=partners.a, actor=None)
    from tests.factories import SigningFactory

    SigningFactory(project=project)
    on_commit(services.project_move_stage, project=project, to_stage="signed", actor=world.owner)
    milestone = MilestoneFactory(project=project)
    milestone.actual_date = date(2026, 11, 1)
    on_commit(services.milestone_save, milestone=milestone, actor=world.owner)
    lead = lead_project(owner=world.owner, source=Source.PARTNER, referrer=partners.a.organization)
    on_commit(services.project_set_status, project=lead, status=Status.LOST, actor=world.owner, reason="Not a fit")
    events = [headers["X-Cluster-Event"] for headers, _body in receiver[1].received]
    assert events == ["project.stage_changed", "project.signed", "milestone.done", "lead.declined"]

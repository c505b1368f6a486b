"""Retries create nothing twice; stale edits are refused; partners are rate-limited per key."""

import pytest
from django.core.cache import cache

from api.throttling import PartnerThrottle
from projects.models import InvestmentProject, StageChange
from tests.factories import PresentationFactory, lead_project

pytestmark = pytest.mark.django_db
P = "/api/v1"


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def project_body(world, project):
    return {"title": "New HQ", "company": project.company_id, "sector": "cgt", "project_type": "headquarters",
            "source": "inbound", "owner": world.owner.pk}  # fmt: skip


class TestIdempotency:
    def test_a_retried_create_creates_once_and_gets_the_first_answer(self, api, world):
        client = api(world.owner)
        body = project_body(world, lead_project(owner=world.owner))
        first = client.post(f"{P}/projects/", body, format="json", HTTP_IDEMPOTENCY_KEY="order-42")
        again = client.post(f"{P}/projects/", body, format="json", HTTP_IDEMPOTENCY_KEY="order-42")
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json() == first.json()
        assert again.headers["Idempotent-Replayed"] == "true"
        assert InvestmentProject.objects.filter(title="New HQ").count() == 1

    def test_the_same_key_for_another_request_is_refused(self, api, world):
        client = api(world.owner)
        body = project_body(world, lead_project(owner=world.owner))
        client.post(f"{P}/projects/", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
        other = client.post(f"{P}/projects/", {**body, "title": "Other"}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
        assert other.status_code == 409
        assert other.json()["error"]["code"] == "idempotency_conflict"

    def test_keys_belong_to_their_caller(self, api, world):
        body = project_body(world, lead_project(owner=world.owner))
        api(world.owner).post(f"{P}/projects/", body, format="json", HTTP_IDEMPOTENCY_KEY="shared")
        second = api(world.colleague).post(f"{P}/projects/", body, format="json", HTTP_IDEMPOTENCY_KEY="shared")
        assert second.status_code == 201
        assert "Idempotent-Replayed" not in second.headers
        assert InvestmentProject.objects.filter(title="New HQ").count() == 2

    def test_a_retried_stage_move_moves_once(self, api, world):
        project = lead_project(owner=world.owner)
        PresentationFactory(project=project)
        client = api(world.owner)
        for _ in range(2):
            response = client.post(f"{P}/projects/{project.pk}/move-stage/", {"to_stage": "roadshow"},
                                   HTTP_IDEMPOTENCY_KEY="move-1")  # fmt: skip
            assert response.status_code == 200
        assert StageChange.objects.filter(project=project, to_stage="roadshow").count() == 1

    def test_a_refused_request_is_replayed_as_refused(self, api, world):
        project = lead_project(owner=world.owner)
        client = api(world.owner)
        first = client.post(f"{P}/projects/{project.pk}/move-stage/", {"to_stage": "roadshow"},
                            HTTP_IDEMPOTENCY_KEY="m")  # fmt: skip
        again = client.post(f"{P}/projects/{project.pk}/move-stage/", {"to_stage": "roadshow"},
                            HTTP_IDEMPOTENCY_KEY="m")  # fmt: skip
        assert (first.status_code, again.status_code) == (409, 409)
        assert again.json() == first.json()


class TestConcurrentEdits:
    def test_reads_carry_an_etag_and_a_stale_if_match_is_refused(self, api, world):
        project = lead_project(owner=world.owner)
        mine, colleagues = api(world.owner), api(world.manager)
        etag = mine.get(f"{P}/projects/{project.pk}/").headers["ETag"]
        changed = colleagues.patch(f"{P}/projects/{project.pk}/", {"title": "Manager's title"}, format="json",
                                   HTTP_IF_MATCH=etag)  # fmt: skip
        assert changed.status_code == 200
        assert changed.headers["ETag"] != etag
        stale = mine.patch(f"{P}/projects/{project.pk}/", {"title": "My title"}, format="json", HTTP_IF_MATCH=etag)
        assert stale.status_code == 412
        assert stale.json()["error"]["code"] == "precondition_failed"
        project.refresh_from_db()
        assert project.title == "Manager's title"
        fresh = mine.patch(f"{P}/projects/{project.pk}/", {"title": "My title"}, format="json",
                           HTTP_IF_MATCH=changed.headers["ETag"])  # fmt: skip
        assert fresh.status_code == 200

    def test_a_stage_move_on_a_stale_copy_is_refused(self, api, world):
        project = lead_project(owner=world.owner)
        PresentationFactory(project=project)
        client = api(world.owner)
        etag = client.get(f"{P}/projects/{project.pk}/").headers["ETag"]
        client.patch(f"{P}/projects/{project.pk}/", {"description": "updated"}, format="json")
        response = client.post(f"{P}/projects/{project.pk}/move-stage/", {"to_stage": "roadshow"}, HTTP_IF_MATCH=etag)
        assert response.status_code == 412


class TestRateLimits:
    def test_a_partner_over_its_rate_gets_429_with_retry_after(self, api, partners, monkeypatch):
        monkeypatch.setattr(PartnerThrottle, "rate", "3/minute", raising=False)
        client = api(key=partners.key_a)
        codes = [client.get(f"{P}/projects/").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = client.get(f"{P}/projects/")
        assert int(refused.headers["Retry-After"]) > 0
        assert refused.json()["error"]["status"] == 429
        # Another partner's key has its own allowance.
        assert api(key=partners.key_b).get(f"{P}/projects/").status_code == 200

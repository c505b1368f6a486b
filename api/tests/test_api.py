import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import ApiKey
from projects.choices import Stage
from projects.models import InvestmentProject
from tests.factories import PresentationFactory, UserFactory, lead_project

pytestmark = pytest.mark.django_db

P = "/api/v1"


def who(world, partners, name):
    """(user, key) for each identity of the matrix."""
    return {
        "anonymous": (None, None),
        "no_role": (UserFactory(), None),
        "owner": (world.owner, None),
        "outsider": (world.outsider, None),
        "manager": (world.manager, None),
        "leader": (world.leader, None),
        "partner_a": (None, partners.key_a),
        "partner_b": (None, partners.key_b),
        "partner_without_scope": (None, partners.key_no_scope),
    }[name]


READS = [
    # (path, identity, status)
    ("/projects/", "anonymous", 401),
    ("/projects/", "no_role", 403),
    ("/projects/", "owner", 200),
    ("/projects/", "leader", 200),
    ("/projects/", "partner_a", 200),
    ("/projects/", "partner_without_scope", 403),
    ("/projects/{shared_with_a}/", "partner_a", 200),
    ("/projects/{referred_by_a}/", "partner_a", 200),
    ("/projects/{shared_with_b}/", "partner_a", 404),
    ("/projects/{private}/", "partner_a", 404),
    ("/projects/{private}/", "partner_b", 404),
    ("/projects/{private}/", "outsider", 200),
    ("/pipeline/", "anonymous", 401),
    ("/pipeline/", "leader", 200),
    ("/pipeline/", "partner_a", 403),
    ("/companies/", "owner", 200),
    ("/companies/", "partner_a", 403),
    ("/stage-changes/", "manager", 200),
    ("/stage-changes/", "partner_a", 403),
    ("/notifications/", "owner", 200),
    ("/notifications/", "partner_a", 403),
    ("/notifications/", "anonymous", 401),
]


@pytest.mark.parametrize(("path", "identity", "expected"), READS)
def test_who_may_read_what(api, world, partners, path, identity, expected):
    user, key = who(world, partners, identity)
    ids = {name: getattr(partners, name).pk for name in ("shared_with_a", "referred_by_a", "shared_with_b", "private")}
    response = api(user, key=key).get(P + path.format(**ids))
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response.json()["error"]["status"] == expected


WRITES = [
    # (method, path, identity, status)
    ("post", "/projects/", "owner", 201),
    ("post", "/projects/", "leader", 403),
    ("post", "/projects/", "partner_a", 403),
    ("post", "/projects/", "anonymous", 401),
    ("patch", "/projects/{own}/", "owner", 200),
    ("patch", "/projects/{own}/", "manager", 200),
    ("patch", "/projects/{own}/", "outsider", 403),
    ("patch", "/projects/{own}/", "leader", 403),
    ("patch", "/projects/{shared_with_a}/", "partner_a", 403),
    ("put", "/projects/{own}/", "owner", 405),
    ("delete", "/projects/{own}/", "owner", 405),
]


@pytest.mark.parametrize(("method", "path", "identity", "expected"), WRITES)
def test_who_may_change_what(api, world, partners, method, path, identity, expected):
    user, key = who(world, partners, identity)
    company = partners.private.company
    body = {"title": "Changed", "company": company.pk, "sector": "cgt", "project_type": "rd_centre",
            "source": "inbound", "owner": world.owner.pk}  # fmt: skip
    url = P + path.format(own=partners.private.pk, shared_with_a=partners.shared_with_a.pk)
    response = getattr(api(user, key=key), method)(url, body, format="json")
    assert response.status_code == expected, response.content


def test_partner_lists_only_its_projects_whatever_it_asks(api, partners):
    client = api(key=partners.key_a)
    titles = {row["title"] for row in client.get(f"{P}/projects/").json()["results"]}
    assert titles == {"Shared with A", "Referred by A"}
    for query in (f"?search={partners.shared_with_b.code}", f"?company={partners.shared_with_b.company_id}",
                  "?ordering=-planned_investment&stage=lead", f"?owner={partners.private.owner_id}"):  # fmt: skip
        titles = {row["title"] for row in client.get(f"{P}/projects/{query}").json()["results"]}
        assert titles <= {"Shared with A", "Referred by A"}, query


def test_an_unshared_project_looks_exactly_like_a_missing_one(api, partners):
    client = api(key=partners.key_a)
    hidden = client.get(f"{P}/projects/{partners.shared_with_b.pk}/")
    missing = client.get(f"{P}/projects/999999/")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_partners_see_no_internal_fields_unless_granted(api, partners):
    row = api(key=partners.key_a).get(f"{P}/projects/{partners.shared_with_a.pk}/").json()
    assert "internal_notes" not in row
    assert "likelihood" not in row
    partners.a.sees_internal_fields = True
    partners.a.save()
    assert "internal_notes" in api(key=partners.key_a).get(f"{P}/projects/{partners.shared_with_a.pk}/").json()


@pytest.mark.parametrize("state", ["revoked", "expired", "wrong", "partner_off"])
def test_a_key_that_should_not_work_does_not(api, partners, state):
    key = partners.key_a
    api_key = ApiKey.objects.get(prefix=key.split("_", 2)[1])
    if state == "revoked":
        api_key.revoked_at = timezone.now()
        api_key.save()
    elif state == "expired":
        api_key.expires_at = timezone.now() - timezone.timedelta(minutes=1)
        api_key.save()
    elif state == "wrong":
        key = key[:-4] + "AAAA"
    else:
        partners.a.is_active = False
        partners.a.save()
    response = api(key=key).get(f"{P}/projects/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Api-Key"


def test_keys_are_stored_hashed_and_the_command_prints_one_that_works(api, partners, capsys):
    call_command("create_api_key", "--partner", "City investment office", "--scopes", "read_projects")
    key = capsys.readouterr().out.strip()
    assert key.startswith("ccrm_")
    stored = ApiKey.objects.get(prefix=key.split("_", 2)[1])
    assert key not in (stored.hashed_key, stored.prefix)
    assert api(key=key).get(f"{P}/projects/").status_code == 200


def test_move_stage_refused_by_the_gate_answers_409_with_what_is_missing(api, world):
    project = lead_project(owner=world.owner)
    response = api(world.owner).post(f"{P}/projects/{project.pk}/move-stage/", {"to_stage": "roadshow"})
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "gate"
    assert error["missing"] == [{"key": "presentation", "message": "a presentation at a roadshow event"}]
    PresentationFactory(project=project)
    response = api(world.owner).post(f"{P}/projects/{project.pk}/move-stage/", {"to_stage": "roadshow"})
    assert response.status_code == 200
    assert response.json()["stage"] == Stage.ROADSHOW
    assert project.stage_changes.filter(to_stage=Stage.ROADSHOW, changed_by=world.owner).exists()


def test_errors_speak_the_callers_language_with_field_errors(api, world):
    english = api(world.owner).post(f"{P}/projects/", {"title": "x"}, format="json")
    assert english.status_code == 400
    assert set(english.json()["error"]["fields"]) >= {"company", "sector", "source", "owner"}
    chinese = api(world.owner, language="zh-hans").post(
        f"{P}/projects/{lead_project(owner=world.owner).pk}/move-stage/", {"to_stage": "roadshow"}
    )
    assert "还缺" in chinese.json()["error"]["message"]
    assert api(language="zh-hans").get(f"{P}/projects/").json()["error"]["status"] == 401


def test_status_needs_its_reason(api, world):
    project = lead_project(owner=world.owner)
    response = api(world.owner).post(f"{P}/projects/{project.pk}/status/", {"status": "lost"})
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]


def test_company_duplicates_are_refused_through_the_api_too(api, world):
    body = {"name_zh": "百济神州（上海）生物科技有限公司", "kind": "enterprise", "credit_code": "91350100M000100Y43"}
    assert api(world.owner).post(f"{P}/companies/", body, format="json").status_code == 201
    again = api(world.owner).post(f"{P}/companies/", {**body, "name_zh": "百济神州"}, format="json")
    assert again.status_code == 400
    assert "credit_code" in again.json()["error"]["fields"]


@pytest.mark.parametrize(("path", "identity"), [("/projects/", "owner"), ("/projects/", "partner_a"),
                                                ("/companies/", "owner"), ("/stage-changes/", "owner")])  # fmt: skip
def test_list_queries_do_not_grow_with_page_size(api, world, partners, path, identity):
    for _ in range(12):
        project = lead_project(owner=world.owner, referrer=partners.a.organization, team_members=[world.colleague])
        PresentationFactory(project=project)
    user, key = who(world, partners, identity)
    client = api(user, key=key)

    def count(size):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{P}{path}?page_size={size}")
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    client.get(f"{P}{path}")  # a key's first use of the minute also records when it was used
    small, rows_small = count(2)
    large, rows_large = count(50)
    assert rows_large > rows_small
    assert small == large


def test_syncing_with_modified_since_sees_every_row_once_while_rows_are_added(api, world):
    for _ in range(5):
        lead_project(owner=world.owner)
    client = api(world.owner)
    seen, url = [], f"{P}/projects/?page_size=2&modified_since=2000-01-01T00:00:00Z"
    added = 0
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        if added < 2:  # a colleague adds projects while the partner pages through
            lead_project(owner=world.owner)
            added += 1
        url = page["next"]
    assert len(seen) == len(set(seen))
    assert set(seen) == set(InvestmentProject.objects.values_list("pk", flat=True))


ODD_TIMES = ["0111-05-06T19:00:48-17:42", "0001-01-01T00:00:00-15:30", "2026-11-22T08:30:00+08:00"]


@pytest.mark.parametrize("since", ODD_TIMES)
def test_any_time_with_an_offset_python_accepts_filters_without_a_500(api, world, since):
    """PostgreSQL refuses offsets beyond ±15:59; the filter turns every time into UTC first."""
    lead_project(owner=world.owner)
    for path in ("/projects/", "/milestones/", "/stage-changes/?changed_since=", "/deleted/?deleted_at__gte="):
        url = f"{P}{path}" if "=" in path else f"{P}{path}?modified_since="
        response = api(world.admin).get(url + since.replace("+", "%2B"))
        assert response.status_code == 200, (path, response.content)


def test_a_time_outside_the_calendar_is_a_field_error_and_a_forged_cursor_a_404(api, world):
    import base64

    client = api(world.admin)
    too_early = client.get(f"{P}/projects/", {"modified_since": "0001-01-01T00:00:00+15:00"})
    assert too_early.status_code == 400
    assert "modified_since" in too_early.json()["error"]["fields"]
    for position in ["0111-05-06T19:00:48-17:42", "garbage", "0001-01-01T00:00:00+15:00"]:
        cursor = base64.b64encode(f"p={position}".encode()).decode()
        response = client.get(f"{P}/projects/", {"cursor": cursor})
        expected = 200 if position.startswith("0111") else 404
        assert response.status_code == expected, (position, response.content)


def test_schema_and_docs_are_served_without_internet(client):
    schema = client.get(f"{P}/schema/")
    assert schema.status_code == 200
    assert b"partnerApiKey" in schema.content
    docs = client.get(f"{P}/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower()


def test_an_id_no_database_could_hold_is_a_field_error(api, world):
    client = api(world.owner)
    for path in ("/projects/", "/milestones/", "/stage-changes/"):
        response = client.get(f"{P}{path}", {"owner": "99999999999999999999", "project": "99999999999999999999"})
        assert response.status_code in (200, 400), path
    response = client.get(f"{P}/projects/", {"owner": "99999999999999999999"})
    assert response.status_code == 400
    assert "owner" in response.json()["error"]["fields"]

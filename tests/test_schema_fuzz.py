"""Schema fuzzing: schemathesis generates requests from /api/v1/schema/ for every operation and
checks the answers: never a server error, always what the schema says (status codes, bodies,
headers), schema-invalid input refused, for a staff member and for a partner's key.

Not checked: that every schema-valid request is accepted. The schema cannot say that a project's
company must exist, that a company needs one of its two names, or that a stage gate is met; those
refusals (400/409) are the business rules working."""

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from cluster_crm.wsgi import application

# CI explores the same examples on every run (a red build can be reproduced); `make fuzz`
# explores new ones each time, with more examples per operation.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"


@pytest.fixture
def api_schema(db):
    # As Django's test client does: keep the test's database connection open between requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def fuzz(api_schema, headers: dict) -> list[str]:
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=not RANDOM,
        )
        @given(case=operation.as_strategy())
        def check(case):
            case.call_and_validate(headers={**headers, "Host": "localhost"}, excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as exc:  # collect every operation's failure, not only the first
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:1500]}")
    return failures


@pytest.mark.integration
def test_api_conforms_to_its_schema_for_staff(api_schema, world, partners):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.manager)
    assert fuzz(api_schema, {"Authorization": f"Token {token.key}"}) == []


@pytest.mark.integration
def test_api_conforms_to_its_schema_for_a_partner(api_schema, partners):
    assert fuzz(api_schema, {"Authorization": f"Api-Key {partners.key_a}"}) == []

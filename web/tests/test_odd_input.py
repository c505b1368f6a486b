"""Whatever a person types into an address or a form, the pages answer without a server error."""

import pytest
from django.urls import reverse

from tests.factories import EventFactory, lead_project

ODD = [
    "",
    "0",
    "-1",
    "99999999999999999999",
    "abc",
    "2026-13-45",
    "%00",
    "'; DROP TABLE x;--",
    "１２３",
    "📈",
    "a" * 300,
]


@pytest.mark.parametrize("value", ODD)
def test_odd_query_values_never_break_a_page(world, as_user, value):
    project = lead_project(owner=world.owner)
    event = EventFactory()
    client = as_user(world.manager)
    params = ["q", "stage", "status", "sector", "owner", "source_event", "page", "sort", "year", "reached",
              "planned_investment_min", "created_year", "signed_year", "signed_quarter", "landed_year", "idle",
              "left_stage", "left_year", "follow_up_result", "follow_up_assignee", "follow_up_year", "format", "team",
              "referrer", "landed_quarter", "signed_quarter", "planned_investment_max",
              "expected_signing_after"]  # fmt: skip
    urls = [reverse("web:home"), reverse("web:board"), reverse("web:project_list"), reverse("web:search"),
            reverse("web:notifications"), reverse("web:project", args=[project.pk]),
            reverse("web:event", args=[event.pk]), reverse("exports:export", args=["projects", "csv"]),
            *[reverse("exports:export", args=[kind, "xlsx"]) for kind in ("projects", "companies", "follow-ups")],
            reverse("exports:export", args=["interactions", "csv"]),
            *[reverse(f"reports:{name}") for name in ("funnel", "velocity", "money", "sources", "people")]]  # fmt: skip
    for url in urls:
        response = client.get(url, dict.fromkeys(params, value))
        assert response.status_code in (200, 302), (url, value, response.status_code)


@pytest.mark.parametrize("value", ODD)
def test_odd_form_values_are_refused_with_a_message(world, as_user, value):
    project = lead_project(owner=world.owner)
    client = as_user(world.owner)
    for action in ("interaction", "follow_up", "evaluation_schedule", "signing", "milestone", "status"):
        fields = ["kind", "occurred_at", "summary", "title", "due_on", "assignee", "scheduled_at", "evaluators",
                  "agreement_type", "signed_on", "committed_amount", "counts_as", "actual_date", "planned_date",
                  "status", "reason", "revisit_on"]  # fmt: skip
        data = {f"{action}-{field}": value for field in fields}
        response = client.post(reverse("web:project_action", args=[project.pk, action]), data)
        assert response.status_code in (302, 400), (action, value, response.status_code)
    move = client.post(reverse("web:project_move", args=[project.pk]), {"to_stage": value, "note": value},
                       HTTP_ACCEPT="application/json")  # fmt: skip
    assert move.status_code in (200, 400, 409)

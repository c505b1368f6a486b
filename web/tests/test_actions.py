"""Every action of the staff pages goes through the services: the effect, the refusals, the errors."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from companies.models import Company
from projects.choices import EvaluationStatus, FollowUpState, Stage, Status
from projects.models import FollowUp, Interaction, Milestone, OnSiteEvaluation, Presentation, Signing, StageChange
from reminders.models import Notification, ReminderKind, ReminderPreference
from tests.factories import (
    CompanyFactory,
    EvaluationFactory,
    EventFactory,
    FollowUpFactory,
    evaluation_project,
    lead_project,
    roadshow_project,
)
from web.models import CalendarFeed

JSON = {"HTTP_ACCEPT": "application/json"}


def test_drag_to_a_stage_whose_gate_is_not_met_is_refused_with_what_is_missing(world, as_user):
    project = lead_project(owner=world.owner)
    response = as_user(world.owner).post(
        reverse("web:project_move", args=[project.pk]), {"to_stage": "evaluation"}, **JSON
    )
    assert response.status_code == 409
    body = response.json()
    assert body["ok"] is False
    assert body["missing"] == ["an on-site evaluation, scheduled or done"]
    project.refresh_from_db()
    assert project.stage == Stage.LEAD


def test_drag_to_a_stage_whose_gate_is_met_moves_through_the_service(world, as_user):
    project = roadshow_project(owner=world.owner)
    EvaluationFactory(project=project)
    response = as_user(world.owner).post(
        reverse("web:project_move", args=[project.pk]), {"to_stage": "evaluation"}, **JSON
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "evaluation"
    assert StageChange.objects.filter(project=project, to_stage=Stage.EVALUATION, changed_by=world.owner).exists()


def test_moving_back_needs_a_note_and_leadership_may_not_move(world, as_user):
    project = roadshow_project(owner=world.owner)
    url = reverse("web:project_move", args=[project.pk])
    refused = as_user(world.owner).post(url, {"to_stage": "lead"}, **JSON)
    assert refused.status_code == 400
    assert "note" in refused.json()["message"]
    assert as_user(world.owner).post(url, {"to_stage": "lead", "note": "Pitch postponed"}, **JSON).status_code == 200
    assert as_user(world.leader).post(url, {"to_stage": "roadshow"}, **JSON).status_code == 403
    assert as_user(world.outsider).post(url, {"to_stage": "roadshow"}, **JSON).status_code == 403


def test_the_move_menu_without_javascript_comes_back_to_the_board_with_the_message(world, as_user):
    project = lead_project(owner=world.owner)
    board = reverse("web:board")
    response = as_user(world.owner).post(
        reverse("web:project_move", args=[project.pk]), {"to_stage": "negotiation", "next": board}, follow=True
    )
    assert response.redirect_chain[-1][0] == board
    assert "cannot move to Negotiation yet" in response.content.decode()


def test_a_manager_overrides_a_gate_from_the_project_page_with_a_reason(world, as_user):
    project = lead_project(owner=world.owner)
    url = reverse("web:project_move", args=[project.pk])
    data = {"stage-to_stage": "negotiation", "stage-override_reason": "Board decision 2026-11"}
    refused = as_user(world.owner).post(url, data)
    assert refused.status_code == 403
    assert as_user(world.manager).post(url, data).status_code == 302
    change = StageChange.objects.get(project=project, to_stage=Stage.NEGOTIATION)
    assert change.override_reason == "Board decision 2026-11"
    assert change.overridden


def test_follow_up_done_snooze_and_reschedule_in_place(world, as_user):
    today = timezone.localdate()
    follow_up = FollowUpFactory(project=lead_project(owner=world.owner), due_on=today - timedelta(days=1))
    client = as_user(world.owner)
    htmx = {"HTTP_HX_REQUEST": "true"}
    bad = client.post(reverse("web:follow_up_snooze", args=[follow_up.pk]), {"until": "", "reason": ""}, **htmx)
    assert bad.status_code == 200
    assert b"This field is required" in bad.content
    past = client.post(reverse("web:follow_up_reschedule", args=[follow_up.pk]), {"due_on": "2020-01-01"}, **htmx)
    assert b"Choose today or a day still to come" in past.content
    moved = client.post(
        reverse("web:follow_up_reschedule", args=[follow_up.pk]), {"due_on": (today + timedelta(days=2)).isoformat()}
    )
    assert moved.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.due_on == today + timedelta(days=2)
    snoozed = client.post(
        reverse("web:follow_up_snooze", args=[follow_up.pk]),
        {"until": (today + timedelta(days=5)).isoformat(), "reason": "Waiting for their board"},
        **htmx,
    )
    assert snoozed.status_code == 200
    follow_up.refresh_from_db()
    assert follow_up.snoozed_until == today + timedelta(days=5)
    done = client.post(reverse("web:follow_up_done", args=[follow_up.pk]), **htmx)
    assert b"Done" in done.content
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.DONE
    assert client.post(reverse("web:follow_up_done", args=[follow_up.pk])).status_code == 404  # no longer open
    other = FollowUpFactory(project=lead_project(owner=world.outsider))
    assert client.post(reverse("web:follow_up_done", args=[other.pk])).status_code == 403
    assert as_user(world.leader).post(reverse("web:follow_up_done", args=[other.pk])).status_code == 403


def test_quick_actions_on_the_project_page(world, as_user):
    project = roadshow_project(owner=world.owner)
    client = as_user(world.owner)

    def act(action, data):
        return client.post(
            reverse("web:project_action", args=[project.pk, action]), {f"{action}-{k}": v for k, v in data.items()}
        )

    assert (
        act("interaction", {"kind": "call", "occurred_at": "2026-11-20T10:00", "summary": "Talked rent"}).status_code
        == 302
    )
    assert Interaction.objects.filter(project=project, summary="Talked rent", staff=world.owner).exists()
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert act("follow_up", {"title": "Send terms", "due_on": due, "assignee": world.colleague.pk}).status_code == 302
    assert FollowUp.objects.get(title="Send terms").assignee == world.colleague
    assert (
        act("evaluation_schedule", {"scheduled_at": "2026-12-01T14:00", "evaluators": world.colleague.pk}).status_code
        == 302
    )
    evaluation = OnSiteEvaluation.objects.get(project=project)
    assert list(evaluation.evaluators.all()) == [world.colleague]
    scores = {f"score_{c}": "4" for c in ("technology", "team", "market", "cluster_fit", "regulatory")}
    recorded = act("evaluation_record", {"evaluation": evaluation.pk, **scores, "recommendation": "proceed"})
    assert recorded.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.DONE
    assert evaluation.score_team == 4
    assert act("signing", {"agreement_type": "investment", "signed_on": "2026-11-20", "committed_amount": "300000000",
                           "counts_as": "new"}).status_code == 302  # fmt: skip
    assert Signing.objects.get(project=project).counted_amount == 300000000
    assert act("milestone", {"kind": "registered", "planned_date": "2026-12-20"}).status_code == 302
    assert act("milestone", {"kind": "registered", "actual_date": "2026-11-21"}).status_code == 302
    registered = Milestone.objects.get(project=project, kind="registered")
    assert registered.actual_date.isoformat() == "2026-11-21"
    assert registered.planned_date.isoformat() == "2026-12-20"  # not wiped by the field left empty
    assert act("status", {"status": "on_hold", "reason": "Financing", "revisit_on": "2027-03-01"}).status_code == 302
    project.refresh_from_db()
    assert project.status == Status.ON_HOLD


def test_a_refused_action_keeps_what_was_typed_and_says_why(world, as_user):
    project = lead_project(owner=world.owner)
    url = reverse("web:project_action", args=[project.pk, "status"])
    response = as_user(world.owner).post(url, {"status-status": "lost", "status-lost_to": "Suzhou BioBAY"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Say why the project is lost" in page
    assert 'value="Suzhou BioBAY"' in page
    future = as_user(world.owner).post(
        reverse("web:project_action", args=[project.pk, "milestone"]),
        {"milestone-kind": "registered", "milestone-actual_date": "2999-01-01"},
    )
    assert future.status_code == 400
    assert "still to come" in future.content.decode()
    assert as_user(world.leader).post(url, {"status-status": "lost", "status-reason": "x"}).status_code == 403
    assert as_user(world.colleague).post(url, {"status-status": "lost", "status-reason": "x"}).status_code == 403


def test_event_mode_adds_projects_one_after_another_and_invites_the_interesting_ones(world, as_user):
    event = EventFactory(name="Tongji Healthcare Entrepreneurship Forum")
    known = CompanyFactory(name_zh="国科宏盟（上海）生物科技有限公司", name_en="")
    client = as_user(world.owner)
    add = reverse("web:event_add", args=[event.pk])
    base = {"sector": "cgt", "project_type": "rd_centre", "pitch_summary": "γδ-T", "rating": "5", "interested": "on"}
    assert (
        client.post(add, {**base, "company_name": "国科宏盟（上海）生物科技有限公司", "title": "γδ-T R&D"}).status_code
        == 302
    )
    assert (
        client.post(add, {**base, "company_name": "Malaria Vaccine Lab", "title": "Vaccine pilot"}).status_code == 302
    )
    assert (
        client.post(add, {**base, "company_name": "ClinAI", "title": "AI assistant", "interested": ""}).status_code
        == 302
    )
    presentations = Presentation.objects.filter(event=event).select_related("project")
    assert presentations.count() == 3
    assert {p.project.stage for p in presentations} == {Stage.ROADSHOW}
    assert presentations.get(project__title="γδ-T R&D").project.company == known
    assert Company.objects.filter(name_en="Malaria Vaccine Lab").exists()
    missing = client.post(add, {**base, "company_name": "", "title": ""})
    assert missing.status_code == 400
    assert b"This field is required" in missing.content
    interested = [p.pk for p in presentations if p.interested]
    invite = reverse("web:event_invite", args=[event.pk])
    response = client.post(invite, {"presentations": interested, "scheduled_at": "2026-12-03T10:00",
                                    "evaluators": [world.colleague.pk]})  # fmt: skip
    assert response.status_code == 302
    assert OnSiteEvaluation.objects.filter(project__presentations__event=event).count() == 2
    assert FollowUp.objects.filter(project__presentations__event=event, title__startswith="Confirm").count() == 2
    assert as_user(world.leader).post(add, {**base, "company_name": "X", "title": "Y"}).status_code == 403


def test_notifications_settings_and_the_calendar_feed(world, as_user, client):
    project = evaluation_project(owner=world.owner)
    FollowUpFactory(project=project, title="Bring the lease", due_on=timezone.localdate())
    note = Notification.objects.create(recipient=world.owner, kind=ReminderKind.IDLE, project=project, title="Quiet")
    me = as_user(world.owner)
    assert me.get(reverse("web:notification_open", args=[note.pk])).status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    assert as_user(world.colleague).get(reverse("web:notification_open", args=[note.pk])).status_code == 404
    me.post(reverse("web:settings"), {"preferences": "1", "digest-idle": "on"})
    idle = ReminderPreference.objects.get(user=world.owner, kind=ReminderKind.IDLE)
    assert (idle.email, idle.in_digest) == (False, True)
    me.post(reverse("web:settings"), {"language": "zh-hans"})
    world.owner.refresh_from_db()
    assert world.owner.language == "zh-hans"
    me.post(reverse("web:calendar_renew"))
    token = CalendarFeed.objects.get(user=world.owner).token
    feed = client.get(reverse("web:calendar_feed", args=[token]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    text = feed.content.decode()
    assert "Bring the lease" in text
    assert "BEGIN:VEVENT" in text
    assert project.evaluations.filter(status=EvaluationStatus.SCHEDULED).exists()
    assert text.count("BEGIN:VEVENT") == 2  # the follow-up and the evaluation
    me.post(reverse("web:calendar_renew"))
    assert client.get(reverse("web:calendar_feed", args=[token])).status_code == 404  # the old address is revoked
    me.post(reverse("web:calendar_revoke"))
    assert not CalendarFeed.objects.filter(user=world.owner).exists()


def test_a_follow_up_given_to_someone_outside_the_team_is_theirs_to_complete(world, as_user):
    from projects import services

    project = lead_project(owner=world.owner)
    follow_up = services.follow_up_create(project=project, title="Show the GMP plant", assignee=world.outsider,
                                          due_on=timezone.localdate(), actor=world.owner)  # fmt: skip
    outsider = as_user(world.outsider)
    assert "Show the GMP plant" in outsider.get(reverse("web:home")).content.decode()
    assert outsider.post(reverse("web:follow_up_done", args=[follow_up.pk])).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUpState.DONE
    # …but not to move onto another project, nor to change the project itself.
    other = lead_project(owner=world.owner)
    mine = services.follow_up_create(project=project, title="x", assignee=world.outsider,
                                     due_on=timezone.localdate(), actor=world.owner)  # fmt: skip
    mine.project = other
    with pytest.raises(PermissionDenied):
        services.follow_up_save(follow_up=mine, actor=world.outsider)
    refused = outsider.post(reverse("web:project_move", args=[project.pk]), {"to_stage": "roadshow"}, **JSON)
    assert refused.status_code == 403
    assert refused.json()["ok"] is False


def test_the_calendar_feed_stops_for_someone_who_lost_their_role(world, client):
    from projects import services

    follow_up_owner = world.colleague
    services.follow_up_create(project=lead_project(owner=follow_up_owner), title="Call", assignee=follow_up_owner,
                              due_on=timezone.localdate(), actor=None)  # fmt: skip
    feed = CalendarFeed.objects.create(user=follow_up_owner)
    response = client.get(reverse("web:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    follow_up_owner.groups.clear()
    assert client.get(reverse("web:calendar_feed", args=[feed.token])).status_code == 404

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from projects import services
from projects.choices import EvaluationStatus, MilestoneKind, Recommendation, Stage, Status
from projects.models import InvestmentProject, StageChange
from projects.models.guard import StageBypassError
from projects.selectors import project_missing_for_next_stage
from projects.stages import DEFAULT_LIKELIHOOD
from tests.factories import (
    PROJECT_AT_STAGE,
    EvaluationFactory,
    MilestoneFactory,
    PresentationFactory,
    ProjectFactory,
    SigningFactory,
    complete_evaluation,
    evaluation_project,
    lead_project,
    negotiation_project,
    roadshow_project,
    signed_project,
)

pytestmark = pytest.mark.django_db


def move(project, stage, actor=None, **kwargs):
    return services.project_move_stage(project=project, to_stage=stage, actor=actor, **kwargs)


@pytest.mark.parametrize("stage", list(Stage))
def test_each_stage_is_reachable_through_its_gates(stage):
    project = PROJECT_AT_STAGE[stage]()
    project.refresh_from_db()
    assert project.stage == stage
    assert project.likelihood == DEFAULT_LIKELIHOOD[stage]
    log = list(project.stage_changes.order_by("changed_at", "pk").values_list("to_stage", flat=True))
    assert log == [s for s in Stage if Stage(s).order <= Stage(stage).order]


# (start, target, what to add so the gate still misses exactly `missing`)
GATE_CASES = [
    (lead_project, Stage.ROADSHOW, ["presentation"], "a presentation at a roadshow event"),
    (roadshow_project, Stage.EVALUATION, ["evaluation"], "an on-site evaluation, scheduled or done"),
    (
        evaluation_project,
        Stage.NEGOTIATION,
        ["evaluation_proceed"],
        "a completed on-site evaluation that recommends to proceed",
    ),
    (negotiation_project, Stage.SIGNED, ["signing"], "a signing with a committed amount and a date"),
    (
        signed_project,
        Stage.LANDED,
        ["registered_or_delivered"],
        'the milestone "company registered" or "facility delivered", done',
    ),
]


@pytest.mark.parametrize(("start", "target", "keys", "message"), GATE_CASES)
def test_each_missing_requirement_is_refused_with_its_message(start, target, keys, message):
    project = start()
    with pytest.raises(services.GateError) as refused:
        move(project, target)
    assert [item.key for item in refused.value.missing] == keys
    assert message in refused.value.messages[0]
    project.refresh_from_db()
    assert project.stage != target
    assert not project.stage_changes.filter(to_stage=target).exists()


def test_operating_needs_operations_started_done():
    from tests.factories import landed_project

    project = landed_project()
    MilestoneFactory(project=project, kind=MilestoneKind.OPERATIONS_STARTED, planned_date=date(2025, 1, 1))
    with pytest.raises(services.GateError) as refused:
        move(project, Stage.OPERATING)
    assert [item.key for item in refused.value.missing] == ["operations_started"]


def test_refusal_speaks_chinese_to_a_chinese_user():
    project = lead_project()
    with translation.override("zh-hans"), pytest.raises(services.GateError) as refused:
        move(project, Stage.ROADSHOW)
    assert "路演" in refused.value.messages[0]
    assert "还缺" in refused.value.messages[0]


def test_a_long_jump_lists_every_missing_requirement_on_the_way():
    project = lead_project()
    with pytest.raises(services.GateError) as refused:
        move(project, Stage.SIGNED)
    # The roadshow is not required when passed over (a tenant's expansion signs without one).
    assert [item.key for item in refused.value.missing] == ["evaluation", "evaluation_proceed", "signing"]


def test_a_tenant_expansion_may_sign_without_a_roadshow():
    project = lead_project(source="tenant_expansion")
    complete_evaluation(EvaluationFactory(project=project))
    SigningFactory(project=project)
    move(project, Stage.SIGNED)
    assert project.stage == Stage.SIGNED


def test_a_scheduled_evaluation_opens_evaluation_but_not_negotiation():
    project = roadshow_project()
    evaluation = EvaluationFactory(project=project, status=EvaluationStatus.SCHEDULED)
    move(project, Stage.EVALUATION)
    with pytest.raises(services.GateError):
        move(project, Stage.NEGOTIATION)
    complete_evaluation(evaluation, recommendation=Recommendation.REVISIT)
    with pytest.raises(services.GateError):
        move(project, Stage.NEGOTIATION)


def test_manager_overrides_a_gate_with_a_reason_and_it_is_recorded(world):
    project = lead_project(owner=world.owner)
    change = move(project, Stage.EVALUATION, actor=world.manager, override_reason="Visited last week, file later")
    assert project.stage == Stage.EVALUATION
    assert change.overridden == ["evaluation"]
    assert change.override_reason == "Visited last week, file later"
    assert change.changed_by == world.manager


def test_staff_cannot_override_a_gate(world):
    project = lead_project(owner=world.owner)
    with pytest.raises(PermissionDenied):
        move(project, Stage.EVALUATION, actor=world.owner, override_reason="Trust me")
    project.refresh_from_db()
    assert project.stage == Stage.LEAD


def test_an_override_reason_is_not_recorded_when_nothing_was_missing(world):
    project = lead_project(owner=world.owner)
    PresentationFactory(project=project)
    change = move(project, Stage.ROADSHOW, actor=world.manager, override_reason="not needed")
    assert change.overridden == []
    assert change.override_reason == ""


def test_moving_back_needs_a_note(world):
    project = evaluation_project(owner=world.owner)
    with pytest.raises(ValidationError) as refused:
        move(project, Stage.LEAD, actor=world.owner)
    assert "note" in refused.value.message_dict
    change = move(project, Stage.ROADSHOW, actor=world.owner, note="Team wants to pitch again in spring")
    assert (change.from_stage, change.to_stage, change.note) == (
        Stage.EVALUATION,
        Stage.ROADSHOW,
        "Team wants to pitch again in spring",
    )


def test_the_stage_log_records_who_when_and_from(world):
    project = lead_project(owner=world.owner)
    PresentationFactory(project=project)
    before = timezone.now()
    change = move(project, Stage.ROADSHOW, actor=world.owner, note="Pitched at Tongji")
    assert change.from_stage == Stage.LEAD
    assert change.to_stage == Stage.ROADSHOW
    assert change.changed_by == world.owner
    assert change.changed_at >= before
    assert StageChange.objects.filter(project=project).count() == 2  # creation + this move


def test_a_project_not_active_does_not_move(world):
    project = lead_project(owner=world.owner)
    PresentationFactory(project=project)
    services.project_set_status(
        project=project,
        status=Status.ON_HOLD,
        actor=world.owner,
        reason="Funding round",
        revisit_on=timezone.localdate() + timedelta(days=30),
    )
    with pytest.raises(ValidationError):
        move(project, Stage.ROADSHOW, actor=world.owner)


@pytest.mark.parametrize(
    ("status", "kwargs", "error_field"),
    [
        (Status.ON_HOLD, {"reason": "Funding round"}, "revisit_on"),
        (Status.ON_HOLD, {"revisit_on": "future"}, "reason"),
        (Status.LOST, {}, "reason"),
        (Status.WITHDRAWN, {}, "reason"),
    ],
)
def test_status_changes_need_their_reasons(world, status, kwargs, error_field):
    project = lead_project(owner=world.owner)
    if kwargs.get("revisit_on") == "future":
        kwargs["revisit_on"] = timezone.localdate() + timedelta(days=10)
    with pytest.raises(ValidationError) as refused:
        services.project_set_status(project=project, status=status, actor=world.owner, **kwargs)
    assert error_field in refused.value.message_dict


def test_a_lost_project_keeps_its_stage_and_the_competitor(world):
    project = evaluation_project(owner=world.owner)
    change = services.project_set_status(
        project=project, status=Status.LOST, actor=world.owner, reason="Chose another park", lost_to="Suzhou BioBAY"
    )
    project.refresh_from_db()
    assert (project.stage, project.status, project.lost_to) == (Stage.EVALUATION, Status.LOST, "Suzhou BioBAY")
    assert (change.from_status, change.to_status, change.changed_by) == (Status.ACTIVE, Status.LOST, world.owner)


def test_manual_likelihood_is_kept_across_moves(world):
    project = lead_project(owner=world.owner)
    services.project_update(project=project, actor=world.owner, likelihood=60)
    assert project.likelihood_is_manual
    PresentationFactory(project=project)
    move(project, Stage.ROADSHOW)
    project.refresh_from_db()
    assert project.likelihood == 60
    assert project.weighted_investment == Decimal("60000000.00")


def test_what_is_missing_for_the_next_stage():
    project = negotiation_project()
    assert [item.key for item in project_missing_for_next_stage(project)] == ["signing"]
    SigningFactory(project=project)
    assert project_missing_for_next_stage(project) == []


class TestNoWayAround:
    def test_save_with_a_new_stage_is_refused(self):
        project = lead_project()
        project.stage = Stage.SIGNED
        with pytest.raises(StageBypassError):
            project.save()
        assert InvestmentProject.objects.get(pk=project.pk).stage == Stage.LEAD

    def test_queryset_update_of_stage_is_refused(self):
        project = lead_project()
        with pytest.raises(StageBypassError):
            InvestmentProject.objects.filter(pk=project.pk).update(stage=Stage.SIGNED)

    def test_bulk_update_of_stage_is_refused(self):
        project = lead_project()
        project.stage = Stage.SIGNED
        with pytest.raises(StageBypassError):
            InvestmentProject.objects.bulk_update([project], ["stage"])

    def test_creating_past_lead_is_refused(self, world):
        project = ProjectFactory.build(owner=world.owner, stage=Stage.SIGNED)
        project.code = "P-2099-0001"
        project.company.save()
        project.company_id = project.company.pk
        with pytest.raises(StageBypassError):
            project.save()

    def test_other_fields_still_save(self):
        project = lead_project()
        project.title = "Headquarters"
        project.save()
        assert InvestmentProject.objects.get(pk=project.pk).title == "Headquarters"


def test_project_codes_count_per_year_without_gaps():
    first = services.reserve_project_codes(year=2031, count=2)
    second = services.reserve_project_codes(year=2031)
    assert first + second == ["P-2031-0001", "P-2031-0002", "P-2031-0003"]
    assert services.reserve_project_codes(year=2032) == ["P-2032-0001"]


def test_a_new_project_needs_a_source(world):
    with pytest.raises(ValidationError) as refused:
        ProjectFactory(owner=world.owner, source="")
    assert "source" in " ".join(refused.value.messages)


def test_the_furthest_stage_and_first_landing_are_kept_for_the_reports(world):
    from projects import services
    from tests.factories import landed_project

    project = landed_project(owner=world.owner)
    landed_at = project.landed_at
    assert project.furthest_stage_rank == 5
    assert landed_at is not None
    services.project_move_stage(project=project, to_stage="negotiation", actor=world.manager, note="Lease fell through")
    project.refresh_from_db()
    assert (project.stage, project.furthest_stage_rank, project.landed_at) == ("negotiation", 5, landed_at)
    # A bulk load that writes the stage log directly is brought in line by refresh_reach.
    type(project).objects.filter(pk=project.pk).update(furthest_stage_rank=0, landed_at=None)
    services.refresh_reach([project.pk])
    project.refresh_from_db()
    assert (project.furthest_stage_rank, project.landed_at) == (5, landed_at)

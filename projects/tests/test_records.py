from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from projects import services
from projects.choices import EvaluationStatus, SigningCounts
from projects.models import Milestone
from projects.selectors import pipeline_summary
from tests.factories import (
    EvaluationFactory,
    FollowUpFactory,
    InteractionFactory,
    SigningFactory,
    lead_project,
    signed_project,
)

pytestmark = pytest.mark.django_db


def test_signings_count_once_then_only_added_capital():
    project = lead_project()
    first = SigningFactory(project=project, signed_on=date(2024, 3, 26), committed_amount=Decimal(500_000_000))
    framework = SigningFactory(project=project, signed_on=date(2024, 5, 1), committed_amount=Decimal(500_000_000))
    increase = SigningFactory(project=project, signed_on=date(2025, 1, 1), committed_amount=Decimal(80_000_000),
                              counts_as=SigningCounts.CAPITAL_INCREASE)  # fmt: skip
    upgrade = SigningFactory(project=project, signed_on=date(2025, 6, 1), committed_amount=Decimal(300_000_000),
                             counts_as=SigningCounts.UPGRADE)  # fmt: skip
    counted = {s.pk: s.counted_amount for s in project.signings.all()}
    assert counted == {first.pk: Decimal(500_000_000), framework.pk: 0, increase.pk: Decimal(80_000_000),
                       upgrade.pk: 0}  # fmt: skip


def test_an_earlier_signing_entered_later_takes_the_count():
    project = lead_project()
    later = SigningFactory(project=project, signed_on=date(2024, 6, 1), committed_amount=Decimal(200))
    earlier = SigningFactory(project=project, signed_on=date(2024, 1, 1), committed_amount=Decimal(100))
    later.refresh_from_db()
    earlier.refresh_from_db()
    assert (earlier.counted_amount, later.counted_amount) == (Decimal(100), Decimal(0))


def test_a_done_evaluation_needs_every_score_and_a_recommendation():
    evaluation = EvaluationFactory(status=EvaluationStatus.SCHEDULED)
    evaluation.status = EvaluationStatus.DONE
    evaluation.score_technology = 4
    with pytest.raises(ValidationError) as refused:
        services.evaluation_save(evaluation=evaluation, actor=None)
    assert {"score_team", "score_market", "score_cluster_fit", "score_regulatory", "recommendation"} <= set(
        refused.value.message_dict
    )


def test_scores_are_one_to_five():
    evaluation = EvaluationFactory()
    evaluation.score_team = 6
    with pytest.raises(ValidationError):
        services.evaluation_save(evaluation=evaluation, actor=None)


def test_a_milestone_is_not_done_in_the_future():
    milestone = Milestone(project=lead_project(), kind="registered", actual_date=timezone.localdate() + timedelta(1))
    with pytest.raises(ValidationError):
        services.milestone_save(milestone=milestone, actor=None)


def test_an_interaction_resets_the_idle_clock():
    project = lead_project()
    when = timezone.now() + timedelta(hours=2)
    InteractionFactory(project=project, occurred_at=when)
    project.refresh_from_db()
    assert project.last_activity_at == when


def test_follow_up_done_cancelled_snoozed(world):
    follow_up = FollowUpFactory(project=lead_project(owner=world.owner))
    services.follow_up_snooze(follow_up=follow_up, until=timezone.localdate() + timedelta(days=5),
                              reason="Back from CPHI", actor=world.owner)  # fmt: skip
    with pytest.raises(ValidationError):
        services.follow_up_snooze(follow_up=follow_up, until=timezone.localdate(), reason="x", actor=world.owner)
    services.follow_up_complete(follow_up=follow_up, actor=world.owner)
    assert follow_up.completed_at is not None
    services.follow_up_cancel(follow_up=FollowUpFactory(project=follow_up.project), actor=world.owner)


def test_pipeline_summary_counts_active_projects_with_weighted_value():
    lead_project(planned_investment=Decimal(100_000_000))
    signed_project(planned_investment=Decimal(1_500_000_000))
    rows = {row["stage"]: row for row in pipeline_summary()}
    assert (rows["lead"]["count"], rows["lead"]["weighted"]) == (1, Decimal("10000000.00"))
    assert (rows["signed"]["total"], rows["signed"]["weighted"]) == (Decimal(1_500_000_000), Decimal("1200000000.00"))
    assert rows["operating"]["count"] == 0

"""The pipeline's rules as data: the gate of each stage, default likelihoods, status needs.

One table answers both "may this project move?" (the stage service) and "what is still
missing for the next stage?" (the pages), so the two can never disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from projects.choices import STAGE_ORDER, Stage, Status


@dataclass(frozen=True)
class Requirement:
    key: str
    message: Promise
    check: Callable[[Any], bool]
    # False: only checked when the project enters this very stage, not when a move passes over it.
    # A tenant's expansion may sign without ever presenting at a roadshow.
    when_passed_over: bool = True


GATES: dict[Stage, tuple[Requirement, ...]] = {
    Stage.LEAD: (
        Requirement("company", _("the company the project belongs to"), lambda p: p.company_id is not None),
        Requirement("source", _("where the project came from (its source)"), lambda p: bool(p.source)),
    ),
    Stage.ROADSHOW: (
        Requirement(
            "presentation",
            _("a presentation at a roadshow event"),
            lambda p: p.has_presentation,
            when_passed_over=False,
        ),
    ),
    Stage.EVALUATION: (
        Requirement("evaluation", _("an on-site evaluation, scheduled or done"), lambda p: p.has_evaluation),
    ),
    Stage.NEGOTIATION: (
        Requirement(
            "evaluation_proceed",
            _("a completed on-site evaluation that recommends to proceed"),
            lambda p: p.has_proceed_evaluation,
        ),
    ),
    Stage.SIGNED: (Requirement("signing", _("a signing with a committed amount and a date"), lambda p: p.has_signing),),
    Stage.LANDED: (
        Requirement(
            "registered_or_delivered",
            _('the milestone "company registered" or "facility delivered", done'),
            lambda p: p.has_landing_milestone,
        ),
    ),
    Stage.OPERATING: (
        Requirement(
            "operations_started",
            _('the milestone "operations started", done'),
            lambda p: p.has_operations_milestone,
        ),
    ),
}

# 成功概率 by stage, in percent; a project may set its own.
DEFAULT_LIKELIHOOD: dict[Stage, int] = {
    Stage.LEAD: 10,
    Stage.ROADSHOW: 20,
    Stage.EVALUATION: 30,
    Stage.NEGOTIATION: 50,
    Stage.SIGNED: 80,
    Stage.LANDED: 95,
    Stage.OPERATING: 100,
}


@dataclass(frozen=True)
class StatusRule:
    needs_reason: bool = False
    needs_revisit_date: bool = False


STATUS_RULES: dict[Status, StatusRule] = {
    Status.ACTIVE: StatusRule(),
    Status.ON_HOLD: StatusRule(needs_reason=True, needs_revisit_date=True),
    Status.LOST: StatusRule(needs_reason=True),
    Status.WITHDRAWN: StatusRule(needs_reason=True),
}


def stages_between(current: Stage, target: Stage) -> list[Stage]:
    """The stages a forward move enters, in order, target included."""
    low, high = STAGE_ORDER[Stage(current)], STAGE_ORDER[Stage(target)]
    return [stage for stage in Stage if low < STAGE_ORDER[stage] <= high]


def missing_requirements(project: Any, target: Stage) -> list[Requirement]:
    """What the project lacks to move forward to `target`, every gate on the way.

    `project` must carry the gate facts (see projects.selectors.with_gate_facts).
    """
    missing = []
    for stage in stages_between(project.stage, target):
        for requirement in GATES[stage]:
            if stage != target and not requirement.when_passed_over:
                continue
            if not requirement.check(project):
                missing.append(requirement)
    return missing


def next_stage(stage: Stage) -> Stage | None:
    order = STAGE_ORDER[Stage(stage)] + 1
    stages = list(Stage)
    return stages[order] if order < len(stages) else None


def missing_for_next_stage(project: Any) -> list[Requirement]:
    target = next_stage(project.stage)
    return missing_requirements(project, target) if target else []

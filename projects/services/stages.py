"""The one way a project changes stage or status."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.choices import STAGE_ORDER, Source, Stage, Status
from projects.models import InvestmentProject, StageChange, StatusChange
from projects.models.guard import stage_writes_allowed
from projects.permissions import can_override_gate
from projects.selectors import with_gate_facts
from projects.services.access import ensure_can_change_project
from projects.stages import DEFAULT_LIKELIHOOD, STATUS_RULES, Requirement, missing_requirements


class GateError(ValidationError):
    """A move refused by the gates; `missing` lists every requirement the project lacks."""

    def __init__(self, *, target: Stage, missing: list[Requirement]):
        self.target = target
        self.missing = missing
        message = _("This project cannot move to %(stage)s yet. Still missing: %(missing)s.") % {
            "stage": Stage(target).label,
            "missing": "; ".join(str(requirement.message) for requirement in missing),
        }
        super().__init__(message, code="gate")


def _locked_with_facts(project: InvestmentProject) -> InvestmentProject:
    # select_for_update: two people moving the same project one after the other see each other's move.
    return with_gate_facts(InvestmentProject.objects.select_for_update().filter(pk=project.pk)).get()


@transaction.atomic
def project_move_stage(
    *,
    project: InvestmentProject,
    to_stage: Stage | str,
    actor,
    note: str = "",
    override_reason: str = "",
) -> StageChange:
    """Move a project to another stage, checking every gate a forward move passes.

    Moving back needs a note. A manager may pass gates that are not met by giving an
    override reason; the reason and what it overrode are recorded in the stage log.
    """
    to_stage = Stage(to_stage)
    locked = _locked_with_facts(project)
    ensure_can_change_project(actor, locked)
    from_stage = Stage(locked.stage)
    if locked.status != Status.ACTIVE:
        raise ValidationError(
            _("This project is %(status)s. Make it active again before changing its stage.")
            % {"status": locked.get_status_display()},
            code="not_active",
        )
    if to_stage == from_stage:
        raise ValidationError(_("The project is already in stage %(stage)s.") % {"stage": to_stage.label}, code="same")
    note, override_reason = note.strip(), override_reason.strip()
    overridden: list[str] = []
    if STAGE_ORDER[to_stage] < STAGE_ORDER[from_stage]:
        if not note:
            raise ValidationError(
                {"note": _("Moving a project back to an earlier stage needs a note saying why.")}, code="note_needed"
            )
    else:
        missing = missing_requirements(locked, to_stage)
        if missing and not override_reason:
            raise GateError(target=to_stage, missing=missing)
        if missing:
            if actor is not None and not can_override_gate(actor):
                raise PermissionDenied(_("Only a manager may override a stage gate."))
            overridden = [requirement.key for requirement in missing]
    now = timezone.now()
    stay_began_at = locked.stage_entered_at
    locked.stage = to_stage
    locked.stage_entered_at = now
    if not locked.likelihood_is_manual:
        locked.likelihood = DEFAULT_LIKELIHOOD[to_stage]
    locked.furthest_stage_rank = max(locked.furthest_stage_rank, STAGE_ORDER[to_stage])
    if locked.landed_at is None and STAGE_ORDER[to_stage] >= STAGE_ORDER[Stage.LANDED]:
        locked.landed_at = now
    with stage_writes_allowed():
        locked.save(
            update_fields=["stage", "stage_entered_at", "likelihood", "furthest_stage_rank", "landed_at", "modified_at"]
        )
    change = StageChange.objects.create(
        project=locked,
        from_stage=from_stage,
        to_stage=to_stage,
        changed_by=actor,
        changed_at=now,
        stay_began_at=stay_began_at,
        note=note,
        override_reason=override_reason if overridden else "",
        overridden=overridden,
    )
    _announce_move(locked, from_stage, to_stage)
    # The caller's instance shows the new state too.
    project.stage, project.stage_entered_at, project.likelihood = locked.stage, now, locked.likelihood
    project.furthest_stage_rank, project.landed_at = locked.furthest_stage_rank, locked.landed_at
    project.modified_at = locked.modified_at
    project._loaded_stage = locked.stage
    return change


def refresh_reach(project_ids) -> None:
    """Recompute the furthest stage and the first landing from the stage log, set-based (bulk
    loads that write the log directly; the move service keeps them otherwise)."""
    ids = list(project_ids)
    landed_or_later = [stage.value for stage in Stage if STAGE_ORDER[stage] >= STAGE_ORDER[Stage.LANDED]]
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        furthest: dict[int, int] = dict.fromkeys(chunk, 0)
        landed: dict[int, object] = {}
        for project_id, to_stage, changed_at in StageChange.objects.filter(project_id__in=chunk).values_list(
            "project_id", "to_stage", "changed_at"
        ):
            furthest[project_id] = max(furthest[project_id], STAGE_ORDER[Stage(to_stage)])
            if to_stage in landed_or_later and (project_id not in landed or changed_at < landed[project_id]):
                landed[project_id] = changed_at
        rows = [
            InvestmentProject(pk=pk, furthest_stage_rank=rank, landed_at=landed.get(pk))
            for pk, rank in furthest.items()
        ]
        InvestmentProject.objects.bulk_update(rows, ["furthest_stage_rank", "landed_at"], batch_size=1000)


def _announce_move(project: InvestmentProject, from_stage: Stage, to_stage: Stage) -> None:
    """Tell the partners who can see the project (webhooks, sent after commit)."""
    from partners.models import WebhookEvent
    from partners.webhooks import emit

    emit(WebhookEvent.STAGE_CHANGED, project=project, data={"from": from_stage, "to": to_stage})
    if to_stage == Stage.SIGNED:
        emit(WebhookEvent.SIGNED, project=project, data={"stage": to_stage})
    if from_stage == Stage.LEAD and project.source == Source.PARTNER:
        emit(WebhookEvent.LEAD_ACCEPTED, project=project, data={"stage": to_stage})


@transaction.atomic
def project_set_status(
    *,
    project: InvestmentProject,
    status: Status | str,
    actor,
    reason: str = "",
    revisit_on=None,
    lost_to: str = "",
) -> StatusChange:
    """Put a project on hold, mark it lost or withdrawn, or make it active again.

    The stage is kept: a lost project stays at the stage it reached, so funnels stay honest.
    """
    status = Status(status)
    locked = InvestmentProject.objects.select_for_update().get(pk=project.pk)
    ensure_can_change_project(actor, locked)
    rule = STATUS_RULES[status]
    reason = reason.strip()
    errors = {}
    if status == locked.status:
        errors["status"] = _("The project is already %(status)s.") % {"status": status.label}
    if rule.needs_reason and not reason:
        errors["reason"] = _("Say why the project is %(status)s.") % {"status": status.label.lower()}
    if rule.needs_revisit_date and not revisit_on:
        errors["revisit_on"] = _("Give a date to look at the project again.")
    if revisit_on and revisit_on <= timezone.localdate():
        errors["revisit_on"] = _("The date to look at the project again must be in the future.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    change = StatusChange.objects.create(
        project=locked, from_status=locked.status, to_status=status, changed_by=actor, changed_at=now, reason=reason
    )
    locked.status = status
    locked.status_reason = reason
    locked.status_changed_at = now
    locked.revisit_on = revisit_on if rule.needs_revisit_date else None
    locked.lost_to = lost_to.strip() if status == Status.LOST else ""
    locked.save(update_fields=["status", "status_reason", "status_changed_at", "revisit_on", "lost_to", "modified_at"])
    if locked.source == Source.PARTNER and locked.stage == Stage.LEAD and status in (Status.LOST, Status.WITHDRAWN):
        from partners.models import WebhookEvent
        from partners.webhooks import emit

        emit(WebhookEvent.LEAD_DECLINED, project=locked, data={"status": status, "reason": reason})
    for field in ("status", "status_reason", "status_changed_at", "revisit_on", "lost_to", "modified_at"):
        setattr(project, field, getattr(locked, field))
    return change

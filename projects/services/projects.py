from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.choices import Stage
from projects.models import InvestmentProject, ProjectCodeSequence, StageChange
from projects.permissions import can_change_shared_records
from projects.services.access import ensure_can_change_project
from projects.stages import DEFAULT_LIKELIHOOD, GATES

# What project_create/project_update may set; stage and status have services of their own.
EDITABLE_FIELDS = {
    "title",
    "company",
    "sector",
    "project_type",
    "description",
    "planned_investment",
    "registered_capital",
    "expected_jobs",
    "space_needed_m2",
    "space_types",
    "policy_needs",
    "source",
    "source_event",
    "referrer",
    "owner",
    "likelihood",
    "likelihood_is_manual",
    "expected_signing_date",
    "expected_landing_date",
    "internal_notes",
}


@transaction.atomic
def reserve_project_codes(*, year: int, count: int = 1) -> list[str]:
    """Hand out the next `count` codes of a year (P-2025-0042), never the same one twice."""
    ProjectCodeSequence.objects.get_or_create(year=year)
    sequence = ProjectCodeSequence.objects.select_for_update().get(year=year)
    first = sequence.last_number + 1
    sequence.last_number += count
    sequence.save(update_fields=["last_number"])
    return [f"P-{year}-{number:04d}" for number in range(first, first + count)]


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown or protected project fields: {sorted(unknown)}")


def _apply_likelihood(project: InvestmentProject, fields: dict[str, Any]) -> None:
    if "likelihood" in fields and "likelihood_is_manual" not in fields:
        project.likelihood_is_manual = True
    if not project.likelihood_is_manual:
        project.likelihood = DEFAULT_LIKELIHOOD[Stage(project.stage)]


@transaction.atomic
def project_create(*, actor, team_members=(), **fields: Any) -> InvestmentProject:
    """A new project, in stage lead, with its code and the first entry of its stage log."""
    _check_fields(fields)
    if actor is not None and not can_change_shared_records(actor):
        raise PermissionDenied(_("You may not create projects."))
    project = InvestmentProject(**fields)
    _apply_likelihood(project, fields)
    missing = [requirement for requirement in GATES[Stage.LEAD] if not requirement.check(project)]
    if missing:
        raise ValidationError(
            _("A project needs %(missing)s.") % {"missing": "; ".join(str(item.message) for item in missing)},
            code="gate",
        )
    now = timezone.now()
    project.code = reserve_project_codes(year=timezone.localdate().year)[0]
    project.stage_entered_at = now
    project.last_activity_at = now
    project.full_clean(exclude=["code"])
    project.save()
    project.team_members.set(team_members)
    StageChange.objects.create(project=project, from_stage="", to_stage=Stage.LEAD, changed_by=actor, changed_at=now)
    return project


@transaction.atomic
def project_update(*, project: InvestmentProject, actor, team_members=None, **fields: Any) -> InvestmentProject:
    _check_fields(fields)
    ensure_can_change_project(actor, project)
    for name, value in fields.items():
        setattr(project, name, value)
    _apply_likelihood(project, fields)
    project.full_clean(exclude=["code"])
    project.save()
    if team_members is not None:
        project.team_members.set(team_members)
    return project


@transaction.atomic
def project_snooze_idle(*, project: InvestmentProject, until, reason: str, actor) -> InvestmentProject:
    """Let a project stay quiet until a date (no idle reminders), for a stated reason."""
    ensure_can_change_project(actor, project)
    errors = {}
    if until is None or until <= timezone.localdate():
        errors["idle_snoozed_until"] = _("Choose a day still to come.")
    if not reason.strip():
        errors["idle_snooze_reason"] = _("Say why the project may stay quiet.")
    if errors:
        raise ValidationError(errors)
    project.idle_snoozed_until, project.idle_snooze_reason = until, reason.strip()
    project.save(update_fields=["idle_snoozed_until", "idle_snooze_reason", "modified_at"])
    return project

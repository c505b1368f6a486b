"""Event mode: projects presented at a forum, entered one after another on a phone."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import Company
from companies.selectors import company_match
from companies.services import company_create
from projects.choices import Source, Stage
from projects.models import FollowUp, InvestmentProject, OnSiteEvaluation, Presentation, RoadshowEvent
from projects.services.projects import project_create
from projects.services.records import evaluation_schedule, follow_up_create, presentation_save
from projects.services.stages import project_move_stage

_HAN = re.compile(r"[\u3400-\u9fff]")


def company_find_or_create(*, name: str, sector: str, actor) -> tuple[Company, bool]:
    """The company by that name (credit code and similar names as everywhere), or a new one."""
    name = name.strip()
    if not name:
        raise ValidationError({"company": _("Give the company's name.")})
    names = {"name_zh": name} if _HAN.search(name) else {"name_en": name}
    existing = company_match(**names)
    if existing is not None:
        return existing, False
    return company_create(created_by=actor, sector=sector, **names), True


@dataclass
class PresentationAdded:
    presentation: Presentation
    company_created: bool


@transaction.atomic
def event_presentation_add(
    *,
    event: RoadshowEvent,
    actor,
    company_name: str,
    title: str,
    sector: str,
    project_type: str,
    pitch_summary: str = "",
    rating: int | None = None,
    interested: bool = False,
    owner=None,
) -> PresentationAdded:
    """A project presented at the event: the company (found or new), the project (source: this
    event), the presentation, and the move to stage roadshow, all or nothing."""
    company, created = company_find_or_create(name=company_name, sector=sector, actor=actor)
    project = project_create(
        actor=actor,
        company=company,
        title=title,
        sector=sector,
        project_type=project_type,
        source=Source.EVENT,
        source_event=event,
        owner=owner or actor,
    )
    presentation = Presentation(
        event=event, project=project, pitch_summary=pitch_summary, rating=rating, interested=interested
    )
    presentation_save(presentation=presentation, actor=actor)
    project_move_stage(project=project, to_stage=Stage.ROADSHOW, actor=actor)
    return PresentationAdded(presentation=presentation, company_created=created)


@transaction.atomic
def event_invite_to_evaluations(
    *, presentations: list[Presentation], scheduled_at, actor, evaluators=(), due_on=None
) -> list[tuple[OnSiteEvaluation, FollowUp]]:
    """Invite the chosen projects to on-site evaluations in one step: for each, the evaluation and a
    follow-up for its owner to confirm the visit with the company. All or nothing."""
    if not presentations:
        raise ValidationError(_("Choose at least one project to invite."))
    # Two days ahead is when the visit is confirmed with the company (today, if the visit is sooner).
    due_on = due_on or max(timezone.localdate(), timezone.localdate(scheduled_at) - timedelta(days=2))
    created = []
    for presentation in presentations:
        project: InvestmentProject = presentation.project
        evaluation = evaluation_schedule(project=project, scheduled_at=scheduled_at, actor=actor, evaluators=evaluators)
        follow_up = follow_up_create(
            project=project,
            title=_("Confirm the on-site evaluation with %(company)s") % {"company": project.company},
            assignee=project.owner,
            due_on=due_on,
            actor=actor,
        )
        created.append((evaluation, follow_up))
    return created

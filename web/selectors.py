"""Reads that only the staff pages need: the project timeline, the people to assign."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from projects.models import InvestmentProject

TIMELINE_LIMIT = 100  # of each kind; a project with more has a long history in the admin


@dataclass
class Entry:
    when: datetime
    kind: str
    title: str
    detail: str = ""
    who: str = ""
    is_date: bool = False


def _at(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def project_timeline(project: InvestmentProject) -> list[Entry]:
    """Everything that happened to a project, newest first: one query per kind of record."""
    entries: list[Entry] = []
    for item in project.interactions.select_related("staff")[:TIMELINE_LIMIT]:
        entries.append(Entry(item.occurred_at, item.get_kind_display(), item.summary, who=str(item.staff)))
    for item in project.presentations.select_related("event")[:TIMELINE_LIMIT]:
        rating = _("rated %(score)s/5") % {"score": item.rating} if item.rating else ""
        detail = " · ".join(part for part in (item.pitch_summary, rating) if part)
        entries.append(Entry(_at(item.event.date), _("Presentation"), str(item.event.name), detail, is_date=True))
    for item in project.evaluations.all()[:TIMELINE_LIMIT]:
        title = _("On-site evaluation: %(status)s") % {"status": item.get_status_display()}
        detail = item.get_recommendation_display() if item.recommendation else item.sites_shown
        entries.append(Entry(item.scheduled_at, _("Evaluation"), title, detail))
    for item in project.signings.select_related("ceremony")[:TIMELINE_LIMIT]:
        title = f"{item.get_agreement_type_display()} · {item.get_counts_as_display()}"
        entries.append(
            Entry(_at(item.signed_on), _("Signing"), title, item.ceremony.name if item.ceremony else "", is_date=True)
        )
    for item in project.milestones.all()[:TIMELINE_LIMIT]:
        day = item.actual_date or item.planned_date
        if day:
            state = _("done") if item.actual_date else _("planned")
            entries.append(
                Entry(_at(day), _("Milestone"), f"{item.get_kind_display()} ({state})", item.note, is_date=True)
            )
    for item in project.stage_changes.select_related("changed_by")[:TIMELINE_LIMIT]:
        detail = item.note or item.override_reason
        entries.append(Entry(item.changed_at, _("Stage"), str(item), detail, who=str(item.changed_by or "")))
    for item in project.status_changes.select_related("changed_by")[:TIMELINE_LIMIT]:
        entries.append(Entry(item.changed_at, _("Status"), str(item), item.reason, who=str(item.changed_by or "")))
    for item in project.follow_ups.select_related("assignee")[:TIMELINE_LIMIT]:
        title = f"{item.title} ({item.get_state_display()})"
        entries.append(Entry(_at(item.due_on), _("Follow-up"), title, item.notes, who=str(item.assignee), is_date=True))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def assignable_people():
    """Staff and managers, who can be given follow-ups and evaluations."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.STAFF.value, Role.MANAGER.value])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )

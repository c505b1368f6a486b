"""A reminder's words, in its recipient's language: subject, lines, link, calendar invitation."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from projects.choices import MilestoneKind, Stage
from reminders.models import Reminder, ReminderKind


@dataclass
class Message:
    subject: str
    lines: list[str]
    url: str


def language_of(user) -> str:
    return user.language or settings.LANGUAGE_CODE


def project_url(project_id: int | None) -> str:
    if not project_id:
        return settings.SITE_URL + reverse("web:home")
    return settings.SITE_URL + reverse("web:project", args=[project_id])


def _project_name(context: dict) -> str:
    company = context.get("company_zh") if translation.get_language().startswith("zh") else context.get("company_en")
    company = company or context.get("company_zh") or context.get("company_en") or ""
    return f"{context.get('project_code', '')} {context.get('project_title', '')} · {company}".strip()


def describe(kind: str, context: dict) -> tuple[str, str]:
    """(headline, detail) of one reminder in the active language."""
    project = _project_name(context)
    if kind == ReminderKind.DUE_TODAY:
        return _("Due today: %(what)s") % {"what": context["follow_up"]}, project
    if kind == ReminderKind.OVERDUE:
        return (
            _("Overdue since %(date)s: %(what)s") % {"date": context["due_on"], "what": context["follow_up"]},
            project,
        )
    if kind == ReminderKind.ESCALATION:
        return (
            _("%(person)s's follow-up is %(days)s working days overdue: %(what)s")
            % {"person": context["assignee"], "days": context["working_days_late"], "what": context["follow_up"]},
            project,
        )
    if kind == ReminderKind.ASSIGNED:
        return (
            _("%(person)s asked you to: %(what)s, by %(date)s")
            % {"person": context["assigned_by"], "what": context["follow_up"], "date": context["due_on"]},
            project,
        )
    if kind == ReminderKind.IDLE:
        return (
            _("No contact for %(days)s days (%(stage)s allows %(limit)s): %(project)s")
            % {
                "days": context["idle_days"],
                "stage": Stage(context["stage"]).label,
                "limit": context["limit"],
                "project": project,
            },
            _("Log an interaction, or snooze the project with a reason."),
        )
    if kind == ReminderKind.EVALUATION_TOMORROW:
        when = datetime.fromisoformat(context["scheduled_at"]).astimezone()
        return (
            _("On-site evaluation on %(when)s: %(project)s") % {"when": f"{when:%Y-%m-%d %H:%M}", "project": project},
            context.get("sites_shown", ""),
        )
    if kind == ReminderKind.MILESTONE_SOON:
        return (
            _("Milestone due on %(date)s: %(milestone)s")
            % {"date": context["planned_date"], "milestone": MilestoneKind(context["milestone"]).label},
            project,
        )
    if kind == ReminderKind.MILESTONE_SLIPPED:
        return (
            _("Milestone planned for %(date)s is not done: %(milestone)s")
            % {"date": context["planned_date"], "milestone": MilestoneKind(context["milestone"]).label},
            project,
        )
    if kind == ReminderKind.NEW_LEAD:
        return _("New lead from %(partner)s: %(project)s") % {"partner": context["partner"], "project": project}, _(
            "You are its owner. Look at it and plan the first contact."
        )
    raise ValueError(f"no words for reminder kind {kind!r}")


def message_for(reminder: Reminder) -> Message:
    """Subject and lines of a reminder e-mail, in the recipient's language."""
    with translation.override(language_of(reminder.recipient)):
        if reminder.kind in (ReminderKind.DIGEST, ReminderKind.FOLDED):
            items = reminder.context["items"]
            subject = (
                _("Good morning: %(count)s things need you today") % {"count": len(items)}
                if reminder.kind == ReminderKind.DIGEST
                else _("%(count)s reminders for today") % {"count": len(items)}
            )
            lines = []
            for item in items:
                headline, detail = describe(item["kind"], item["context"])
                lines.append(f"{headline}\n    {detail}\n    {project_url(item['context'].get('project_id'))}")
            return Message(subject, lines, settings.SITE_URL + reverse("admin:index"))
        headline, detail = describe(reminder.kind, reminder.context)
        return Message(headline, [detail] if detail else [], project_url(reminder.project_id))


def evaluation_invitation(reminder: Reminder) -> bytes:
    """An .ics invitation for an on-site evaluation (two hours from its start)."""
    context = reminder.context
    start = datetime.fromisoformat(context["scheduled_at"])
    with translation.override(language_of(reminder.recipient)):
        summary = _("On-site evaluation: %(project)s") % {"project": _project_name(context)}
    calendar = Calendar()
    calendar.add("prodid", "-//Cluster CRM//reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"evaluation-{context['evaluation_id']}@cluster-crm")
    event.add("dtstamp", reminder.created_at or start)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(hours=2))
    event.add("summary", summary)
    event.add("description", project_url(reminder.project_id))
    if context.get("sites_shown"):
        event.add("location", context["sites_shown"])
    calendar.add_component(event)
    return calendar.to_ical()

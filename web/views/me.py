"""Notifications, my settings, and my calendar feed (.ics)."""

from datetime import date, timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from accounts.services import user_language_set
from projects.choices import EvaluationStatus
from projects.models import OnSiteEvaluation
from projects.permissions import can_view_projects
from projects.selectors import open_follow_ups
from reminders.models import Notification, ReminderKind, ReminderPreference
from web import services
from web.access import safe_next, staff_page
from web.models import CalendarFeed

# Kinds a person can switch; the digest itself and folding follow from the others.
PREFERENCE_KINDS = [kind for kind in ReminderKind if kind not in (ReminderKind.DIGEST, ReminderKind.FOLDED)]


@staff_page
def notifications(request):
    mine = Notification.objects.filter(recipient=request.user).select_related("project").order_by("-created_at")
    page = Paginator(mine, 50).get_page(request.GET.get("page"))
    return render(request, "web/notifications.html", {"page": page})


@staff_page
def notification_open(request, pk: int):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_mark_read(user=request.user, pks=[notification.pk])
    if notification.project_id:
        return redirect("web:project", pk=notification.project_id)
    return redirect(notification.url or "web:notifications")


@require_POST
@staff_page
def notifications_read(request):
    count = services.notifications_mark_read(user=request.user)
    messages.success(request, _("%(count)d notifications marked read.") % {"count": count})
    return redirect(safe_next(request, reverse("web:notifications")))


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)


@staff_page
def my_settings(request):
    user = request.user
    saved = {pref.kind: pref for pref in ReminderPreference.objects.filter(user=user)}
    if request.method == "POST":
        if "language" in request.POST:
            form = LanguageForm(request.POST)
            if form.is_valid():
                user_language_set(user=user, language=form.cleaned_data["language"])
                translation.activate(user.language)
                messages.success(request, _("Language saved."))
        else:
            choices = {
                kind.value: (f"email-{kind.value}" in request.POST, f"digest-{kind.value}" in request.POST)
                for kind in PREFERENCE_KINDS
            }
            services.reminder_preferences_save(user=user, choices=choices)
            messages.success(request, _("Reminder preferences saved."))
        return redirect("web:settings")
    rows = [
        {
            "kind": kind,
            "email": saved[kind].email if kind in saved else True,
            "in_digest": saved[kind].in_digest if kind in saved else True,
        }
        for kind in PREFERENCE_KINDS
    ]
    feed = CalendarFeed.objects.filter(user=user).first()
    feed_url = request.build_absolute_uri(reverse("web:calendar_feed", args=[feed.token])) if feed else ""
    context = {
        "rows": rows,
        "language_form": LanguageForm(initial={"language": user.language or settings.LANGUAGE_CODE}),
        "feed_url": feed_url,
    }
    return render(request, "web/settings.html", context)


@require_POST
@staff_page
def calendar_renew(request):
    services.calendar_feed_renew(user=request.user)
    messages.success(request, _("Your calendar address is ready. Any earlier address no longer works."))
    return redirect("web:settings")


@require_POST
@staff_page
def calendar_revoke(request):
    services.calendar_feed_revoke(user=request.user)
    messages.success(request, _("Your calendar address no longer works."))
    return redirect("web:settings")


def calendar_feed(request, token: str):
    """My open follow-ups (all-day to-dos) and evaluations (events) for a calendar app. The secret
    address is the only key: no session, so phones and desktop calendars can subscribe."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not can_view_projects(feed.user):
        raise Http404
    user = feed.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        calendar = Calendar()
        calendar.add("prodid", "-//Cluster CRM//calendar//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", _("Cluster CRM: my follow-ups and evaluations"))
        site = settings.SITE_URL
        for follow_up in open_follow_ups().filter(assignee=user).select_related("project__company")[:2000]:
            item = Event()
            item.add("uid", f"follow-up-{follow_up.pk}@cluster-crm")
            item.add("summary", f"{follow_up.title} · {follow_up.project.company}")
            item.add("dtstart", follow_up.effective_on)
            if follow_up.effective_on < date.max:
                item.add("dtend", follow_up.effective_on + timedelta(days=1))
            item.add("dtstamp", follow_up.modified_at)
            item.add("url", site + reverse("web:project", args=[follow_up.project_id]))
            calendar.add_component(item)
        evaluations = (
            OnSiteEvaluation.objects.filter(status=EvaluationStatus.SCHEDULED)
            .filter(Q(evaluators=user) | Q(project__owner=user))
            .filter(scheduled_at__gte=timezone.now() - timedelta(days=30))
            .distinct()
            .select_related("project__company")[:2000]
        )
        for evaluation in evaluations:
            item = Event()
            item.add("uid", f"evaluation-{evaluation.pk}@cluster-crm")
            item.add("summary", _("On-site evaluation: %(project)s") % {"project": evaluation.project})
            item.add("dtstart", evaluation.scheduled_at)
            if evaluation.scheduled_at.year < 9999:
                item.add("dtend", evaluation.scheduled_at + timedelta(hours=2))
            item.add("dtstamp", evaluation.modified_at)
            if evaluation.sites_shown:
                item.add("location", evaluation.sites_shown)
            item.add("url", site + reverse("web:project", args=[evaluation.project_id]))
            calendar.add_component(item)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cluster-crm.ics"'
    response["Cache-Control"] = "private, no-store"
    return response

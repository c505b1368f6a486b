"""Done, snooze, reschedule: from My day (in place with htmx) or the project page (plain forms)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from projects import services
from projects.selectors import open_follow_ups
from web.access import safe_next, staff_page
from web.forms import RescheduleForm, SnoozeForm


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _answer(request, follow_up, *, done_message: str = "", error: str = ""):
    """htmx: the row, updated in place. Otherwise: back to the page, with the message."""
    if request.htmx:
        if done_message:
            return render(
                request, "web/partials/follow_up_gone.html", {"message": done_message, "follow_up": follow_up}
            )
        row = open_follow_ups().select_related("project__company").get(pk=follow_up.pk)
        context = {"follow_up": row, "today": timezone.localdate(), "row_error": error,
                   "next_url": safe_next(request, reverse("web:home"))}  # fmt: skip
        return render(request, "web/partials/follow_up_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done_message)
    return redirect(safe_next(request, reverse("web:project", args=[follow_up.project_id])))


def _load(pk: int):
    return get_object_or_404(open_follow_ups().select_related("project__company"), pk=pk)


def _run(request, follow_up, action, done_message: str):
    try:
        with transaction.atomic():
            action()
    except ValidationError as error:
        return _answer(request, follow_up, error=_error_text(error))
    return _answer(request, follow_up, done_message=done_message)


@require_POST
@staff_page
def done(request, pk: int):
    follow_up = _load(pk)
    return _run(
        request,
        follow_up,
        lambda: services.follow_up_complete(follow_up=follow_up, actor=request.user),
        _("Done: %(title)s") % {"title": follow_up.title},
    )


@require_POST
@staff_page
def snooze(request, pk: int):
    follow_up = _load(pk)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _answer(request, follow_up, error=" ".join(e for errors in form.errors.values() for e in errors))
    until, reason = form.cleaned_data["until"], form.cleaned_data["reason"]
    return _run(
        request,
        follow_up,
        lambda: services.follow_up_snooze(follow_up=follow_up, until=until, reason=reason, actor=request.user),
        _("Snoozed until %(date)s: %(title)s") % {"date": until.isoformat(), "title": follow_up.title},
    )


@require_POST
@staff_page
def reschedule(request, pk: int):
    follow_up = _load(pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        return _answer(request, follow_up, error=" ".join(e for errors in form.errors.values() for e in errors))
    due_on = form.cleaned_data["due_on"]

    return _run(
        request,
        follow_up,
        lambda: services.follow_up_reschedule(follow_up=follow_up, due_on=due_on, actor=request.user),
        _("Moved to %(date)s: %(title)s") % {"date": due_on.isoformat(), "title": follow_up.title},
    )

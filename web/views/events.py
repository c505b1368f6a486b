"""Roadshow events, and event mode: add presenting projects one after another on a phone."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from companies.choices import Sector
from companies.models import Company
from core.forms import SafeModelMultipleChoiceField
from projects.choices import ProjectType
from projects.models import RoadshowEvent
from projects.permissions import can_change_shared_records
from projects.services.events import event_invite_to_evaluations, event_presentation_add
from web.access import staff_page
from web.forms import DATETIME, add_service_errors
from web.selectors import assignable_people

RATINGS = [(str(value), str(value)) for value in range(1, 6)]


class PresentationForm(forms.Form):
    company_name = forms.CharField(
        label=gettext_lazy("Company"), max_length=200, widget=forms.TextInput(attrs={"list": "company-names"})
    )
    title = forms.CharField(label=gettext_lazy("Project"), max_length=200)
    sector = forms.ChoiceField(label=gettext_lazy("Sector"), choices=Sector.choices)
    project_type = forms.ChoiceField(label=gettext_lazy("Project type"), choices=ProjectType.choices)
    pitch_summary = forms.CharField(
        label=gettext_lazy("Pitch summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"), choices=RATINGS, coerce=int, required=False, empty_value=None
    )
    interested = forms.BooleanField(label=gettext_lazy("The park is interested"), required=False)


class InviteForm(forms.Form):
    presentations = SafeModelMultipleChoiceField(label=gettext_lazy("Projects to invite"), queryset=None)
    scheduled_at = forms.DateTimeField(label=gettext_lazy("Visit on"), widget=DATETIME)
    evaluators = SafeModelMultipleChoiceField(label=gettext_lazy("Evaluators"), queryset=None, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presentations"].queryset = event.presentations.select_related("project__company", "project__owner")
        self.fields["evaluators"].queryset = assignable_people()


def _event(pk: int) -> RoadshowEvent:
    return get_object_or_404(RoadshowEvent, pk=pk)


@staff_page
def event_list(request):
    events = RoadshowEvent.objects.order_by("-date")[:100]
    return render(request, "web/event_list.html", {"events": events})


def _render_event(request, event, *, form=None, invite=None, status=200):
    presentations = list(event.presentations.select_related("project__company", "project__owner").order_by("-pk"))
    context = {
        "event": event,
        "presentations": presentations,
        "form": form or PresentationForm(initial={"sector": request.GET.get("sector", "")}),
        "invite": invite or InviteForm(event=event),
        "can_change": can_change_shared_records(request.user),
        "company_names": Company.objects.order_by("-pk").values_list("name_zh", "name_en")[:300],
    }
    return render(request, "web/event.html", context, status=status)


@staff_page
def event_page(request, pk: int):
    return _render_event(request, _event(pk))


@require_POST
@staff_page
def event_add(request, pk: int):
    event = _event(pk)
    form = PresentationForm(request.POST)
    if form.is_valid():
        try:
            added = event_presentation_add(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = _("Added: %(project)s.") % {"project": added.presentation.project}
            if added.company_created:
                text += " " + _("A new company was created.")
            messages.success(request, text)
            return redirect(reverse("web:event", args=[pk]) + f"?sector={form.cleaned_data['sector']}#add")
    return _render_event(request, event, form=form, status=400)


@require_POST
@staff_page
def event_invite(request, pk: int):
    event = _event(pk)
    invite = InviteForm(request.POST, event=event)
    if invite.is_valid():
        try:
            created = event_invite_to_evaluations(
                presentations=list(invite.cleaned_data["presentations"]),
                scheduled_at=invite.cleaned_data["scheduled_at"],
                evaluators=invite.cleaned_data["evaluators"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(invite, error)
        else:
            messages.success(
                request, _("%(count)d projects invited: evaluations and follow-ups created.") % {"count": len(created)}
            )
            return redirect("web:event", pk=pk)
    return _render_event(request, event, invite=invite, status=400)

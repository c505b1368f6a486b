"""The project list (filters, sorting, pages, export) and the project page with its quick actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from companies.choices import Sector
from projects import services
from projects.choices import EvaluationStatus, Stage, Status
from projects.models import Interaction, Milestone, OnSiteEvaluation, RoadshowEvent, Signing
from projects.permissions import can_change_project, can_override_gate
from projects.selectors import (
    project_list,
    project_missing_for_next_stage,
)
from web import forms
from web.access import project_for, safe_next, staff_page, wants_json
from web.filters import ProjectPageFilter
from web.selectors import assignable_people, project_timeline

PAGE_SIZE = 50
SORTS = {
    "newest": ("-created_at", "-pk"),
    "amount": ("-planned_investment", "pk"),
    "signing": ("expected_signing_date", "pk"),
    "activity": ("-last_activity_at", "pk"),
    "company": ("company__name_zh", "pk"),
}
SORT_LABELS = {
    "newest": gettext_lazy("Newest"),
    "amount": gettext_lazy("Largest amount"),
    "signing": gettext_lazy("Expected signing"),
    "activity": gettext_lazy("Latest activity"),
    "company": gettext_lazy("Company"),
}


def filtered_projects(request):
    filterset = ProjectPageFilter(request.GET, queryset=project_list())
    queryset = filterset.qs if filterset.is_valid() else project_list().none()
    sort = request.GET.get("sort", "newest")
    return filterset, queryset.order_by(*SORTS.get(sort, SORTS["newest"])), sort


@staff_page
def project_index(request):
    filterset, queryset, sort = filtered_projects(request)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "projects": page.object_list,
        "sort": sort,
        "sorts": SORT_LABELS,
        "stages": Stage.choices,
        "statuses": Status.choices,
        "sectors": Sector.choices,
        "events": RoadshowEvent.objects.order_by("-date")[:100],
        "today": timezone.localdate(),
    }
    return render(request, "web/project_list.html", context)


# --- The project page ------------------------------------------------------------------------


def _action_forms(project, people, data=None, which: str = "") -> dict:
    """Every quick action's form; the one just submitted is bound to what was typed."""
    evaluations = project.evaluations.filter(status=EvaluationStatus.SCHEDULED)
    now = timezone.localtime().replace(second=0, microsecond=0)
    makers = {
        "interaction": lambda d: forms.InteractionForm(d, prefix="interaction", initial={"occurred_at": now}),
        "follow_up": lambda d: forms.FollowUpForm(d, prefix="follow_up", people=people),
        "evaluation_schedule": lambda d: forms.EvaluationScheduleForm(d, prefix="evaluation_schedule", people=people),
        "evaluation_record": lambda d: forms.EvaluationRecordForm(
            d, prefix="evaluation_record", evaluations=evaluations
        ),
        "signing": lambda d: forms.SigningForm(d, prefix="signing"),
        "milestone": lambda d: forms.MilestoneForm(d, prefix="milestone"),
        "stage": lambda d: forms.MoveStageForm(d, prefix="stage"),
        "status": lambda d: forms.StatusForm(d, prefix="status"),
    }
    return {name: make(data if name == which else None) for name, make in makers.items()}


def _render_page(request, project, *, form=None, which: str = "", status: int = 200):
    can_change = can_change_project(request.user, project)
    people = assignable_people()
    action_forms = _action_forms(project, people)
    if form is not None:
        action_forms[which] = form
    if which == "" and can_change:
        action_forms["follow_up"].initial = {"assignee": request.user.pk}
    context = {
        "project": project,
        "company": project.company,
        "can_change": can_change,
        "can_override": can_override_gate(request.user),
        "missing": project_missing_for_next_stage(project),
        "next_stage": _next_stage(project.stage),
        "stages": list(Stage),
        "stage_index": list(Stage).index(Stage(project.stage)),
        "timeline": project_timeline(project),
        "forms": action_forms,
        "open_action": which,
        "has_scheduled_evaluation": action_forms["evaluation_record"].fields["evaluation"].queryset.exists(),
    }
    return render(request, "web/project.html", context, status=status)


def _next_stage(stage: str):
    order = list(Stage)
    index = order.index(Stage(stage))
    return order[index + 1] if index + 1 < len(order) else None


@staff_page
def project_page(request, pk: int):
    return _render_page(request, project_for(request, pk))


def _do_interaction(request, project, data):
    interaction = Interaction(project=project, company=project.company, staff=request.user, **data)
    services.interaction_save(interaction=interaction, actor=request.user)
    return _("Interaction logged.")


def _do_follow_up(request, project, data):
    services.follow_up_create(project=project, actor=request.user, **data)
    return _("Follow-up scheduled for %(date)s.") % {"date": data["due_on"].isoformat()}


def _do_evaluation_schedule(request, project, data):
    services.evaluation_schedule(project=project, actor=request.user, **data)
    return _("Evaluation scheduled.")


def _do_evaluation_record(request, project, data):
    evaluation: OnSiteEvaluation = data.pop("evaluation")
    for field, value in data.items():
        setattr(evaluation, field, value)
    evaluation.status = EvaluationStatus.DONE
    services.evaluation_save(evaluation=evaluation, actor=request.user)
    return _("Evaluation recorded.")


def _do_signing(request, project, data):
    services.signing_save(signing=Signing(project=project, **data), actor=request.user)
    return _("Signing recorded.")


def _do_milestone(request, project, data):
    milestone = Milestone.objects.filter(project=project, kind=data["kind"]).first() or Milestone(project=project)
    for field, value in data.items():
        if value not in (None, "") or milestone.pk is None:  # a field left empty keeps what was recorded
            setattr(milestone, field, value)
    services.milestone_save(milestone=milestone, actor=request.user)
    return _("Milestone saved.")


def _do_status(request, project, data):
    services.project_set_status(project=project, actor=request.user, **data)
    return _("Status changed to %(status)s.") % {"status": project.get_status_display()}


ACTIONS = {
    "interaction": _do_interaction,
    "follow_up": _do_follow_up,
    "evaluation_schedule": _do_evaluation_schedule,
    "evaluation_record": _do_evaluation_record,
    "signing": _do_signing,
    "milestone": _do_milestone,
    "status": _do_status,
}


@require_POST
@staff_page
def project_action(request, pk: int, action: str):
    """A quick action from the project page. Errors come back on the page with what was typed."""
    project = project_for(request, pk)
    if action not in ACTIONS:
        return redirect("web:project", pk=pk)
    form = _action_forms(project, assignable_people(), request.POST, action)[action]
    if form.is_valid():
        try:
            message = ACTIONS[action](request, project, dict(form.cleaned_data))
        except ValidationError as error:
            forms.add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("web:project", pk=pk)
    return _render_page(request, project, form=form, which=action, status=400)


@require_POST
@staff_page
def project_move(request, pk: int):
    """Move a project's stage (board drag, move menu, project page). JSON for scripts and the board."""
    project = project_for(request, pk)
    form = forms.MoveStageForm(request.POST, prefix="stage" if "stage-to_stage" in request.POST else None)
    project_url = reverse("web:project", args=[pk])
    if form.is_valid():
        try:
            services.project_move_stage(project=project, actor=request.user, **form.cleaned_data)
        except PermissionDenied as error:
            if not wants_json(request):
                raise
            message = str(error) or _("You may not change this project.")
            return JsonResponse({"ok": False, "message": message, "missing": []}, status=403)
        except services.GateError as error:
            return _move_refused(request, project, form, error, [str(item.message) for item in error.missing])
        except ValidationError as error:
            return _move_refused(request, project, form, error, [])
        message = _("%(project)s moved to %(stage)s.") % {
            "project": project.title,
            "stage": project.get_stage_display(),
        }
        if wants_json(request):
            return JsonResponse({"ok": True, "message": message, "stage": project.stage})
        messages.success(request, message)
        return redirect(safe_next(request, project_url))
    if wants_json(request):
        return JsonResponse({"ok": False, "message": _("Choose a stage."), "missing": []}, status=400)
    return _render_page(request, project, form=form, which="stage", status=400)


def _move_refused(request, project, form, error: ValidationError, missing: list[str]):
    if wants_json(request):
        text = " ".join(error.messages)
        if missing:
            target = Stage(form.cleaned_data["to_stage"]).label
            text = _("Not moved: %(stage)s needs first:") % {"stage": target}
        body = {"ok": False, "message": text, "missing": missing}
        if missing or "note" in getattr(error, "error_dict", {}):
            body["project_url"] = reverse("web:project", args=[project.pk]) + "#action-stage"
            body["project_link"] = _("Open the project to add what is missing")
        return JsonResponse(body, status=409 if missing else 400)
    if request.POST.get("next"):
        messages.error(request, " ".join(error.messages))
        return redirect(safe_next(request, reverse("web:project", args=[project.pk])))
    forms.add_service_errors(form, error)
    return _render_page(request, project, form=form, which="stage", status=400)

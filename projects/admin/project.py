from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_tools import AuditedAdmin, action_form_response, form_errors_from, run_for_each
from core.money import format_cny, format_cny_with_usd
from projects import services
from projects.admin.base import save_formset_through_services
from projects.admin.forms import AssignOwnerForm, MoveStageForm, StatusForm
from projects.admin.inlines import (
    EvaluationInline,
    FollowUpInline,
    InteractionInline,
    MilestoneInline,
    PresentationInline,
    SigningInline,
    StageChangeInline,
    StatusChangeInline,
)
from projects.models import InvestmentProject
from projects.permissions import can_change_project, can_override_gate
from projects.selectors import project_missing_for_next_stage
from projects.services.projects import EDITABLE_FIELDS
from projects.stages import next_stage


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(AuditedAdmin):
    list_display = [
        "code",
        "title",
        "company_name",
        "sector",
        "stage",
        "status",
        "planned",
        "likelihood",
        "owner",
        "last_activity_at",
    ]
    list_display_links = ["code", "title"]
    list_select_related = ["company", "owner"]
    list_filter = [
        "stage",
        "status",
        "sector",
        "project_type",
        "source",
        ("owner", admin.RelatedOnlyFieldListFilter),
        ("source_event", admin.RelatedOnlyFieldListFilter),
        "expected_signing_date",
        "created_at",
    ]
    search_fields = ["code", "title", "company__name_zh", "company__name_en", "company__credit_code"]
    autocomplete_fields = ["company", "source_event", "referrer", "owner", "team_members"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = [
        "code",
        "stage",
        "stage_entered_at",
        "missing_for_next_stage",
        "status",
        "status_reason",
        "status_changed_at",
        "revisit_on",
        "lost_to",
        "planned_with_usd",
        "weighted",
        "last_activity_at",
        "created_at",
        "modified_at",
    ]
    fieldsets = [
        (None, {"fields": ["code", "title", "company", "sector", "project_type", "description"]}),
        (
            _("Stage and status"),
            {
                "fields": [
                    ("stage", "stage_entered_at"),
                    "missing_for_next_stage",
                    ("status", "status_changed_at"),
                    "status_reason",
                    ("revisit_on", "lost_to"),
                ]
            },
        ),
        (
            _("Investment"),
            {
                "fields": [
                    "planned_investment",
                    "planned_with_usd",
                    ("likelihood", "likelihood_is_manual"),
                    "weighted",
                    "registered_capital",
                    "expected_jobs",
                    ("space_needed_m2", "space_types"),
                    "policy_needs",
                    ("expected_signing_date", "expected_landing_date"),
                ]
            },
        ),
        (_("Source and people"), {"fields": ["source", "source_event", "referrer", "owner", "team_members"]}),
        (_("Notes"), {"fields": ["internal_notes", "last_activity_at", "created_at", "modified_at"]}),
    ]
    inlines = [
        PresentationInline,
        EvaluationInline,
        SigningInline,
        MilestoneInline,
        InteractionInline,
        FollowUpInline,
        StageChangeInline,
        StatusChangeInline,
    ]
    actions = ["move_stage_action", "assign_owner_action"]

    # --- columns -------------------------------------------------------------------------
    @admin.display(description=_("company"), ordering="company__name_zh")
    def company_name(self, obj):
        return obj.company.display_name

    @admin.display(description=_("space types"))
    def space_types_labels(self, obj):
        return "、".join(InvestmentProject._meta.get_field("space_types").labels(obj.space_types)) or "—"

    @admin.display(description=_("policy needs"))
    def policy_needs_labels(self, obj):
        return "、".join(InvestmentProject._meta.get_field("policy_needs").labels(obj.policy_needs)) or "—"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: the choice lists as words, not as stored codes.
        swap = {"space_types": "space_types_labels", "policy_needs": "policy_needs_labels"}

        def swapped(item):
            return tuple(swap.get(name, name) for name in item) if isinstance(item, tuple) else swap.get(item, item)

        return [(title, {**opts, "fields": [swapped(item) for item in opts["fields"]]}) for title, opts in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "space_types_labels", "policy_needs_labels"]

    @admin.display(description=_("planned investment"), ordering="planned_investment")
    def planned(self, obj):
        return format_cny(obj.planned_investment)

    @admin.display(description=_("planned investment"))
    def planned_with_usd(self, obj):
        return format_cny_with_usd(obj.planned_investment)

    @admin.display(description=_("weighted value"))
    def weighted(self, obj):
        return format_cny(obj.weighted_investment)

    @admin.display(description=_("still missing for the next stage"))
    def missing_for_next_stage(self, obj):
        if obj.pk is None:
            return "—"
        target = next_stage(obj.stage)
        if target is None:
            return gettext("Nothing: this is the last stage.")
        missing = project_missing_for_next_stage(obj)
        if not missing:
            return gettext("Nothing: ready for %(stage)s.") % {"stage": target.label}
        items = format_html_join("", "<li>{}</li>", ((str(item.message),) for item in missing))
        return format_html("{}<ul>{}</ul>", gettext("For %(stage)s:") % {"stage": target.label}, items)

    # --- permissions ---------------------------------------------------------------------
    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_change_project(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_change_project(request.user, obj))

    # --- saving through the services -----------------------------------------------------
    def save_model(self, request, obj, form, change):
        if change:
            fields = {name: form.cleaned_data[name] for name in form.changed_data if name in EDITABLE_FIELDS}
            for name, value in fields.items():
                setattr(obj, name, value)
            services.project_update(project=obj, actor=request.user, **fields)
        else:
            fields = {name: getattr(obj, name) for name in EDITABLE_FIELDS if name in form.cleaned_data}
            if "likelihood" not in form.changed_data:
                fields.pop("likelihood", None)
            created = services.project_create(actor=request.user, **fields)
            obj.pk, obj.code, obj.likelihood = created.pk, created.code, created.likelihood
            obj._state.adding = False
            obj._loaded_stage = created.stage

    def save_formset(self, request, form, formset, change):
        save_formset_through_services(request, formset)

    # --- stage and status pages ----------------------------------------------------------
    def get_urls(self):
        urls = [
            path("<int:pk>/stage/", self.admin_site.admin_view(self.move_stage_view), name="projects_move_stage"),
            path("<int:pk>/status/", self.admin_site.admin_view(self.status_view), name="projects_set_status"),
        ]
        return urls + super().get_urls()

    def _project_for_change(self, request, pk):
        project = get_object_or_404(InvestmentProject.objects.select_related("company"), pk=pk)
        if not self.has_change_permission(request, project):
            raise PermissionDenied
        return project

    def _form_page(self, request, project, form, *, title, missing=None):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "original": project,
            "opts": self.model._meta,
            "missing": missing,
        }
        return TemplateResponse(request, "admin/projects/investmentproject/stage_form.html", context)

    def move_stage_view(self, request, pk):
        project = self._project_for_change(request, pk)
        may_override = can_override_gate(request.user)
        target = next_stage(project.stage)
        form = MoveStageForm(
            request.POST or None, can_override=may_override, initial={"to_stage": target or project.stage}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.project_move_stage(
                    project=project,
                    to_stage=form.cleaned_data["to_stage"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    override_reason=form.cleaned_data.get("override_reason", ""),
                )
            except ValidationError as exc:
                for message in form_errors_from(exc, form):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    gettext("%(project)s is now in stage %(stage)s.")
                    % {"project": project, "stage": project.get_stage_display()},
                )
                return HttpResponseRedirect(reverse("admin:projects_investmentproject_change", args=[project.pk]))
        missing = project_missing_for_next_stage(project) if target else []
        return self._form_page(
            request,
            project,
            form,
            title=gettext("Change the stage of %(project)s") % {"project": project},
            missing=missing,
        )

    def status_view(self, request, pk):
        project = self._project_for_change(request, pk)
        form = StatusForm(request.POST or None, initial={"status": project.status})
        if request.method == "POST" and form.is_valid():
            try:
                services.project_set_status(project=project, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for message in form_errors_from(exc, form):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    gettext("%(project)s is now %(status)s.")
                    % {"project": project, "status": project.get_status_display()},
                )
                return HttpResponseRedirect(reverse("admin:projects_investmentproject_change", args=[project.pk]))
        return self._form_page(
            request, project, form, title=gettext("Change the status of %(project)s") % {"project": project}
        )

    # --- bulk actions --------------------------------------------------------------------
    @admin.action(description=_("Move selected projects to a stage…"), permissions=["change"])
    def move_stage_action(self, request, queryset):
        form = MoveStageForm(
            request.POST if "apply" in request.POST else None, can_override=can_override_gate(request.user)
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            run_for_each(
                request,
                queryset,
                lambda project: services.project_move_stage(
                    project=project,
                    to_stage=data["to_stage"],
                    actor=request.user,
                    note=data["note"],
                    override_reason=data.get("override_reason", ""),
                ),
                done_message=gettext("%(count)d projects moved."),
            )
            return None
        return action_form_response(
            request,
            self,
            queryset,
            form,
            title=gettext("Move projects to a stage"),
            action="move_stage_action",
            submit=gettext("Move"),
        )

    @admin.action(description=_("Assign selected projects to an owner…"), permissions=["change"])
    def assign_owner_action(self, request, queryset):
        form = AssignOwnerForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            owner = form.cleaned_data["owner"]
            run_for_each(
                request,
                queryset,
                lambda project: services.project_update(project=project, actor=request.user, owner=owner),
                done_message=gettext("%(count)d projects reassigned."),
            )
            return None
        return action_form_response(
            request,
            self,
            queryset,
            form,
            title=gettext("Assign projects to an owner"),
            action="assign_owner_action",
            submit=gettext("Assign"),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company", "owner")

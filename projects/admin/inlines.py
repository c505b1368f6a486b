from django.utils.translation import gettext_lazy as _

from projects.admin.base import ProjectChildInline, ReadOnlyInline
from projects.models import (
    FollowUp,
    Interaction,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    Signing,
    StageChange,
    StatusChange,
)


class PresentationInline(ProjectChildInline):
    model = Presentation
    fields = ["event", "pitch_summary", "rating", "interested"]
    cached_choice_fields = ("event",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class EvaluationInline(ProjectChildInline):
    model = OnSiteEvaluation
    # Evaluators and visitors are chosen on the evaluation's own page (the change link).
    fields = [
        "scheduled_at",
        "status",
        "score_technology",
        "score_team",
        "score_market",
        "score_cluster_fit",
        "score_regulatory",
        "recommendation",
    ]


class SigningInline(ProjectChildInline):
    model = Signing
    fields = ["signed_on", "agreement_type", "committed_amount", "counts_as", "counted_amount", "ceremony"]
    readonly_fields = ["counted_amount"]
    cached_choice_fields = ("ceremony",)


class MilestoneInline(ProjectChildInline):
    model = Milestone
    fields = ["kind", "planned_date", "actual_date", "note"]


class InteractionInline(ProjectChildInline):
    model = Interaction
    fields = ["occurred_at", "kind", "staff", "summary"]
    cached_choice_fields = ("staff",)
    fk_name = "project"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            # The company is the project's; the service fills it in.
            formset.form.base_fields.pop("company", None)
        return formset


class FollowUpInline(ProjectChildInline):
    model = FollowUp
    fields = ["title", "assignee", "due_on", "state", "snoozed_until"]
    cached_choice_fields = ("assignee",)


class StageChangeInline(ReadOnlyInline):
    model = StageChange
    fields = ["changed_at", "from_stage", "to_stage", "changed_by", "note", "override_reason"]
    readonly_fields = fields
    verbose_name_plural = _("stage log")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["changed_at", "from_status", "to_status", "changed_by", "reason"]
    readonly_fields = fields
    verbose_name_plural = _("status log")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

from django.contrib import admin
from django.db.models import Count, Sum
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_tools import AuditedAdmin, run_for_each
from core.money import format_cny
from projects import services
from projects.admin.base import ProjectRecordAdmin, ReadOnlyInline, SharedRecordAdmin
from projects.choices import FollowUpState
from projects.models import (
    AnnualTarget,
    FollowUp,
    Interaction,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
    StageChange,
    StatusChange,
)


class PresentationOfEventInline(ReadOnlyInline):
    """Presentations are added from the project's page, where the event is one choice among few."""

    model = Presentation
    fields = ["project", "pitch_summary", "rating", "interested"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project")


@admin.register(RoadshowEvent)
class RoadshowEventAdmin(SharedRecordAdmin):
    list_display = ["date", "name", "kind", "organizer", "city", "presentation_count"]
    list_filter = ["kind", "date", "city"]
    search_fields = ["name", "organizer", "venue", "city"]
    date_hierarchy = "date"
    inlines = [PresentationOfEventInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(presentation_total=Count("presentations"))

    @admin.display(description=_("presentations"), ordering="presentation_total")
    def presentation_count(self, obj):
        return obj.presentation_total


class SigningOfCeremonyInline(ReadOnlyInline):
    model = Signing
    fields = ["project", "agreement_type", "committed_amount", "counts_as", "signed_on"]
    readonly_fields = fields
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("project")


@admin.register(SigningCeremony)
class SigningCeremonyAdmin(SharedRecordAdmin):
    list_display = ["date", "name", "venue", "signing_count", "committed"]
    search_fields = ["name", "venue", "organizer"]
    date_hierarchy = "date"
    inlines = [SigningOfCeremonyInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(signing_total=Count("signings"), committed_total=Sum("signings__committed_amount"))
        )

    @admin.display(description=_("signings"), ordering="signing_total")
    def signing_count(self, obj):
        return obj.signing_total

    @admin.display(description=_("committed amount"), ordering="committed_total")
    def committed(self, obj):
        return format_cny(obj.committed_total)


@admin.register(Presentation)
class PresentationAdmin(ProjectRecordAdmin):
    list_display = ["project", "event", "rating", "interested"]
    list_select_related = ["project", "event"]
    list_filter = ["interested", "rating", ("event", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["project__code", "project__title", "project__company__name_zh", "project__company__name_en"]
    autocomplete_fields = ["project", "event"]


@admin.register(OnSiteEvaluation)
class OnSiteEvaluationAdmin(ProjectRecordAdmin):
    list_display = ["project", "scheduled_at", "status", "recommendation", "average"]
    list_select_related = ["project"]
    list_filter = ["status", "recommendation", "scheduled_at"]
    search_fields = ["project__code", "project__title", "project__company__name_zh", "project__company__name_en"]
    autocomplete_fields = ["project", "evaluators", "visitors"]
    date_hierarchy = "scheduled_at"
    fieldsets = [
        (None, {"fields": ["project", "scheduled_at", "status", "evaluators", "visitors", "sites_shown"]}),
        (
            _("Scores (1–5)"),
            {
                "fields": [
                    ("score_technology", "score_team", "score_market"),
                    ("score_cluster_fit", "score_regulatory"),
                ]
            },
        ),
        (_("Outcome"), {"fields": ["recommendation", "report"]}),
    ]

    @admin.display(description=_("average score"))
    def average(self, obj):
        return obj.average_score if obj.average_score is not None else "—"


@admin.register(Signing)
class SigningAdmin(ProjectRecordAdmin):
    list_display = ["project", "signed_on", "agreement_type", "committed", "counts_as", "counted", "ceremony"]
    list_select_related = ["project", "ceremony"]
    list_filter = ["agreement_type", "counts_as", "signed_on", ("ceremony", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["project__code", "project__title", "project__company__name_zh", "project__company__name_en"]
    autocomplete_fields = ["project", "ceremony"]
    readonly_fields = ["counted_amount"]
    date_hierarchy = "signed_on"

    @admin.display(description=_("committed amount"), ordering="committed_amount")
    def committed(self, obj):
        return format_cny(obj.committed_amount)

    @admin.display(description=_("counted amount"), ordering="counted_amount")
    def counted(self, obj):
        return format_cny(obj.counted_amount)


@admin.register(Milestone)
class MilestoneAdmin(ProjectRecordAdmin):
    list_display = ["project", "kind", "planned_date", "actual_date"]
    list_select_related = ["project"]
    list_filter = ["kind", "planned_date", "actual_date"]
    search_fields = ["project__code", "project__title", "project__company__name_zh", "project__company__name_en"]
    autocomplete_fields = ["project"]


@admin.register(Interaction)
class InteractionAdmin(ProjectRecordAdmin):
    list_display = ["occurred_at", "kind", "company", "project", "staff"]
    list_select_related = ["company", "project", "staff"]
    list_filter = ["kind", "occurred_at", ("staff", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["summary", "company__name_zh", "company__name_en", "project__code", "project__title"]
    autocomplete_fields = ["company", "project", "staff", "contacts"]
    date_hierarchy = "occurred_at"


@admin.register(FollowUp)
class FollowUpAdmin(ProjectRecordAdmin):
    list_display = ["title", "project", "assignee", "due_on", "state", "snoozed_until"]
    list_select_related = ["project", "assignee"]
    list_filter = ["state", "due_on", ("assignee", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "notes", "project__code", "project__title"]
    autocomplete_fields = ["project", "assignee"]
    readonly_fields = ["created_by", "completed_at"]
    date_hierarchy = "due_on"
    actions = ["complete_action"]

    @admin.action(description=_("Mark selected follow-ups done"), permissions=["change"])
    def complete_action(self, request, queryset):
        run_for_each(
            request,
            queryset.filter(state=FollowUpState.OPEN).select_related("project"),
            lambda follow_up: services.follow_up_complete(follow_up=follow_up, actor=request.user),
            done_message=gettext("%(count)d follow-ups marked done."),
        )


class LogAdmin(admin.ModelAdmin):
    """The stage and status logs: written by the services, never by hand."""

    list_select_related = ["project", "changed_by"]
    date_hierarchy = "changed_at"
    search_fields = ["project__code", "project__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StageChange)
class StageChangeAdmin(LogAdmin):
    list_display = ["changed_at", "project", "from_stage", "to_stage", "changed_by", "override_reason"]
    list_filter = ["to_stage", "from_stage", "changed_at"]


@admin.register(StatusChange)
class StatusChangeAdmin(LogAdmin):
    list_display = ["changed_at", "project", "from_status", "to_status", "changed_by", "reason"]
    list_filter = ["to_status", "changed_at"]


@admin.register(AnnualTarget)
class AnnualTargetAdmin(AuditedAdmin):
    list_display = ["year", "signed_target", "landed_target"]

    @admin.display(description=_("signed investment target"), ordering="signed_cny")
    def signed_target(self, obj):
        return format_cny(obj.signed_cny)

    @admin.display(description=_("landed investment target"), ordering="landed_cny")
    def landed_target(self, obj):
        return format_cny(obj.landed_cny)

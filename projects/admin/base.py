"""Admin classes for records that belong to a project: permissions and saves through services."""

from django.contrib import admin

from core.admin_tools import AuditedAdmin, CachedChoicesMixin
from projects import services
from projects.models import (
    InvestmentProject,
    Signing,
)
from projects.permissions import (
    can_change_project,
    can_change_project_record,
    can_change_shared_records,
    changeable_projects,
)
from projects.services.registry import save_record


def save_formset_through_services(request, formset) -> None:
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        project_id = getattr(obj, "project_id", None)
        obj.delete()
        if isinstance(obj, Signing):
            services.signings_recount(project_id)
    for instance in instances:
        save_record(instance, request.user)
    formset.save_m2m()


class ProjectRecordAdmin(CachedChoicesMixin, AuditedAdmin):
    """A record changed together with its project: only by those who may change the project."""

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_change_project_record(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_change_project_record(request.user, obj))

    def save_model(self, request, obj, form, change):
        save_record(obj, request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Offer, and accept, only projects this person may change.
        if db_field.name == "project":
            kwargs["queryset"] = changeable_projects(request.user, InvestmentProject.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        if isinstance(obj, Signing):
            services.signings_recount(obj.project_id)


class SharedRecordAdmin(CachedChoicesMixin, AuditedAdmin):
    """Events and ceremonies belong to the park: staff and managers edit them, leadership reads."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_change_shared_records(request.user)

    def save_model(self, request, obj, form, change):
        save_record(obj, request.user)

    def save_formset(self, request, form, formset, change):
        save_formset_through_services(request, formset)


class ProjectChildInline(CachedChoicesMixin, admin.TabularInline):
    """An inline of a project's records, editable by those who may change the project."""

    extra = 0
    show_change_link = True

    def _may_change(self, request, obj) -> bool:
        if obj is None:
            return True
        # Asked by every inline for add, change and delete: answer once per request.
        cache = request.__dict__.setdefault("_may_change_project", {})
        if obj.pk not in cache:
            cache[obj.pk] = can_change_project(request.user, obj)
        return cache[obj.pk]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

"""Imports in the admin: upload a file (a dry run, or for real), see what happened to each row."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from projects.permissions import can_change_shared_records, can_override_gate
from spreadsheets.jobs import job_start
from spreadsheets.models import ImportJob
from spreadsheets.reader import read_table


class ImportJobForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ["kind", "file", "dry_run", "override_reason"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and cleaned.get("kind"):
            try:
                self.rows = len(read_table(upload.read(), upload.name, cleaned["kind"]).rows)
            except ValidationError as error:
                self.add_error("file", error)
            upload.seek(0)
        if cleaned.get("override_reason") and not can_override_gate(self.user):
            self.add_error("override_reason", _("Only a manager may override a stage gate."))
        return cleaned


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    form = ImportJobForm
    list_display = ["created_at", "original_name", "kind", "dry_run", "status", "created", "updated", "refused"]
    list_filter = ["kind", "status", "dry_run"]
    readonly_fields = ["created_by", "status", "total_rows", "created", "updated", "unchanged", "refused", "saved",
                       "error", "refused_rows"]  # fmt: skip

    def get_queryset(self, request):
        mine = super().get_queryset(request).select_related("created_by")
        return mine if request.user.is_superuser else mine.filter(created_by=request.user)

    def get_fields(self, request, obj=None):
        return ["kind", "file", "dry_run", "override_reason"] if obj is None else self.readonly_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def has_add_permission(self, request):
        return can_change_shared_records(request.user)

    def has_change_permission(self, request, obj=None):
        return obj is None and self.has_add_permission(request)

    def has_view_permission(self, request, obj=None):
        return can_change_shared_records(request.user)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        obj.original_name = obj.file.name[:200]
        obj.total_rows = form.rows
        obj.language = request.user.language or request.LANGUAGE_CODE
        super().save_model(request, obj, form, change)
        job_start(obj)

    @admin.display(description=_("refused rows"))
    def refused_rows(self, obj):
        rows = [row for row in obj.outcomes if row["action"] == "refused"]
        if not rows:
            return "—"
        lines = format_html_join(
            "", "<li>{}: {} — {}</li>", ((r["line"], r["label"], " ".join(r["messages"])) for r in rows)
        )
        return format_html("<ul>{}</ul>", lines)

"""Admin building blocks shared by the apps: service-backed saves, bounded queries."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin


class CachedChoicesMixin:
    """Foreign-key drop-downs whose options are read once per request, not once per inline row.

    Without this an inline with ten rows runs ten identical queries for its options.
    """

    cached_choice_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.cached_choice_fields and request is not None:
            cache = request.__dict__.setdefault("_admin_choice_cache", {})
            key = (db_field.model, db_field.name)
            if key not in cache:
                cache[key] = list(field.choices)
            field.choices = cache[key]
        return field


def form_errors_from(error: ValidationError, form: forms.Form | None = None) -> list[str]:
    """A ValidationError's messages, attached to the form's fields where they name one."""
    if hasattr(error, "error_dict") and form is not None:
        loose = []
        for field, field_errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in field_errors:
                for message in item.messages:
                    form.add_error(target, message) if target else loose.append(message)
        return loose
    return list(error.messages)


def run_for_each(request, objects, action, *, done_message: str) -> None:
    """Apply a service call to each selected object; report what worked and, per object, what did not."""
    done = 0
    for obj in objects:
        try:
            action(obj)
            done += 1
        except (ValidationError, PermissionDenied) as exc:
            reason = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, f"{obj}: {reason}")
    if done:
        messages.success(request, done_message % {"count": done})


def action_form_response(request, modeladmin, queryset, form, *, title: str, action: str, submit: str):
    """The intermediate page of a bulk action that needs a little input (a stage, an owner)."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "objects": queryset,
        "action": action,
        "submit_label": submit,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/action_form.html", context)


class AuditedAdmin(SimpleHistoryAdmin):
    """Change history per object, to read: reverting to an old version would skip the services."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied(_("Old versions are kept for reference and cannot be restored."))
        return super().history_form_view(request, object_id, version_id, extra_context)

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partners.models import (
    ApiKey,
    LeadRoutingRule,
    PartnerPlatform,
    ProjectShare,
    Scope,
    Tombstone,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from partners.services import api_key_create, api_key_revoke
from partners.webhooks import new_secret
from partners.webhooks import resume as resume_subscription


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    fields = ["name", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at", "created_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PartnerPlatform)
class PartnerPlatformAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "is_active", "sees_internal_fields", "contact_email"]
    list_select_related = ["organization"]
    list_filter = ["is_active", "sees_internal_fields"]
    search_fields = ["name", "organization__name_zh", "organization__name_en"]
    autocomplete_fields = ["organization"]
    inlines = [ApiKeyInline]


class ApiKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ApiKey
        fields = ["partner", "name", "scopes", "expires_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are made here (the key is shown once, in the message after saving) and revoked here."""

    form = ApiKeyForm
    list_display = ["partner", "name", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at"]
    list_select_related = ["partner"]
    list_filter = ["partner", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "partner__name"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return ["partner", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"] if obj else []

    def get_fields(self, request, obj=None):
        if obj:
            return ["partner", "name", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at", "created_at"]
        return ["partner", "name", "scopes", "expires_at"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["name", "expires_at"])
            return
        api_key, key = api_key_create(partner=form.cleaned_data["partner"], scopes=form.cleaned_data["scopes"],
                                      name=form.cleaned_data["name"], expires_at=form.cleaned_data["expires_at"],
                                      actor=request.user)  # fmt: skip
        obj.pk, obj.prefix = api_key.pk, api_key.prefix
        messages.warning(request, gettext("The new key, shown this once — copy it now: %(key)s") % {"key": key})

    @admin.action(description=_("Revoke selected keys"))
    def revoke(self, request, queryset):
        for api_key in queryset.filter(revoked_at__isnull=True):
            api_key_revoke(api_key=api_key)
        messages.success(request, gettext("Revoked at %(time)s.") % {"time": f"{timezone.localtime():%Y-%m-%d %H:%M}"})


@admin.register(ProjectShare)
class ProjectShareAdmin(admin.ModelAdmin):
    list_display = ["project", "partner", "shared_by", "created_at"]
    list_select_related = ["project", "partner", "shared_by"]
    list_filter = ["partner"]
    search_fields = ["project__code", "project__title", "partner__name"]
    autocomplete_fields = ["project", "partner"]


@admin.register(LeadRoutingRule)
class LeadRoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["order", "partner", "sector", "owner"]
    list_select_related = ["partner", "owner"]
    autocomplete_fields = ["partner", "owner"]


@admin.register(Tombstone)
class TombstoneAdmin(admin.ModelAdmin):
    list_display = ["deleted_at", "model", "object_id"]
    list_filter = ["model"]
    date_hierarchy = "deleted_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(label=_("events"), choices=WebhookEvent.choices,
                                       widget=forms.CheckboxSelectMultiple)  # fmt: skip

    class Meta:
        model = WebhookSubscription
        fields = ["partner", "url", "events", "is_active", "paused_at"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    """The signing secret is made with the subscription and shown once, after saving."""

    form = WebhookSubscriptionForm
    list_display = ["partner", "url", "is_active", "paused_at", "consecutive_failures"]
    list_select_related = ["partner"]
    list_filter = ["is_active", ("paused_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["consecutive_failures"]
    actions = ["resume"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.secret = new_secret()
            messages.warning(request, gettext("The signing secret, shown this once — copy it now: %(key)s")
                             % {"key": obj.secret})  # fmt: skip
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Resume selected subscriptions and resend what failed"))
    def resume(self, request, queryset):
        total = sum(resume_subscription(subscription) for subscription in queryset)
        messages.success(request, gettext("%(count)d deliveries will be sent again.") % {"count": total})


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "event", "subscription", "state", "attempts", "last_status", "delivered_at"]
    list_select_related = ["subscription__partner"]
    list_filter = ["state", "event"]
    date_hierarchy = "created_at"
    readonly_fields = ["subscription", "event", "payload", "state", "attempts", "last_status", "last_error",
                       "delivered_at", "created_at"]  # fmt: skip

    def has_add_permission(self, request):
        return False

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reminders.models import CalendarDay, DeliveryState, IdleThreshold, Notification, Reminder, ReminderPreference
from reminders.services import enqueue_delivery


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day", "date"]
    search_fields = ["note"]
    date_hierarchy = "date"


@admin.register(IdleThreshold)
class IdleThresholdAdmin(admin.ModelAdmin):
    list_display = ["stage", "days"]
    list_editable = ["days"]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    """Each person sets their own; administrators see and set everyone's."""

    list_display = ["user", "kind", "email", "in_digest"]
    list_select_related = ["user"]
    list_filter = ["kind", "email", "in_digest"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def get_exclude(self, request, obj=None):
        return None if request.user.is_superuser else ["user"]

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Every reminder and its e-mail's fate; failed ones can be sent again."""

    list_display = ["created_at", "kind", "recipient", "project", "email_state", "attempts", "sent_at"]
    list_select_related = ["recipient", "project"]
    list_filter = ["email_state", "kind", "created_at"]
    search_fields = ["key", "recipient__username", "project__code", "last_error"]
    date_hierarchy = "created_at"
    readonly_fields = ["key", "kind", "recipient", "project", "context", "email_state", "attempts", "last_error",
                       "sent_at", "sweep", "created_at"]  # fmt: skip
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    @admin.action(description=_("Send the e-mail of selected failed reminders again"), permissions=["change"])
    def send_again(self, request, queryset):
        ids = list(queryset.filter(email_state=DeliveryState.FAILED).values_list("pk", flat=True))
        Reminder.objects.filter(pk__in=ids).update(email_state=DeliveryState.PENDING, attempts=0)
        enqueue_delivery(ids)
        messages.success(request, gettext("%(count)d reminders will be sent again.") % {"count": len(ids)})


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at"]
    list_select_related = ["recipient"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["title", "recipient__username"]
    readonly_fields = ["recipient", "reminder", "kind", "project", "title", "body", "url", "created_at", "read_at"]
    actions = ["mark_read"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # Everyone sees their own notifications; administrators see all.
        return queryset if request.user.is_superuser else queryset.filter(recipient=request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_change_permission(self, request, obj=None):
        return obj is None or obj.recipient_id == request.user.pk

    @admin.action(description=_("Mark selected notifications read"))
    def mark_read(self, request, queryset):
        queryset.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())

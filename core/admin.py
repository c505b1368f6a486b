from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import WorkerHeartbeat

admin.site.site_header = _("Cluster CRM")
admin.site.site_title = _("Cluster CRM")
admin.site.index_title = _("Investment pipeline administration")


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["name", "seen_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

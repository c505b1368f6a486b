from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "team", "manager", "is_active", "roles"]
    list_select_related = ["team", "manager"]
    list_filter = ["groups", "team", "is_active", "is_superuser"]
    search_fields = ["username", "first_name", "last_name", "email", "phone"]
    autocomplete_fields = ["team", "manager"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Park"), {"fields": ["team", "manager", "phone", "language"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("roles"))
    def roles(self, obj):
        return ", ".join(group.name for group in obj.groups.all())

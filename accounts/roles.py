"""The roles people have in the park, as data: each role is a Django group with permissions.

The groups are created by a data migration (accounts/migrations) and kept in step by
`sync_role_groups`, so the admin and every permission check see the same thing.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    STAFF = "Park staff"
    MANAGER = "Managers"
    LEADERSHIP = "Leadership (read-only)"


ROLE_LABELS = {
    Role.STAFF: _("Park staff"),
    Role.MANAGER: _("Managers"),
    Role.LEADERSHIP: _("Leadership (read-only)"),
}

# The models each role works with, by app label.
_DOMAIN_MODELS = {
    "companies": ["company", "contact"],
    "projects": [
        "investmentproject",
        "roadshowevent",
        "presentation",
        "onsiteevaluation",
        "signingceremony",
        "signing",
        "milestone",
        "interaction",
        "followup",
        "stagechange",
        "statuschange",
    ],
}
# Logs are written by services only: nobody adds or edits them by hand.
_READ_ONLY_MODELS = {"stagechange", "statuschange"}


def role_permissions(role: Role) -> set[tuple[str, str]]:
    """(app_label, codename) pairs a role's group holds."""
    actions = {
        Role.STAFF: ("view", "add", "change"),
        Role.MANAGER: ("view", "add", "change", "delete"),
        Role.LEADERSHIP: ("view",),
    }[role]
    perms = set()
    for app_label, models in _DOMAIN_MODELS.items():
        for model in models:
            for action in actions:
                if model in _READ_ONLY_MODELS and action != "view":
                    continue
                perms.add((app_label, f"{action}_{model}"))
    # Annual targets: managers set them, everyone reads them.
    perms.add(("projects", "view_annualtarget"))
    if role is Role.MANAGER:
        perms.add(("projects", "override_gate"))
        perms |= {("projects", f"{action}_annualtarget") for action in ("add", "change", "delete")}
    # Everyone keeps their own reminder preferences (the admin shows each person only theirs).
    for action in ("view", "add", "change", "delete"):
        perms.add(("reminders", f"{action}_reminderpreference"))
    perms.add(("accounts", "view_team"))
    if role in (Role.MANAGER, Role.LEADERSHIP):
        perms.add(("accounts", "view_user"))
    return perms


def sync_role_groups(apps=None) -> None:
    """Create or update the role groups so they hold exactly their permissions."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    # Permissions are normally made after all migrations ran; make them now so a fresh
    # database has its role groups at the end of `migrate`.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = role_permissions(role)
        perms = [
            perm
            for perm in Permission.objects.select_related("content_type")
            if (perm.content_type.app_label, perm.codename) in wanted
        ]
        group.permissions.set(perms)


def user_role(user) -> Role | None:
    """The strongest role a user holds (managers outrank staff, staff outrank leadership)."""
    if not user.is_authenticated or not user.is_active:
        return None
    names = {group.name for group in user.groups.all()}
    for role in (Role.MANAGER, Role.STAFF, Role.LEADERSHIP):
        if role.value in names:
            return role
    return None

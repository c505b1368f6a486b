from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from accounts.roles import sync_role_groups

    sync_role_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        # Keeps the role groups in step when a later migration adds a model or permission.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="accounts.sync_roles")

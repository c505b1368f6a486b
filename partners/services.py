"""Partner keys and shares. Keys look like `ccrm_<prefix>_<secret>`; only a SHA-256 of the whole
key is stored (the key is random and long, so a slow hash adds nothing)."""

import hashlib
import hmac
import secrets
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import ApiKey, PartnerPlatform, ProjectShare, Scope
from projects.services.access import ensure_can_change_project

KEY_PREFIX = "ccrm"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_key_create(
    *, partner: PartnerPlatform, scopes: list[str], name: str = "", expires_at: datetime | None = None, actor=None
) -> tuple[ApiKey, str]:
    """A new key for a partner; returns the key row and the key itself, which is never shown again."""
    unknown = set(scopes) - set(Scope.values)
    if unknown or not scopes:
        raise ValidationError({"scopes": _("Choose scopes among: %(scopes)s.") % {"scopes": ", ".join(Scope.values)}})
    if expires_at and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey.objects.create(partner=partner, name=name, prefix=prefix, hashed_key=_digest(key),
                                    scopes=sorted(set(scopes)), expires_at=expires_at, created_by=actor)  # fmt: skip
    return api_key, key


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key


def api_key_check(key: str) -> ApiKey | None:
    """The usable key row for this key, or None (unknown, wrong, revoked, expired, partner off)."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    api_key = ApiKey.objects.select_related("partner").filter(prefix=parts[1]).first()
    if api_key is None or not hmac.compare_digest(api_key.hashed_key, _digest(key)):
        return None
    if not api_key.is_usable() or not api_key.partner.is_active:
        return None
    now = timezone.now()
    if api_key.last_used_at is None or (now - api_key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)  # at most once a minute
    return api_key


@transaction.atomic
def project_share(*, project, partner: PartnerPlatform, actor) -> ProjectShare:
    ensure_can_change_project(actor, project)
    return ProjectShare.objects.get_or_create(project=project, partner=partner, defaults={"shared_by": actor})[0]

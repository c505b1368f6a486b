"""Partner platforms authenticate with `Authorization: Api-Key <key>`; staff with a session or a
personal token (`Authorization: Token <token>`)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from partners.services import api_key_check


class PartnerPrincipal:
    """Who a partner's request runs as: not a user of the park, but a platform with scopes."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None
    id = None

    def __init__(self, api_key):
        self.api_key = api_key
        self.partner = api_key.partner
        self.scopes = set(api_key.scopes)

    def __str__(self) -> str:
        return f"partner:{self.partner.name}"

    def has_perm(self, perm, obj=None) -> bool:
        return False


class ApiKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the key as: Authorization: Api-Key <key>."))
        api_key = api_key_check(header[1])
        if api_key is None:
            raise exceptions.AuthenticationFailed(_("This API key is unknown, revoked or expired."))
        return PartnerPrincipal(api_key), api_key

    def authenticate_header(self, request):
        return self.keyword


def is_partner(request) -> bool:
    return isinstance(request.user, PartnerPrincipal)

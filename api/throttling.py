from rest_framework.throttling import SimpleRateThrottle

from api.authentication import PartnerPrincipal


class PerKeyThrottle(SimpleRateThrottle):
    """Requests per API key for partners, per person for staff (rates in settings; the cache is
    Redis in production, so every web process counts together)."""

    def get_cache_key(self, request, view):
        user = request.user
        if isinstance(user, PartnerPrincipal):
            return self.cache_format % {"scope": self.scope, "ident": f"key{user.api_key.pk}"}
        if user and user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user{user.pk}"}
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PartnerThrottle(PerKeyThrottle):
    scope = "partner"

    def allow_request(self, request, view):
        return True if not isinstance(request.user, PartnerPrincipal) else super().allow_request(request, view)


class StaffThrottle(PerKeyThrottle):
    scope = "staff"

    def allow_request(self, request, view):
        return True if isinstance(request.user, PartnerPrincipal) else super().allow_request(request, view)

from rest_framework.permissions import SAFE_METHODS, BasePermission

from accounts.roles import Role, user_role
from api.authentication import PartnerPrincipal


class HasRoleOrPartnerScope(BasePermission):
    """Park people by role (leadership reads only); partners by the view's scope, reading only unless
    the view lists more `partner_methods`. Who may change which project is the services' business."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if isinstance(user, PartnerPrincipal):
            scope = getattr(view, "partner_scope", None)
            methods = getattr(view, "partner_methods", SAFE_METHODS)
            return scope is not None and scope in user.scopes and request.method in methods
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.is_superuser:
            return True
        role = user_role(user)
        if role is None:
            return False
        return request.method in SAFE_METHODS or role in (Role.STAFF, Role.MANAGER)

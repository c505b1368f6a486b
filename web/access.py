"""Who may open the staff pages, and the one place each page loads what it shows."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme

from projects.permissions import can_view_projects
from projects.selectors import project_list


def staff_page(view):
    """Signed in, with a role (staff, manager, leadership) or an administrator."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_view_projects(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def project_for(request, pk: int):
    return get_object_or_404(project_list().prefetch_related("team_members"), pk=pk)


def safe_next(request, fallback: str) -> str:
    """Where to go back to after an action: the page it came from, if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from projects.permissions import can_change_project, can_change_project_record, can_change_shared_records


def ensure_can_change_project(actor, project) -> None:
    """`actor` None is the system itself (demo loader, scheduled jobs); people are checked."""
    if actor is not None and not can_change_project(actor, project):
        raise PermissionDenied(_("You may not change project %(project)s.") % {"project": project})


def ensure_can_change_record(actor, record) -> None:
    if actor is not None and not can_change_project_record(actor, record):
        raise PermissionDenied(_("You may not change records of this project."))


def ensure_can_change_shared(actor) -> None:
    if actor is not None and not can_change_shared_records(actor):
        raise PermissionDenied(_("You may not change park records."))

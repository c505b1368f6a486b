"""Who may see and change which project: the one set of rules every path uses.

- Park staff change the projects they own or are on the team of.
- Managers change those, and their team's (projects owned by their team or their reports).
- Leadership reads everything and changes nothing.
- Superusers administer.
Everyone with a role reads every project; partners (the API) see only what is shared with them.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.roles import Role, user_role


def can_view_projects(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user_role(user)))


def can_override_gate(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_perm("projects.override_gate")))


def _change_scope(user) -> Q | None:
    """A filter of the projects this user may change; None means all of them."""
    if user.is_superuser:
        return None
    role = user_role(user)
    if role not in (Role.STAFF, Role.MANAGER):
        return Q(pk__in=[])
    from projects.models import InvestmentProject

    on_team = Exists(
        InvestmentProject.team_members.through.objects.filter(investmentproject_id=OuterRef("pk"), user_id=user.pk)
    )
    scope = Q(owner_id=user.pk) | Q(on_team)
    if role is Role.MANAGER:
        scope |= Q(owner__manager_id=user.pk)
        if user.team_id:
            scope |= Q(owner__team_id=user.team_id)
    return scope


def changeable_projects(user, queryset: QuerySet) -> QuerySet:
    """The part of `queryset` (of projects) that `user` may change."""
    scope = _change_scope(user)
    return queryset if scope is None else queryset.filter(scope)


def can_change_project(user, project) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    from projects.models import InvestmentProject

    return changeable_projects(user, InvestmentProject.objects.filter(pk=project.pk)).exists()


def can_change_project_record(user, record) -> bool:
    """Presentations, evaluations, signings, milestones, follow-ups: changed with their project.
    A follow-up given to someone outside the project's team is theirs to complete, snooze or
    reschedule, on the project it belongs to."""
    project_id = getattr(record, "project_id", None)
    if _is_own_follow_up(user, record):
        return True
    if project_id is None:
        return bool(user.is_superuser or user_role(user) in (Role.STAFF, Role.MANAGER))
    from projects.models import InvestmentProject

    return can_change_project(user, InvestmentProject(pk=project_id))


def can_change_shared_records(user) -> bool:
    """Companies, contacts, events and ceremonies belong to the whole park: staff and managers edit them."""
    return bool(user.is_active and (user.is_superuser or user_role(user) in (Role.STAFF, Role.MANAGER)))


def _is_own_follow_up(user, record) -> bool:
    from projects.models import FollowUp

    if not isinstance(record, FollowUp) or record.pk is None or record.assignee_id != user.pk:
        return False
    if user_role(user) not in (Role.STAFF, Role.MANAGER) and not user.is_superuser:
        return False
    stored = FollowUp.objects.filter(pk=record.pk).values("project_id", "assignee_id").first()
    return stored is not None and stored == {"project_id": record.project_id, "assignee_id": user.pk}

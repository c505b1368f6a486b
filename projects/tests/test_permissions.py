"""Who may change a project: owner, team member, their manager; not outsiders or leadership."""

import pytest
from django.core.exceptions import PermissionDenied

from projects import services
from projects.models import InvestmentProject
from projects.permissions import can_change_project, can_override_gate, can_view_projects, changeable_projects
from tests.factories import FollowUpFactory, lead_project

pytestmark = pytest.mark.django_db

MATRIX = {
    "owner": True,
    "colleague": False,  # same team, not on this project
    "manager": True,  # the owner's manager
    "outsider": False,
    "outsiders_manager": False,
    "leader": False,
    "admin": True,
}


@pytest.mark.parametrize(("who", "may"), MATRIX.items())
def test_who_may_change_a_project(world, who, may):
    project = lead_project(owner=world.owner)
    user = getattr(world, who)
    assert can_change_project(user, project) is may
    assert changeable_projects(user, InvestmentProject.objects.all()).filter(pk=project.pk).exists() is may


def test_a_team_member_may_change_the_project(world):
    project = lead_project(owner=world.owner, team_members=[world.outsider])
    assert can_change_project(world.outsider, project)


def test_a_manager_changes_projects_owned_by_the_team(world):
    # The colleague's manager is `manager`; a project owned by a teammate without that link still counts.
    world.colleague.manager = None
    world.colleague.save()
    project = lead_project(owner=world.colleague)
    assert can_change_project(world.manager, project)
    assert not can_change_project(world.outsiders_manager, project)


def test_an_inactive_user_changes_nothing(world):
    project = lead_project(owner=world.owner)
    world.owner.is_active = False
    world.owner.save()
    assert not can_change_project(world.owner, project)


@pytest.mark.parametrize(("who", "may"), [("owner", False), ("manager", True), ("leader", False), ("admin", True)])
def test_who_may_override_a_gate(world, who, may):
    assert can_override_gate(getattr(world, who)) is may


@pytest.mark.parametrize("who", ["owner", "manager", "leader", "admin", "outsider"])
def test_everyone_with_a_role_reads_the_pipeline(world, who):
    assert can_view_projects(getattr(world, who))


def test_a_user_without_a_role_reads_nothing(db):
    from tests.factories import UserFactory

    assert not can_view_projects(UserFactory())


def test_services_refuse_an_outsider(world):
    project = lead_project(owner=world.owner)
    with pytest.raises(PermissionDenied):
        services.project_update(project=project, actor=world.outsider, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.project_move_stage(project=project, to_stage="roadshow", actor=world.leader)
    with pytest.raises(PermissionDenied):
        services.follow_up_complete(follow_up=FollowUpFactory(project=project), actor=world.outsider)
    with pytest.raises(PermissionDenied):
        services.project_create(actor=world.leader, company=project.company, title="x", sector="cgt",
                                project_type="rd_centre", source="inbound", owner=world.leader)  # fmt: skip

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum

from accounts.models import User
from accounts.roles import Role
from companies.models import Company
from projects.choices import Stage
from projects.models import InvestmentProject, RoadshowEvent, Signing, SigningCeremony, StageChange
from projects.selectors import with_gate_facts
from projects.stages import missing_requirements

pytestmark = pytest.mark.django_db


def load(**kwargs):
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"), **kwargs)  # noqa: SIM115


def table_counts():
    return {model.__name__: model.objects.count() for model in (Company, InvestmentProject, Signing, StageChange, User)}


def test_load_demo_twice_changes_nothing(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load(scale=30)
    first = table_counts()
    load(scale=30)
    assert table_counts() == first


def test_scale_tops_up_the_generated_projects(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load(scale=10)
    before = InvestmentProject.objects.count()
    load(scale=25)
    assert InvestmentProject.objects.count() == before + 15


def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", scale=0)


def test_every_project_meets_the_gates_of_its_stage(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load(scale=120)
    for project in with_gate_facts(InvestmentProject.objects.all()):
        reached = project.stage
        project.stage = Stage.LEAD
        missing = missing_requirements(project, reached) if reached != Stage.LEAD else []
        assert missing == [], f"{project.code} at {reached} lacks {[m.key for m in missing]}"
    # Each project's log ends at its stage.
    for project in InvestmentProject.objects.annotate(changes=Count("stage_changes")):
        last = project.stage_changes.order_by("-changed_at", "-pk").first()
        assert last.to_stage == project.stage


def test_the_seed_articles_are_there(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    load(scale=0)
    forum = RoadshowEvent.objects.get(date=date(2025, 7, 17))
    assert forum.presentations.count() == 4
    ceremony = SigningCeremony.objects.get(date=date(2024, 3, 26))
    assert ceremony.signings.count() == 9
    assert ceremony.signings.aggregate(total=Sum("committed_amount"))["total"] > Decimal(1_500_000_000)
    assert Company.objects.filter(name_en="BeiGene", is_park_tenant=True).exists()


def test_demo_people_in_their_roles(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.DEMO_PASSWORD = "park-demo-2026"
    load(scale=0)
    assert User.objects.filter(groups__name=Role.MANAGER).count() == 2
    assert User.objects.filter(groups__name=Role.LEADERSHIP).count() == 2
    assert User.objects.filter(groups__name=Role.STAFF).count() >= 7
    assert User.objects.get(username="li.na").check_password("park-demo-2026")
    assert User.objects.get(username="li.na").manager.username == "wang.lei"

"""Test data that reads like the domain: a project at each stage, built through the services."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Team, User
from accounts.roles import Role
from companies.choices import CompanyKind, Sector
from companies.credit_code import with_check_character
from companies.models import Company, Contact
from projects import services
from projects.choices import (
    EvaluationStatus,
    MilestoneKind,
    ProjectType,
    Recommendation,
    SigningCounts,
    Source,
    Stage,
)
from projects.models import (
    FollowUp,
    Interaction,
    InvestmentProject,
    Milestone,
    OnSiteEvaluation,
    Presentation,
    RoadshowEvent,
    Signing,
    SigningCeremony,
)

_codes = itertools.count(1)


def credit_code() -> str:
    return with_check_character(f"9131011{next(_codes):010d}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Desk {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@park.example")
    password = factory.django.Password("pw")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))
            # Everyone with a role works in the admin site.
            if not self.is_staff:
                self.is_staff = True
                self.save(update_fields=["is_staff"])


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name_zh = factory.Sequence(lambda n: f"测试生物科技{n}号有限公司")
    name_en = factory.Sequence(lambda n: f"Test Biotech No. {n} Co., Ltd.")
    credit_code = factory.LazyFunction(credit_code)
    kind = CompanyKind.ENTERPRISE
    sector = Sector.CELL_GENE_THERAPY


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    company = factory.SubFactory(CompanyFactory)
    name = factory.Faker("name")
    title = "CEO"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoadshowEvent

    name = factory.Sequence(lambda n: f"Biomedicine Roadshow {n}")
    date = date(2025, 7, 17)
    organizer = "Tongji University"


class CeremonyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SigningCeremony

    name = factory.Sequence(lambda n: f"Signing Ceremony {n}")
    date = date(2024, 3, 26)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A lead, created by project_create like every project."""

    class Meta:
        model = InvestmentProject

    title = factory.Sequence(lambda n: f"R&D centre {n}")
    company = factory.SubFactory(CompanyFactory)
    sector = Sector.CELL_GENE_THERAPY
    project_type = ProjectType.RD_CENTRE
    source = Source.EVENT
    planned_investment = Decimal("100000000.00")
    owner = factory.SubFactory(UserFactory, role=Role.STAFF)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        team_members = kwargs.pop("team_members", ())
        return services.project_create(actor=None, team_members=team_members, **kwargs)


class PresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presentation

    event = factory.SubFactory(EventFactory)
    project = factory.SubFactory(ProjectFactory)
    pitch_summary = "Allogeneic γδ-T cell therapy"
    rating = 4
    interested = True


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnSiteEvaluation

    project = factory.SubFactory(ProjectFactory)
    scheduled_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    status = EvaluationStatus.SCHEDULED


class SigningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signing

    project = factory.SubFactory(ProjectFactory)
    signed_on = date(2024, 3, 26)
    committed_amount = Decimal("150000000.00")
    counts_as = SigningCounts.NEW

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.signing_save(signing=model_class(*args, **kwargs), actor=None)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    kind = MilestoneKind.REGISTERED
    planned_date = date(2024, 6, 1)


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    project = factory.SubFactory(ProjectFactory)
    company = factory.LazyAttribute(lambda i: i.project.company)
    kind = "meeting"
    occurred_at = factory.LazyFunction(timezone.now)
    staff = factory.LazyAttribute(lambda i: i.project.owner)
    summary = "Discussed lab space"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.interaction_save(interaction=model_class(*args, **kwargs), actor=None)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    project = factory.SubFactory(ProjectFactory)
    title = "Send the lease terms"
    assignee = factory.LazyAttribute(lambda f: f.project.owner)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=3))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Saved as a row (the reminder tests count what the services would send), with the project's
        # next follow-up date kept as the services keep it.
        follow_up = super()._create(model_class, *args, **kwargs)
        services.refresh_next_follow_up([follow_up.project_id])
        return follow_up


# --- a project at each stage, walked there through the stage service ----------------------


def lead_project(**kwargs) -> InvestmentProject:
    return ProjectFactory(**kwargs)


def _move(project: InvestmentProject, stage: Stage) -> InvestmentProject:
    services.project_move_stage(project=project, to_stage=stage, actor=None)
    return project


def roadshow_project(**kwargs) -> InvestmentProject:
    project = lead_project(**kwargs)
    PresentationFactory(project=project)
    return _move(project, Stage.ROADSHOW)


def evaluation_project(**kwargs) -> InvestmentProject:
    project = roadshow_project(**kwargs)
    EvaluationFactory(project=project)
    return _move(project, Stage.EVALUATION)


def complete_evaluation(evaluation: OnSiteEvaluation, recommendation=Recommendation.PROCEED) -> OnSiteEvaluation:
    evaluation.status = EvaluationStatus.DONE
    for field in ("score_technology", "score_team", "score_market", "score_cluster_fit", "score_regulatory"):
        setattr(evaluation, field, 4)
    evaluation.recommendation = recommendation
    return services.evaluation_save(evaluation=evaluation, actor=None)


def negotiation_project(**kwargs) -> InvestmentProject:
    project = evaluation_project(**kwargs)
    complete_evaluation(project.evaluations.get())
    return _move(project, Stage.NEGOTIATION)


def signed_project(**kwargs) -> InvestmentProject:
    project = negotiation_project(**kwargs)
    SigningFactory(project=project)
    return _move(project, Stage.SIGNED)


def landed_project(**kwargs) -> InvestmentProject:
    project = signed_project(**kwargs)
    MilestoneFactory(project=project, kind=MilestoneKind.REGISTERED, actual_date=date(2024, 6, 1))
    return _move(project, Stage.LANDED)


def operating_project(**kwargs) -> InvestmentProject:
    project = landed_project(**kwargs)
    MilestoneFactory(project=project, kind=MilestoneKind.OPERATIONS_STARTED, actual_date=date(2025, 1, 6))
    return _move(project, Stage.OPERATING)


PROJECT_AT_STAGE = {
    Stage.LEAD: lead_project,
    Stage.ROADSHOW: roadshow_project,
    Stage.EVALUATION: evaluation_project,
    Stage.NEGOTIATION: negotiation_project,
    Stage.SIGNED: signed_project,
    Stage.LANDED: landed_project,
    Stage.OPERATING: operating_project,
}

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from companies.choices import Sector
from core.fields import MultipleChoiceField
from core.history import history_user
from core.models import TimeStampedModel
from projects.choices import PolicyNeed, ProjectType, Source, SpaceType, Stage, Status
from projects.models.guard import refuse_stage_write


class ProjectQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if "stage" in kwargs:
            refuse_stage_write("QuerySet.update(stage=...)")
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if "stage" in fields:
            refuse_stage_write("bulk_update(['stage'])")
        return super().bulk_update(objs, fields, *args, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        if any(obj.stage != Stage.LEAD for obj in objs):
            refuse_stage_write("bulk_create() of projects past the lead stage")
        return super().bulk_create(objs, *args, **kwargs)


class InvestmentProject(TimeStampedModel):
    """One investment intention of one company, followed from lead to operations."""

    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("project"), max_length=200, help_text=_("What the company wants to set up here."))
    company = models.ForeignKey(
        "companies.Company", verbose_name=_("company"), on_delete=models.PROTECT, related_name="projects"
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices)
    project_type = models.CharField(_("project type"), max_length=20, choices=ProjectType.choices)
    description = models.TextField(_("description"), blank=True)

    planned_investment = models.DecimalField(
        _("planned investment (CNY)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    registered_capital = models.DecimalField(
        _("registered capital (CNY)"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    expected_jobs = models.PositiveIntegerField(_("expected jobs"), null=True, blank=True)
    space_needed_m2 = models.DecimalField(
        _("space needed (m²)"),
        max_digits=10,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    space_types = MultipleChoiceField(_("space types"), item_choices=SpaceType.choices)
    policy_needs = MultipleChoiceField(_("policy needs"), item_choices=PolicyNeed.choices)

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_event = models.ForeignKey(
        "projects.RoadshowEvent",
        verbose_name=_("source event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sourced_projects",
    )
    referrer = models.ForeignKey(
        "companies.Company",
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referred_projects",
        help_text=_("The partner platform, association, fund or tenant that brought the project."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_projects"
    )
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("project team"), blank=True, related_name="team_projects"
    )

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.LEAD, db_index=True)
    stage_entered_at = models.DateTimeField(_("in this stage since"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    status_reason = models.TextField(_("status reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    revisit_on = models.DateField(_("revisit on"), null=True, blank=True)
    lost_to = models.CharField(_("lost to (competing location)"), max_length=120, blank=True)

    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (%)"), default=10, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    likelihood_is_manual = models.BooleanField(
        _("likelihood set by hand"),
        default=False,
        help_text=_("When off, the likelihood follows the stage's default."),
    )
    expected_signing_date = models.DateField(_("expected signing date"), null=True, blank=True)
    expected_landing_date = models.DateField(_("expected landing date"), null=True, blank=True)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True, db_index=True)
    # Kept by the follow-up services (projects.services.records.refresh_next_follow_up): the board
    # orders 100,000 projects by it without a subquery per project.
    next_follow_up_on = models.DateField(_("next follow-up"), null=True, blank=True, editable=False)
    # Kept by the stage service from the stage log, for the reports: the furthest stage ever
    # entered (its position in the pipeline, 0 = lead) and when the project first landed.
    furthest_stage_rank = models.PositiveSmallIntegerField(_("furthest stage reached"), default=0, editable=False)
    landed_at = models.DateTimeField(_("first landed"), null=True, blank=True, editable=False, db_index=True)
    idle_snoozed_until = models.DateField(
        _("may stay quiet until"), null=True, blank=True, help_text=_("No idle reminders before this date.")
    )
    idle_snooze_reason = models.CharField(_("why it may stay quiet"), max_length=200, blank=True)
    internal_notes = models.TextField(_("internal notes"), blank=True)

    history = HistoricalRecords(get_user=history_user, excluded_fields=["modified_at"])

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        ordering = ["-created_at"]
        permissions = [("override_gate", _("Can override a stage gate, with a reason"))]
        indexes = [
            models.Index(fields=["stage", "status"]),
            models.Index(fields=["stage", "status", "next_follow_up_on"], name="project_board_order"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_stage", None)
        if self._state.adding and self.stage != Stage.LEAD:
            refuse_stage_write("Creating a project past the lead stage")
        elif not self._state.adding and loaded is not None and self.stage != loaded:
            refuse_stage_write("InvestmentProject.save() with a new stage")
        super().save(*args, **kwargs)
        self._loaded_stage = self.stage

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded_stage = instance.__dict__.get("stage")
        return instance

    @property
    def weighted_investment(self) -> Decimal | None:
        if self.planned_investment is None:
            return None
        return (self.planned_investment * self.likelihood / 100).quantize(Decimal("0.01"))


class ProjectCodeSequence(models.Model):
    """The last number handed out per year, for codes such as P-2025-0042 (locked while used)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("project code sequence")
        verbose_name_plural = _("project code sequences")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"

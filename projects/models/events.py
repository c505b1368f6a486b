from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.history import history_user
from core.models import TimeStampedModel
from projects.choices import AgreementType, EvaluationStatus, EventKind, Recommendation, SigningCounts

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]

# The fixed criteria of an on-site evaluation, scored 1–5: (field, label).
EVALUATION_CRITERIA = (
    ("score_technology", _("Technology")),
    ("score_team", _("Team")),
    ("score_market", _("Market")),
    ("score_cluster_fit", _("Fit with the cluster")),
    ("score_regulatory", _("Regulatory readiness")),
)


class RoadshowEvent(TimeStampedModel):
    """A roadshow, forum or summit the park attended or hosted (路演/论坛)."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.ROADSHOW)
    organizer = models.CharField(_("organizer"), max_length=200, blank=True)
    date = models.DateField(_("date"), db_index=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("roadshow event")
        verbose_name_plural = _("roadshow events")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["name", "date"], name="event_name_date_unique")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class Presentation(TimeStampedModel):
    """A project's pitch at a roadshow event, with the staff's impression of it."""

    event = models.ForeignKey(
        RoadshowEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="presentations"
    )
    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="presentations"
    )
    pitch_summary = models.TextField(_("pitch summary"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating (1–5)"), null=True, blank=True, validators=SCORE_VALIDATORS)
    interested = models.BooleanField(_("park is interested"), default=False)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")
        ordering = ["event__date", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "project"], name="presentation_once_per_event")]

    def __str__(self) -> str:
        return f"{self.project} @ {self.event}"


class OnSiteEvaluation(TimeStampedModel):
    """A visit of the project's team to the park, scored by staff (实地考察)."""

    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="evaluations"
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.SCHEDULED
    )
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluators"), blank=True, related_name="evaluations"
    )
    visitors = models.ManyToManyField(
        "companies.Contact", verbose_name=_("visitors"), blank=True, related_name="evaluations"
    )
    sites_shown = models.TextField(_("sites shown"), blank=True)
    score_technology = models.PositiveSmallIntegerField(
        _("technology"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_team = models.PositiveSmallIntegerField(_("team"), null=True, blank=True, validators=SCORE_VALIDATORS)
    score_market = models.PositiveSmallIntegerField(_("market"), null=True, blank=True, validators=SCORE_VALIDATORS)
    score_cluster_fit = models.PositiveSmallIntegerField(
        _("fit with the cluster"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    score_regulatory = models.PositiveSmallIntegerField(
        _("regulatory readiness"), null=True, blank=True, validators=SCORE_VALIDATORS
    )
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    report = models.TextField(_("report"), blank=True)
    history = HistoricalRecords(get_user=history_user, m2m_fields=[evaluators])

    class Meta:
        verbose_name = _("on-site evaluation")
        verbose_name_plural = _("on-site evaluations")
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return f"{self.project} · {self.scheduled_at:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.status == EvaluationStatus.DONE:
            errors = {
                field: _("Score %(criterion)s from 1 to 5 to complete the evaluation.") % {"criterion": label}
                for field, label in EVALUATION_CRITERIA
                if getattr(self, field) is None
            }
            if not self.recommendation:
                errors["recommendation"] = _("A completed evaluation needs a recommendation.")
            if errors:
                raise ValidationError(errors)
        elif self.recommendation:
            raise ValidationError(
                {"recommendation": _("Recommend only once the evaluation is done: set its status to Done.")}
            )

    @property
    def scores(self) -> list[int | None]:
        return [getattr(self, field) for field, _label in EVALUATION_CRITERIA]

    @property
    def average_score(self) -> Decimal | None:
        scores = [score for score in self.scores if score is not None]
        if len(scores) != len(EVALUATION_CRITERIA):
            return None
        return (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"))


class SigningCeremony(TimeStampedModel):
    """An occasion at which several projects sign at once (签约仪式)."""

    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    organizer = models.CharField(_("organizer"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("signing ceremony")
        verbose_name_plural = _("signing ceremonies")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["name", "date"], name="ceremony_name_date_unique")]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class Signing(TimeStampedModel):
    """An agreement signed for a project (签约)."""

    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="signings"
    )
    ceremony = models.ForeignKey(
        SigningCeremony,
        verbose_name=_("ceremony"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signings",
    )
    agreement_type = models.CharField(
        _("agreement type"), max_length=20, choices=AgreementType.choices, default=AgreementType.INVESTMENT
    )
    signed_on = models.DateField(_("signed on"), db_index=True)
    committed_amount = models.DecimalField(
        _("committed amount (CNY)"), max_digits=18, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    counts_as = models.CharField(
        _("counts as"), max_length=20, choices=SigningCounts.choices, default=SigningCounts.NEW
    )
    counted_amount = models.DecimalField(
        _("counted amount (CNY)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal(0),
        editable=False,
        help_text=_("What this signing adds to signed investment under the counting rules."),
    )
    signatories = models.TextField(_("signatories"), blank=True)
    document = models.FileField(_("document"), upload_to="signings/%Y/", blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("signing")
        verbose_name_plural = _("signings")
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_agreement_type_display()} · {self.signed_on:%Y-%m-%d}"

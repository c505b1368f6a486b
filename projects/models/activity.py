from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.history import history_user
from core.models import TimeStampedModel
from projects.choices import FollowUpState, InteractionKind, MilestoneKind, Stage, Status


class Milestone(TimeStampedModel):
    """A step of commercialization (落地与投产), with its planned and actual dates."""

    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("milestone"), max_length=30, choices=MilestoneKind.choices)
    planned_date = models.DateField(_("planned date"), null=True, blank=True, db_index=True)
    actual_date = models.DateField(_("actual date"), null=True, blank=True, help_text=_("Set when it is done."))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "planned_date", "pk"]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"

    def clean(self):
        super().clean()
        if self.actual_date and self.actual_date > timezone.localdate():
            raise ValidationError({"actual_date": _("A milestone cannot be done on a date still to come.")})

    @property
    def is_done(self) -> bool:
        return self.actual_date is not None


class Interaction(TimeStampedModel):
    """A meeting, call, visit or message with a company (跟进记录). Resets the project's idle clock."""

    company = models.ForeignKey(
        "companies.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="interactions"
    )
    project = models.ForeignKey(
        "projects.InvestmentProject",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interactions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    occurred_at = models.DateTimeField(_("when"), db_index=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="interactions"
    )
    contacts = models.ManyToManyField(
        "companies.Contact", verbose_name=_("contacts"), blank=True, related_name="interactions"
    )
    summary = models.TextField(_("summary"))
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.company} · {self.occurred_at:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.project_id and self.company_id and self.project.company_id != self.company_id:
            raise ValidationError({"project": _("This project belongs to another company.")})


class FollowUp(TimeStampedModel):
    """Something someone must do by a date (待办). Reminders are about these."""

    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    title = models.CharField(_("what"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("for whom"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("due on"), db_index=True)
    state = models.CharField(_("state"), max_length=20, choices=FollowUpState.choices, default=FollowUpState.OPEN)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    snoozed_until = models.DateField(_("snoozed until"), null=True, blank=True)
    snooze_reason = models.CharField(_("snooze reason"), max_length=200, blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return self.title


class StageChange(models.Model):
    """The stage log: every move, who made it, when, and why (feeds time-in-stage and funnels)."""

    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("when"), db_index=True)
    # When the stay this change ends began (the previous change), so that time in a stage is read
    # from one row; empty for a project's first entry.
    stay_began_at = models.DateTimeField(_("in the previous stage since"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    override_reason = models.TextField(_("gate override reason"), blank=True)
    overridden = models.JSONField(_("requirements overridden"), default=list, blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_from_stage_display() or '—'} → {self.get_to_stage_display()}"


class StatusChange(models.Model):
    """The status log: on hold, lost, withdrawn and back, with the reason."""

    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("when"), db_index=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

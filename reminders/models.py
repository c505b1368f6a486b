from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.choices import Stage


class ReminderKind(models.TextChoices):
    DUE_TODAY = "due_today", _("Follow-up due today")
    OVERDUE = "overdue", _("Follow-up overdue")
    ESCALATION = "escalation", _("Follow-up overdue in your team")
    ASSIGNED = "assigned", _("Follow-up assigned to you")
    IDLE = "idle", _("Project gone quiet")
    EVALUATION_TOMORROW = "evaluation_tomorrow", _("On-site evaluation tomorrow")
    MILESTONE_SOON = "milestone_soon", _("Milestone due soon")
    MILESTONE_SLIPPED = "milestone_slipped", _("Milestone slipped")
    NEW_LEAD = "new_lead", _("New lead from a partner")
    DIGEST = "digest", _("Morning digest")
    FOLDED = "folded", _("Today's reminders, together")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not e-mailed (preference)")
    FOLDED = "folded", _("Folded into a summary")


class CalendarDay(models.Model):
    """A correction to the official calendar: a day off or an extra working day the library does not know."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class IdleThreshold(models.Model):
    """How many days without an interaction a project may stay quiet in each stage."""

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, unique=True)
    days = models.PositiveSmallIntegerField(_("days"))

    class Meta:
        verbose_name = _("idle threshold")
        verbose_name_plural = _("idle thresholds")
        ordering = ["stage"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.days}"


class ReminderPreference(models.Model):
    """One person's choice for one kind of reminder. Without a row: e-mail on, in the digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    email = models.BooleanField(_("e-mail"), default=True)
    in_digest = models.BooleanField(_("in the morning digest"), default=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="reminder_preference_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class Reminder(models.Model):
    """One reminder to one person. The key (kind, object, recipient, period) is unique, so a
    reminder is never created, and so never sent, twice."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    project = models.ForeignKey(
        "projects.InvestmentProject",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    context = models.JSONField(_("content"), default=dict)
    email_state = models.CharField(
        _("e-mail"), max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sweep = models.CharField(_("sweep"), max_length=40, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class Notification(models.Model):
    """What a person sees in the app: one per reminder, read or unread."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    reminder = models.OneToOneField(
        Reminder, verbose_name=_("reminder"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="notification",
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=30, choices=ReminderKind.choices)
    project = models.ForeignKey(
        "projects.InvestmentProject", verbose_name=_("project"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

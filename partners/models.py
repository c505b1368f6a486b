from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.choices import Sector
from core.fields import MultipleChoiceField
from core.models import TimeStampedModel


class Scope(models.TextChoices):
    READ_PROJECTS = "read_projects", _("Read shared projects")
    SUBMIT_LEADS = "submit_leads", _("Submit leads")
    RECEIVE_WEBHOOKS = "receive_webhooks", _("Receive webhooks")


class PartnerPlatform(TimeStampedModel):
    """An outside platform the park works with: a medical association, a tech-transfer office, a fund."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organization = models.ForeignKey(
        "companies.Company",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partner_platforms",
        help_text=_("The partner's own company record: projects it referred are shared with it."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    sees_internal_fields = models.BooleanField(
        _("sees internal fields"),
        default=False,
        help_text=_("Internal notes, likelihood and staff comments are hidden from partners unless granted."),
    )
    contact_email = models.EmailField(_("technical contact"), blank=True)

    class Meta:
        verbose_name = _("partner platform")
        verbose_name_plural = _("partner platforms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiKey(models.Model):
    """A partner's key: only a hash is kept; the key itself is shown once, when it is made."""

    partner = models.ForeignKey(PartnerPlatform, verbose_name=_("partner platform"), on_delete=models.CASCADE,
                                related_name="api_keys")  # fmt: skip
    name = models.CharField(_("label"), max_length=100, blank=True)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    hashed_key = models.CharField(max_length=64, editable=False)
    scopes = MultipleChoiceField(_("scopes"), item_choices=Scope.choices)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.partner} · {self.prefix}…"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class ProjectShare(models.Model):
    """A project the park chose to show a partner."""

    project = models.ForeignKey("projects.InvestmentProject", verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="partner_shares")  # fmt: skip
    partner = models.ForeignKey(PartnerPlatform, verbose_name=_("partner platform"), on_delete=models.CASCADE,
                                related_name="shares")  # fmt: skip
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("shared by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("shared on"), auto_now_add=True)

    class Meta:
        verbose_name = _("project shared with a partner")
        verbose_name_plural = _("projects shared with partners")
        constraints = [models.UniqueConstraint(fields=["project", "partner"], name="project_shared_once")]

    def __str__(self) -> str:
        return f"{self.project} → {self.partner}"


class LeadRoutingRule(models.Model):
    """Who owns a lead a partner submits: the first rule that matches (blank matches anything);
    without a match, the active staff member with the fewest leads."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)
    partner = models.ForeignKey(PartnerPlatform, verbose_name=_("partner platform"), null=True, blank=True,
                                on_delete=models.CASCADE, related_name="routing_rules")  # fmt: skip
    sector = models.CharField(_("sector"), max_length=30, blank=True, choices=Sector.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE,
                              related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("lead routing rule")
        verbose_name_plural = _("lead routing rules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.partner or '*'} · {self.get_sector_display() or '*'} → {self.owner}"


class Tombstone(models.Model):
    """A deleted record, so that partners syncing their copies can delete it too."""

    model = models.CharField(_("kind"), max_length=60, db_index=True)
    object_id = models.PositiveBigIntegerField(_("id"))
    deleted_at = models.DateTimeField(_("deleted"), db_index=True)
    visible_to = models.ManyToManyField(PartnerPlatform, verbose_name=_("partners who could see it"), blank=True,
                                        related_name="tombstones")  # fmt: skip

    class Meta:
        verbose_name = _("deleted record")
        verbose_name_plural = _("deleted records")
        ordering = ["deleted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.model} {self.object_id}"


class WebhookEvent(models.TextChoices):
    STAGE_CHANGED = "project.stage_changed", _("Project stage changed")
    SIGNED = "project.signed", _("Project signed")
    LEAD_ACCEPTED = "lead.accepted", _("Lead accepted")
    LEAD_DECLINED = "lead.declined", _("Lead declined")
    MILESTONE_DONE = "milestone.done", _("Milestone done")


class WebhookSubscription(models.Model):
    """Where a partner wants to hear of events about the projects it can see."""

    partner = models.ForeignKey(PartnerPlatform, verbose_name=_("partner platform"), on_delete=models.CASCADE,
                                related_name="webhooks")  # fmt: skip
    url = models.URLField(_("receiver URL"))
    events = MultipleChoiceField(_("events"), item_choices=WebhookEvent.choices)
    secret = models.CharField(_("signing secret"), max_length=80, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(
        _("paused"), null=True, blank=True, help_text=_("Set after repeated failed deliveries; clear it to resume.")
    )
    consecutive_failures = models.PositiveSmallIntegerField(_("failures in a row"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return f"{self.partner} → {self.url}"


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one subscription: the delivery log."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(WebhookSubscription, verbose_name=_("subscription"), on_delete=models.CASCADE,
                                     related_name="deliveries")  # fmt: skip
    event = models.CharField(_("event"), max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField(_("payload"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from companies.choices import CompanyKind, Ownership, Sector
from companies.credit_code import validate_credit_code
from companies.names import normalize_company_name
from core.history import history_user
from core.models import TimeStampedModel


class Company(TimeStampedModel):
    """A company or institution the park deals with: a prospect, a tenant, a fund, a partner."""

    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    # Kept by save() so duplicates can be found with one indexed query.
    normalized_name = models.CharField(_("normalized name"), max_length=200, db_index=True, editable=False)
    normalized_name_en = models.CharField(max_length=200, db_index=True, editable=False, default="")
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("统一社会信用代码: 18 characters, printed on the business licence."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CompanyKind.choices, default=CompanyKind.ENTERPRISE)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, blank=True)
    country = models.CharField(_("country of origin"), max_length=60, blank=True, default="China")
    city = models.CharField(_("city"), max_length=60, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_park_tenant = models.BooleanField(_("park tenant"), default=False)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name_zh", "name_en"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name_zh="", name_en=""),
                name="company_has_a_name",
                violation_error_message=_("Give the company a Chinese or an English name."),
            ),
        ]

    def __str__(self) -> str:
        if self.name_zh and self.name_en:
            return f"{self.name_zh} ({self.name_en})"
        return self.name_zh or self.name_en

    def save(self, *args, **kwargs):
        self.normalized_name = normalize_company_name(self.name_zh or self.name_en)
        self.normalized_name_en = normalize_company_name(self.name_en)
        self.credit_code = self.credit_code or None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "normalized_name", "normalized_name_en"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name in the reader's language when the company has one, else the other."""
        if (get_language() or "en").startswith("zh"):
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class Contact(TimeStampedModel):
    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    wechat_id = models.CharField(_("WeChat ID"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} · {self.title}" if self.title else self.name

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.history import history_user


class AnnualTarget(models.Model):
    """What leadership expects signed and landed in a year (年度招商目标), in CNY."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    signed_cny = models.DecimalField(_("signed investment target (CNY)"), max_digits=18, decimal_places=2)
    landed_cny = models.DecimalField(_("landed investment target (CNY)"), max_digits=18, decimal_places=2)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("annual target")
        verbose_name_plural = _("annual targets")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

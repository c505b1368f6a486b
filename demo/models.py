from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoBatch(models.Model):
    """What `load_demo` has already written, so running it again adds nothing twice."""

    kind = models.CharField(_("kind"), max_length=20)  # "seeds" or "generated"
    first_index = models.PositiveIntegerField(_("first index"), default=0)
    count = models.PositiveIntegerField(_("count"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo batch")
        verbose_name_plural = _("demo batches")

    def __str__(self) -> str:
        return f"{self.kind} {self.first_index}+{self.count}"

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    COMPANIES = "companies", _("Companies")
    CONTACTS = "contacts", _("Contacts")
    PROJECTS = "projects", _("Projects")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One upload, run as a dry run or for real, with what happened to each row."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    dry_run = models.BooleanField(_("dry run"), default=True)
    override_reason = models.TextField(_("gate override reason"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    refused = models.PositiveIntegerField(_("refused"), default=0)
    saved = models.BooleanField(_("saved"), default=False)
    outcomes = models.JSONField(_("rows"), default=list, blank=True)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.original_name} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)


class ExportJob(models.Model):
    """A large .xlsx export built by the worker; the person downloads it when it is ready."""

    kind = models.CharField(_("kind"), max_length=20)
    query = models.TextField(_("filters"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="export_jobs"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

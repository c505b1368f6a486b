"""Running an import job: small files at once, large ones in a Celery worker, with progress."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from spreadsheets.models import ExportJob, ImportJob, JobStatus
from spreadsheets.reader import read_table
from spreadsheets.services import REFUSED, import_table

logger = logging.getLogger(__name__)

BACKGROUND_ROWS = 300  # more rows than this run in the worker, with a progress bar
KEPT_OUTCOMES = 2000
MAX_ROWS = 50_000
MAX_UPLOAD_BYTES = 20 * 2**20  # refused rows are always kept; the others up to this many, for the preview


def progress_key(job_id: int) -> str:
    return f"import-progress:{job_id}"


def job_progress(job: ImportJob) -> tuple[int, int]:
    """(rows done, rows in all): from the worker while it runs, from the job when it is over."""
    if job.finished:
        return job.total_rows, job.total_rows
    done, total = cache.get(progress_key(job.pk), (0, job.total_rows))
    return done, total


def job_create(*, kind: str, upload, actor, dry_run: bool, override_reason: str = "") -> ImportJob:
    """Keep the upload and count its rows (a file we cannot read is refused here, at once)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than %(size)d MB; split it.") % {"size": MAX_UPLOAD_BYTES // 2**20})
    data = upload.read()
    table = read_table(data, upload.name, kind)
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(_("The file has more than %(rows)d rows; split it.") % {"rows": MAX_ROWS})
    upload.seek(0)
    job = ImportJob(
        kind=kind, original_name=upload.name[:200], dry_run=dry_run, override_reason=override_reason,
        created_by=actor, total_rows=len(table.rows),
        language=getattr(actor, "language", "") or translation.get_language() or settings.LANGUAGE_CODE,
    )  # fmt: skip
    job.file.save(upload.name, upload, save=False)
    job.save()
    return job


def job_again(*, job: ImportJob, actor, dry_run: bool) -> ImportJob:
    """The same file once more (after the dry run looked right: for real)."""
    again = ImportJob(
        kind=job.kind, original_name=job.original_name, dry_run=dry_run, override_reason=job.override_reason,
        created_by=actor, total_rows=job.total_rows, language=job.language, file=job.file.name,
    )  # fmt: skip
    again.save()
    return again


def job_start(job: ImportJob) -> None:
    """Run now when small; otherwise hand it to the worker once this transaction commits."""
    if job.total_rows <= BACKGROUND_ROWS:
        job_run(job.pk)
        return
    from spreadsheets.tasks import run_import

    transaction.on_commit(lambda: run_import.delay(job.pk))


def job_run(job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.finished:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    key = progress_key(job.pk)

    def progress(done: int, total: int) -> None:
        cache.set(key, (done, total), 3600)

    with translation.override(job.language):
        try:
            with job.file.open("rb") as handle:
                table = read_table(handle.read(), job.original_name, job.kind)
            result = import_table(kind=job.kind, table=table, actor=job.created_by, dry_run=job.dry_run,
                                  override_reason=job.override_reason, progress=progress)  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            job.status, job.error = JobStatus.FAILED, " ".join(getattr(error, "messages", [str(error)]))
        except Exception:
            # Nothing was saved (the import's transaction rolled back); say so rather than poll forever.
            logger.exception("Import job %s failed", job.pk)
            job.status, job.error = JobStatus.FAILED, _("The import stopped on an unexpected error; nothing was saved.")
        else:
            job.status = JobStatus.DONE
            job.total_rows = len(result.outcomes)
            for action, count in result.summary().items():
                setattr(job, action, count)
            job.saved = result.saved
            refused = [o for o in result.outcomes if o.action == REFUSED]
            others = [o for o in result.outcomes if o.action != REFUSED][:KEPT_OUTCOMES]
            job.outcomes = [vars(o) for o in sorted(refused + others, key=lambda o: o.line)]
            job.ignored_columns = result.ignored_columns
    job.finished_at = timezone.now()
    job.save()
    cache.delete(key)
    return job


# --- Exports --------------------------------------------------------------------------------

BACKGROUND_EXPORT_ROWS = 5000  # larger .xlsx files are built by the worker, with progress


def export_progress_key(job_id: int) -> str:
    return f"export-progress:{job_id}"


def export_job_create(*, kind: str, query: str, actor, total_rows: int) -> ExportJob:
    job = ExportJob.objects.create(kind=kind, query=query, created_by=actor, total_rows=total_rows,
                                   language=translation.get_language() or settings.LANGUAGE_CODE)  # fmt: skip
    from spreadsheets.tasks import run_export

    transaction.on_commit(lambda: run_export.delay(job.pk))
    return job


def export_job_run(job_id: int):
    import tempfile

    from django.core.files import File
    from django.http import QueryDict

    from spreadsheets.exports import export_queryset, xlsx_write

    job = ExportJob.objects.get(pk=job_id)
    if job.finished:
        return job
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    key = export_progress_key(job.pk)
    try:
        with translation.override(job.language), tempfile.TemporaryFile() as handle:
            queryset, _filterset = export_queryset(job.kind, QueryDict(job.query))
            job.total_rows = xlsx_write(job.kind, queryset, handle, lambda done: cache.set(key, done, 3600))
            handle.seek(0)
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            job.file.save(f"{job.kind}-{stamp}.xlsx", File(handle), save=False)
        job.status = JobStatus.DONE
    except Exception:
        logger.exception("Export job %s failed", job.pk)
        with translation.override(job.language):
            job.status, job.error = JobStatus.FAILED, _("The export stopped on an unexpected error.")
    job.finished_at = timezone.now()
    job.save()
    cache.delete(key)
    return job

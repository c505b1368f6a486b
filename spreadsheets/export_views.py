"""Export views: `/exports/<kind>.csv` streams; `/exports/<kind>.xlsx` answers at once when small,
or starts a background export whose page shows progress and then the download."""

from io import BytesIO

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from spreadsheets.exports import EXPORTS, csv_chunks, export_queryset, xlsx_write
from spreadsheets.jobs import BACKGROUND_EXPORT_ROWS, export_job_create, export_progress_key
from spreadsheets.models import ExportJob
from web.access import staff_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filename(kind: str, extension: str) -> str:
    return f"{kind}-{timezone.localtime().strftime('%Y%m%d-%H%M')}.{extension}"


@staff_page
def export(request, kind: str, extension: str):
    if kind not in EXPORTS or extension not in ("csv", "xlsx"):
        raise Http404
    queryset, _filterset = export_queryset(kind, request.GET)
    if extension == "csv":
        response = StreamingHttpResponse(csv_chunks(kind, queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{_filename(kind, "csv")}"'
        return response
    total = queryset.count()
    if total > BACKGROUND_EXPORT_ROWS:
        job = export_job_create(kind=kind, query=request.GET.urlencode(), actor=request.user, total_rows=total)
        return redirect("exports:job", pk=job.pk)
    buffer = BytesIO()  # small by now: at most BACKGROUND_EXPORT_ROWS rows
    xlsx_write(kind, queryset, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(kind, "xlsx")}"'
    return response


def _job(request, pk: int) -> ExportJob:
    from spreadsheets.views import own_job

    return own_job(request, ExportJob, pk)


@staff_page
def export_job(request, pk: int):
    from django.core.cache import cache

    job = _job(request, pk)
    done = job.total_rows if job.finished else cache.get(export_progress_key(job.pk), 0)
    context = {"job": job, "done": done, "total": job.total_rows, "label": EXPORTS[job.kind].label}
    template = "spreadsheets/partials/export_status.html" if request.htmx else "spreadsheets/export_job.html"
    return render(request, template, context)


@staff_page
def export_download(request, pk: int):
    job = _job(request, pk)
    if not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])

"""Import pages: upload, dry run, progress, the preview, then all or nothing; the templates."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from projects.permissions import can_change_shared_records, can_override_gate
from reports.xlsx import xlsx_response
from spreadsheets.exports import EXPORTS
from spreadsheets.jobs import job_again, job_create, job_progress, job_start
from spreadsheets.models import ImportJob, ImportKind
from spreadsheets.services import REFUSED
from spreadsheets.templates_xlsx import template_bytes
from web.access import staff_page

PREVIEW_ROWS = 100


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))
    override_reason = forms.CharField(
        label=gettext_lazy("Gate override reason (managers)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Only when the file sets stages whose gates are not met yet."),
    )


def _importer(request) -> None:
    if not can_change_shared_records(request.user):
        raise PermissionDenied


def own_job(request, model, pk: int):
    """An import or export job: only the person who started it (or an administrator) sees it."""
    job = get_object_or_404(model, pk=pk)
    if job.created_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    return job


def _job(request, pk: int) -> ImportJob:
    return own_job(request, ImportJob, pk)


@staff_page
def import_page(request):
    _importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["override_reason"].strip()
        if reason and not can_override_gate(request.user):
            form.add_error("override_reason", _("Only a manager may override a stage gate."))
        else:
            try:
                job = job_create(kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"],
                                 actor=request.user, dry_run=True, override_reason=reason)  # fmt: skip
            except ValidationError as error:
                form.add_error("file", error)
            else:
                job_start(job)
                return redirect("spreadsheets:job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user).order_by("-created_at")[:20]
    status = 400 if request.method == "POST" else 200
    exports = [(key, export.label) for key, export in EXPORTS.items()]
    context = {"form": form, "jobs": jobs, "kinds": ImportKind.choices, "exports": exports,
               "can_override": can_override_gate(request.user)}  # fmt: skip
    return render(request, "spreadsheets/import.html", context, status=status)


@staff_page
def job_page(request, pk: int):
    job = _job(request, pk)
    done, total = job_progress(job)
    context = {
        "job": job,
        "done": done,
        "total": total,
        "refused_rows": [row for row in job.outcomes if row["action"] == REFUSED][:PREVIEW_ROWS],
        "other_rows": [row for row in job.outcomes if row["action"] != REFUSED][:PREVIEW_ROWS],
        "preview_rows": PREVIEW_ROWS,
    }
    template = "spreadsheets/partials/job_status.html" if request.htmx else "spreadsheets/job.html"
    return render(request, template, context)


@require_POST
@staff_page
def job_run_for_real(request, pk: int):
    _importer(request)
    _job(request, pk)
    with transaction.atomic():
        # Locked, so that a double click cannot import the same file twice.
        job = ImportJob.objects.select_for_update().get(pk=pk)
        done_before = ImportJob.objects.filter(file=job.file.name, dry_run=False).first()
        if done_before is not None:
            return redirect("spreadsheets:job", pk=done_before.pk)
        if not job.dry_run or job.refused or not job.finished:
            messages.error(request, _("Only a finished dry run without refused rows can be imported."))
            return redirect("spreadsheets:job", pk=pk)
        real = job_again(job=job, actor=request.user, dry_run=False)
    job_start(real)
    return redirect("spreadsheets:job", pk=real.pk)


@staff_page
def job_errors(request, pk: int):
    job = _job(request, pk)
    rows = [[o["line"], o["label"], " ".join(o["messages"])] for o in job.outcomes if o["action"] == REFUSED]
    return xlsx_response(f"import-{job.pk}-refused", [(_("Refused rows"), [_("Line"), _("Row"), _("Why")], rows)])


@staff_page
def template_download(request, kind: str):
    if kind not in ImportKind.values:
        raise Http404
    response = HttpResponse(
        template_bytes(kind), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="cluster-crm-{kind}-template.xlsx"'
    return response

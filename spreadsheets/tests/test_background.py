"""Large files run in the background: a real Celery worker imports them while the page shows progress."""

import io
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from companies.models import Company
from spreadsheets import jobs
from spreadsheets.models import ImportJob, JobStatus
from tests.workers import celery_call, celery_worker, database_url, wait_for

ROWS = jobs.BACKGROUND_ROWS + 50


def companies_file(count: int) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["中文名称", "英文名称", "领域"])
    for index in range(count):
        sheet.append([f"上海测试{index}号生物科技有限公司", f"Test Bio No. {index} Co., Ltd.", "生物制品"])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("companies.xlsx", buffer.getvalue())


def test_a_large_file_is_queued_and_its_page_shows_progress(world, as_user, on_commit):
    job = jobs.job_create(kind="companies", upload=companies_file(ROWS), actor=world.owner, dry_run=True)
    from spreadsheets import tasks

    sent = []
    original = tasks.run_import.delay
    tasks.run_import.delay = lambda job_id: sent.append(job_id)
    try:
        on_commit(jobs.job_start, job)
    finally:
        tasks.run_import.delay = original
    assert sent == [job.pk]
    cache.set(jobs.progress_key(job.pk), (200, ROWS))  # as the worker reports it
    page = as_user(world.owner).get(reverse("spreadsheets:job", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert f"200 of {ROWS} rows" in page.content.decode()
    assert 'hx-trigger="every 1s"' in page.content.decode()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_imports_a_large_file_all_or_nothing(world, tmp_path):
    job = jobs.job_create(kind="companies", upload=companies_file(ROWS), actor=world.owner, dry_run=False)
    env = {**os.environ, "DATABASE_URL": database_url(), "VAR_DIR": str(tmp_path),
           "MEDIA_ROOT": str(settings.MEDIA_ROOT), "CELERY_BROKER_URL": settings.CELERY_BROKER_URL}  # fmt: skip
    with celery_worker(env, "import") as worker:
        celery_call(env, "spreadsheets.tasks.run_import", "--args", f"[{job.pk}]")
        wait_for(lambda: ImportJob.objects.get(pk=job.pk).finished, worker, seconds=120)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert (job.saved, job.created, job.refused) == (True, ROWS, 0)
    assert Company.objects.filter(name_en__startswith="Test Bio No.").count() == ROWS
    assert ImportJob.objects.count() == 1

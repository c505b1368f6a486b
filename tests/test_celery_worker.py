"""A real Celery worker process, on the configured broker (the embedded one locally, Redis in CI),
runs a task sent by another process and writes to the test database."""

import os

import pytest
from django.conf import settings

from core.models import WorkerHeartbeat
from tests.workers import celery_call, celery_worker, database_url, wait_for


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_end_to_end(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(tmp_path),  # the embedded broker's queue folder: this test's own
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    with celery_worker(env, "it") as worker:
        celery_call(env, "core.tasks.record_heartbeat", "--kwargs", '{"name": "integration"}')
        ran = wait_for(lambda: WorkerHeartbeat.objects.filter(name="integration").exists(), worker)
        assert ran, "the worker did not run the task"

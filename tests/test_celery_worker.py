"""A real Celery worker process, on the configured broker (the embedded one locally, Redis in CI),
runs a task sent by another process and writes to the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from core.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_a_task_end_to_end(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "VAR_DIR": str(tmp_path),  # the embedded broker's queue folder: this test's own
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    celery = [sys.executable, "-m", "celery", "-A", "cluster_crm"]
    worker = subprocess.Popen(
        [*celery, "worker", "--pool", "solo", "--loglevel", "WARNING", "--hostname", f"it-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        subprocess.run(
            [*celery, "call", "core.tasks.record_heartbeat", "--kwargs", '{"name": "integration"}'],
            cwd=ROOT, env=env, check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not WorkerHeartbeat.objects.filter(name="integration").exists():
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.5)
        assert WorkerHeartbeat.objects.filter(name="integration").exists(), "the worker did not run the task"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()

"""Real Celery worker processes for the integration tests: started on the configured broker
against the test database, waited on, always stopped."""

import os
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
CELERY = [sys.executable, "-m", "celery", "-A", "cluster_crm"]


def database_url() -> str:
    """The test database, as the worker process must be told to find it."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def celery_worker(env: dict, name: str):
    worker = subprocess.Popen(
        [*CELERY, "worker", "--pool", "solo", "--loglevel", "WARNING", "--hostname", f"{name}-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def celery_call(env: dict, task: str, *options: str) -> None:
    """Send a task from another process, as beat or a web server would."""
    subprocess.run([*CELERY, "call", task, *options], cwd=ROOT, env=env, check=True, capture_output=True, timeout=60)


def wait_for(done: Callable[[], bool], worker, *, seconds: float = 60) -> bool:
    """Poll until `done()`, failing at once with the worker's output if it died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        assert worker.poll() is None, worker.stdout.read()
        time.sleep(0.5)
    return done()

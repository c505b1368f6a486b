"""End to end on a real Redis broker: the sweep (run as `send_reminders`) enqueues, a real Celery
worker process delivers, the e-mail lands in the file backend and the reminder is marked sent.

Without Redis this test is skipped and says why; `.ci/run` sets REQUIRE_REDIS=1 so there it fails
instead of skipping."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import redis
from django.conf import settings

from projects.services import project_snooze_idle
from reminders.models import DeliveryState, Notification, Reminder
from tests.factories import FollowUpFactory, lead_project
from tests.workers import ROOT, celery_worker, database_url, wait_for


def redis_url() -> str:
    if settings.CELERY_BROKER_URL.startswith("redis"):
        url = settings.CELERY_BROKER_URL
    else:
        url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/14")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        reason = f"Redis is not reachable at {url} ({exc}); this test needs a real Redis broker."
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(reason + " REQUIRE_REDIS is set, so it may not be skipped.")
        pytest.skip(reason + " .ci/run makes it mandatory.")
    return url


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_due_follow_up_is_delivered_by_a_real_worker_on_redis(world, tmp_path):
    broker = redis_url()
    project = lead_project(owner=world.owner)
    # By 2031 the project has been quiet for years; keep this test about the follow-up.
    project_snooze_idle(project=project, until=date(2032, 1, 1), reason="Not what this test is about", actor=None)
    # Due on a day still to come (a Monday), so that saving it does not itself enqueue its reminder.
    FollowUpFactory(project=project, assignee=world.owner, title="Send the GMP plant lease", due_on=date(2031, 1, 6))
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(mail_dir),
        "VAR_DIR": str(tmp_path),
    }
    with celery_worker(env, "reminders-it") as worker:
        sweep = subprocess.run(
            [sys.executable, "manage.py", "send_reminders", "--at", "2031-01-06T09:00"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert sweep.returncode == 0, sweep.stderr
        assert "sent 1 reminders" in sweep.stdout
        wait_for(lambda: Reminder.objects.filter(email_state=DeliveryState.SENT).exists(), worker)
        reminder = Reminder.objects.get()
        assert reminder.email_state == DeliveryState.SENT, reminder.last_error
        mails = [path.read_text() for path in Path(mail_dir).glob("*.log")]
        assert len(mails) == 1
        assert "Send the GMP plant lease" in mails[0]
        assert Notification.objects.filter(recipient=world.owner).count() == 1

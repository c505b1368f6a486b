"""Settings fail loudly on bad values; production settings pass `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
    "ALLOWED_HOSTS": "crm.park.example",
    "DATABASE_URL": "sqlite:////tmp/cluster-crm-deploy-check.sqlite3",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def test_production_settings_pass_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_debug_off_without_a_secret_key_refuses_to_start():
    env = {**PRODUCTION}
    env.pop("SECRET_KEY")
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("EMAIL_PORT", "twenty-five", "EMAIL_PORT='twenty-five' is not a whole number"),
        ("TIME_ZONE", "Mars/Olympus", "is not a known time zone"),
        ("CELERY_BROKER_URL", "amqp://guest@localhost//", "use redis://"),
        ("DATABASE_URL", "nosuchdb://x", "DATABASE_URL"),
        ("CNY_PER_USD", "-1", "must be a positive number"),
    ],
)
def test_bad_values_stop_start_up_with_the_variable_named(name, value, message):
    env = {name: value, "EMAIL_BACKEND": "smtp"} if name == "EMAIL_PORT" else {name: value}
    result = manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr

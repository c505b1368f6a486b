import pytest

from cluster_crm.celery import app


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in the test process; the real worker is exercised by the integration tests."""
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (the e-mail enqueueing) as a real commit would."""

    def run(func, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return func(*args, **kwargs)

    return run

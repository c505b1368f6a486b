"""Thin tasks: ids in, a service call, retry with backoff."""

from celery import shared_task
from django.conf import settings

from reminders import services


@shared_task(name="reminders.tasks.run_sweep")
def run_sweep() -> int:
    return len(services.run_sweep().planned)


@shared_task(name="reminders.tasks.run_digest")
def run_digest() -> int:
    return len(services.run_digest().planned)


@shared_task(name="reminders.tasks.remind_follow_up")
def remind_follow_up(follow_up_id: int) -> int:
    return len(services.remind_follow_up_now(follow_up_id))


@shared_task(bind=True, name="reminders.tasks.deliver_reminder", max_retries=None)
def deliver_reminder(self, reminder_id: int) -> str:
    try:
        return services.deliver(reminder_id)
    except services.DeliveryFailedError as exc:
        # 1, 2, 4, 8 … minutes; the service gives up after REMINDER_MAX_ATTEMPTS.
        countdown = min(60 * 2**self.request.retries, 3600) if not settings.CELERY_TASK_ALWAYS_EAGER else 0
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(name="reminders.tasks.deliver_pending")
def deliver_pending() -> int:
    """Every few minutes: what a dead worker or a lost message left pending goes out now."""
    ids = services.pending_reminder_ids()
    services.enqueue_delivery(ids)
    return len(ids)

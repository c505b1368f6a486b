from celery import shared_task
from celery.signals import worker_ready
from django.utils import timezone

from core.models import WorkerHeartbeat


@shared_task(name="core.tasks.record_heartbeat")
def record_heartbeat(name: str = "celery") -> None:
    """Run by beat every minute: /health/ and the admin show when a worker last did work."""
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})


@worker_ready.connect
def _heartbeat_on_start(sender, **kwargs):
    # Through the broker, so a started worker proves the whole path at once.
    record_heartbeat.delay()

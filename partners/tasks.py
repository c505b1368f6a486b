from celery import shared_task

from partners import webhooks


@shared_task(bind=True, name="partners.tasks.deliver_webhook", max_retries=None)
def deliver_webhook(self, delivery_id: int) -> str:
    try:
        return webhooks.deliver(delivery_id)
    except webhooks.WebhookFailedError as exc:
        if self.app.conf.task_always_eager:
            raise self.retry(exc=exc, countdown=0) from exc
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 3600)) from exc

"""Webhooks: events about projects, signed and sent to the partners who can see them.

Signature: `X-Cluster-Signature: sha256=<hex>` where hex = HMAC-SHA256(secret, f"{timestamp}.{body}")
and timestamp is the `X-Cluster-Timestamp` header (Unix seconds). Receivers recompute it over the
raw body and reject old timestamps (see README, "Webhooks")."""

import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.request
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partners.models import PartnerPlatform, Scope, WebhookDelivery, WebhookEvent, WebhookSubscription


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300) -> bool:
    """The receiver's check, as documented for partners."""
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def _partners_seeing(project) -> list[int]:
    partners = PartnerPlatform.objects.filter(Q(shares__project=project) | Q(organization_id=project.referrer_id)
                                              if project.referrer_id else Q(shares__project=project))  # fmt: skip
    return list(partners.filter(is_active=True).values_list("pk", flat=True).distinct())


def emit(event: WebhookEvent, *, project, data: dict) -> None:
    """Queue the event for every active subscription of a partner that can see the project and
    holds a key with the webhook scope; sent by Celery after the transaction commits."""
    subscriptions = WebhookSubscription.objects.filter(
        partner_id__in=_partners_seeing(project), is_active=True, paused_at__isnull=True,
        partner__api_keys__scopes__icontains=Scope.RECEIVE_WEBHOOKS, partner__api_keys__revoked_at__isnull=True,
    ).distinct()  # fmt: skip
    payload = {"id": str(uuid.uuid4()), "event": event, "created_at": timezone.now(),
               "project": {"id": project.pk, "code": project.code}, "data": data}  # fmt: skip
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    deliveries = [
        WebhookDelivery(subscription=subscription, event=event, payload=payload)
        for subscription in subscriptions
        if event in subscription.events
    ]
    if not deliveries:
        return
    created = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [delivery.pk for delivery in created]

    def enqueue():
        from partners.tasks import deliver_webhook

        for delivery_id in ids:
            deliver_webhook.delay(delivery_id)

    transaction.on_commit(enqueue)


class WebhookFailedError(Exception):
    """The receiver did not take it this time."""


def deliver(delivery_id: int) -> str:
    """POST one delivery. 2xx marks it delivered; otherwise the failure is counted and retried;
    after WEBHOOK_PAUSE_AFTER failures in a row the subscription is paused."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("subscription")
            .filter(pk=delivery_id, state=WebhookDelivery.State.PENDING)
            .first()
        )
        if delivery is None:
            return "nothing"
        subscription = delivery.subscription
        if subscription.paused_at or not subscription.is_active:
            return "paused"
        body = json.dumps(delivery.payload, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        request = urllib.request.Request(subscription.url, data=body, method="POST", headers={
            "Content-Type": "application/json", "User-Agent": "ClusterCRM-Webhooks/1",
            "X-Cluster-Event": delivery.event, "X-Cluster-Delivery": str(delivery.pk),
            "X-Cluster-Timestamp": timestamp, "X-Cluster-Signature": sign(subscription.secret, timestamp, body),
        })  # fmt: skip
        delivery.attempts += 1
        try:
            with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
                delivery.last_status = response.status
        except urllib.error.HTTPError as exc:
            delivery.last_status, delivery.last_error = exc.code, f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            delivery.last_status, delivery.last_error = None, f"{type(exc).__name__}: {exc}"[:2000]
        if delivery.last_status and 200 <= delivery.last_status < 300:
            delivery.state, delivery.delivered_at, delivery.last_error = (
                WebhookDelivery.State.DELIVERED,
                timezone.now(),
                "",
            )
            subscription.consecutive_failures = 0
            outcome = "delivered"
        else:
            subscription.consecutive_failures += 1
            if subscription.consecutive_failures >= settings.WEBHOOK_PAUSE_AFTER:
                subscription.paused_at = timezone.now()
            if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS or subscription.paused_at:
                delivery.state = WebhookDelivery.State.FAILED
            outcome = "failed" if delivery.state == WebhookDelivery.State.FAILED else "retry"
        delivery.save()
        subscription.save(update_fields=["consecutive_failures", "paused_at"])
    if outcome == "retry":
        raise WebhookFailedError(delivery.last_error)
    return outcome


def resume(subscription: WebhookSubscription) -> int:
    """Resume a paused subscription and send again what failed while it was paused."""
    subscription.paused_at, subscription.consecutive_failures = None, 0
    subscription.save(update_fields=["paused_at", "consecutive_failures"])
    failed = subscription.deliveries.filter(state=WebhookDelivery.State.FAILED)
    ids = list(failed.values_list("pk", flat=True))
    failed.update(state=WebhookDelivery.State.PENDING, attempts=0)
    from partners.tasks import deliver_webhook

    for delivery_id in ids:
        transaction.on_commit(lambda delivery_id=delivery_id: deliver_webhook.delay(delivery_id))
    return len(ids)

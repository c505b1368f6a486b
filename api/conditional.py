"""Safe retries and safe concurrent edits.

- `Idempotency-Key` on POST: the first answer is stored and replayed; nothing is created twice.
- `ETag` on single-object answers and `If-Match` on changes: a change based on a stale copy is
  refused with 412 instead of overwriting a colleague's work."""

import hashlib
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.authentication import PartnerPrincipal
from api.models import IdempotencyRecord


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("This record was changed since you read it. Read it again, then make your change.")
    default_code = "precondition_failed"


class IdempotencyConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "idempotency_conflict"


def etag_for(obj) -> str:
    stamp = f"{obj._meta.label}:{obj.pk}:{obj.modified_at.isoformat()}"
    return '"' + hashlib.sha256(stamp.encode()).hexdigest()[:32] + '"'


class ConditionalMixin:
    """For viewsets of models with `modified_at`."""

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in ("GET", "HEAD", "OPTIONS"):
            expected = self.request.headers.get("If-Match")
            if expected and expected.strip() not in ("*", etag_for(obj)):
                raise PreconditionFailed()
        self._conditional_object = obj
        return obj

    def finalize_response(self, request, response, *args, **kwargs):
        obj = getattr(self, "_conditional_object", None)
        if obj is not None and 200 <= response.status_code < 300:
            response["ETag"] = etag_for(obj)
        return super().finalize_response(request, response, *args, **kwargs)


def _principal(request) -> str:
    user = request.user
    if isinstance(user, PartnerPrincipal):
        return f"partner:{user.partner.pk}"
    return f"user:{user.pk}"


def idempotent(handler):
    """Decorate a POST handler: with an Idempotency-Key header, a retry gets the first answer."""

    @wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if not key:
            return handler(self, request, *args, **kwargs)
        if len(key) > 200:
            raise exceptions.ValidationError({"Idempotency-Key": [_("Use a key of at most 200 characters.")]})
        fingerprint = hashlib.sha256(f"{request.method} {request.path}\n".encode() + (request.body or b"")).hexdigest()
        principal = _principal(request)
        try:
            with transaction.atomic():
                record, created = IdempotencyRecord.objects.get_or_create(
                    principal=principal, key=key, defaults={"fingerprint": fingerprint}
                )
        except IntegrityError:  # the same key at the same moment from a parallel retry
            record, created = IdempotencyRecord.objects.get(principal=principal, key=key), False
        if not created:
            if record.fingerprint != fingerprint:
                raise IdempotencyConflict(_("This Idempotency-Key was already used for a different request."))
            if record.status_code == 0:
                raise IdempotencyConflict(_("A request with this Idempotency-Key is still being processed."))
            return Response(record.body, status=record.status_code, headers={"Idempotent-Replayed": "true"})
        try:
            response = handler(self, request, *args, **kwargs)
        except Exception:
            record.delete()  # nothing was done: a retry may try again
            raise
        record.status_code, record.body = response.status_code, response.data
        record.save(update_fields=["status_code", "body"])
        return response

    return wrapper

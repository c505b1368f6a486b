"""One error shape for every API error:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"name": ["…"]}}}

in the language of `Accept-Language`. Gate refusals (409) also list what is `missing`."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from projects.services import GateError


def _body(status_code: int, code: str, message: str, **extra) -> dict:
    return {"error": {"status": status_code, "code": code, "message": message, **extra}}


def exception_handler(exc, context):
    if isinstance(exc, GateError):
        missing = [{"key": item.key, "message": str(item.message)} for item in exc.missing]
        return Response(_body(409, "gate", exc.messages[0], missing=missing), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        loose = [*detail.pop("non_field_errors", []), *detail.pop("__all__", [])]
        message = " ".join(str(item) for item in loose) if loose else _("Some fields are not valid.")
        response.data = _body(response.status_code, "invalid", message, fields=detail)
    else:
        code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        response.data = _body(response.status_code, code if isinstance(code, str) else "error", str(exc.detail))
    return response

"""The error responses as the OpenAPI document describes them (see api/errors.py)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

_error = inline_serializer(
    name="Error",
    fields={
        "error": inline_serializer(
            name="ErrorBody",
            fields={
                "status": serializers.IntegerField(),
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                                required=False),
                "missing": serializers.ListField(
                    child=inline_serializer(name="MissingRequirement",
                                            fields={"key": serializers.CharField(),
                                                    "message": serializers.CharField()}),
                    required=False,
                ),
            },
        )
    },
)  # fmt: skip

ERROR = OpenApiResponse(_error, description="The error, in the language of Accept-Language")
GATE_ERROR = OpenApiResponse(_error, description="The stage gates refused the move; `missing` lists why")
ERRORS = {400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 429: ERROR}
# POSTs that create or act: a retry with the same Idempotency-Key replays the first answer.
IDEMPOTENT = {409: ERROR}
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description="A unique string (at most 200 characters): a retry with the same key gets the first answer.",
)  # fmt: skip
# Changes to one record: a stale If-Match is refused.
CONDITIONAL = {412: ERROR}
IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description="The ETag of the copy you changed; 412 if the record changed since.",
)  # fmt: skip

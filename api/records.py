"""Endpoints for the records around projects, each saved by the same service as in the admin."""

from django.db import transaction
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from api.conditional import ConditionalMixin, idempotent
from api.filters import SafeFilterSet, SinceFilter
from api.schema_errors import CONDITIONAL, ERRORS, IDEMPOTENCY_KEY, IDEMPOTENT, IF_MATCH
from projects.services.registry import save_record


def documented(serializer_class):
    """The OpenAPI description every record endpoint shares, with its errors and headers."""
    return extend_schema_view(
        list=extend_schema(responses={200: serializer_class, **ERRORS}),
        retrieve=extend_schema(responses={200: serializer_class, **ERRORS}),
        create=extend_schema(responses={201: serializer_class, **ERRORS, **IDEMPOTENT}, parameters=[IDEMPOTENCY_KEY]),
        partial_update=extend_schema(responses={200: serializer_class, **ERRORS, **CONDITIONAL}, parameters=[IF_MATCH]),
    )


class ModifiedSinceFilter(SafeFilterSet):
    """`modified_since` on every record list, for partners and scripts syncing incrementally."""

    modified_since = SinceFilter("modified_at")


class RecordViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read, create and change one kind of record; saving goes through its service."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    @property
    def filterset_class(self):
        """The view's `filterset_fields` plus `modified_since` (django-filter reads this attribute)."""
        cls = type(self)
        if "_filterset" not in cls.__dict__:
            model = self.get_serializer_class().Meta.model
            meta = type("Meta", (), {"model": model, "fields": list(getattr(cls, "filterset_fields", []))})
            cls._filterset = type(f"{model.__name__}Filter", (ModifiedSinceFilter,), {"Meta": meta})
        return cls._filterset

    def get_queryset(self):
        queryset = self.get_serializer_class().Meta.model.objects.all()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.prefetch_related(*self.prefetch_related)

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._save(serializer, serializer.Meta.model())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    @transaction.atomic
    def _save(self, serializer, instance):
        data = dict(serializer.validated_data)
        many = {field.name: data.pop(field.name) for field in instance._meta.many_to_many if field.name in data}
        for name, value in data.items():
            setattr(instance, name, value)
        save_record(instance, self.request.user)
        for name, values in many.items():
            getattr(instance, name).set(values)
        serializer.instance = instance


def model_serializer(model_class, field_names, read_only=()):
    """A plain ModelSerializer for a record; uniqueness is left to the service and the database."""
    meta = type("Meta", (), {"model": model_class, "fields": ["id", *field_names, "created_at", "modified_at"],
                             "read_only_fields": [*read_only, "created_at", "modified_at"]})  # fmt: skip
    return type(f"{model_class.__name__}Serializer", (serializers.ModelSerializer,), {"Meta": meta})

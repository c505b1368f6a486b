from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from api.conditional import ConditionalMixin, idempotent
from api.schema_errors import CONDITIONAL, ERRORS, IDEMPOTENCY_KEY, IDEMPOTENT, IF_MATCH
from companies.api.serializers import CompanySerializer
from companies.models import Company
from companies.services import company_create, company_update


@extend_schema_view(
    list=extend_schema(responses={200: CompanySerializer, **ERRORS}),
    retrieve=extend_schema(responses={200: CompanySerializer, **ERRORS}),
    create=extend_schema(responses={201: CompanySerializer, **ERRORS, **IDEMPOTENT}, parameters=[IDEMPOTENCY_KEY]),
    partial_update=extend_schema(responses={200: CompanySerializer, **ERRORS, **CONDITIONAL}, parameters=[IF_MATCH]),
)
class CompanyViewSet(
    ConditionalMixin,
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):  # fmt: skip
    """Companies and institutions (staff only)."""

    queryset = Company.objects.all()
    serializer_class = CompanySerializer
    filterset_fields = ["kind", "sector", "ownership", "is_park_tenant", "city"]
    search_fields = ["name_zh", "name_en", "credit_code"]
    ordering_fields = ["modified_at", "name_zh", "name_en"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        allow = data.pop("allow_similar_name", False)
        serializer.instance = company_create(created_by=self.request.user, allow_similar_name=allow, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        allow = data.pop("allow_similar_name", False)
        company_update(company=serializer.instance, allow_similar_name=allow, **data)

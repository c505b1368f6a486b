from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import is_partner
from api.conditional import idempotent
from api.filters import SafeFilterSet, SinceFilter
from api.pagination import ModifiedCursorPagination
from api.schema_errors import ERRORS, IDEMPOTENCY_KEY, IDEMPOTENT
from companies.choices import CompanyKind, Ownership, Sector
from partners.leads import lead_submit
from partners.models import Scope, Tombstone
from projects.api.serializers import PartnerProjectSerializer
from projects.choices import ProjectType

NOT_FOR_STAFF = _("Leads come from partner platforms; park staff create projects at /api/v1/projects/.")


class LeadCompanySerializer(serializers.Serializer):
    name_zh = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    name_en = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    credit_code = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)
    kind = serializers.ChoiceField(choices=CompanyKind.choices, default=CompanyKind.ENTERPRISE)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True, default="")
    ownership = serializers.ChoiceField(choices=Ownership.choices, required=False, allow_blank=True, default="")
    country = serializers.CharField(required=False, allow_blank=True, default="China", max_length=60)
    city = serializers.CharField(required=False, allow_blank=True, default="", max_length=60)
    website = serializers.URLField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if not attrs["name_zh"] and not attrs["name_en"]:
            raise serializers.ValidationError({"name_zh": _("Give the company a Chinese or an English name.")})
        return attrs


class LeadContactSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class LeadProjectSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    sector = serializers.ChoiceField(choices=Sector.choices)
    project_type = serializers.ChoiceField(choices=ProjectType.choices)
    planned_investment = serializers.DecimalField(max_digits=18, decimal_places=2, required=False, allow_null=True,
                                                  min_value=0)  # fmt: skip
    description = serializers.CharField(required=False, allow_blank=True, default="")


class LeadSerializer(serializers.Serializer):
    company = LeadCompanySerializer()
    contact = LeadContactSerializer(required=False, allow_null=True)
    project = LeadProjectSerializer()


class LeadResultSerializer(serializers.Serializer):
    project = PartnerProjectSerializer()
    company_existed = serializers.BooleanField(help_text="The company was already known to the park.")


class LeadView(APIView):
    """Submit a lead: it lands as a project in stage lead, shared with you, and its owner is told."""

    partner_scope = Scope.SUBMIT_LEADS
    partner_methods = ("POST", "OPTIONS")

    @extend_schema(request=LeadSerializer, responses={201: LeadResultSerializer, **ERRORS, **IDEMPOTENT},
                   parameters=[IDEMPOTENCY_KEY])  # fmt: skip
    @idempotent
    def post(self, request):
        if not is_partner(request):
            raise exceptions.PermissionDenied(NOT_FOR_STAFF)
        body = LeadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = lead_submit(partner=request.user.partner, **body.validated_data)
        data = {"project": PartnerProjectSerializer(result.project).data, "company_existed": result.company_existed}
        return Response(data, status=status.HTTP_201_CREATED)


class TombstoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tombstone
        fields = ["id", "model", "object_id", "deleted_at"]
        read_only_fields = fields


class DeletedFilter(SafeFilterSet):
    deleted_at__gte = SinceFilter("deleted_at")

    class Meta:
        model = Tombstone
        fields = ["model"]


class DeletedFirstFirst(ModifiedCursorPagination):
    ordering = ("deleted_at", "id")


@extend_schema(responses={200: TombstoneSerializer, **ERRORS})
class DeletedViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Records deleted since `deleted_at__gte`: remove them from your copy. Partners see the projects
    they had."""

    serializer_class = TombstoneSerializer
    pagination_class = DeletedFirstFirst
    partner_scope = Scope.READ_PROJECTS
    filterset_class = DeletedFilter
    ordering_fields = ["deleted_at"]

    def get_queryset(self):
        tombstones = Tombstone.objects.all()
        if is_partner(self.request):
            return tombstones.filter(model="projects.investmentproject", visible_to=self.request.user.partner)
        return tombstones

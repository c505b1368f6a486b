from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import is_partner
from api.conditional import ConditionalMixin, idempotent
from api.pagination import ModifiedCursorPagination
from api.schema_errors import CONDITIONAL, ERRORS, GATE_ERROR, IDEMPOTENCY_KEY, IDEMPOTENT, IF_MATCH
from partners.models import Scope
from partners.selectors import projects_visible_to
from projects import services
from projects.api.filters import ProjectFilter, StageChangeFilter
from projects.api.serializers import (
    MoveStageSerializer,
    PartnerProjectSerializer,
    PipelineRowSerializer,
    ProjectForCaller,
    ProjectSerializer,
    SetStatusSerializer,
    StageChangeSerializer,
)
from projects.models import InvestmentProject, StageChange
from projects.selectors import pipeline_summary


@extend_schema_view(
    list=extend_schema(
        responses={
            200: PolymorphicProxySerializer(
                component_name="ProjectForCallerList",
                serializers=[ProjectSerializer, PartnerProjectSerializer],
                resource_type_field_name=None,
                many=True,
            ),
            **ERRORS,
        }
    ),
    retrieve=extend_schema(responses={200: ProjectForCaller, **ERRORS}),
    create=extend_schema(responses={201: ProjectSerializer, **ERRORS, **IDEMPOTENT}, parameters=[IDEMPOTENCY_KEY]),
    partial_update=extend_schema(responses={200: ProjectSerializer, **ERRORS, **CONDITIONAL}, parameters=[IF_MATCH]),
)
class ProjectViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Investment projects. Partners see only the projects shared with them, and fewer fields."""

    filterset_class = ProjectFilter
    search_fields = ["code", "title", "company__name_zh", "company__name_en", "company__credit_code"]
    ordering_fields = ["modified_at", "created_at", "planned_investment", "expected_signing_date"]
    partner_scope = Scope.READ_PROJECTS
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        projects = InvestmentProject.objects.select_related("company")
        if is_partner(self.request):
            return projects_visible_to(self.request.user.partner, projects)
        return projects.prefetch_related("team_members")

    def get_serializer_class(self):
        return PartnerProjectSerializer if is_partner(self.request) else ProjectSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["sees_internal_fields"] = is_partner(self.request) and self.request.user.partner.sees_internal_fields
        return context

    @idempotent
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        team = data.pop("team_members", ())
        serializer.instance = services.project_create(actor=self.request.user, team_members=team, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        team = data.pop("team_members", None)
        services.project_update(project=serializer.instance, actor=self.request.user, team_members=team, **data)

    @extend_schema(
        request=MoveStageSerializer,
        responses={200: ProjectSerializer, **ERRORS, **CONDITIONAL, 409: GATE_ERROR},
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="move-stage")
    @idempotent
    def move_stage(self, request, pk=None):
        """Move the project to another stage through the stage gates (409 lists what is missing)."""
        project = self.get_object()
        body = MoveStageSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.project_move_stage(project=project, actor=request.user, **body.validated_data)
        return Response(ProjectSerializer(project, context=self.get_serializer_context()).data)

    @extend_schema(
        request=SetStatusSerializer,
        responses={200: ProjectSerializer, **ERRORS, **CONDITIONAL, **IDEMPOTENT},
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="status")
    @idempotent
    def set_status(self, request, pk=None):
        """Put the project on hold, mark it lost or withdrawn (with the reason), or make it active."""
        project = self.get_object()
        body = SetStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.project_set_status(project=project, actor=request.user, **body.validated_data)
        return Response(ProjectSerializer(project, context=self.get_serializer_context()).data)


class StageChangeCursor(ModifiedCursorPagination):
    ordering = ("changed_at", "id")


@extend_schema_view(
    list=extend_schema(responses={200: StageChangeSerializer, **ERRORS}),
    retrieve=extend_schema(responses={200: StageChangeSerializer, **ERRORS}),
)
class StageChangeViewSet(viewsets.ReadOnlyModelViewSet):
    """The stage log, for time-in-stage and funnel analyses."""

    queryset = StageChange.objects.all()
    serializer_class = StageChangeSerializer
    filterset_class = StageChangeFilter
    pagination_class = StageChangeCursor
    ordering_fields = ["changed_at"]
    search_fields = []


class PipelineView(APIView):
    """Active projects per stage: count, planned CNY and weighted CNY (planned × likelihood)."""

    @extend_schema(responses={200: PipelineRowSerializer(many=True), **ERRORS})
    def get(self, request):
        return Response(PipelineRowSerializer(pipeline_summary(), many=True).data)


__all__ = ["PipelineView", "ProjectViewSet", "StageChangeViewSet"]

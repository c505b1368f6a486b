from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from companies.api.views import CompanyViewSet
from partners.api.views import DeletedViewSet, LeadView
from projects.api import records
from projects.api.views import PipelineView, ProjectViewSet, StageChangeViewSet
from reminders.api.views import NotificationViewSet
from reports.api import views as reports

router = DefaultRouter()
router.register("companies", CompanyViewSet, basename="company")
router.register("projects", ProjectViewSet, basename="project")
router.register("stage-changes", StageChangeViewSet, basename="stagechange")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("contacts", records.ContactViewSet, basename="contact")
router.register("events", records.EventViewSet, basename="event")
router.register("presentations", records.PresentationViewSet, basename="presentation")
router.register("evaluations", records.EvaluationViewSet, basename="evaluation")
router.register("ceremonies", records.CeremonyViewSet, basename="ceremony")
router.register("signings", records.SigningViewSet, basename="signing")
router.register("milestones", records.MilestoneViewSet, basename="milestone")
router.register("interactions", records.InteractionViewSet, basename="interaction")
router.register("follow-ups", records.FollowUpViewSet, basename="followup")
router.register("deleted", DeletedViewSet, basename="deleted")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[], authentication_classes=[]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerView.as_view(url_name="api:schema", permission_classes=[], authentication_classes=[]),
        name="docs",
    ),
    path("pipeline/", PipelineView.as_view(), name="pipeline"),
    path("leads/", LeadView.as_view(), name="leads"),
    path("reports/funnel/", reports.FunnelView.as_view(), name="report-funnel"),
    path("reports/velocity/", reports.VelocityView.as_view(), name="report-velocity"),
    path("reports/money/", reports.MoneyView.as_view(), name="report-money"),
    path("reports/sources/", reports.SourcesView.as_view(), name="report-sources"),
    path("reports/people/", reports.PeopleView.as_view(), name="report-people"),
    path("", include(router.urls)),
]

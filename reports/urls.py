from django.urls import path
from django.views.generic import RedirectView

from reports import views

app_name = "reports"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reports:funnel", permanent=False), name="index"),
    path("funnel/", views.funnel, name="funnel"),
    path("velocity/", views.velocity, name="velocity"),
    path("money/", views.money, name="money"),
    path("sources/", views.sources, name="sources"),
    path("people/", views.people, name="people"),
]

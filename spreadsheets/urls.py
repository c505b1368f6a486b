from django.urls import path

from spreadsheets import views

app_name = "spreadsheets"

urlpatterns = [
    path("", views.import_page, name="import"),
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/run/", views.job_run_for_real, name="run"),
    path("<int:pk>/refused.xlsx", views.job_errors, name="errors"),
    path("template/<slug:kind>.xlsx", views.template_download, name="template"),
]

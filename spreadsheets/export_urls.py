from django.urls import path

from spreadsheets import export_views

app_name = "exports"

urlpatterns = [
    path("<slug:kind>.<slug:extension>", export_views.export, name="export"),
    path("jobs/<int:pk>/", export_views.export_job, name="job"),
    path("jobs/<int:pk>/download/", export_views.export_download, name="download"),
]

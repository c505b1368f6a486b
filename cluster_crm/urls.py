from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from core.views import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(("api.urls", "api"), namespace="api")),
    path("health/", include("core.urls")),
    path("reports/", include("reports.urls")),
    path("imports/", include("spreadsheets.urls")),
    path("exports/", include("spreadsheets.export_urls")),
    path("", include("web.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

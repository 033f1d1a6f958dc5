from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from magportal import views as magportal_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", magportal_views.set_language, name="set_language"),
    path("schedule/", include("schedule.urls")),
    path("", include("meetings.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Production hardening: a health check for the proxy, and error pages that
# tell a database outage (503, retry) from a bug (500).
urlpatterns += [
    path("health/", magportal_views.health, name="health"),
    path("favicon.ico", magportal_views.favicon, name="favicon"),
]
handler500 = "magportal.views.server_error"

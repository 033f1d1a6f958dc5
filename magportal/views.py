"""Site-wide views: the language switch, the health check, the favicon and the error pages."""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import FileResponse, HttpResponse, HttpResponseForbidden
from django.template import loader
from django.views import i18n
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as django_server_error

#: Seconds a client should wait before retrying while the database is away.
RETRY_AFTER_SECONDS = 5


@csrf_exempt
def set_language(request):
    """Django's ``set_language``, refused to another site's form instead of asking for a CSRF token.

    The language menu is on every page, and a token in it would make every page its visitor's own:
    no page could be cached for everyone (magportal/page_cache.py). A browser says where a form was
    sent from (``Sec-Fetch-Site``, else ``Origin``), so another site cannot switch a visitor's
    language. A request with neither header comes from no browser, and has no visitor to mislead.
    """
    if _cross_site(request):
        return HttpResponseForbidden("The language can only be changed from this site's own pages.")
    return i18n.set_language(request)


def _cross_site(request) -> bool:
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from is not None:
        # "none": typed by the user, or a bookmark.
        return fetched_from not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return False
    return urlsplit(origin).netloc != request.get_host()


@never_cache
def health(request):
    """200 "ok" when the app and its database answer; a load balancer polls this."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@require_safe
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request):
    """The icon browsers and feed readers ask for at /favicon.ico, whatever the page says."""
    icon = settings.BASE_DIR / "static" / "favicon.ico"
    return FileResponse(icon.open("rb"), content_type="image/x-icon")


def server_error(request):
    """The 500 page, or a 503 with Retry-After when the database is unreachable.

    A database restart drops every open connection; the failing request is
    answered "retry shortly" rather than "server error", and the next one
    reconnects by itself (CONN_HEALTH_CHECKS). Django calls this view while
    handling the exception, so sys.exception() is the error that got here.
    """
    error = sys.exception()
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return django_server_error(request)

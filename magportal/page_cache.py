"""Public pages served from a cache until a row they render changes, and ready for a caching proxy.

``@cached_page(scope)`` on a view (``method_decorator(cached_page(scope), name="dispatch")`` on a
class) serves its anonymous GETs from the cache under ``magportal.freshness``'s one rule: the
scope's models (``freshness.watch``) are every model whose rows the page renders, and any save or
delete of such a row makes the next request render the page again.

- **Who is served from the cache.** A visitor without a session or flash-message cookie: nobody is
  signed in, and nothing on the page is theirs alone. Signed-in users get the view itself, with
  their own permissions, marked ``private, no-store``. (``signed_in_too`` caches their pages as
  well, keyed on what they may see: for exports that show nothing of the user but drafts.)
- **The key.** The scope's generation (shared cache) or version (per-process cache), the address
  with its query string, the language, scheme and host, the audience (drafts or public) and the day.
- **What is stored.** A 200 that sets no cookie and holds no CSRF token (a token is its visitor's
  own); anything else is served as the view made it, marked ``private``, and never stored.
- **Headers for a proxy.** Anonymous responses are ``public, max-age=PAGE_CACHE_MAX_AGE`` with a
  strong ``ETag`` of what the page says (an edit nobody sees leaves it as it was; a matching
  ``If-None-Match`` gets a 304) and ``Vary: Accept-Language, Cookie``: the language comes from
  either, and a visitor with a session cookie is someone else. There is no ``Last-Modified``: the
  newest edit of a watched row may be a draft's, and its time is not for the public.
"""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

from magportal import freshness
from meetings.roles import may_see_drafts

#: Entries are keyed on a version or generation, so old ones are never served; they only age out.
CACHE_TIMEOUT = 24 * 60 * 60
#: A page holding a form's CSRF token is its visitor's own.
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
MESSAGES_COOKIE = "messages"


def cached_page(scope: str, *, signed_in_too: bool = False):
    """Serve the view's GET and HEAD requests from the cache while no row of ``scope`` has changed."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            anonymous = is_anonymous(request)
            if not anonymous and not signed_in_too:
                response = view(request, *args, **kwargs)
                # Drafts, annotations, the user's name: kept by no proxy, and by no browser either.
                patch_cache_control(response, private=True, no_store=True)
                return response
            page = _page_key(request, scope, anonymous=anonymous)
            generation, stored = freshness.generation(scope, also=page)
            if generation is not None and stored is not None and stored[0] == generation:
                return _respond(request, stored[1], anonymous=anonymous)
            # The version is read before the page is rendered: an edit committed meanwhile has a
            # newer one, so this entry is never found after it.
            key = f"{page}:{freshness.version(scope)}"
            entry = cache.get(key)
            if entry is None:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()  # a class-based view's TemplateResponse
                if not _storable(response):
                    patch_cache_control(response, private=True, no_cache=True)
                    return response
                entry = _freeze(response)
                cache.set(key, entry, CACHE_TIMEOUT)
            if generation is not None:
                # Under the generation read before the version: an edit since has started a newer one.
                cache.set(page, (generation, entry), CACHE_TIMEOUT)
            return _respond(request, entry, anonymous=anonymous)

        return wrapper

    return decorator


def private_for_signed_in(get_response):
    """Middleware: a response to a signed-in user (or a visitor with a session) that says nothing of
    caching is marked ``private, no-store``, whatever the view: no proxy keeps another user's page."""

    def middleware(request):
        response = get_response(request)
        if not response.has_header("Cache-Control") and (
            not is_anonymous(request) or getattr(request, "user", None) and request.user.is_authenticated
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


def is_anonymous(request) -> bool:
    """Nobody signed in and nothing of the visitor's own to show: no session, no pending flash message.

    Read from the cookies alone, so a cached page costs no session lookup.
    """
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def _page_key(request, scope: str, *, anonymous: bool) -> str:
    """The page as its visitor asks for it on this day: address, audience, language, scheme and host.

    The day, because a page may show what is still to come (the home page's announced meetings): no
    row changes when a date passes.
    """
    parts = [
        scope,
        request.get_full_path(),
        not anonymous and may_see_drafts(request.user),  # the audience: drafts, or the public's page
        get_language(),
        request.scheme,
        request.get_host(),
        timezone.localdate().isoformat(),
    ]
    # As JSON, so that no two lists of parts read the same.
    return "page:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and CSRF_FIELD not in response.content
    )


def _freeze(response) -> tuple[bytes, dict[str, str], str]:
    # Of what the page says, not of the version it was cached under.
    etag = f'"{hashlib.sha256(response.content).hexdigest()}"'
    return response.content, dict(response.headers), etag


def _respond(request, entry, *, anonymous: bool) -> HttpResponse:
    content, headers, etag = entry
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
    response["ETag"] = etag
    if anonymous:
        patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
    # A signed-in user's copy: a proxy never keeps it, the browser asks again with the ETag.
    patch_cache_control(response, private=True, no_cache=True)
    return response

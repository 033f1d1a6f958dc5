"""Caching the annual meeting's grid, and its .ics and .json, until a row they render changes.

The rule is ``magportal.freshness``'s: the pages' scope, ``"grid"``, changes with every save or
delete of a meeting, agenda item, decision, decision's further session, event, session, slot or
schedule version (``GRID_MODELS``), whatever field it was. Bulk writes of these rows (the
importer's) call ``grid_changed`` themselves.

A page is cached under the scope's version (or, with a shared cache such as Redis, under its
generation, which costs no query), the page's view and slug, whether the visitor may see drafts,
the language and the host. The HTML grid shows the signed-in user's name and drafts, so only
anonymous requests are served from the cache; the .ics and .json are the same for everyone in the
same audience. Every response gets an ETag of what the page says, so an edit that changes nothing
a visitor sees (a draft report's, say) leaves it as it was, and a matching conditional GET gets
a 304. Only a 200 is cached: a 404 (an unpublished event for the public) is rendered every time.
"""

from __future__ import annotations

import hashlib
import re
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

from magportal import freshness
from meetings.models import AgendaItem, Decision, DecisionSession, Meeting
from meetings.roles import may_see_drafts
from schedule.models import Event, ScheduleVersion, Session, Slot

SCOPE = "grid"
#: Every row the grid, its .ics or its .json renders: meetings and agenda items (a session's
#: shaping decisions are linked by their paragraph's number and their meeting's address and title),
#: decisions and their further sessions, and the grid itself with its versions.
GRID_MODELS = (Meeting, AgendaItem, Decision, DecisionSession, Event, Session, Slot, ScheduleVersion)
#: Entries are keyed on a version or generation, so old ones are never served; they only age out.
CACHE_TIMEOUT = 24 * 60 * 60
CSRF_PLACEHOLDER = "__magportal_csrf_token__"
# The language menu's form carries a CSRF token; each visitor must get their own.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(")')

freshness.watch(SCOPE, *GRID_MODELS)


def grid_changed() -> None:
    """Make every cached grid page fresh: for writes that send no signals (bulk inserts, updates)."""
    freshness.changed(SCOPE)


def cache_event_response(*, anonymous_only: bool = False):
    """Serve ``view(request, slug)`` from the cache while no row of the grid has changed.

    ``anonymous_only`` for pages that differ by user: signed-in users always get the view itself,
    uncached, without an ETag.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, slug, *args, **kwargs)
            anonymous = _is_anonymous(request)
            if anonymous_only and not anonymous:
                return view(request, slug, *args, **kwargs)
            page = _page_key(request, view, slug)
            generation, stored = freshness.generation(SCOPE, also=page)
            if generation is not None and stored is not None and stored[0] == generation:
                return _respond(request, stored[1], anonymous=anonymous)
            # The version is read before the page is rendered: an edit committed meanwhile has a
            # newer one, so this entry is never found after it.
            key = f"{page}:{freshness.version(SCOPE)}"
            entry = cache.get(key)
            if entry is None:
                response = view(request, slug, *args, **kwargs)
                if not _cacheable(response):
                    return response
                entry = _freeze(response)
                cache.set(key, entry, CACHE_TIMEOUT)
            if generation is not None:
                # Under the generation read before the version: an edit since has started a newer one.
                cache.set(page, (generation, entry), CACHE_TIMEOUT)
            return _respond(request, entry, anonymous=anonymous)

        return wrapper

    return decorator


def _is_anonymous(request) -> bool:
    # Pending flash messages are shown once, to that visitor only.
    return not request.user.is_authenticated and "messages" not in request.COOKIES


def _page_key(request, view, slug: str) -> str:
    """The page as its visitor asks for it: view, slug, audience, language, scheme and host."""
    parts = [
        view.__module__,
        view.__qualname__,
        slug,
        "drafts" if may_see_drafts(request.user) else "public",
        get_language() or "",
        request.scheme,
        request.get_host(),
    ]
    return "schedule:page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _cacheable(response) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def _freeze(response) -> tuple[bytes, dict[str, str], str]:
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER.encode() + rb"\3", response.content)
    # Of what the page says, not of the version it was cached under.
    etag = f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'
    return content, dict(response.headers), etag


def _respond(request, entry, *, anonymous: bool) -> HttpResponse:
    content, headers, etag = entry
    response = get_conditional_response(request, etag=etag)
    if response is None:
        placeholder = CSRF_PLACEHOLDER.encode()
        if placeholder in content:
            content = content.replace(placeholder, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
    response["ETag"] = etag
    # A proxy may keep the public exports, but asks again with the ETag before each use, so an edit
    # (an unpublished grid) reaches its visitors at once; a page with a visitor's CSRF token is theirs.
    shared = anonymous and CSRF_PLACEHOLDER.encode() not in entry[0]
    if shared:
        patch_cache_control(response, public=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response

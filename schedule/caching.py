"""Caching the annual meeting's grid, and its .ics and .json, until the event changes.

An event's version is its ``updated_at``: it is bumped (in the same transaction)
by every save or delete of the event, its sessions, its slots, its grid's
versions, decisions linked to its sessions (directly or as further sessions),
and a change of status or title of a meeting with such decisions or versions. Cache
keys and ETags are built from that version, read from the database, so every
server process sees an edit at once, whatever the cache backend: a stale grid
after an edit is a bug. Bulk ``QuerySet.update()`` calls send no signals; code
doing them on these models must call ``touch_events``.

With a cache every process shares (Redis; ``CACHE_URL``), a visitor who
is not signed in is served without reading the database at all: the cache keeps a
*generation* of grids, a random value replaced by every one of those edits (at the
edit and again when its transaction commits), and a page is served only under the
generation read before its version was. An evicted or expired generation is replaced
by a new one, so a page is then checked against the database again, never served
stale. The cache must be reachable when an edit is made (else the edit is rolled
back) and when it commits: if it is not then, the edit's request fails after the
commit, and a page another process rendered while the edit's transaction was open
may be served until the next edit. A per-process cache (local memory, the default) cannot hear of another
process's edit, so there every request reads the event's version from the database
(one indexed query).

The HTML grid shows the signed-in user's name and drafts, so only anonymous
requests are served from the cache; the .ics and .json are the same for
everyone who may see the event. Every response gets an ETag and Last-Modified,
and a matching conditional GET gets a 304.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import secrets
from functools import wraps

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.translation import get_language

from meetings.models import Decision, DecisionSession, Meeting
from schedule.models import Event, ScheduleVersion, Session, Slot

#: Versions change on every edit, so old entries are never served; they only age out.
CACHE_TIMEOUT = 24 * 60 * 60
#: In a shared cache: a random value replaced whenever any event's grid changes (see ``grids_changed``).
GENERATION_KEY = "schedule:generation"
CSRF_PLACEHOLDER = "__magportal_csrf_token__"
SETTLED = datetime.timedelta(seconds=1)
_PUBLISHED_VERSION_SQL = (
    f'SELECT "id", "updated_at" FROM "{Event._meta.db_table}" WHERE "slug" = %s AND "is_published"'
)
# The language menu's form carries a CSRF token; each visitor must get their own.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]+)(")')


def touch_events(*, event_ids, session_ids=()) -> None:
    """Mark events as changed now, so their cached grids and ETags are replaced.

    Within a transaction each event is marked once: an import adding thirty
    slots costs one UPDATE, not thirty. ``session_ids`` are sessions of these
    events, so later changes to their slots need no lookup.
    """
    ids = {pk for pk in event_ids if pk is not None}
    touched = _touched_in_transaction()
    if touched is not None:
        ids -= touched.event_ids
        touched.session_ids.update(session_ids)
    if not ids:
        return
    Event.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    grids_changed()
    if touched is not None:
        touched.event_ids.update(ids)
    elif transaction.get_connection().in_atomic_block:
        transaction.on_commit(_Touched(event_ids=ids, session_ids=set(session_ids)))


class _Touched:
    """A no-op commit hook that records which events this transaction has marked changed.

    Django drops the hooks registered in a savepoint that is rolled back, so a
    record found among the pending hooks is always one whose UPDATE still stands.
    """

    def __init__(self, *, event_ids: set[int], session_ids: set[int]):
        self.event_ids = event_ids
        self.session_ids = session_ids

    def __call__(self):
        pass


def _forget_touches(*, event_id: int) -> None:
    """This transaction read the event's version: its next edit in the transaction must bump it again."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, hook, _robust in connection.run_on_commit:
            if isinstance(hook, _Touched):
                hook.event_ids.discard(event_id)
                hook.session_ids.clear()


def _touched_in_transaction() -> _Touched | None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    current = set(connection.savepoint_ids)
    for savepoints, hook, _robust in connection.run_on_commit:
        # Only a record made in this savepoint or an enclosing one still applies here.
        if isinstance(hook, _Touched) and savepoints <= current:
            return hook
    return None


def cache_event_response(*, anonymous_only: bool = False):
    """Serve ``view(request, slug)`` from the cache while the event is unchanged.

    ``anonymous_only`` for pages that differ by user: signed-in users always
    get the view itself, uncached and without an ETag.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                return view(request, slug, *args, **kwargs)
            anonymous = _is_anonymous(request)
            if anonymous_only and not anonymous:
                return view(request, slug, *args, **kwargs)
            fast_key = _fast_key(request, view, slug) if anonymous and cache_is_shared() else None
            if fast_key is not None:
                generation, entry = _generation_and_entry(fast_key)
                if generation is not None and entry is not None and entry[0] == generation:
                    _generation, key, changed, stored = entry
                    return _respond(request, key, changed, stored)
            version = _event_version(request.user, slug)
            if version is None:
                return view(request, slug, *args, **kwargs)  # its own 404
            _forget_touches(event_id=version[0])
            key = _key(request, view, version)
            stored = cache.get(key)
            if stored is None:
                response = view(request, slug, *args, **kwargs)
                if not _cacheable(response):
                    return response
                stored = _freeze(response)
                cache.set(key, stored, CACHE_TIMEOUT)
            if fast_key is not None and generation is not None:
                # Under the generation read before the event's version: an edit committed since
                # has started a newer one, so this entry can never outlive it.
                cache.set(fast_key, (generation, key, version[1], stored), CACHE_TIMEOUT)
            return _respond(request, key, version[1], stored)

        return wrapper

    return decorator


def _respond(request, key: str, changed: datetime.datetime, stored):
    etag = stored[3]
    last_modified = _last_modified(changed)
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return _validators(not_modified, etag, last_modified)
    return _validators(_thaw(request, stored), etag, last_modified)


# -- the shared cache's generation of grids ------------------------------------------------------


def cache_is_shared() -> bool:
    """Whether every server process reads and writes the same cache, and hears of its failures (Redis).

    Only then may the cache say which grids are current; a per-process cache (local memory, the
    default) cannot hear of an edit made through another process, so the database must. Memcached
    is shared too, but Django's backends for it drop a failed write silently: a lost new generation
    would be a stale grid.
    """
    return isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache)


def _generation_and_entry(fast_key: str) -> tuple[str | None, tuple | None]:
    """The grids' current generation (started now if the cache has none) and the page under ``fast_key``."""
    found = cache.get_many([GENERATION_KEY, fast_key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # Never seen, expired or evicted: a new generation, so that no page cached before counts.
        cache.add(GENERATION_KEY, secrets.token_hex(8), CACHE_TIMEOUT)
        generation = cache.get(GENERATION_KEY)
    return generation, found.get(fast_key)


def grids_changed() -> None:
    """Start a new generation of grids in a shared cache, now and again when the transaction commits.

    Now, so that this transaction's own next request sees its edit; again at commit, so that a page
    another process rendered from the data before the commit (under the first new generation)
    is never served after it. A rolled-back transaction only costs a render.
    """
    if not cache_is_shared():
        return
    _new_generation()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_generation)


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), CACHE_TIMEOUT)


def _fast_key(request, view, slug: str) -> str:
    parts = [
        view.__module__,
        view.__qualname__,
        slug,
        get_language() or "",
        request.scheme,
        request.get_host(),
    ]
    return "schedule:page:" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _etag(content: bytes) -> str:
    # Of what the page says, not of the event's version: an edit that changes nothing a visitor
    # sees (a draft report's annex, say) leaves the ETag, and their caches, as they were.
    return f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'


def _event_version(user, slug: str) -> tuple[int, datetime.datetime] | None:
    """The pk and ``updated_at`` of the event ``slug`` if ``user`` may see it, else None.

    Every cached request pays this query, so for visitors who are not signed in (published
    events only, as ``EventQuerySet.visible_to`` says) it is written out once instead of being
    built by the ORM on each request: the ORM took longer to build it than the database to run it.
    """
    if user.is_authenticated:
        return Event.objects.visible_to(user).filter(slug=slug).values_list("pk", "updated_at").first()
    with connection.cursor() as cursor:
        cursor.execute(_PUBLISHED_VERSION_SQL, [slug])
        row = cursor.fetchone()
    if row is None:
        return None
    pk, changed = row
    if isinstance(changed, str):
        changed = parse_datetime(changed)
    if changed.tzinfo is None:
        # SQLite keeps the naive UTC time Django stored.
        changed = changed.replace(tzinfo=datetime.UTC)
    return pk, changed


def _validators(response, etag: str, last_modified: int | None):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


def _last_modified(changed) -> int | None:
    """Last-Modified in whole seconds, once the version is a second old.

    A younger version could be followed by another in the same second, which
    If-Modified-Since could not tell apart: until then only the ETag is sent.
    """
    if timezone.now() - changed < SETTLED:
        return None
    return int(changed.timestamp())


def _is_anonymous(request) -> bool:
    # Pending flash messages are shown once, to that visitor only.
    return not request.user.is_authenticated and "messages" not in request.COOKIES


def _key(request, view, version) -> str:
    pk, updated_at = version
    parts = [
        view.__module__,
        view.__qualname__,
        str(pk),
        updated_at.isoformat(),
        get_language() or "",
        request.scheme,
        request.get_host(),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"schedule:event:{pk}:{digest}"


def _cacheable(response) -> bool:
    return response.status_code == 200 and not response.streaming and not response.cookies


def _freeze(response) -> tuple[int, bytes, dict[str, str], str]:
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER.encode() + rb"\3", response.content)
    return response.status_code, content, dict(response.headers), _etag(content)


def _thaw(request, stored) -> HttpResponse:
    status, content, headers, _etag = stored
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in content:
        content = content.replace(placeholder, _csrf_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _csrf_token(request) -> str:
    """What ``django.middleware.csrf.get_token(request)`` returns, and with the same effect.

    A new visitor's token needs 64 random characters (a secret, for the cookie, and a mask), which
    Django draws with one read of the system's generator each: a sixth of a cached grid's time.
    Here they come from one read. The token is masked as Django masks it, so it stays different
    in every response (BREACH), and the CSRF middleware sets the cookie as for ``get_token``.
    """
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = _random_csrf_characters(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_csrf_characters(CSRF_SECRET_LENGTH)
    chars = CSRF_ALLOWED_CHARS
    pairs = zip(secret, mask, strict=True)
    cipher = "".join(chars[(chars.index(x) + chars.index(y)) % len(chars)] for x, y in pairs)
    return mask + cipher


def _random_csrf_characters(count: int) -> str:
    # Bytes below 248 (four times the 62 characters) map uniformly onto them; the rest are dropped.
    limit = 256 - 256 % len(CSRF_ALLOWED_CHARS)
    found = []
    while len(found) < count:
        found.extend(
            CSRF_ALLOWED_CHARS[byte % len(CSRF_ALLOWED_CHARS)]
            for byte in os.urandom(2 * count)
            if byte < limit
        )
    return "".join(found[:count])


# -- what changes an event's grid --------------------------------------------------------------


@receiver(post_init, sender=Slot, dispatch_uid="schedule.caching.slot_init")
@receiver(post_init, sender=Decision, dispatch_uid="schedule.caching.decision_init")
@receiver(post_init, sender=DecisionSession, dispatch_uid="schedule.caching.decision_session_init")
def _remember_session(sender, instance, **kwargs):
    # A slot or decision moved to another event's session changes both grids.
    # Read from __dict__: a deferred field must not cost a query per loaded row.
    instance._loaded_session_id = instance.__dict__.get("session_id")


@receiver(post_init, sender=Meeting, dispatch_uid="schedule.caching.meeting_init")
def _remember_status(sender, instance, **kwargs):
    instance._loaded_shown = (instance.__dict__.get("status"), instance.__dict__.get("title"))


@receiver(post_save, sender=Event, dispatch_uid="schedule.caching.event_saved")
@receiver(post_delete, sender=Event, dispatch_uid="schedule.caching.event_deleted")
def _event_changed(sender, instance, **kwargs):
    # Its own updated_at changes with it (auto_now); a shared cache must hear of it too, including
    # a change of slug or a grid unpublished.
    grids_changed()


@receiver(post_save, sender=Session, dispatch_uid="schedule.caching.session_saved")
@receiver(post_delete, sender=Session, dispatch_uid="schedule.caching.session_deleted")
def _session_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata restores rows with their events' own updated_at
    touch_events(event_ids=[instance.event_id], session_ids=[instance.pk])


@receiver(post_save, sender=Slot, dispatch_uid="schedule.caching.slot_saved")
@receiver(post_delete, sender=Slot, dispatch_uid="schedule.caching.slot_deleted")
@receiver(post_save, sender=Decision, dispatch_uid="schedule.caching.decision_saved")
@receiver(post_delete, sender=Decision, dispatch_uid="schedule.caching.decision_deleted")
@receiver(post_save, sender=DecisionSession, dispatch_uid="schedule.caching.decision_session_saved")
@receiver(post_delete, sender=DecisionSession, dispatch_uid="schedule.caching.decision_session_deleted")
def _linked_row_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata restores rows with their events' own updated_at
    sessions = {instance.session_id, getattr(instance, "_loaded_session_id", None)} - {None}
    if sender is Decision and instance.pk is not None and kwargs.get("signal") is post_save:
        # A decision also shows on the further sessions it shaped.
        sessions |= set(
            DecisionSession.objects.filter(decision=instance).values_list("session_id", flat=True)
        )
    touched = _touched_in_transaction()
    if touched is not None:
        sessions -= touched.session_ids
    if sessions:
        touch_events(event_ids=Session.objects.filter(pk__in=sessions).values_list("event_id", flat=True))
    instance._loaded_session_id = instance.session_id


@receiver(post_save, sender=ScheduleVersion, dispatch_uid="schedule.caching.version_saved")
@receiver(post_delete, sender=ScheduleVersion, dispatch_uid="schedule.caching.version_deleted")
def _version_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata restores rows with their events' own updated_at
    # The grid names its current version, and the .ics numbers changes from the versions.
    touch_events(event_ids=[instance.event_id])


@receiver(post_save, sender=Meeting, dispatch_uid="schedule.caching.meeting_saved")
def _meeting_changed(sender, instance, created, raw=False, **kwargs):
    if raw:
        return  # loaddata restores rows with their events' own updated_at
    # Publishing, unpublishing or renaming a meeting shows, hides or renames its decisions on the
    # grid, and the meeting a version of the grid came from.
    shown = (instance.status, instance.title)
    if not created and shown != getattr(instance, "_loaded_shown", shown):
        linked = Event.objects.filter(
            Q(sessions__decisions__agenda_item__meeting=instance)
            | Q(sessions__further_decisions__decision__agenda_item__meeting=instance)
            | Q(versions__meeting=instance)
        ).values_list("pk", flat=True)
        touch_events(event_ids=set(linked))
    instance._loaded_shown = shown

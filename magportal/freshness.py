"""Cached public pages stay fresh by one rule: any save or delete of a row they render.

A family of pages (a *scope*, e.g. ``"grid"``) declares the models whose rows it renders with
``watch(scope, *models)``. Then every save or delete of such a row, through the ORM's signals,
calls ``changed(scope)``: there is no list of fields that matter, and no comparison with what the
row was. Code that writes these rows without signals (``bulk_create``, ``QuerySet.update``, raw
SQL) calls ``rows_changed`` with the models it wrote (or ``changed`` with the scopes) itself.

``changed`` does two things, so that every server process sees the change at once:

- In the database, in the same transaction as the edit, it replaces the scope's
  ``ContentVersion`` by a new random value. A page's cache key holds the version read before the
  page was rendered, so an edit's commit makes every earlier entry unreachable; a rolled-back edit
  changes nothing.
- In a cache every process shares (Redis, ``CACHE_URL``), it replaces the scope's *generation*, a
  random value, now and again when the transaction commits. A request that finds its page stored
  under the current generation is served without reading the database; an evicted or expired
  generation is replaced by a new one, so the page is then checked against the database again,
  never served stale. A per-process cache (local memory) cannot hear of another process's edit,
  so there ``generation`` is None and every request reads the version (one indexed query).

To cache another family of pages: ``watch`` its models under a new scope (in an app's ``ready``)
and key its pages on ``version(scope)``, or on ``generation(scope)`` where the cache is shared.
"""

from __future__ import annotations

import contextlib
import secrets

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from magportal.models import ContentVersion

#: Generations live this long unless replaced; a missing one is simply started again.
GENERATION_TIMEOUT = 24 * 60 * 60
_WATCHED: dict[type[Model], set[str]] = {}


def watch(scope: str, *models: type[Model]) -> None:
    """Make every save or delete of a row of ``models`` change ``scope``."""
    for model in models:
        scopes = _WATCHED.setdefault(model, set())
        if not scopes:
            uid = f"magportal.freshness:{model._meta.label}"
            post_save.connect(_row_changed, sender=model, dispatch_uid=f"{uid}:save", weak=False)
            post_delete.connect(_row_changed, sender=model, dispatch_uid=f"{uid}:delete", weak=False)
        scopes.add(scope)


def _row_changed(sender, raw=False, **kwargs):
    if raw:
        return  # loaddata restores rows as they were; it changes no page
    changed(*sorted(_WATCHED[sender]))  # connected by watch() for these models only


def rows_changed(*models: type[Model]) -> None:
    """Mark changed every scope that watches one of ``models``: for writes that send no signals."""
    changed(*sorted({scope for model in models for scope in _WATCHED.get(model, ())}))


def scopes_watching(model: type[Model]) -> set[str]:
    """The scopes a save or delete of a row of ``model`` changes."""
    return set(_WATCHED.get(model, ()))


def changed(*scopes: str) -> None:
    """Mark ``scopes`` changed: their pages are rendered again on the next request, in every process.

    One UPDATE however many scopes (a row most pages render is watched by each of them), and one
    round trip to the shared cache.
    """
    if not scopes:
        return
    _new_versions(scopes)
    if cache_is_shared():
        _new_generations(scopes)
        if transaction.get_connection().in_atomic_block:
            # Again at commit: a page another process rendered from the data before the
            # commit, under the first new generation, is never served after it.
            transaction.on_commit(lambda: _new_generations(scopes))


def version(scope: str) -> str:
    """The scope's version in the database: it changes with every committed edit of its rows.

    Read with plain SQL: a per-process cache reads it on every request, and the ORM's building of
    this one-row lookup took ten times its round trip.
    """
    connection = connections[router.db_for_read(ContentVersion)]
    quote = connection.ops.quote_name
    table = quote(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('version')} FROM {table} WHERE {quote('scope')} = %s", [scope])
        found = cursor.fetchone()
    return found[0] if found else _new_version(scope)


def _new_version(scope: str) -> str:
    return _new_versions([scope])


def _new_versions(scopes) -> str:
    # One value for all: each page's key holds its scope's name beside it.
    value = _new_token()
    connection = transaction.get_connection(router.db_for_write(ContentVersion))
    with (
        contextlib.nullcontext() if connection.in_atomic_block else transaction.atomic(using=connection.alias)
    ):
        # Every writer first takes all the versions' rows, in one order: two imports changing
        # different scopes in turn would otherwise each hold a row the other waits for, and
        # PostgreSQL would end one of them as a deadlock. A no-op on SQLite, which locks it all.
        list(ContentVersion.objects.select_for_update().order_by("scope").values_list("pk", flat=True))
        if ContentVersion.objects.filter(scope__in=scopes).update(version=value) < len(set(scopes)):
            for scope in scopes:
                ContentVersion.objects.update_or_create(scope=scope, defaults={"version": value})
    return value


def cache_is_shared() -> bool:
    """Whether every server process reads and writes the same cache, and hears of its failures (Redis).

    Memcached is shared too, but Django's backends for it drop a failed write silently: a lost new
    generation would be a stale page.
    """
    return isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache)


def generation_key(scope: str) -> str:
    return f"freshness:generation:{scope}"


def generation(scope: str, *, also: str) -> tuple[str | None, object]:
    """The scope's current generation in the shared cache (started if missing), and the entry ``also``
    (a page kept under it).

    Both in one round trip. (None, None) where the cache is not shared.
    """
    if not cache_is_shared():
        return None, None
    key = generation_key(scope)
    found = cache.get_many([key, also])
    current = found.get(key)
    if current is None:
        # Never seen, expired or evicted: a new generation, so that no page cached before counts.
        cache.add(key, _new_token(), GENERATION_TIMEOUT)
        current = cache.get(key)
    return current, found.get(also)


def _new_generations(scopes) -> None:
    cache.set_many({generation_key(scope): _new_token() for scope in scopes}, GENERATION_TIMEOUT)


def _new_token() -> str:
    """A version's or a generation's value, never seen before: 16 random hex digits (the version's
    column holds 32)."""
    return secrets.token_hex(8)

"""magportal.freshness: the version of a family of cached pages, as the database keeps it."""

import contextlib
import threading
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.db import connection, transaction

from magportal import freshness
from magportal.models import ContentVersion
from schedule.models import Slot

pytestmark = pytest.mark.django_db

SCOPE = "test-freshness"


def test_version_of_a_new_scope_is_stored_and_read_again_unchanged():
    first = freshness.version(SCOPE)

    assert freshness.version(SCOPE) == first
    assert ContentVersion.objects.get(scope=SCOPE).version == first


def test_version_changed_then_read_is_stored_and_read_again_unchanged():
    before = freshness.version(SCOPE)

    freshness.changed(SCOPE)

    after = freshness.version(SCOPE)
    assert after != before
    assert freshness.version(SCOPE) == after
    assert ContentVersion.objects.get(scope=SCOPE).version == after


def test_version_fits_its_column_on_every_database():
    # PostgreSQL refuses a longer value (every edit of a watched row would fail); SQLite stores it.
    limit = ContentVersion._meta.get_field("version").max_length
    freshness.version(SCOPE)
    freshness.changed(SCOPE)

    assert 0 < len(freshness.version(SCOPE)) <= limit
    assert 0 < len(freshness.version("test-freshness-new")) <= limit


def test_changed_scope_already_recorded_costs_two_queries(django_assert_num_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    freshness.version(SCOPE)

    # The versions' rows taken in one order, then the one UPDATE.
    with django_assert_num_queries(2):
        freshness.changed(SCOPE)


def test_rows_changed_marks_the_scopes_watching_its_models_and_passes_over_the_others():
    before = freshness.version("grid")

    freshness.rows_changed(ContentVersion)  # watched by no scope
    unwatched = freshness.version("grid")
    freshness.rows_changed(ContentVersion, Slot)

    assert unwatched == before
    assert freshness.version("grid") != before


def _time_to_live(key):
    """Seconds before Redis forgets ``key`` (-1 if never)."""
    return cache._cache.get_client().ttl(cache.make_and_validate_key(key))


def test_generation_lives_a_day_when_started_and_when_replaced(shared):
    if not shared:
        pytest.skip("only a shared cache keeps a generation")
    key = freshness.generation_key(SCOPE)

    freshness.generation(SCOPE, also="page:test")
    started = _time_to_live(key)
    freshness.changed(SCOPE)
    replaced = _time_to_live(key)

    # Not the cache's default of 5 minutes (an idle page rendered again for nothing), nor forever.
    assert freshness.GENERATION_TIMEOUT - 60 < started <= freshness.GENERATION_TIMEOUT
    assert freshness.GENERATION_TIMEOUT - 60 < replaced <= freshness.GENERATION_TIMEOUT


def test_generation_and_the_page_kept_under_it_cost_one_round_trip(shared):
    if not shared:
        pytest.skip("only a shared cache keeps a generation")
    current, _ = freshness.generation(SCOPE, also="page:test")
    cache.set("page:test", (current, "the page"))
    one_more_trip = AssertionError("a second round trip to the cache")

    with (
        mock.patch.object(caches["default"], "get", side_effect=one_more_trip),
        mock.patch.object(caches["default"], "add", side_effect=one_more_trip),
    ):
        found = freshness.generation(SCOPE, also="page:test")

    assert found == (current, (current, "the page"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True)
def test_changed_scopes_in_opposite_orders_by_two_writers_never_deadlock(settings):
    # Two imports (or an import and an admin save) change scopes in turn, in opposite orders.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for scope in ("first-scope", "second-scope"):
        freshness.version(scope)
    turn = threading.Barrier(2, timeout=2)
    errors = []

    def writer(first: str, then: str):
        try:
            with transaction.atomic():
                freshness.changed(first)
                # Each holds its first scope before changing the other's; or the other waits for
                # this transaction's locks, as it should, and the wait times out.
                with contextlib.suppress(threading.BrokenBarrierError):
                    turn.wait()
                freshness.changed(then)
        except Exception as error:  # a deadlock, which PostgreSQL ends by failing one writer
            errors.append(error)
        finally:
            connection.close()

    writers = [
        threading.Thread(target=writer, args=("first-scope", "second-scope")),
        threading.Thread(target=writer, args=("second-scope", "first-scope")),
    ]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=30)

    assert errors == []

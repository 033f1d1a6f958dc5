"""magportal.freshness: the version of a family of cached pages, as the database keeps it."""

import pytest

from magportal import freshness
from magportal.models import ContentVersion

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


def test_changed_scope_already_recorded_costs_one_query(django_assert_num_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    freshness.version(SCOPE)

    with django_assert_num_queries(1):
        freshness.changed(SCOPE)

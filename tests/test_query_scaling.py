"""The public pages cost the same number of queries however large the archive grows.

Each size imports that many generated reports through the importer; report 3
holds the 2019 annual meeting's grid, so both sizes have it.
"""

from functools import cache

import pytest
from django.core.cache import cache as django_cache

from benchmarks.corpus import generate_report
from meetings.importer.save import meeting_slug
from meetings.importer.services import import_report
from meetings.models import Meeting
from tests.factories import make_secretariat_user

SIZES = [4, 8]


@cache
def _report(index: int):
    return generate_report(index=index, seed=0)


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-reports")
def archive(request, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for index in range(request.param):
        report = _report(index)
        import_report(report.data, source_name=report.name, publish=True)
    django_cache.clear()
    yield request.param
    django_cache.clear()


def report_url() -> str:
    report = _report(0)
    return f"/meetings/{meeting_slug(report.title, report.date)}/"


def test_archive_sizes_differ(archive):
    assert Meeting.objects.count() == archive


def test_grid_queries_do_not_grow(client, archive, django_assert_num_queries):
    # The event's version, the event, its sessions, their slots, the decisions that shaped them
    # (their links to further sessions, then the decisions: both run whether or not there are
    # any), its current version.
    with django_assert_num_queries(7):
        response = client.get("/schedule/igf-2019/")

    assert response.status_code == 200


def test_grid_cached_queries_do_not_grow(client, archive, django_assert_num_queries):
    client.get("/schedule/igf-2019/")

    # Only the event's version: the page comes from the cache.
    with django_assert_num_queries(1):
        response = client.get("/schedule/igf-2019/")

    assert response.status_code == 200


def test_report_page_queries_do_not_grow(client, archive, django_assert_num_queries):
    # The cached pages' version, the meeting with its event, its agenda items, their decisions, their
    # footnotes.
    with django_assert_num_queries(5):
        response = client.get(report_url())

    assert response.status_code == 200
    assert response.text.count('id="item-') == _report(0).items


def test_decisions_list_queries_do_not_grow(client, archive, django_assert_num_queries):
    # The cached pages' version, the filter form's choices, the count (of at most 1,001 rows), one page
    # of decisions with their meetings.
    with django_assert_num_queries(5):
        response = client.get("/decisions/")

    assert response.status_code == 200


def test_decisions_search_queries_do_not_grow(client, archive, django_assert_num_queries):
    # As the list: the search is one capped count and one ranked page, both on the stored search document.
    with django_assert_num_queries(5):
        response = client.get("/decisions/?q=working+group")

    assert response.status_code == 200


def test_decisions_search_best_match_queries_do_not_grow(client, archive, django_assert_num_queries):
    # Ranked on request: the same capped count and one page, best match first.
    with django_assert_num_queries(5):
        response = client.get("/decisions/?q=working+group&sort=best_match")

    assert response.status_code == 200


def test_decisions_search_signed_in_queries_do_not_grow(client, archive, django_assert_num_queries):
    client.force_login(make_secretariat_user())

    # The session, the user, their permissions (two), then as the public's: drafts are not filtered out.
    with django_assert_num_queries(8):
        response = client.get("/decisions/?q=working+group")

    assert response.status_code == 200

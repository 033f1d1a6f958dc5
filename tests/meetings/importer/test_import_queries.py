"""One import costs the same number of queries however large the archive it joins."""

from pathlib import Path

import pytest
from django.db import connection

from benchmarks.corpus import generate_report
from benchmarks.long_report import long_report
from meetings.importer.services import import_report
from meetings.models import Meeting

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "reports" / "mag-virtual-meeting-vi-2016-08-30.docx"


@pytest.fixture(params=[2, 6], ids=lambda size: f"{size}-reports")
def archive(request, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for index in range(request.param):
        report = generate_report(index=index, seed=0)
        import_report(report.data, source_name=report.name, publish=True)
    return request.param


def test_import_queries_do_not_grow_with_the_archive(archive, django_assert_num_queries):
    # Saving the report, its grid and its links: nothing is read or written row by row from the
    # archive it joins, so the count is the same at both sizes. The grid is recorded as a version
    # and settled (the event locked, its versions read, the grid applied) in a fixed number, and
    # the cached pages made fresh (magportal.freshness: six times, each the versions' rows taken in
    # one order, then one UPDATE), the home page's again for the meetings the report announces
    # (inserted in bulk). PostgreSQL adds one: the import's timeouts and its meeting's lock.
    with django_assert_num_queries({"postgresql": 52}.get(connection.vendor, 51)):
        outcome = import_report(SEED.read_bytes(), source_name=SEED.name)

    assert outcome.status == "created"
    assert Meeting.objects.count() == archive + 1


@pytest.mark.parametrize("paragraphs", [20, 80])
def test_import_replace_queries_do_not_grow_with_the_report(
    db, settings, tmp_path, paragraphs, django_assert_num_queries
):
    # --replace writes through the bulk path of a first import: one statement per table, however
    # many paragraphs, decisions and history rows it deletes and writes. SQLite caps a statement at
    # 999 parameters, so there Django splits the wide history and decision inserts into batches of
    # about 30 rows: 80 paragraphs take three statements more than 20.
    settings.MEDIA_ROOT = tmp_path
    import_report(long_report(paragraphs), source_name="first.docx")

    revised = long_report(paragraphs, revised=True)  # every paragraph and decision reworded

    expected = 22 if connection.vendor == "postgresql" else {20: 21, 80: 24}[paragraphs]
    with django_assert_num_queries(expected):
        outcome = import_report(revised, source_name="revised.docx", replace=True)

    assert outcome.status == "replaced"
    assert outcome.counts["decisions"] == paragraphs

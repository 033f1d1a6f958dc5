"""One import costs the same number of queries however large the archive it joins."""

from pathlib import Path

import pytest

from benchmarks.corpus import generate_report
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
    # the cached pages made fresh (magportal.freshness), the home page's again for the meetings the
    # report announces (inserted in bulk).
    with django_assert_num_queries(45):
        outcome = import_report(SEED.read_bytes(), source_name=SEED.name)

    assert outcome.status == "created"
    assert Meeting.objects.count() == archive + 1

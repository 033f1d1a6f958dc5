"""Every third-party .docx through the whole import: saved, or refused in one line with nothing written."""

import pytest

from meetings.importer import ImportRefused
from meetings.importer.services import import_report
from meetings.models import AgendaItem, Meeting
from tests.meetings.importer.test_corpus import FILES, corpus_file


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_corpus_file_imports_or_is_refused_in_one_line(name):
    try:
        outcome = import_report(corpus_file(name).read_bytes(), source_name=name)
    except ImportRefused as refusal:
        assert "\n" not in str(refusal)
        assert str(refusal) != ""
        assert (Meeting.objects.count(), AgendaItem.objects.count()) == (0, 0)
    else:
        assert outcome.status == "created"
        assert outcome.meeting.items.count() == outcome.counts["items"] > 0

"""The interpreter on more report shapes nobody here wrote: PDF conversions with a word broken the
same way twice, numbered titles above outline-numbered paragraphs, roman paragraph numbers, labelled
header lines under a first heading, lists inside numbered paragraphs, running headers above the title."""

import datetime

from meetings.importer.interpret import interpret_document
from tests.meetings.importer.documents import DocumentBuilder, plain_document

D = datetime.date


def structure(report):
    return [(item.position, item.number, item.section, item.text) for item in report.items]


def test_line_end_hyphen_dropped_when_the_same_word_is_broken_twice():
    # "pro-" / "posals" twice: each break counted the other's halves as words the report uses.
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 4",
            "12 March 2020",
            "1. The Secretariat reported on the pro-",
            "posals received for the annual meeting.",
            "2. The MAG will review the workshop pro-",
            "posals by 20 March.",
        )
    )

    assert structure(report) == [
        (1, "1", "", "The Secretariat reported on the proposals received for the annual meeting."),
        (2, "2", "", "The MAG will review the workshop proposals by 20 March."),
    ]

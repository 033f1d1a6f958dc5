"""Whatever lines a report is made of, the interpreter drops none of them silently."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.importer import ImportRefused
from meetings.importer.interpret import _clean, _split_body, interpret_document
from tests.meetings.importer.documents import DocumentBuilder

PROPERTIES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Lines of the kinds real reports are made of: header lines, numbers alone, numbered and plain
# paragraphs, bullets, headings, page numbers, an annex heading.
LINES = [
    "INTERNET GOVERNANCE FORUM",
    "Summary Report",
    "MAG Virtual Meeting VI",
    "30 August 2016",
    "Geneva, 12-14 July 2016",
    "1.",
    "2",
    "12",
    "3.\tThe MAG met.",
    "(7) Seven members spoke.",
    "The MAG met in Geneva and discussed the programme at length.",
    "It was agreed that the MAG meets again.",
    "The Secretariat will circulate the note.",
    "• A bullet point about the decision.",
    "Executive Summary",
    "Decisions Taken:",
    "Next steps",
    "Day 2",
    "Day 1 – Tuesday",
    "- 4 -",
    "Page 2",
    "Annex I",
    "x",
    "",
]
PARAGRAPHS = st.lists(
    st.tuples(
        st.sampled_from(LINES),
        st.sampled_from([None, None, None, 2]),
        st.sampled_from([None, None, "•", "1."]),
    ),
    max_size=14,
)


def built(paragraphs):
    builder = DocumentBuilder()
    for text, heading_level, list_label in paragraphs:
        builder.paragraph(text, heading_level=heading_level, list_label=list_label)
    return builder.document()


@PROPERTIES
@given(PARAGRAPHS)
def test_interpret_document_keeps_or_names_every_line(paragraphs):
    document = built(paragraphs)
    try:
        report = interpret_document(document)
    except ImportRefused as refusal:
        assert "\n" not in str(refusal)
        return
    header, _items, annex = _split_body(document, [])
    # Header lines as read (a heading taken into the header keeps its number: "1. INTERNET GOVERNANCE FORUM").
    kept = {*header.title, *header.dates, *header.venues, *header.other}
    kept |= {re.sub(r"^\(?\w{1,4}[.)]\s+", "", line) for line in header.other}
    annexed = " ".join(_clean(block.text) for block in annex if hasattr(block, "text"))
    found = " || ".join(
        [
            *(item.text for item in report.items),
            *(item.section for item in report.items),
            *report.warnings,
            annexed,
        ]
    )
    for paragraph in document.paragraphs:
        text = _clean(paragraph.text)
        if not text or text in kept:
            continue
        words = text.lstrip("•-– ").split(None, 1)
        if words[0].strip("().").isdigit():  # a number, printed or alone: the item's number
            words = words[1:]
        rest = " ".join(words)
        assert not rest or rest[:25] in found, (text, found)


@PROPERTIES
@given(PARAGRAPHS)
def test_interpret_document_positions_are_1_to_n_and_numbers_fit(paragraphs):
    try:
        report = interpret_document(built(paragraphs))
    except ImportRefused:
        return
    assert [item.position for item in report.items] == list(range(1, len(report.items) + 1))
    assert all(len(item.number) <= 16 and item.text for item in report.items)

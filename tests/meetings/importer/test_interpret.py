import datetime
from dataclasses import replace

import pytest

from meetings.importer import ImportRefused
from meetings.importer.dates import parse_date_range
from meetings.importer.document import Comment, Hyperlink, Paragraph
from meetings.importer.interpret import (
    interpret_document,
    item_number,
    meeting_kind,
    meeting_number,
)
from meetings.importer.package import Limits
from meetings.importer.reader import read_document
from meetings.importer.report import ParsedFootnote, ParsedMeeting
from tests.meetings.importer.documents import (
    DocumentBuilder,
    cell,
    list_numbered_document,
    plain_document,
    seed_builder,
    seed_document,
)
from tests.meetings.importer.docx_builders import build_docx, footnote, p, r, r_footnote


def comment_on(paragraph_index, text="A note."):
    return Comment(
        comment_id="9",
        author="Lynn St Amour",
        initials="LSA",
        date=None,
        text=text,
        anchor="",
        paragraph_index=paragraph_index,
    )


def test_interpret_document_seed_meeting():
    report = interpret_document(seed_document())

    assert report.meeting == ParsedMeeting(
        title="IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI",
        kind="virtual",
        number=6,
        date=datetime.date(2016, 8, 30),
        end_date=None,
        chair="Ms. Lynn St. Amour",
        recording_url="https://we.tl/DG7i3EoMR8",
        cycle_year=2016,
        next_meeting=datetime.date(2016, 9, 13),
    )
    assert report.warnings == []


def test_interpret_document_seed_items_in_order_with_printed_numbers():
    report = interpret_document(seed_document())

    assert [(item.position, item.number) for item in report.items] == [
        (1, "1"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5"),
        (6, "6"),
        (7, "7"),
        (8, "8"),
        (9, "8"),
        (10, "9"),
    ]
    assert {item.section for item in report.items} == {""}
    expected = " ".join(seed_builder().ITEMS[2].split()[1:])
    assert report.items[2].text == expected
    assert report.items[2].text.startswith("Mr. Victor Lagunes then briefed the MAG")
    assert "  " not in report.items[2].text


def test_interpret_document_seed_footnotes_on_item_1():
    report = interpret_document(seed_document())
    seed = seed_builder()

    text = report.items[0].text
    # The marks stand after "MAG meeting[1]" and "main session planning[2]", as in the report.
    first = text.index("Open Consultations and MAG meeting") + len("Open Consultations and MAG meeting")
    second = text.index("on main session planning") + len("on main session planning")
    assert [replace(footnote, citation=None) for footnote in report.items[0].footnotes] == [
        ParsedFootnote(mark="1", text=seed.FOOTNOTES[0], urls=[seed.FOOTNOTES[0].split()[-1]], offset=first),
        ParsedFootnote(mark="2", text=seed.FOOTNOTES[1], urls=[seed.FOOTNOTES[1].split()[-1]], offset=second),
    ]
    assert [len(item.footnotes) for item in report.items[1:]] == [0] * 9
    assert "[footnoteRef" not in report.items[0].text


def test_interpret_document_seed_annotations_on_items_7_and_second_8():
    report = interpret_document(seed_document())

    placed = [
        (item.position, a.author, a.initials, a.text[:30]) for item in report.items for a in item.annotations
    ]
    assert placed == [
        (7, "Lynn St Amour", "LSA", "Really just a standard conferen"[:30]),
        (9, "Lynn St Amour", "LSA", "We need updated proposals ASAP"),
    ]
    assert report.items[8].annotations[0].anchor == "topical and issue-specific MAG meetings would be held"


def test_interpret_document_seed_annex_text_is_not_in_the_last_item():
    report = interpret_document(seed_document())

    assert report.items[-1].text.endswith("even if not formally required.")
    assert report.schedule.title == "2016 IGF Main Session Schedule"


def test_interpret_document_list_numbering_and_sections():
    report = interpret_document(list_numbered_document())

    assert [(i.number, i.section, i.text) for i in report.items] == [
        ("1", "Opening", "The 2nd Open Consultations of the 2016 IGF preparatory cycle opened."),
        ("2", "Opening", "It was agreed that the MAG would meet again in September."),
        (
            "3",
            "Workshops",
            "The workshop evaluation was discussed.\n\nA continuation of paragraph 3 without a number.",
        ),
    ]
    assert report.meeting.kind == "open_consultations"
    assert (report.meeting.date, report.meeting.end_date) == (
        datetime.date(2016, 7, 12),
        datetime.date(2016, 7, 14),
    )
    assert report.meeting.number == 2
    assert report.schedule is None


def test_interpret_document_without_numbered_paragraph_keeps_each_paragraph_as_an_item():
    report = interpret_document(plain_document("Minutes", "We met and talked.", "We agreed to meet again."))

    assert [(item.position, item.number, item.section, item.text) for item in report.items] == [
        (1, "", "", "We met and talked."),
        (2, "", "", "We agreed to meet again."),
    ]
    assert report.meeting.title == "We met and talked."
    assert report.warnings == [
        "no numbered paragraph: the report's 2 paragraphs were imported as unnumbered agenda items, in order",
        "no title line was found above the report's text; the title 'We met and talked.' is its start",
        "the kind of meeting (virtual, face-to-face, open consultations or topical) was not found in the "
        "report's heading or first paragraph; it was set to 'other'",
        "the meeting's date was not found in the report's heading or first paragraph",
    ]


def test_interpret_document_with_only_a_heading_is_refused():
    with pytest.raises(ImportRefused) as refused:
        interpret_document(plain_document("Summary Report"))

    assert str(refused.value) == (
        "the document has a heading ('Summary Report') but no paragraph after it to import as an agenda item"
    )


def test_interpret_document_empty_is_refused():
    with pytest.raises(ImportRefused, match="^the document has no text"):
        interpret_document(plain_document())


def test_interpret_document_comment_on_heading_is_a_warning():
    builder = DocumentBuilder()
    heading = builder.paragraph("IGF Virtual MAG Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("1.\tIt was agreed that the MAG meets monthly.")
    builder.comments.append(comment_on(heading.index, "Fix the title."))

    report = interpret_document(builder.document())

    assert report.items[0].annotations == []
    assert report.warnings == [
        "comment by Lynn St Amour ('Fix the title.') is not on any agenda item and was not imported"
    ]


def test_interpret_document_comment_in_annex_goes_to_last_item():
    builder = DocumentBuilder()
    builder.paragraph("IGF Virtual MAG Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("1.\tFirst.")
    builder.paragraph("2.\tSecond.")
    builder.paragraph("Annex I")
    annex = builder.paragraph("List of participants")
    builder.comments.append(comment_on(annex.index))

    report = interpret_document(builder.document())

    assert [len(item.annotations) for item in report.items] == [0, 1]
    assert report.items[1].text == "Second."
    assert report.schedule is None


def test_interpret_document_chair_by_and_recording_link():
    builder = DocumentBuilder()
    builder.paragraph("MAG Face-to-Face Meeting")
    builder.paragraph("1 June 2018")
    builder.paragraph("1. The meeting was chaired by Mr. Lee Hibbard of the Council of Europe.")
    builder.paragraph(
        "2. The recording of the meeting can be accessed here.",
        hyperlinks=[Hyperlink(text="here", url="https://example.org/rec")],
    )

    meeting = interpret_document(builder.document()).meeting

    assert (meeting.chair, meeting.recording_url, meeting.kind) == (
        "Mr. Lee Hibbard",
        "https://example.org/rec",
        "face_to_face",
    )
    assert (meeting.date, meeting.cycle_year) == (datetime.date(2018, 6, 1), 2018)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8.\tIt was agreed.", ("8", "It was agreed.")),
        ("8. \tIt was agreed.", ("8", "It was agreed.")),
        ("3.          Mr. Lagunes briefed.", ("3", "Mr. Lagunes briefed.")),
        ("12) Twelve.", ("12", "Twelve.")),
        ("2016 IGF Main Session Schedule", None),
        ("30 August 2016", None),
        ("8.", None),
        # Typed outline numbers before a capital; a decimal before a lower-case word is a quantity.
        ("2.1 The MAG agreed.", ("2.1", "The MAG agreed.")),
        ("1.2.3\tThe MAG agreed.", ("1.2.3", "The MAG agreed.")),
        ("2.5 million people followed the sessions.", None),
    ],
)
def test_item_number_typed(text, expected):
    found = item_number(Paragraph(index=0, text=text))
    assert (found[0], found[1].strip()) == expected if expected else found is None


@pytest.mark.parametrize(("label", "number"), [("8.", "8"), ("(a)", "a"), ("iv.", "iv"), ("•", None)])
def test_item_number_list_label(label, number):
    found = item_number(Paragraph(index=0, text="Text.", list_label=label))
    assert (found[0] if found else None) == number


@pytest.mark.parametrize(
    ("text", "default_year", "expected"),
    [
        ("30 August 2016", None, (datetime.date(2016, 8, 30), None)),
        ("12-14 July", 2016, (datetime.date(2016, 7, 12), datetime.date(2016, 7, 14))),
        ("6-9 December 2016, Guadalajara", None, (datetime.date(2016, 12, 6), datetime.date(2016, 12, 9))),
        ("30 August – 2 September 2016", None, (datetime.date(2016, 8, 30), datetime.date(2016, 9, 2))),
        ("12 July", None, None),
        ("Summary Report", 2016, None),
    ],
)
def test_parse_date_range(text, default_year, expected):
    assert parse_date_range(text, default_year=default_year) == expected


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("IGF Virtual MAG Meeting VI", 6),
        ("IGF Virtual MAG Meeting XIV", 14),
        ("MAG Virtual Meeting 3", 3),
        ("2nd IGF Open Consultations and MAG Meeting", 2),
        ("The sixth virtual meeting", 6),
        ("MAG Meeting on Main Session Planning", None),
    ],
)
def test_meeting_number(title, number):
    assert meeting_number(title) == number


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI", "virtual"),
        ("2nd IGF Open Consultations and MAG Meeting", "open_consultations"),
        ("MAG Face-to-Face Meeting", "face_to_face"),
        ("Topical MAG meeting on intersessional work", "topical"),
        ("MAG Retreat", "other"),
    ],
)
def test_meeting_kind(title, kind):
    assert meeting_kind(title) == kind


@pytest.mark.parametrize("heading", ["Annex I", "Annex 2: Main Session Schedule", "APPENDIX"])
def test_interpret_document_annex_headings_end_the_items(heading):
    builder = DocumentBuilder()
    builder.paragraph("IGF Virtual MAG Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("1.\tFirst.")
    builder.paragraph(heading)
    builder.paragraph("List of participants: 40 MAG members.")

    report = interpret_document(builder.document())

    assert [item.text for item in report.items] == ["First."]


def test_interpret_document_table_between_items_is_a_warning_and_items_go_on():
    builder = DocumentBuilder()
    builder.paragraph("IGF Virtual MAG Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("1.\tFirst.")
    builder.table([[cell(0, 0, "Name"), cell(0, 1, "Stakeholder group")]])
    builder.paragraph("2.\tSecond.")

    report = interpret_document(builder.document())

    assert [item.number for item in report.items] == ["1", "2"]
    assert report.schedule is None
    assert report.warnings == [
        "a table after item 1 ('Name | Stakeholder group', 1 row) is not part of any agenda item and was "
        "not imported"
    ]


def test_interpret_document_footnote_offset_counts_in_the_cleaned_text_of_later_paragraphs():
    data = build_docx(
        body_xml=p("Meeting of the MAG")
        + p("2 June 2030")
        + p("1.\tFirst  paragraph\u00a0of the item.")
        + p("  A second\tparagraph", r_footnote(1), r(" cites a note."))
        + p("2.\tNext item."),
        footnotes_xml=footnote(1, "The note."),
    )

    (item, _) = interpret_document(read_document(data, limits=Limits())).items

    assert item.text == "First paragraph of the item.\n\nA second paragraph cites a note."
    assert item.text[: item.footnotes[0].offset] == "First paragraph of the item.\n\nA second paragraph"


@pytest.mark.parametrize(
    ("chair_line", "recording_line"),
    [
        ("Chair: Mr. Chengetai Masango", "Recording: https://example.org/rec/7"),
        ("Presidencia: Mr. Chengetai Masango", "Grabación: https://example.org/rec/7"),
    ],
)
def test_interpret_document_labelled_chair_and_recording_lines_win_over_the_text(chair_line, recording_line):
    document = plain_document(
        "IGF Virtual MAG Meeting VII",
        "13 September 2016",
        chair_line,
        recording_line,
        "1. Ms. Lynn St. Amour chaired the meeting. The recording is at https://we.tl/other.",
    )

    meeting = interpret_document(document).meeting

    assert (meeting.chair, meeting.recording_url) == ("Mr. Chengetai Masango", "https://example.org/rec/7")


def test_interpret_document_spanish_annex_heading_starts_the_annex():
    document = plain_document(
        "IGF Virtual MAG Meeting VII", "13 September 2016", "1. The MAG met.", "Anexo I", "Further text."
    )

    report = interpret_document(document)

    assert [item.text for item in report.items] == ["The MAG met."]

"""The interpreter on the layouts of real MAG reports: headers, dates, kinds, numbers and bodies."""

import datetime

import pytest

from meetings.importer.dates import parse_date_range
from meetings.importer.interpret import interpret_document, meeting_kind, meeting_number
from tests.meetings.importer.documents import DocumentBuilder, cell, plain_document

D = datetime.date


def structure(report):
    return [(item.position, item.number, item.section, item.text) for item in report.items]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 August 2016", (D(2016, 8, 30), None)),
        ("Wednesday, 8 August 2018", (D(2018, 8, 8), None)),
        ("Wednesday, August 8, 2018", (D(2018, 8, 8), None)),
        ("August 8, 2018", (D(2018, 8, 8), None)),
        ("8th August 2018", (D(2018, 8, 8), None)),
        ("August 8th, 2018", (D(2018, 8, 8), None)),
        ("Aug. 8, 2018", (D(2018, 8, 8), None)),
        ("8 Sept 2018", (D(2018, 9, 8), None)),
        ("2018-08-08", (D(2018, 8, 8), None)),
        ("2018-08-08 – 2018-08-10", (D(2018, 8, 8), D(2018, 8, 10))),
        ("12-14 July 2016", (D(2016, 7, 12), D(2016, 7, 14))),
        ("12–14 July 2016", (D(2016, 7, 12), D(2016, 7, 14))),
        ("July 12-14, 2016", (D(2016, 7, 12), D(2016, 7, 14))),
        ("30 June – 2 July 2017", (D(2017, 6, 30), D(2017, 7, 2))),
        ("30 June - 2 July 2017", (D(2017, 6, 30), D(2017, 7, 2))),
        ("June 30 – July 2, 2017", (D(2017, 6, 30), D(2017, 7, 2))),
        ("Tuesday 12 to Thursday 14 July 2016", (D(2016, 7, 12), D(2016, 7, 14))),
        ("30 December 2016 – 2 January 2017", (D(2016, 12, 30), D(2017, 1, 2))),
        ("30 December – 2 January 2017", (D(2016, 12, 30), D(2017, 1, 2))),
        ("Geneva, 12-14 July 2016", (D(2016, 7, 12), D(2016, 7, 14))),
        ("MAG Meeting 5 April 2016", (D(2016, 4, 5), None)),
        ("20 and 21 March 2018", (D(2018, 3, 20), D(2018, 3, 21))),
        ("Wednesday 8 and Thursday 9 March 2017", (D(2017, 3, 8), D(2017, 3, 9))),
        ("March 8 and 9, 2017", (D(2017, 3, 8), D(2017, 3, 9))),
        ("8/8/2017", (D(2017, 8, 8), None)),
        ("Date: 13/06/2017", (D(2017, 6, 13), None)),
        ("06/13/2017", (D(2017, 6, 13), None)),
        ("05/06/2017", (D(2017, 6, 5), None)),
        ("13.06.2017", (D(2017, 6, 13), None)),
        ("13/06/2017 - 14/06/2017", (D(2017, 6, 13), D(2017, 6, 14))),
        ("release v1.2.2017", None),
        ("8/8/17", None),
        ("31/02/2017", None),
        ("31 February 2016", None),
        ("Meeting VI", None),
        ("2016 IGF cycle", None),
    ],
)
def test_parse_date_range_every_common_format(text, expected):
    assert parse_date_range(text, default_year=None) == expected


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("IGF Virtual MAG Meeting VI", 6),
        ("Virtual Meeting - XXI", 21),
        ("MAG Virtual Meeting – XIV (online)", 14),
        ("MAG Meeting 6", 6),
        ("MAG Meeting No. 6", 6),
        ("MAG Meeting #7", 7),
        ("Sixth Virtual MAG Meeting", 6),
        ("6th Virtual MAG Meeting", 6),
        ("Twenty-first MAG Virtual Meeting", 21),
        ("Virtual MAG Meeting 5 April 2016", None),
        ("MAG Meeting, 6th April 2016", None),
        ("MAG Meeting 2016", None),
        # A day after its month, in the month-day-year order.
        ("MAG Virtual Meeting Tuesday, March 5th, 2019", None),
        ("The 3rd MAG Virtual Meeting, March 5th, 2019", 3),
    ],
)
def test_meeting_number_never_from_a_date(title, number):
    assert meeting_number(title) == number


@pytest.mark.parametrize(
    ("title", "context", "kind"),
    [
        ("IGF Virtual MAG Meeting VI", "", "virtual"),
        ("MAG Meeting", "The MAG met online on 3 May.", "virtual"),
        ("MAG Call", "", "virtual"),
        ("MAG Meeting", "The meeting was held by Webex.", "virtual"),
        ("MAG Meeting", "The meeting was held over Zoom.", "virtual"),
        ("MAG Meeting", "The MAG met at the Palais des Nations in Geneva.", "face_to_face"),
        ("MAG Meeting", "New York, 12-13 March 2019", "face_to_face"),
        ("Face-to-Face MAG Meeting", "", "face_to_face"),
        ("Open Consultations and MAG Meeting", "Geneva", "open_consultations"),
        ("Issue-Specific Call on Remote Participation", "", "topical"),
        ("Informal MAG Meeting", "It was held on the margins of the open consultations.", "topical"),
        ("MAG Working Group on Workshop Evaluation", "", "topical"),
        ("NRIs Virtual Meeting", "", "topical"),
        ("MAG Meeting", "The MAG met in Geneva with remote participation.", "face_to_face"),
        ("MAG Meeting", "The MAG met online to discuss the call for proposals.", "virtual"),
        ("MAG Meeting on the Call for Workshop Proposals", "", "other"),
        ("MAG Meeting", "The MAG met to review proposals.", "other"),
        ("MAG Meeting", "The MAG met online and heard an update from the NRIs.", "virtual"),
        ("MAG Meeting", "The NRIs' coordination meeting was held online.", "topical"),
        # In the sentence, how the meeting was held comes before what it discussed.
        (
            "MAG Meeting",
            "The MAG met by teleconference to prepare the open consultations in Geneva.",
            "virtual",
        ),
        (
            "MAG Meeting",
            "The MAG held its second face-to-face meeting alongside the open consultations.",
            "face_to_face",
        ),
        ("MAG Meeting", "The open consultations and MAG meeting took place online.", "open_consultations"),
        ("MAG Meeting", "The virtual open consultations were held on 15 June.", "open_consultations"),
        ("Virtual Open Consultations", "", "open_consultations"),
    ],
)
def test_meeting_kind_from_title_then_what_the_report_says(title, context, kind):
    assert meeting_kind(title, context=context) == kind


def test_header_skips_organisation_and_document_type_lines_and_joins_a_two_line_title():
    report = interpret_document(
        plain_document(
            "INTERNET GOVERNANCE FORUM",
            "United Nations",
            "IGF Multistakeholder Advisory Group (MAG)",
            "Virtual Meeting - XXI",
            "Wednesday, August 8, 2018",
            "Summary Report",
            "1. The twenty-first virtual meeting of the MAG took place online.",
        )
    )

    meeting = report.meeting
    assert (meeting.title, meeting.kind, meeting.number, meeting.date) == (
        "IGF Multistakeholder Advisory Group (MAG) Virtual Meeting - XXI",
        "virtual",
        21,
        D(2018, 8, 8),
    )
    assert structure(report) == [
        (1, "1", "", "The twenty-first virtual meeting of the MAG took place online.")
    ]
    assert report.warnings == []


def test_header_title_keeps_its_words_without_a_date_it_ends_with():
    report = interpret_document(
        plain_document("Summary Report: MAG Virtual Meeting VI, 30 August 2016", "1. The MAG met online.")
    )

    assert (report.meeting.title, report.meeting.date, report.meeting.number) == (
        "MAG Virtual Meeting VI",
        D(2016, 8, 30),
        6,
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A virtual meeting's number, a spaced dash, then its one day.
        (
            "MAG 2020 Virtual Meeting 9 — 15 July 2020 — Summary",
            ("MAG 2020 Virtual Meeting 9", 9, D(2020, 7, 15), None),
        ),
        ("MAG Virtual Meeting 9 - 15 July 2020", ("MAG Virtual Meeting 9", 9, D(2020, 7, 15), None)),
        # A meeting in person over days: the first day is no number.
        ("MAG Meeting 5-6 June 2016", ("MAG Meeting", None, D(2016, 6, 5), D(2016, 6, 6))),
        ("MAG Meeting 5 – 6 June 2016", ("MAG Meeting", None, D(2016, 6, 5), D(2016, 6, 6))),
    ],
)
def test_header_number_before_a_date_is_the_meetings_only_for_a_virtual_meeting(title, expected):
    meeting = interpret_document(plain_document(title, "1. The MAG met.")).meeting

    assert (meeting.title, meeting.number, meeting.date, meeting.end_date) == expected


def test_numbered_paragraphs_set_in_a_two_column_table_are_the_body():
    builder = DocumentBuilder()
    builder.paragraph("IGF MAG Virtual Meeting XV")
    builder.paragraph("2 December 2015")
    builder.table(
        [
            [cell(0, 0, "1."), cell(0, 1, "The Chair welcomed members.")],
            [cell(1, 0, "2."), cell(1, 1, "The MAG agreed to publish the call.", "It opens on 4 January.")],
            [cell(2, 0, ""), cell(2, 1, "Members thanked the Secretariat.")],
        ]
    )

    report = interpret_document(builder.document())

    assert (report.meeting.number, report.meeting.date) == (15, D(2015, 12, 2))
    assert structure(report) == [
        (1, "1", "", "The Chair welcomed members."),
        (
            2,
            "2",
            "",
            "The MAG agreed to publish the call.\n\nIt opens on 4 January.\n\n"
            "Members thanked the Secretariat.",
        ),
    ]
    assert [d.kind for d in report.items[1].decisions] == ["decision"]


def test_a_table_of_an_agendas_short_lines_is_not_read_as_the_body():
    builder = DocumentBuilder()
    builder.paragraph("IGF MAG Virtual Meeting XV")
    builder.table([[cell(0, 0, "1."), cell(0, 1, "Opening")], [cell(1, 0, "2."), cell(1, 1, "Workshops")]])
    builder.paragraph("1. The Chair welcomed members.")

    report = interpret_document(builder.document())

    assert structure(report) == [(1, "1", "", "The Chair welcomed members.")]
    assert any("a table before the first item" in warning for warning in report.warnings)


def test_table_of_contents_is_not_read_as_items_and_is_named_in_a_warning():
    builder = DocumentBuilder()
    builder.paragraph("IGF 2017 Second Open Consultations and MAG Meeting")
    builder.paragraph("Geneva, 12–14 June 2017")
    builder.paragraph("Contents")
    builder.paragraph("1. Opening of the meeting\t2")
    builder.paragraph("2. Workshop evaluation ........ 3")
    builder.paragraph("Annex: schedule", style="TOC1")
    builder.paragraph("1. Opening of the meeting", heading_level=1)
    builder.paragraph("The Chair opened the meeting and thanked the host.")
    builder.paragraph("2. Workshop evaluation", heading_level=1)
    builder.paragraph("The MAG agreed to a threshold score of 3.5.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "Opening of the meeting", "The Chair opened the meeting and thanked the host."),
        (2, "2", "Workshop evaluation", "The MAG agreed to a threshold score of 3.5."),
    ]
    assert report.warnings == ["the table of contents (4 lines, from 'Contents') was not imported"]


def test_header_title_without_a_summary_prefix_and_its_date_in_brackets():
    report = interpret_document(
        plain_document("Summary: MAG Virtual Meeting XXIII (03 September 2018)", "1. Met.")
    )

    assert (report.meeting.title, report.meeting.number, report.meeting.date) == (
        "MAG Virtual Meeting XXIII",
        23,
        D(2018, 9, 3),
    )


def test_typed_agenda_above_the_body_is_one_item_and_the_body_numbers_from_1():
    report = interpret_document(
        plain_document(
            "IGF 2019 MAG Virtual Meeting 6",
            "24 April 2019",
            "Agenda:",
            "1. Welcome",
            "2. Workshop evaluation process",
            "3. AOB",
            "1. The Chair welcomed members and reviewed the agenda, which was adopted.",
            "2. The MAG agreed that each proposal would be scored by five members.",
        )
    )

    assert structure(report) == [
        (1, "", "Agenda:", "1. Welcome\n\n2. Workshop evaluation process\n\n3. AOB"),
        (2, "1", "", "The Chair welcomed members and reviewed the agenda, which was adopted."),
        (3, "2", "", "The MAG agreed that each proposal would be scored by five members."),
    ]
    assert report.warnings == []


def test_executive_summary_before_paragraph_1_is_kept_in_its_section():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("Executive Summary", heading_level=2)
    builder.paragraph("Announcements, Decisions Taken and Next Steps")
    builder.paragraph("The MAG agreed to extend the call for proposals.", list_label="•")
    builder.paragraph("• The Secretariat will circulate the programme to the MAG by 24 May.")
    builder.paragraph("1.\tThe third virtual meeting took place online.")
    builder.paragraph("2.\tThe next meeting is on 17 May.")

    report = interpret_document(builder.document())

    section = "Executive Summary – Announcements, Decisions Taken and Next Steps"
    assert structure(report) == [
        (1, "", section, "The MAG agreed to extend the call for proposals."),
        (2, "", section, "The Secretariat will circulate the programme to the MAG by 24 May."),
        (3, "1", section, "The third virtual meeting took place online."),
        (4, "2", section, "The next meeting is on 17 May."),
    ]
    assert [(item.position, [d.kind for d in item.decisions]) for item in report.items if item.decisions] == [
        (1, ["decision"]),
        (2, ["action"]),
    ]
    assert report.warnings == []


def test_numbers_alone_on_their_line_join_the_paragraph_after_them():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 4",
            "2 June 2015",
            "1.",
            "The meeting opened.",
            "2",
            "The MAG discussed the",
            "7",
            "programme in detail.",
            "3.",
            "It was agreed to meet again.",
            "- 8 -",
        )
    )

    assert structure(report) == [
        (1, "1", "", "The meeting opened."),
        (2, "2", "", "The MAG discussed the programme in detail."),
        (3, "3", "", "It was agreed to meet again."),
    ]
    assert report.warnings == [
        "the line '7' looks like a page number and was not imported",
        "the line '- 8 -' looks like a page number and was not imported",
    ]


def test_multi_day_meeting_numbering_restarts_under_each_day_heading():
    report = interpret_document(
        plain_document(
            "Open Consultations and MAG Meeting",
            "Geneva, 12-13 July 2016",
            "Day 1",
            "1. The open consultations opened.",
            "2. Participants spoke.",
            "Day 2 - Wednesday, 13 July",
            "1. The MAG met.",
        )
    )

    assert (report.meeting.kind, report.meeting.date, report.meeting.end_date) == (
        "open_consultations",
        D(2016, 7, 12),
        D(2016, 7, 13),
    )
    assert structure(report) == [
        (1, "1", "Day 1", "The open consultations opened."),
        (2, "2", "Day 1", "Participants spoke."),
        (3, "1", "Day 2 - Wednesday, 13 July", "The MAG met."),
    ]


def test_report_of_2000_numbered_paragraphs_keeps_every_number():
    texts = [f"{number}.\tParagraph {number} of the report." for number in range(1, 2001)]
    report = interpret_document(plain_document("MAG Meeting VI", "30 August 2016", *texts))

    assert [item.number for item in report.items] == [str(number) for number in range(1, 2001)]
    assert report.items[-1].text == "Paragraph 2000 of the report."


def test_unnumbered_report_with_headings_has_every_paragraph_in_order():
    report = interpret_document(
        plain_document(
            "Summary of the MAG Call",
            "17 April 2013",
            "The MAG held a call on remote participation.",
            "Remote hubs",
            "Participants reviewed the hubs.",
            "Hubs need better connectivity.",
            "Next steps",
        )
    )

    assert structure(report) == [
        (1, "", "", "The MAG held a call on remote participation."),
        (2, "", "Remote hubs", "Participants reviewed the hubs."),
        (3, "", "Remote hubs", "Hubs need better connectivity."),
    ]
    assert report.meeting.kind == "virtual"
    assert report.warnings == [
        "the heading 'Next steps' has no paragraph under it and was not imported",
        "no numbered paragraph: the report's 3 paragraphs were imported as unnumbered agenda items, in order",
    ]


def test_annex_text_outside_the_schedule_is_named_in_warnings():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting III", "3 May 2017", "1. The MAG met.", "Annex II", "List of participants"
        )
    )

    assert report.warnings == [
        "the annex's line 'Annex II' is not part of the schedule and was not imported",
        "the annex's line 'List of participants' is not part of the schedule and was not imported",
    ]


def test_header_in_a_small_table_above_the_body_is_read_as_the_header():
    from tests.meetings.importer.documents import cell

    builder = DocumentBuilder()
    builder.table(
        [[cell(0, 0, "INTERNET GOVERNANCE FORUM"), cell(0, 1, "MAG VIRTUAL MEETING VI", "30 August 2016")]]
    )
    builder.paragraph("1.The sixth virtual meeting took place by Webex.")
    builder.paragraph("(2) The next meeting is in September.")

    report = interpret_document(builder.document())

    meeting = report.meeting
    assert (meeting.title, meeting.number, meeting.date, meeting.kind) == (
        "MAG VIRTUAL MEETING VI",
        6,
        D(2016, 8, 30),
        "virtual",
    )
    assert structure(report) == [
        (1, "1", "", "The sixth virtual meeting took place by Webex."),
        (2, "2", "", "The next meeting is in September."),
    ]
    assert report.warnings == []


def test_numbered_executive_summary_does_not_swallow_an_unnumbered_body():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("Decisions Taken", heading_level=2)
    builder.paragraph("The MAG agreed to extend the call for proposals.", list_label="1.")
    builder.paragraph("The MAG agreed to meet on 17 May.", list_label="2.")
    builder.paragraph("Summary of Discussions", heading_level=2)
    builder.paragraph("The meeting opened with a briefing from the Secretariat on the programme.")
    builder.paragraph("Members then discussed the workshop evaluation at some length.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "Decisions Taken", "The MAG agreed to extend the call for proposals."),
        (2, "2", "Decisions Taken", "The MAG agreed to meet on 17 May."),
        (
            3,
            "",
            "Summary of Discussions",
            "The meeting opened with a briefing from the Secretariat on the programme.",
        ),
        (4, "", "Summary of Discussions", "Members then discussed the workshop evaluation at some length."),
    ]


@pytest.mark.parametrize(
    ("sentence", "chair"),
    [
        ("The meeting was chaired by Mr. Jānis Kārkliņš.", "Mr. Jānis Kārkliņš"),
        (
            "The meeting was co-chaired by Mr. Jānis Kārkliņš and Ms. Lynn St. Amour.",
            "Mr. Jānis Kārkliņš and Ms. Lynn St. Amour",
        ),
        ("It was co-chaired by Jānis Kārkliņš and Lynn St. Amour.", "Jānis Kārkliņš and Lynn St. Amour"),
        ("The meeting was chaired by Mr. Adam Brown and Members discussed the agenda.", "Mr. Adam Brown"),
        ("The MAG Chair, Ms. Anriette Esterhuysen, opened the meeting.", "Ms. Anriette Esterhuysen"),
        ("The meeting was opened by the MAG Chair, Ms. Anriette Esterhuysen.", "Ms. Anriette Esterhuysen"),
        ("The MAG met under the chairmanship of Mr. Nitin Desai.", "Mr. Nitin Desai"),
        ("The call was facilitated by Ms. Lynn St. Amour.", "Ms. Lynn St. Amour"),
        ("The breakout discussion on youth was facilitated by Ms. Ana Silva.", ""),
        ("The Chair, who opened the meeting, welcomed the members.", ""),
        # The office before or after the name is not part of it.
        ("The meeting was chaired by MAG Chair Lynn St. Amour.", "Lynn St. Amour"),
        ("The Chair (Lynn St. Amour) opened the meeting.", "Lynn St. Amour"),
        ("MAG Chair Anriette Esterhuysen opened the call.", "Anriette Esterhuysen"),
        ("Ambassador Janis Karklins, Chair of the MAG, opened the meeting.", "Ambassador Janis Karklins"),
        ("Janis Karklins, MAG Chair, opened the meeting.", "Janis Karklins"),
        (
            "Ambassador Alice Munyua, Chair of the Kenya IGF, chaired the meeting for the host country.",
            "Ambassador Alice Munyua",
        ),
        ("The meeting, held in Geneva, was chaired by Ms. Lynn St. Amour.", "Ms. Lynn St. Amour"),
        # Someone else speaking for the Chair is not the Chair.
        ("Mr. Markus Kummer, Executive Coordinator, welcomed participants on behalf of the Chair.", ""),
        ("The Chair Report was presented.", ""),
    ],
)
def test_chair_named_in_the_first_paragraph_every_common_way(sentence, chair):
    report = interpret_document(plain_document("MAG Meeting", "3 May 2017", f"1. {sentence}"))

    assert report.meeting.chair == chair


def test_header_labelled_fields_give_the_date_the_venue_and_the_chair():
    report = interpret_document(
        plain_document(
            "MAG Working Group on Outreach",
            "Date: 13/06/2017",
            "Venue: Palais des Nations, Geneva",
            "Moderator: Mr. Chengetai Masango",
            "Time: 13:00 – 15:00 UTC",
            "Participants: Ana Silva, Ben Okafor, Chen Li",
            "The working group reviewed its outreach plan for the months ahead.",
        )
    )

    meeting = report.meeting
    assert (meeting.title, meeting.date, meeting.chair, meeting.kind) == (
        "MAG Working Group on Outreach",
        D(2017, 6, 13),
        "Mr. Chengetai Masango",
        "topical",
    )
    assert structure(report) == [
        (1, "", "", "Participants: Ana Silva, Ben Okafor, Chen Li"),
        (2, "", "", "The working group reviewed its outreach plan for the months ahead."),
    ]


def test_header_chairmans_summary_line_is_a_document_type_not_a_section():
    report = interpret_document(
        plain_document(
            "Internet Governance Forum",
            "Advisory Group Meeting",
            "Geneva, 23-25 February 2010",
            "Chairman's Summary",
            "1. The Advisory Group met at the Palais des Nations.",
        )
    )

    meeting = report.meeting
    assert (meeting.title, meeting.kind, meeting.date, meeting.end_date) == (
        "Advisory Group Meeting",
        "face_to_face",
        D(2010, 2, 23),
        D(2010, 2, 25),
    )
    assert structure(report) == [(1, "1", "", "The Advisory Group met at the Palais des Nations.")]


def test_header_posted_on_date_of_a_web_copy_is_not_the_meeting_date():
    report = interpret_document(
        plain_document(
            "Summary of the MAG Virtual Meeting",
            "Posted on 10 March 2015",
            "The MAG held a virtual meeting on 4 March 2015 to discuss the shortlist of workshops.",
        )
    )

    assert (report.meeting.title, report.meeting.date) == (
        "Summary of the MAG Virtual Meeting",
        D(2015, 3, 4),
    )


def test_word_list_lettered_points_stay_in_the_numbered_paragraph_above():
    builder = DocumentBuilder()
    builder.paragraph("IGF MAG Virtual Meeting VIII")
    builder.paragraph("Wednesday, 11 September 2019")
    builder.paragraph("The Secretariat presented the draft schedule. Members asked that:", list_label="1.")
    builder.paragraph("sessions on the same theme not overlap;", list_label="(a)", list_level=1)
    builder.paragraph("the closing session be kept short.", list_label="(b)", list_level=1)
    builder.paragraph("The MAG approved the schedule.", list_label="2.", list_level=0)
    builder.paragraph("The outline numbers its own paragraphs.", list_label="2.1.", list_level=1)

    report = interpret_document(builder.document())

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The Secretariat presented the draft schedule. Members asked that:\n\n"
            "(a) sessions on the same theme not overlap;\n\n(b) the closing session be kept short.",
        ),
        (2, "2", "", "The MAG approved the schedule."),
        (3, "2.1", "", "The outline numbers its own paragraphs."),
    ]
    assert report.warnings == []


def test_pdf_conversion_page_headers_are_dropped_and_broken_words_joined():
    builder = DocumentBuilder()
    for line in [
        "MAG Virtual Meeting XIV",
        "4 November 2015",
        "Summary Report",
        "1. The fourteenth virtual meeting of the MAG reviewed the prepa-\nrations for the annual",
        "meeting.",
        "2. The Secretariat reported that the multi-",
        "Page 1 of 2",
        "MAG Virtual Meeting XIV – Summary Report",
        "INTERNET GOVERNANCE FORUM",
        "stakeholder consultations had ended and that the follow-\nup would be circulated.",
        "3. It was agreed that the eval-",
        "2/2",
        "uation would close on 30 November 2015.",
    ]:
        builder.paragraph(line)

    report = interpret_document(builder.document())

    assert (report.meeting.title, report.meeting.number, report.meeting.date) == (
        "MAG Virtual Meeting XIV",
        14,
        D(2015, 11, 4),
    )
    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The fourteenth virtual meeting of the MAG reviewed the preparations for the annual meeting.",
        ),
        (
            2,
            "2",
            "",
            "The Secretariat reported that the multi-stakeholder consultations had ended and that the "
            "follow-up would be circulated.",
        ),
        (3, "3", "", "It was agreed that the evaluation would close on 30 November 2015."),
    ]
    assert report.warnings == [
        "the line 'Page 1 of 2' looks like a page number and was not imported",
        "the line 'MAG Virtual Meeting XIV – Summary Report' repeats the report's heading (a page header or "
        "footer) and was not imported",
        "the line 'INTERNET GOVERNANCE FORUM' repeats the report's heading (a page header or footer) and was "
        "not imported",
        "the line '2/2' looks like a page number and was not imported",
    ]


def test_line_end_hyphen_follows_how_the_report_writes_the_word_elsewhere():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting",
            "4 November 2015",
            "1. The co-\nordination of the hubs and the remote-\nparticipation policy were discussed.",
            "2. The coordination and remote participation will be reviewed again.",
        )
    )

    assert (
        report.items[0].text
        == "The coordination of the hubs and the remote-participation policy were discussed."
    )


def decisions_of(report):
    return [(item.position, d.kind, d.text) for item in report.items for d in item.decisions]


def test_points_under_action_items_and_decisions_headings_are_actions_and_decisions():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting VII")
    builder.paragraph("20 September 2016")
    builder.paragraph("1. The MAG reviewed the main session schedule.")
    builder.paragraph("Decisions:")
    builder.paragraph("Main session schedule approved as circulated.", list_label="•")
    builder.paragraph("• It was agreed that the newcomers' session opens Day 1.")
    builder.paragraph("Action Points")
    builder.paragraph("Secretariat: send reminders to session organisers.", list_label="•")
    builder.paragraph("Next meeting: 5 October 2016")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "", "The MAG reviewed the main session schedule."),
        (2, "", "Decisions:", "Main session schedule approved as circulated."),
        (3, "", "Decisions:", "It was agreed that the newcomers' session opens Day 1."),
        (4, "", "Action Points", "Secretariat: send reminders to session organisers."),
        (5, "", "Action Points", "Next meeting: 5 October 2016"),
    ]
    assert decisions_of(report) == [
        (2, "decision", "Main session schedule approved as circulated."),
        (3, "decision", "It was agreed that the newcomers' session opens Day 1."),
        (4, "action", "Secretariat: send reminders to session organisers."),
    ]
    assert report.warnings == []


def test_table_of_actions_gives_an_action_item_for_each_row():
    from tests.meetings.importer.documents import cell

    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting 3")
    builder.paragraph("20 February 2019")
    builder.paragraph("1. The MAG met online to discuss the call for workshop proposals.")
    builder.paragraph("Follow-up")
    builder.table(
        [
            [cell(0, 0, "No."), cell(0, 1, "Action"), cell(0, 2, "Owner"), cell(0, 3, "Deadline")],
            [
                cell(1, 0, "1"),
                cell(1, 1, "Circulate the call"),
                cell(1, 2, "Secretariat"),
                cell(1, 3, "22 Feb"),
            ],
            [cell(2, 0, "2"), cell(2, 1, "Promote the call"), cell(2, 2, "MAG members"), cell(2, 3, "")],
        ]
    )
    builder.table(
        [
            [cell(0, 0, "Item"), cell(0, 1, "Responsible"), cell(0, 2, "Timeline")],
            [cell(1, 0, "Send the survey"), cell(1, 1, "Secretariat"), cell(1, 2, "End of February")],
        ]
    )
    builder.paragraph("2. The Chair closed the meeting.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "", "The MAG met online to discuss the call for workshop proposals."),
        (2, "", "Follow-up", "Circulate the call (Owner: Secretariat; Deadline: 22 Feb)"),
        (3, "", "Follow-up", "Promote the call (Owner: MAG members)"),
        (4, "", "Follow-up", "Send the survey (Responsible: Secretariat; Timeline: End of February)"),
        (5, "2", "Follow-up", "The Chair closed the meeting."),
    ]
    assert decisions_of(report) == [
        (2, "action", "Circulate the call (Owner: Secretariat; Deadline: 22 Feb)"),
        (3, "action", "Promote the call (Owner: MAG members)"),
        (4, "action", "Send the survey (Responsible: Secretariat; Timeline: End of February)"),
    ]
    assert report.schedule is None
    assert report.warnings == []


def test_table_after_the_body_that_is_neither_actions_nor_a_schedule_is_named_in_a_warning():
    from tests.meetings.importer.documents import cell

    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting 3")
    builder.paragraph("20 February 2019")
    builder.paragraph("1. The MAG met online.")
    builder.table(
        [[cell(0, 0, "Name"), cell(0, 1, "Country")], [cell(1, 0, "Ana Silva"), cell(1, 1, "Brazil")]]
    )

    report = interpret_document(builder.document())

    assert [item.text for item in report.items] == ["The MAG met online."]
    assert report.schedule.slots == []
    assert report.warnings[-1] == (
        "the table 'Name | Country | Ana Silva | Brazil' is not a schedule and was not imported"
    )


def test_numbered_short_lines_title_the_unnumbered_paragraphs_under_them():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting",
            "30 May 2018",
            "1. Welcome",
            "The Chair welcomed members to the call.",
            "2. Workshop evaluation",
            "The Secretariat reported that all proposals had been evaluated.",
            "Members asked for the results to be shared by Friday.",
            "3. The meeting closed at 18:00",
            "4. It was agreed to meet again on 13 June.",
            "5. The MAG discussed the budget",
            "It was agreed to ask the donors for an update.",
        )
    )

    assert structure(report) == [
        (1, "1", "Welcome", "The Chair welcomed members to the call."),
        (
            2,
            "2",
            "Workshop evaluation",
            "The Secretariat reported that all proposals had been evaluated.\n\n"
            "Members asked for the results to be shared by Friday.",
        ),
        (3, "3", "Workshop evaluation", "The meeting closed at 18:00"),
        (4, "4", "Workshop evaluation", "It was agreed to meet again on 13 June."),
        (
            5,
            "5",
            "Workshop evaluation",
            "The MAG discussed the budget\n\nIt was agreed to ask the donors for an update.",
        ),
    ]


def test_headings_word_numbers_are_sections_with_their_numbers_not_items():
    builder = DocumentBuilder()
    builder.paragraph("Open Consultations and MAG Meeting")
    builder.paragraph("Paris, 15-17 May 2012")
    builder.paragraph("Introduction", heading_level=1, list_label="I.", list_level=0)
    builder.paragraph("1. The open consultations were held at UNESCO Headquarters.")
    builder.paragraph("Preparations for IGF 2012", heading_level=1, list_label="II.", list_level=0)
    builder.paragraph("2. The host country presented the venue.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "I. Introduction", "The open consultations were held at UNESCO Headquarters."),
        (2, "2", "II. Preparations for IGF 2012", "The host country presented the venue."),
    ]
    assert report.warnings == []


def test_day_headings_stay_above_the_sessions_of_their_day():
    builder = DocumentBuilder()
    builder.paragraph("MAG Meeting")
    builder.paragraph("Geneva, 5-6 April 2016")
    builder.paragraph("Day One")
    builder.paragraph("Morning session")
    builder.paragraph("The host country presented the logistics for the annual meeting.")
    builder.paragraph("Afternoon session")
    builder.paragraph("The MAG reviewed workshop proposals in breakout groups.")
    builder.paragraph("Day Two – Wednesday, 6 April", heading_level=1)
    builder.paragraph("Main sessions", heading_level=2)
    builder.paragraph("The MAG agreed on eight main sessions.")
    builder.paragraph("Closing", heading_level=2)
    builder.paragraph("The Chair closed the meeting.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (
            1,
            "",
            "Day One – Morning session",
            "The host country presented the logistics for the annual meeting.",
        ),
        (2, "", "Day One – Afternoon session", "The MAG reviewed workshop proposals in breakout groups."),
        (3, "", "Day Two – Wednesday, 6 April – Main sessions", "The MAG agreed on eight main sessions."),
        (4, "", "Day Two – Wednesday, 6 April – Closing", "The Chair closed the meeting."),
    ]


@pytest.mark.parametrize(
    ("line", "title", "number", "date"),
    [
        (
            "Summary Report – MAG Virtual Meeting #5 – 3 April 2019",
            "MAG Virtual Meeting #5",
            5,
            D(2019, 4, 3),
        ),
        (
            "MAG Virtual Meeting XII – 3 April 2019 – Summary Report",
            "MAG Virtual Meeting XII",
            12,
            D(2019, 4, 3),
        ),
        (
            "Report of the Advisory Group Meeting held in Geneva on 22 and 23 May 2008",
            "Report of the Advisory Group Meeting held in Geneva",
            None,
            D(2008, 5, 22),
        ),
    ],
)
def test_header_title_on_one_line_with_its_number_and_date(line, title, number, date):
    report = interpret_document(plain_document(line, "1. Members met."))

    assert (report.meeting.title, report.meeting.number, report.meeting.date) == (title, number, date)


def test_header_status_lines_and_a_web_pages_navigation_are_not_the_title_or_items():
    report = interpret_document(
        plain_document(
            "Home » MAG » Meetings",
            "DRAFT",
            "For MAG members only",
            "Summary of the MAG Virtual Meeting",
            "The MAG met online on 4 February 2014 to review the shortlist of workshops.",
            "Members agreed to publish the shortlist the following week.",
            "Share this page",
        )
    )

    assert (report.meeting.title, report.meeting.date) == (
        "Summary of the MAG Virtual Meeting",
        D(2014, 2, 4),
    )
    assert [item.text for item in report.items] == [
        "The MAG met online on 4 February 2014 to review the shortlist of workshops.",
        "Members agreed to publish the shortlist the following week.",
    ]
    assert (
        report.warnings[0]
        == "the line 'Share this page' looks like the web page's navigation and was not imported"
    )


def test_plain_heading_after_a_word_heading_starts_its_own_section_but_a_word_subheading_nests():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting")
    builder.paragraph("3 May 2017")
    builder.paragraph("Summary of Discussions", heading_level=2)
    builder.paragraph("1. The Secretariat reported on the registration figures.")
    builder.paragraph("Workshop evaluation")
    builder.paragraph("2. The evaluation of the proposals ends on 10 May.")
    builder.paragraph("Programme", heading_level=2)
    builder.paragraph("3. The MAG discussed the programme outline.")
    builder.paragraph("Main sessions", heading_level=3)
    builder.paragraph("4. Eight main sessions were proposed.")

    report = interpret_document(builder.document())

    assert [item.section for item in report.items] == [
        "Summary of Discussions",
        "Workshop evaluation",
        "Programme",
        "Programme – Main sessions",
    ]


def kinds(report):
    return [
        (item.position, [(d.kind, d.text) for d in item.decisions]) for item in report.items if item.decisions
    ]


def test_summary_of_decisions_repeating_the_body_counts_each_decision_once_in_the_body():
    report = interpret_document(
        plain_document(
            "IGF 2019 MAG Virtual Meeting XII",
            "Wednesday, 10 April 2019",
            "1. The MAG met online to review the workshop evaluation.",
            "2. The MAG agreed that the workshop evaluation would close on 30 April.",
            "3. The Secretariat will circulate the list of accepted workshops by 15 May.",
            "Summary of decisions",
            "The MAG agreed that the workshop evaluation would close on 30 April.",
            "The MAG agreed that the workshop evaluation would close on 15 May.",
            "Next steps",
            "The Secretariat will circulate the list of accepted workshops by 15 May 2019.",
            "The MAG will hold its next call on 24 April.",
        )
    )

    decisions = "Summary of decisions"
    assert structure(report) == [
        (1, "1", "", "The MAG met online to review the workshop evaluation."),
        (2, "2", "", "The MAG agreed that the workshop evaluation would close on 30 April."),
        (3, "3", "", "The Secretariat will circulate the list of accepted workshops by 15 May."),
        (4, "", decisions, "The MAG agreed that the workshop evaluation would close on 30 April."),
        (5, "", decisions, "The MAG agreed that the workshop evaluation would close on 15 May."),
        (
            6,
            "",
            "Next steps",
            "The Secretariat will circulate the list of accepted workshops by 15 May 2019.",
        ),
        (7, "", "Next steps", "The MAG will hold its next call on 24 April."),
    ]
    # The repeats stay as the summary's items but are not a second decision or action; a point whose
    # numbers differ ("15 May", not "30 April") is another decision.
    assert kinds(report) == [
        (2, [("decision", "The MAG agreed that the workshop evaluation would close on 30 April.")]),
        (3, [("action", "The Secretariat will circulate the list of accepted workshops by 15 May.")]),
        (5, [("decision", "The MAG agreed that the workshop evaluation would close on 15 May.")]),
        (7, [("action", "The MAG will hold its next call on 24 April.")]),
    ]
    assert report.warnings == [
        "'Summary of decisions': decision 'The MAG agreed that the workshop evaluation would close on …' "
        "repeats item 2's and was counted once",
        "'Next steps': action 'The Secretariat will circulate the list of accepted worksho…' "
        "repeats item 3's and was counted once",
    ]


def test_executive_summary_bullet_repeating_a_body_decision_is_counted_once_in_the_body():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting III")
    builder.paragraph("3 May 2017")
    builder.paragraph("Executive Summary", heading_level=2)
    builder.paragraph("The MAG agreed to extend the call for proposals by one week.", list_label="•")
    builder.paragraph("The Secretariat will circulate the programme by 24 May.", list_label="•")
    builder.paragraph("1.\tThe third virtual meeting took place online.")
    builder.paragraph(
        "2.\tAfter some discussion, the MAG agreed to extend the call for proposals by one week."
    )

    report = interpret_document(builder.document())

    assert kinds(report) == [
        (2, [("action", "The Secretariat will circulate the programme by 24 May.")]),
        (
            4,
            [
                (
                    "decision",
                    "After some discussion, the MAG agreed to extend the call for proposals by one week.",
                )
            ],
        ),
    ]
    assert report.warnings == [
        "'Executive Summary': decision 'The MAG agreed to extend the call for proposals by one week.' "
        "repeats item 2's and was counted once"
    ]


def test_summary_of_discussions_body_paragraphs_repeating_each_other_are_both_kept():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting")
    builder.paragraph("3 May 2017")
    builder.paragraph("Summary of Discussions", heading_level=2)
    builder.paragraph("The MAG agreed to extend the call for proposals.")
    builder.paragraph("The MAG agreed to extend the call for proposals.")

    report = interpret_document(builder.document())

    assert [position for position, _ in kinds(report)] == [1, 2]


def test_url_broken_across_lines_of_a_pdf_conversion_runs_on_without_a_space():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 12",
            "12 May 2020",
            "1. The synthesis is published at https://www.intgovforum.org/multilingual/",
            "content/synthesis-2020 for comments.",
            "2. The schedule is at https://www.intgovforum.org/multilingual/content/igf-2020-\n"
            "schedule and the list of sessions at https://www.intgovforum.org/sessions/\n"
            "The MAG will review it.",
        )
    )

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The synthesis is published at "
            "https://www.intgovforum.org/multilingual/content/synthesis-2020 for comments.",
        ),
        (
            2,
            "2",
            "",
            "The schedule is at https://www.intgovforum.org/multilingual/content/igf-2020-schedule "
            "and the list of sessions at https://www.intgovforum.org/sessions/ The MAG will review it.",
        ),
    ]


@pytest.mark.parametrize(
    ("title", "number"),
    [
        ("MAG Meeting #12", 12),
        ("12th MAG virtual meeting", 12),
        ("Virtual Meeting 12 (VM12)", 12),
        ("IGF 2020 MAG Virtual Meeting XVI", 16),
        ("IGF 2020 MAG Virtual Meeting", None),
        ("MAG VM12", 12),
        ("MAG VM 3 – Summary", 3),
    ],
)
def test_meeting_number_from_hashes_ordinals_vm_short_names_and_never_the_igf_year(title, number):
    assert meeting_number(title) == number


def test_vm_short_name_title_is_a_numbered_virtual_meeting():
    report = interpret_document(plain_document("MAG VM12", "12 May 2020", "1. The MAG met."))

    assert (report.meeting.title, report.meeting.kind, report.meeting.number) == ("MAG VM12", "virtual", 12)
    assert report.warnings == []


def test_summary_in_the_first_person_plural_records_the_decisions_but_not_some_of_us():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 7",
            "7 July 2020",
            "1. We agreed that the call for workshop proposals would open on 1 March. Some of us suggested "
            "that the number of workshops should be reduced.",
            "2. We will hold a call on 30 June to finalise the list of speakers.",
        )
    )

    assert kinds(report) == [
        (1, [("decision", "We agreed that the call for workshop proposals would open on 1 March.")]),
        (2, [("action", "We will hold a call on 30 June to finalise the list of speakers.")]),
    ]


def test_typed_footnote_of_a_pdf_conversion_becomes_the_citing_items_footnote():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 12",
            "12 May 2020",
            "1. The MAG agreed to publish the synthesis paper[1] on the website.",
            "2. The Secretariat presented the workshop statistics[2] and the list [3] of speakers.",
            "[1] The synthesis paper of 2020 is at https://www.intgovforum.org/multilingual/",
            "content/synthesis-2020",
            "[2] Figures of 30 April.",
            "[4] A note nothing cites.",
        )
    )

    assert structure(report) == [
        (1, "1", "", "The MAG agreed to publish the synthesis paper on the website."),
        (
            2,
            "2",
            "",
            "The Secretariat presented the workshop statistics and the list [3] of speakers.\n\n"
            "[4] A note nothing cites.",
        ),
    ]
    footnotes = [
        (item.position, f.mark, f.text, f.urls, f.offset) for item in report.items for f in item.footnotes
    ]
    assert footnotes == [
        (
            1,
            "1",
            "The synthesis paper of 2020 is at https://www.intgovforum.org/multilingual/content/synthesis-2020",
            ["https://www.intgovforum.org/multilingual/content/synthesis-2020"],
            len("The MAG agreed to publish the synthesis paper"),
        ),
        (2, "2", "Figures of 30 April.", [], len("The Secretariat presented the workshop statistics")),
    ]
    assert kinds(report) == [
        (1, [("decision", "The MAG agreed to publish the synthesis paper on the website.")]),
    ]


def test_agenda_table_at_the_top_and_participants_table_in_the_middle_are_named_in_the_warnings():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting XVI")
    builder.paragraph("16 June 2020")
    builder.table(
        [
            [cell(0, 0, "Agenda"), cell(0, 1, "")],
            [cell(1, 0, "1."), cell(1, 1, "Welcome and adoption of the agenda")],
            [cell(2, 0, "2."), cell(2, 1, "Workshop evaluation")],
        ]
    )
    builder.paragraph("1. The Chair opened the meeting.")
    builder.table(
        [[cell(0, 0, "Name"), cell(0, 1, "Stakeholder group")], [cell(1, 0, "Ms. A. Ruiz"), cell(1, 1, "")]]
    )
    builder.paragraph("2. The meeting closed.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "", "The Chair opened the meeting."),
        (2, "2", "", "The meeting closed."),
    ]
    assert report.warnings == [
        "a table before the first item ('Agenda', 3 rows) is not part of any agenda item and was not "
        "imported",
        "a table after item 1 ('Name | Stakeholder group', 2 rows) is not part of any agenda item and was "
        "not imported",
    ]


def test_next_steps_list_points_are_actions_even_without_a_verb_of_the_future():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 5",
            "5 May 2020",
            "1. The MAG met.",
            "Next steps:",
            "• Secretariat to circulate the draft programme by 20 May.",
            "• Finalise the list of speakers before the next call.",
        )
    )

    assert structure(report) == [
        (1, "1", "", "The MAG met."),
        (2, "", "Next steps:", "Secretariat to circulate the draft programme by 20 May."),
        (3, "", "Next steps:", "Finalise the list of speakers before the next call."),
    ]
    assert [(item.position, [(d.kind, d.owner, d.due) for d in item.decisions]) for item in report.items] == [
        (1, []),
        (2, [("action", "Secretariat", "20 May")]),
        (3, [("action", "", "the next call")]),
    ]


def test_summary_point_with_a_changed_word_or_a_negation_is_another_decision_not_a_repeat():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 9",
            "9 September 2020",
            "1. The MAG agreed that the workshop on youth participation would be accepted.",
            "2. The MAG agreed that the session on data governance would be merged.",
            "Summary of decisions",
            "The MAG agreed that the workshop on gender participation would be accepted.",
            "The MAG agreed that the session on data governance would not be merged.",
            "The MAG agreed that the workshop on gender participation would be accepted.",
        )
    )

    # Neither of the first two points repeats the body; the third repeats a point of its own list,
    # which a list is not checked for.
    assert [position for position, _ in kinds(report)] == [1, 2, 3, 4, 5]
    assert report.warnings == []


def test_meeting_number_and_kind_from_an_unnumbered_opening_paragraph():
    # A web-style summary: a paragraph on the meeting right under the heading, then numbered topics.
    builder = DocumentBuilder()
    builder.paragraph("MAG Meeting", heading_level=1)
    builder.paragraph("17 March 2021")
    builder.paragraph(
        "The MAG held its third meeting of the 2021 cycle on 17 March 2021 on Zoom, chaired by"
        " Mr. Paul Mitchell."
    )
    builder.paragraph("1. Opening", heading_level=2)
    builder.paragraph("The Chair welcomed members and observers and thanked the open consultations' hosts.")

    meeting = interpret_document(builder.document()).meeting

    assert (meeting.number, meeting.kind, meeting.chair) == (3, "virtual", "Mr. Paul Mitchell")


def test_meeting_opening_paragraph_in_an_executive_summary_is_not_the_first():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting")
    builder.paragraph("17 March 2021")
    builder.paragraph("Executive summary", heading_level=1)
    builder.paragraph("The MAG agreed on the dates of the second open consultations and MAG meeting.")
    builder.paragraph("1.\tThe MAG held its fourth virtual meeting on 17 March 2021.")

    meeting = interpret_document(builder.document()).meeting

    assert (meeting.number, meeting.kind) == (4, "virtual")


@pytest.mark.parametrize(
    ("sentence", "number"),
    [
        ("The sixth IGF Virtual MAG Meeting was held on 3 May 2017.", 6),
        ("The MAG held its third virtual meeting on 3 May 2017.", 3),
        # The forum's number, not the meeting's.
        ("The Advisory Group met on 3 May 2017 to prepare the third IGF meeting in Hyderabad.", None),
        ("The MAG met on 3 May 2017 to prepare the 12th annual IGF meeting.", None),
        ("The MAG held its second meeting on 3 May 2017 to prepare the 12th IGF.", 2),
    ],
)
def test_meeting_number_from_the_first_paragraph_not_the_forum_number(sentence, number):
    report = interpret_document(plain_document("MAG Meeting", "3 May 2017", f"1. {sentence}"))

    assert report.meeting.number == number


def test_pdf_lines_with_bullets_and_numbers_on_lines_of_their_own():
    # A PDF conversion that sets each printed line, each bullet and each number on a line of its own.
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting XXI",
            "8 August 2018",
            "Executive Summary",
            "\uf0b7",
            "The MAG agreed to open the call for workshop proposals on 20 August.",
            "\uf0b7",
            "The Secretariat will circulate the draft programme outline to the MAG by",
            "24 August.",
            "Summary of Discussions",
            "1.",
            "The Secretariat reported on the logistics of the annual meeting.",
            "Registration for the annual meeting opened last week and more than 900",
            "participants have registered so far.",
            "2.",
            "The next virtual meeting will take place on 22 August 2018.",
        )
    )

    assert structure(report) == [
        (1, "", "Executive Summary", "The MAG agreed to open the call for workshop proposals on 20 August."),
        (
            2,
            "",
            "Executive Summary",
            "The Secretariat will circulate the draft programme outline to the MAG by 24 August.",
        ),
        (
            3,
            "1",
            "Summary of Discussions",
            "The Secretariat reported on the logistics of the annual meeting.\n\n"
            "Registration for the annual meeting opened last week and more than 900 participants have "
            "registered so far.",
        ),
        (4, "2", "Summary of Discussions", "The next virtual meeting will take place on 22 August 2018."),
    ]
    assert [(d.kind, d.owner, d.due_date) for d in report.items[1].decisions] == [
        ("action", "Secretariat", D(2018, 8, 24))
    ]

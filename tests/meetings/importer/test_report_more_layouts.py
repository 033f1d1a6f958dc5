"""The interpreter on more report shapes nobody here wrote: PDF conversions with a word broken the
same way twice, numbered titles above outline-numbered paragraphs, roman paragraph numbers, labelled
header lines under a first heading, lists inside numbered paragraphs, running headers above the title."""

import datetime

from meetings.importer.interpret import interpret_document
from tests.meetings.importer.documents import DocumentBuilder, cell, plain_document

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


def test_numbered_title_above_outline_numbered_paragraphs_is_their_section():
    # "2. Update from the Secretariat" then "2.1 ...", "2.2 ...": the title heads the paragraphs.
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting VII",
            "21 April 2020",
            "1. Welcome and adoption of the agenda",
            "1.1 The Chair welcomed members and observers. The agenda was adopted.",
            "2. Update from the Secretariat",
            "2.1 The Secretariat reported that the call for workshop proposals had closed.",
            "2.2 The Secretariat will share the statistics on the proposals with the MAG.",
            "3. AOB",
            "There was no other business.",
        )
    )

    assert structure(report) == [
        (
            1,
            "1.1",
            "Welcome and adoption of the agenda",
            "The Chair welcomed members and observers. The agenda was adopted.",
        ),
        (
            2,
            "2.1",
            "Update from the Secretariat",
            "The Secretariat reported that the call for workshop proposals had closed.",
        ),
        (
            3,
            "2.2",
            "Update from the Secretariat",
            "The Secretariat will share the statistics on the proposals with the MAG.",
        ),
        (4, "3", "AOB", "There was no other business."),
    ]
    assert report.warnings == []


def test_typed_roman_numbers_before_sentences_number_paragraphs_and_their_points():
    # "III. The MAG discussed ..." numbers a paragraph; "I. Introduction" (a heading) does not.
    report = interpret_document(
        plain_document(
            "Open Consultations and MAG Meeting",
            "Paris, 4-6 April 2018",
            "I. Introduction",
            "I. The first Open Consultations and MAG meeting of the cycle took place in Paris.",
            "II. The MAG discussed the workshop selection process. It was agreed that the evaluation would "
            "be done in two stages:",
            "(a) a first review of all proposals by groups of five members;",
            "(b) a second review of the proposals on the margin.",
            "III. The Secretariat will publish the call for workshop proposals on 10 April.",
        )
    )

    assert structure(report) == [
        (
            1,
            "I",
            "I. Introduction",
            "The first Open Consultations and MAG meeting of the cycle took place in Paris.",
        ),
        (
            2,
            "II",
            "I. Introduction",
            "The MAG discussed the workshop selection process. It was agreed that the evaluation would be "
            "done in two stages:\n\n(a) a first review of all proposals by groups of five members;\n\n"
            "(b) a second review of the proposals on the margin.",
        ),
        (
            3,
            "III",
            "I. Introduction",
            "The Secretariat will publish the call for workshop proposals on 10 April.",
        ),
    ]
    assert report.warnings == []


def test_labelled_header_lines_under_a_first_heading_are_the_meetings_not_items():
    # "Summary of discussions" starts the body, but the "Date:", "Venue:" and "Chair:" lines under
    # it, before any paragraph, still say when, where and who.
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting",
            "SUMMARY OF DISCUSSIONS",
            "Date: 9 June 2021",
            "Venue: Held via Zoom",
            "Chair: Mr. Paul Mitchell",
            "Agenda item 1: Intersessional work",
            "The BPF and DC coordinators gave short updates on their work.",
            "Agenda item 2: Any other business",
            "No other business was raised.",
        )
    )

    assert (report.meeting.title, report.meeting.kind, report.meeting.date, report.meeting.chair) == (
        "MAG Virtual Meeting",
        "virtual",
        D(2021, 6, 9),
        "Mr. Paul Mitchell",
    )
    assert structure(report) == [
        (1, "1", "Intersessional work", "The BPF and DC coordinators gave short updates on their work."),
        (2, "2", "Any other business", "No other business was raised."),
    ]
    assert report.warnings == []


def test_agenda_item_headings_number_the_paragraphs_under_them():
    # "Agenda item 2: Intersessional work" titles its paragraphs as "2. Intersessional work" does.
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting")
    builder.paragraph("9 June 2021")
    builder.paragraph("Agenda item 1: Adoption of the agenda")
    builder.paragraph("The agenda was adopted without changes.")
    builder.paragraph("Agenda Item 2 – Intersessional work", heading_level=2)
    builder.paragraph("The BPF and DC coordinators gave short updates on their work.")
    builder.paragraph("Decision: The MAG endorsed the work plan of the BPF on cybersecurity.")
    builder.paragraph("Item 3: Any other business")
    builder.paragraph("No other business was raised.")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "Adoption of the agenda", "The agenda was adopted without changes."),
        (
            2,
            "2",
            "Intersessional work",
            "The BPF and DC coordinators gave short updates on their work.\n\n"
            "Decision: The MAG endorsed the work plan of the BPF on cybersecurity.",
        ),
        (3, "3", "Any other business", "No other business was raised."),
    ]
    assert report.warnings == []


def test_bullets_under_a_numbered_paragraph_stay_lines_of_their_own():
    # A point in lower case after "the following arrangements:" is a list's line, not a sentence
    # running on after a page break: Word's bullets and typed ones alike.
    builder = DocumentBuilder()
    builder.paragraph("Second Open Consultations and MAG Meeting")
    builder.paragraph("Paris, 7-9 July 2014")
    builder.paragraph("1. The host country reported on the logistics, including the following arrangements:")
    builder.paragraph("a shuttle service between the hotels and the venue;", list_label="•", list_level=0)
    builder.paragraph("a dedicated area for remote hubs.", list_label="•", list_level=0)
    builder.paragraph("2. The Secretariat listed what is still open:")
    builder.paragraph("– the visa letters")
    builder.paragraph("– the booths of the IGF village")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The host country reported on the logistics, including the following arrangements:\n\n"
            "a shuttle service between the hotels and the venue;\n\na dedicated area for remote hubs.",
        ),
        (
            2,
            "2",
            "",
            "The Secretariat listed what is still open:\n\nthe visa letters\n\nthe booths of the IGF village",
        ),
    ]


def test_running_header_above_the_title_is_no_part_of_it():
    # "IGF MAG Meeting Summary – Draft" heads every page of the conversion, the first one too.
    report = interpret_document(
        plain_document(
            "IGF MAG Meeting Summary – Draft",
            "MAG Virtual Meeting No. 4",
            "Held via Zoom, 12 March 2020",
            "1. The fourth virtual meeting of the MAG in the 2020 cycle was chaired by Ms. Anriette "
            "Esterhuysen.",
            "Page 1 of 2",
            "IGF MAG Meeting Summary – Draft",
            "2. The Secretariat will circulate the revised timeline by 20 March.",
        )
    )

    assert (report.meeting.title, report.meeting.number, report.meeting.kind, report.meeting.date) == (
        "MAG Virtual Meeting No. 4",
        4,
        "virtual",
        D(2020, 3, 12),
    )
    assert [item.number for item in report.items] == ["1", "2"]
    assert report.warnings == [
        "the line 'Page 1 of 2' looks like a page number and was not imported",
        "the line 'IGF MAG Meeting Summary – Draft' repeats the report's heading (a page header or footer) "
        "and was not imported",
    ]


def test_printed_lines_cut_mid_sentence_before_a_capital_run_on():
    # A PDF conversion with a paragraph per printed line: a line ending "of the" or "by Ms." goes on
    # in the next line even when that starts with a capital (a name, "Secretariat"), and a page
    # number between the two is no paragraph number.
    report = interpret_document(
        plain_document(
            "IGF 2012 MAG Meeting",
            "Baku, 14-16 February 2012",
            "1. The Advisory Group met in Baku at the invitation of the Government of",
            "Azerbaijan. The meeting was chaired by Ms.",
            "Alice Munyua and opened by the",
            "Minister of Communications and Information Technologies, who welcomed the",
            "members to Baku.",
            "2. The host country informed the Group that the venue had been confirmed and that the",
            "3",
            "IGF website would carry information on hotels. The Secretariat will circulate the",
            "Logistics Note by 1 March 2012.",
            "3. It was agreed that the theme would be kept.",
        )
    )

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The Advisory Group met in Baku at the invitation of the Government of Azerbaijan. The meeting "
            "was chaired by Ms. Alice Munyua and opened by the Minister of Communications and Information "
            "Technologies, who welcomed the members to Baku.",
        ),
        (
            2,
            "2",
            "",
            "The host country informed the Group that the venue had been confirmed and that the IGF website "
            "would carry information on hotels. The Secretariat will circulate the Logistics Note by 1 March "
            "2012.",
        ),
        (3, "3", "", "It was agreed that the theme would be kept."),
    ]
    assert report.meeting.chair == "Ms. Alice Munyua"
    assert report.warnings == ["the line '3' looks like a page number and was not imported"]


def test_document_type_lines_under_a_first_heading_and_above_the_title_are_no_section_nor_title():
    # "SUMMARY OF DISCUSSIONS AND OUTCOMES" starts the body, but "Chairman's summary" under it, before
    # any paragraph, says both are the document's heading; "MAG MEETING SUMMARY" names the document.
    early = interpret_document(
        plain_document(
            "22 May 2008",
            "ADVISORY GROUP MEETING",
            "SUMMARY OF DISCUSSIONS AND OUTCOMES",
            "Chairman's summary",
            "1. The Advisory Group met in Geneva under the chairmanship of Mr. Nitin Desai.",
            "2. It was agreed to retain the four main themes of the previous meeting.",
        )
    )
    joint = interpret_document(
        plain_document(
            "MAG MEETING SUMMARY",
            "FIRST OPEN CONSULTATIONS",
            "AND MAG MEETING",
            "Geneva, 3-5 March 2015",
            "1. The open consultations began with a welcome by the Chair, Mr. Jānis Kārkliņš.",
        )
    )

    assert (early.meeting.title, early.meeting.date, early.meeting.chair) == (
        "ADVISORY GROUP MEETING",
        D(2008, 5, 22),
        "Mr. Nitin Desai",
    )
    assert structure(early) == [
        (1, "1", "", "The Advisory Group met in Geneva under the chairmanship of Mr. Nitin Desai."),
        (2, "2", "", "It was agreed to retain the four main themes of the previous meeting."),
    ]
    assert early.warnings == []
    assert (joint.meeting.title, joint.meeting.kind, joint.meeting.number, joint.meeting.date) == (
        "FIRST OPEN CONSULTATIONS AND MAG MEETING",
        "open_consultations",
        1,
        D(2015, 3, 3),
    )


def test_due_dates_written_as_weekdays_spans_numbers_and_close_of_business():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 8",
            "Wednesday, 10 June 2020",
            "1. The Secretariat will circulate the draft schedule by Friday.",
            "2. MAG members are requested to send their comments within two weeks.",
            "3. The co-facilitators will share the session outlines by COB 19 June.",
            "4. The Chair will send the letter to the host country by 15/06/2020.",
            "5. The Secretariat will update the website before the next MAG call on 24 June.",
            "6. A call will be scheduled by Monday.",
            "7. Members are asked to reply within 10 days.",
        )
    )

    assert [(d.owner, d.due, d.due_date) for item in report.items for d in item.decisions] == [
        ("Secretariat", "Friday", D(2020, 6, 12)),
        ("MAG members", "within two weeks", D(2020, 6, 24)),
        ("Co-facilitators", "19 June", D(2020, 6, 19)),
        ("Chair", "15/06/2020", D(2020, 6, 15)),
        ("Secretariat", "the next MAG call on 24 June", D(2020, 6, 24)),
        ("", "Monday", D(2020, 6, 15)),
        ("MAG members", "within 10 days", D(2020, 6, 20)),
    ]


def test_table_of_decisions_and_actions_with_an_agenda_item_column_gives_each_row_its_kind():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting XIX")
    builder.paragraph("3 September 2019")
    builder.paragraph("1. The MAG met to review the progress of the main sessions.")
    builder.paragraph("Summary of decisions and actions")
    builder.table(
        [
            [
                cell(0, 0, "Agenda item"),
                cell(0, 1, "Decision / Action"),
                cell(0, 2, "Responsible"),
                cell(0, 3, "Timeline"),
            ],
            [cell(1, 0, "Main sessions"), cell(1, 1, "The MAG approved the main session descriptions.")],
            [
                cell(2, 0, "Working groups"),
                cell(2, 1, "Send the work plan of the WG on outreach to the MAG"),
                cell(2, 2, "WG co-chairs"),
                cell(2, 3, "10 September"),
            ],
        ]
    )

    report = interpret_document(builder.document())

    section = "Summary of decisions and actions"
    assert structure(report) == [
        (1, "1", "", "The MAG met to review the progress of the main sessions."),
        (2, "", section, "The MAG approved the main session descriptions. (Agenda item: Main sessions)"),
        (
            3,
            "",
            section,
            "Send the work plan of the WG on outreach to the MAG (Agenda item: Working groups; "
            "Responsible: WG co-chairs; Timeline: 10 September)",
        ),
    ]
    assert [(d.kind, d.owner, d.due_date) for item in report.items for d in item.decisions] == [
        ("decision", "", None),
        ("action", "WG co-chairs", D(2019, 9, 10)),
    ]
    assert report.warnings == []


def test_numbered_heading_above_word_numbered_paragraphs_is_their_section():
    # "2. Update on the annual meeting" in a Heading style, then paragraphs Word numbers on.
    builder = DocumentBuilder()
    builder.paragraph("IGF 2016 MAG Virtual Meeting – XI")
    builder.paragraph("Thursday, 20 October 2016")
    builder.paragraph("1. Adoption of the agenda", heading_level=1)
    builder.paragraph("The agenda was adopted as circulated.", list_label="1.", list_level=0)
    builder.paragraph("2. Update on the annual meeting", heading_level=1)
    builder.paragraph("The Secretariat reported on registration.", list_label="2.", list_level=0)
    builder.paragraph("Some 40 remote hubs are planned.", list_label="3.", list_level=0)

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "1", "Adoption of the agenda", "The agenda was adopted as circulated."),
        (2, "2", "Update on the annual meeting", "The Secretariat reported on registration."),
        (3, "3", "Update on the annual meeting", "Some 40 remote hubs are planned."),
    ]
    assert report.warnings == []


def test_due_date_after_a_deadline_label_in_brackets():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting",
            "16 May 2018",
            "1. MAG members to review the merged proposals (deadline: 1 June).",
            "2. The Secretariat will notify the proposers (Deadline - 25 May).",
        )
    )

    assert [(d.kind, d.owner, d.due, d.due_date) for item in report.items for d in item.decisions] == [
        ("action", "MAG members", "1 June", D(2018, 6, 1)),
        ("action", "Secretariat", "25 May", D(2018, 5, 25)),
    ]


def test_how_the_meeting_was_held_on_a_line_of_its_own_is_no_part_of_the_title():
    report = interpret_document(
        plain_document(
            "Meeting of the Multistakeholder Advisory Group",
            "Held via Zoom",
            "25 March 2020",
            "1. The MAG Chair, Ms. Anriette Esterhuysen, opened the call.",
        )
    )

    assert (report.meeting.title, report.meeting.kind, report.meeting.date, report.meeting.chair) == (
        "Meeting of the Multistakeholder Advisory Group",
        "virtual",
        D(2020, 3, 25),
        "Ms. Anriette Esterhuysen",
    )
    assert report.warnings == []


def test_action_owner_is_never_the_means_after_by():
    from meetings.importer.decisions import read_sentence

    readings = [
        read_sentence("The MAG members will be consulted by e-mail on the final list of speakers."),
        read_sentence("The list will be circulated by email before the call."),
        read_sentence("The Secretariat will, in consultation with the host country, prepare a draft agenda."),
    ]

    assert [(r.kind, r.owner) for r in readings] == [
        ("action", ""),
        ("action", ""),
        ("action", "Secretariat"),
    ]


def test_printed_lines_of_a_conversion_run_on_whatever_word_they_stop_at():
    # Every printed line a paragraph: a line as long as the others that stops without a full stop
    # goes on in the next, even before a capital ("... the 2016" / "Host Country ..."); a short
    # line without one ("Main sessions") is a heading.
    lines = [
        "MAG Virtual Meeting VI",
        "30 August 2016",
        "1. The sixth virtual meeting of the MAG took place on 30 August. The Chair of the",
        "MAG moderated the meeting and the host country of the annual meeting of 2016",
        "Host Country was represented by its Chief Information Officer, who briefed the",
        "members on the preparations for the meeting in Guadalajara in December 2016.",
        "Main sessions",
        "2. The MAG discussed the main sessions at some length and agreed that the trade",
        "session would be included as a 90-minute main session with a better diversity",
        "of speakers, including governments and the private sector active in trade.",
        "3. It was agreed that the newcomers session should complement the other efforts.",
    ]
    report = interpret_document(plain_document(*lines))

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The sixth virtual meeting of the MAG took place on 30 August. The Chair of the MAG moderated "
            "the meeting and the host country of the annual meeting of 2016 Host Country was represented by "
            "its Chief Information Officer, who briefed the members on the preparations for the meeting in "
            "Guadalajara in December 2016.",
        ),
        (
            2,
            "2",
            "Main sessions",
            "The MAG discussed the main sessions at some length and agreed that the trade session would be "
            "included as a 90-minute main session with a better diversity of speakers, including governments "
            "and the private sector active in trade.",
        ),
        (
            3,
            "3",
            "Main sessions",
            "It was agreed that the newcomers session should complement the other efforts.",
        ),
    ]


def test_line_between_the_halves_of_a_cut_sentence_is_a_page_header_or_footer():
    # A running header unlike the title ("IGF MAG VI – Summary Report" above "Virtual Meeting of the
    # Multistakeholder Advisory Group VI") still stands between the two halves of a sentence.
    report = interpret_document(
        plain_document(
            "Virtual Meeting of the Multistakeholder Advisory Group VI",
            "30 August 2016",
            "1. The Secretariat will circulate its initial provisional schedule to the",
            "2",
            "IGF MAG VI – Summary Report",
            "members of the MAG in the coming weeks.",
        )
    )

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The Secretariat will circulate its initial provisional schedule to the members of the MAG in "
            "the coming weeks.",
        ),
    ]
    assert report.warnings == [
        "the line '2' looks like a page number and was not imported",
        "the line 'IGF MAG VI – Summary Report' interrupts a sentence (a page header or footer) and was not "
        "imported",
    ]


def test_header_with_the_date_first_keeps_a_two_line_title_and_its_labelled_lines():
    report = interpret_document(
        plain_document(
            "Date: 14-15 November 2012",
            "IGF ADVISORY GROUP MEETING",
            "STOCKTAKING SESSION",
            "Venue: Baku Expo Center, Baku, Azerbaijan",
            "Co-Chairs: Mr. Chengetai Masango and Ms. Marilyn Cade",
            "Rapporteur: Ms. Jane Doe",
            "1. The stocktaking session reviewed the seventh IGF.",
            "2. Participants welcomed the increase in remote participation.",
        )
    )

    meeting = report.meeting
    assert (meeting.title, meeting.kind, meeting.date, meeting.end_date, meeting.chair) == (
        "IGF ADVISORY GROUP MEETING STOCKTAKING SESSION",
        "face_to_face",
        D(2012, 11, 14),
        D(2012, 11, 15),
        "Mr. Chengetai Masango and Ms. Marilyn Cade",
    )
    assert structure(report) == [
        (1, "1", "", "The stocktaking session reviewed the seventh IGF."),
        (2, "2", "", "Participants welcomed the increase in remote participation."),
    ]
    assert report.warnings == []


def test_action_owner_after_all_and_before_will_need_to():
    from meetings.importer.decisions import read_sentence

    readings = [
        read_sentence("ACTION ITEM: All MAG members to review the proposals by 10 June."),
        read_sentence("Members will need to register for the annual meeting before the deadline."),
        read_sentence("The Secretariat will have to check the budget."),
        read_sentence("Secretariat and Chair to prepare the agenda of the retreat by 1 July."),
    ]

    assert [(r.kind, r.owner, r.due) for r in readings] == [
        ("action", "MAG members", "10 June"),
        ("action", "MAG members", ""),
        ("action", "Secretariat", ""),
        ("action", "Secretariat", "1 July"),
    ]


def test_title_loses_a_date_and_the_city_after_it():
    report = interpret_document(
        plain_document(
            "MAG Meeting Summary",
            "Third Open Consultations and MAG Meeting, 9-11 October 2019, Geneva",
            "1. The Chair welcomed participants.",
        )
    )

    assert (report.meeting.title, report.meeting.kind, report.meeting.number, report.meeting.date) == (
        "Third Open Consultations and MAG Meeting",
        "open_consultations",
        3,
        D(2019, 10, 9),
    )


def test_date_without_a_year_takes_it_from_when_the_page_was_posted():
    # "The MAG met on 5 March": the year is the posting's, or the one before for a day after it.
    def meeting(*lines):
        return interpret_document(plain_document(*lines)).meeting

    march = meeting(
        "MAG Virtual Meeting",
        "Posted on 10 March 2015",
        "The MAG met on 5 March to discuss the call for workshop proposals.",
    )
    december = meeting(
        "MAG Virtual Meeting",
        "Last updated: 8 January 2015",
        "The MAG met on 18 December to take stock of the year.",
    )
    dated_title = meeting(
        "IGF MAG Virtual Meeting", "Summary – 2 July 2020", "1. The Chair opened the meeting."
    )

    assert (march.date, march.cycle_year) == (D(2015, 3, 5), 2015)
    assert (december.date, december.cycle_year) == (D(2014, 12, 18), 2014)
    assert (dated_title.title, dated_title.date) == ("IGF MAG Virtual Meeting", D(2020, 7, 2))


def test_points_after_the_following_decisions_or_actions_lead_in_are_those():
    builder = DocumentBuilder()
    builder.paragraph("MAG Virtual Meeting XXII")
    builder.paragraph("12 September 2018")
    builder.paragraph("1. The following actions were agreed:")
    builder.paragraph("a. The Secretariat will circulate the revised schedule.")
    builder.paragraph("b. Session organisers to send their speaker lists by 20 September.")
    builder.paragraph("2. The following decisions were taken:")
    builder.paragraph("The opening ceremony will be shortened to one hour.", list_label="•")
    builder.paragraph("The closing session will include the youth.", list_label="•")

    report = interpret_document(builder.document())

    assert structure(report) == [
        (
            1,
            "1",
            "",
            "The following actions were agreed:\n\na. The Secretariat will circulate the revised "
            "schedule.\n\nb. Session organisers to send their speaker lists by 20 September.",
        ),
        (
            2,
            "2",
            "",
            "The following decisions were taken:\n\nThe opening ceremony will be shortened to one hour.\n\n"
            "The closing session will include the youth.",
        ),
    ]
    assert [
        (item.position, d.kind, d.text, d.owner, d.due_date) for item in report.items for d in item.decisions
    ] == [
        (1, "action", "a. The Secretariat will circulate the revised schedule.", "Secretariat", None),
        (
            1,
            "action",
            "b. Session organisers to send their speaker lists by 20 September.",
            "Session organisers",
            D(2018, 9, 20),
        ),
        (2, "decision", "The opening ceremony will be shortened to one hour.", "", None),
        (2, "decision", "The closing session will include the youth.", "", None),
    ]


def test_web_address_alone_between_paragraphs_is_a_page_footer():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting VI",
            "5 May 2015",
            "1. The MAG will meet again on 20 May.",
            "www.intgovforum.org",
            "2. The recording of the meeting is available at:",
            "https://www.intgovforum.org",
        )
    )

    assert structure(report) == [
        (1, "1", "", "The MAG will meet again on 20 May."),
        (2, "2", "", "The recording of the meeting is available at: https://www.intgovforum.org"),
    ]
    assert report.warnings == [
        "the line 'www.intgovforum.org' looks like a page footer (a web address alone) and was not imported"
    ]


def test_chair_named_before_the_office_in_brackets():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting",
            "5 May 2016",
            "1. Ms. Lynn St. Amour (MAG Chair) opened the meeting and welcomed the new members.",
        )
    )

    assert report.meeting.chair == "Ms. Lynn St. Amour"


def test_minutes_set_in_a_table_of_topics_discussions_and_actions_are_the_body():
    builder = DocumentBuilder()
    builder.paragraph("MAG Working Group on Outreach – Call 3")
    builder.paragraph("14 May 2019")
    builder.table(
        [
            [cell(0, 0, "Agenda item"), cell(0, 1, "Discussion"), cell(0, 2, "Action"), cell(0, 3, "Owner")],
            [cell(1, 0, "Welcome"), cell(1, 1, "The co-facilitators welcomed members.")],
            [
                cell(2, 0, "Outreach plan"),
                cell(
                    2, 1, "Members discussed the draft outreach plan.", "The plan was approved with changes."
                ),
                cell(2, 2, "Publish the plan by 20 May"),
                cell(2, 3, "Secretariat"),
            ],
        ]
    )

    report = interpret_document(builder.document())

    assert structure(report) == [
        (1, "", "Welcome", "The co-facilitators welcomed members."),
        (
            2,
            "",
            "Outreach plan",
            "Members discussed the draft outreach plan.\n\nThe plan was approved with changes.",
        ),
        (3, "", "Outreach plan", "Publish the plan by 20 May (Owner: Secretariat)"),
    ]
    assert [
        (item.position, d.kind, d.owner, d.due_date) for item in report.items for d in item.decisions
    ] == [
        (2, "decision", "", None),
        (3, "action", "Secretariat", D(2019, 5, 20)),
    ]
    assert report.warnings == [
        "no numbered paragraph: the report's 3 paragraphs were imported as unnumbered agenda items, in order"
    ]


def test_header_labels_for_when_where_and_who_took_the_minutes():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 7",
            "Meeting date: 12 June 2019",
            "Where: WebEx",
            "Chaired by: Ms. Lynn St. Amour",
            "Minutes: IGF Secretariat",
            "1. The Chair opened the call.",
        )
    )

    meeting = report.meeting
    assert (meeting.title, meeting.kind, meeting.date, meeting.chair) == (
        "MAG Virtual Meeting 7",
        "virtual",
        D(2019, 6, 12),
        "Ms. Lynn St. Amour",
    )
    assert structure(report) == [(1, "1", "", "The Chair opened the call.")]
    assert report.warnings == []


def test_labelled_action_in_note_form_names_any_owner_before_to():
    from meetings.importer.decisions import read_sentence

    reading = read_sentence(
        "Action: BPF co-facilitators to share their work plans with the MAG by 7 February."
    )

    assert (reading.kind, reading.owner, reading.due) == ("action", "BPF co-facilitators", "7 February")


def test_title_loses_the_city_set_before_its_date():
    report = interpret_document(
        plain_document(
            "Internet Governance Forum",
            "Advisory Group Meeting, Geneva, 13-14 February 2008",
            "Chairman's Summary",
            "1. The Advisory Group met under the chairmanship of Mr. Nitin Desai.",
        )
    )

    meeting = report.meeting
    assert (meeting.title, meeting.kind, meeting.date, meeting.end_date, meeting.chair) == (
        "Advisory Group Meeting",
        "face_to_face",
        D(2008, 2, 13),
        D(2008, 2, 14),
        "Mr. Nitin Desai",
    )


def test_action_owner_said_with_a_possessive_is_the_speaker():
    from meetings.importer.decisions import read_sentence

    reading = read_sentence(
        "Mr. Silva (Brazil) said that his government would host a preparatory event in May."
    )

    assert (reading.kind, reading.owner) == ("action", "Mr. Silva (Brazil)")


def test_due_date_at_the_end_of_this_or_next_week():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting 8",
            "Wednesday, 10 June 2020",
            "1. The Secretariat will circulate the draft schedule by the end of the week.",
            "2. Members will send their comments by the end of next week.",
        )
    )

    assert [(d.due, d.due_date) for item in report.items for d in item.decisions] == [
        ("the end of the week", D(2020, 6, 12)),
        ("the end of next week", D(2020, 6, 19)),
    ]


def test_heading_moved_to_the_header_keeps_its_printed_line():
    # Found by the property test: a heading Word numbers ("1." in a Heading style) above "Summary
    # Report", before any paragraph, goes to the header as the line it is, so that no line is dropped
    # unnamed.
    from meetings.importer.interpret import _split_body

    builder = DocumentBuilder()
    builder.paragraph("1.")
    builder.paragraph("Preparations for Hyderabad", heading_level=2, list_label="1.")
    builder.paragraph("Summary Report")
    builder.paragraph("MAG Virtual Meeting VI")

    header, items, _annex = _split_body(builder.document(), [])

    assert header.other == ["Summary Report", "Preparations for Hyderabad"]
    assert [item.paragraphs[0].text for item in items] == ["MAG Virtual Meeting VI"]


def test_agenda_given_on_one_labelled_line_is_an_item_not_every_items_section():
    report = interpret_document(
        plain_document(
            "MAG Virtual Meeting – 4 September 2019",
            "Agenda: (1) Welcome; (2) Main sessions; (3) AOB",
            "1) Welcome – The Chair welcomed members.",
            "2) Main sessions – It was agreed that all main sessions will have a remote moderator.",
        )
    )

    assert structure(report) == [
        (1, "", "", "Agenda: (1) Welcome; (2) Main sessions; (3) AOB"),
        (2, "1", "", "Welcome – The Chair welcomed members."),
        (3, "2", "", "Main sessions – It was agreed that all main sessions will have a remote moderator."),
    ]

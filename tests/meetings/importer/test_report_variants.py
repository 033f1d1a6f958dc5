"""More report shapes of fixtures/reports/shapes/, read, interpreted and compared as a whole:
an early Chairman's Summary, a PDF conversion with page headers, a web summary with lists of
decisions and actions, a Word-numbered report with a table of actions, two-day minutes, an early
report converted from PDF a printed line to a paragraph.

(The byte-for-byte rebuild of every builder is checked in test_report_shapes.py.)"""

import datetime

import pytest

from meetings.importer.report import ParsedMeeting
from tests.meetings.importer.test_report_shapes import SHAPES, decisions, items, parse

D = datetime.date


def test_chairmans_summary_shape_reads_roman_sections_lettered_points_and_the_footnote():
    report = parse("igf-advisory-group-geneva-2010-02-23.docx")

    assert report.meeting == ParsedMeeting(
        title="Advisory Group Meeting",
        kind="face_to_face",
        number=None,
        date=D(2010, 2, 23),
        end_date=D(2010, 2, 25),
        chair="Mr. Nitin Desai",
        recording_url="",
        cycle_year=2010,
    )
    introduction, preparations = "I. Introduction", "II. Preparations for the fifth meeting"
    assert items(report) == [
        (
            1,
            "1",
            introduction,
            "The Advisory Group met at the Palais des Nations from 23 to 25 February 2010, after a day of "
            "open "
            "consultations. The meeting was chaired by Mr. Nitin Desai, Special Adviser to the "
            "Secretary-General for Internet Governance.",
        ),
        (
            2,
            "2",
            introduction,
            "Members looked back on the fourth annual meeting and on the written contributions received "
            "since "
            "then.",
        ),
        (
            3,
            "3",
            preparations,
            "The Group considered the themes of the programme. Members asked that:\n\n"
            "(a) the main sessions keep a development focus;\n\n(b) emerging issues have a session of their "
            "own.",
        ),
        (
            4,
            "4",
            preparations,
            "The Group agreed that the main themes of the fourth meeting would be kept as the basis of the "
            "programme.",
        ),
        (5, "5", preparations, "It was decided that the Group would meet again in May."),
    ]
    footnotes = [
        (item.position, f.mark, f.text, f.urls, f.offset) for item in report.items for f in item.footnotes
    ]
    assert footnotes == [
        (
            2,
            "1",
            "Synthesis of the written contributions, February 2010: "
            "https://www.intgovforum.org/cms/2010/synthesis",
            ["https://www.intgovforum.org/cms/2010/synthesis"],
            len(
                "Members looked back on the fourth annual meeting and on the written contributions received "
                "since then"
            ),
        )
    ]
    assert decisions(report) == [
        (
            4,
            "decision",
            "The Group agreed that the main themes of the fourth meeting would be kept as the basis of the "
            "programme.",
        ),
        (5, "decision", "It was decided that the Group would meet again in May."),
    ]
    assert report.schedule is None
    assert report.warnings == []


def test_pdf_page_headers_shape_drops_the_running_title_and_joins_broken_words():
    report = parse("mag-virtual-meeting-xiv-2015-11-04.docx")

    assert report.meeting == ParsedMeeting(
        title="MAG Virtual Meeting XIV",
        kind="virtual",
        number=14,
        date=D(2015, 11, 4),
        end_date=None,
        chair="Mr. Jānis Kārkliņš",
        recording_url="",
        cycle_year=2015,
    )
    assert items(report) == [
        (
            1,
            "1",
            "",
            "The fourteenth virtual meeting of the MAG took place on 4 November 2015 by WebEx and was "
            "chaired "
            "by Mr. Jānis Kārkliņš. The meeting reviewed the preparations for the annual meeting in João "
            "Pessoa.",
        ),
        (
            2,
            "2",
            "",
            "The Secretariat reported that the host country agreement had been signed and that the "
            "multi-stakeholder consultations on the programme had been concluded.",
        ),
        (
            3,
            "3",
            "",
            "It was agreed that the MAG would hold one more virtual meeting before the annual meeting.",
        ),
        (
            4,
            "4",
            "",
            "Members asked for the list of remote hubs and for the follow-up of the workshop evaluation to "
            "be "
            "sent before the next meeting.",
        ),
    ]
    assert decisions(report) == [
        (
            3,
            "decision",
            "It was agreed that the MAG would hold one more virtual meeting before the annual meeting.",
        ),
    ]
    assert report.schedule is None
    assert report.warnings == [
        "the line 'Page 1 of 2' looks like a page number and was not imported",
        "the line 'MAG Virtual Meeting XIV – Summary Report' repeats the report's heading (a page header or "
        "footer) and was not imported",
        "the line 'Page 2 of 2' looks like a page number and was not imported",
    ]


def test_web_action_items_shape_makes_each_listed_point_a_decision_or_an_action():
    report = parse("mag-virtual-meeting-2017-08-08.docx")

    assert report.meeting == ParsedMeeting(
        title="Summary of the MAG Virtual Meeting",
        kind="virtual",
        number=None,
        date=D(2017, 8, 8),
        end_date=None,
        chair="Ms. Lynn St. Amour",
        recording_url="",
        cycle_year=2017,
    )
    assert items(report) == [
        (
            1,
            "",
            "",
            "The MAG held its regular virtual meeting to take stock of the preparations for the annual "
            "meeting. "
            "About thirty members joined the call.",
        ),
        (
            2,
            "",
            "",
            "The Secretariat gave an update on registration, which now stands above 1,200 participants, and "
            "on the visa letters sent so far.",
        ),
        (
            3,
            "",
            "Main sessions",
            "Facilitators of the main sessions reported on their speakers. Several sessions still lack "
            "speakers from governments.",
        ),
        (4, "", "Decisions:", "Main session descriptions approved as circulated."),
        (5, "", "Decisions:", "It was agreed that each main session will have a remote moderator."),
        (6, "", "Action items:", "Secretariat to circulate the revised main session template by 15 August."),
        (7, "", "Action items:", "Main session facilitators to send their speaker lists to the MAG."),
        (8, "", "Action items:", "Next call: 22 August 2017"),
    ]
    assert decisions(report) == [
        (4, "decision", "Main session descriptions approved as circulated."),
        (5, "decision", "It was agreed that each main session will have a remote moderator."),
        (6, "action", "Secretariat to circulate the revised main session template by 15 August."),
        (7, "action", "Main session facilitators to send their speaker lists to the MAG."),
    ]
    assert report.schedule is None
    assert report.warnings == [
        "the line 'Share this page' looks like the web page's navigation and was not imported",
        "no numbered paragraph: the report's 8 paragraphs were imported as unnumbered agenda items, in order",
    ]


def test_actions_table_shape_keeps_lettered_points_and_gives_an_action_per_row():
    report = parse("mag-virtual-meeting-3-2019-02-20.docx")

    assert report.meeting == ParsedMeeting(
        title="IGF 2019 MAG Virtual Meeting No. 3",
        kind="virtual",
        number=3,
        date=D(2019, 2, 20),
        end_date=None,
        chair="Ms. Lynn St. Amour",
        recording_url="",
        cycle_year=2019,
    )
    discussions, actions = "Summary of the discussions", "Action items"
    assert items(report) == [
        # The agenda's lines are one item, so the body's numbers are not given twice.
        (
            1,
            "",
            "Agenda",
            "1. Welcome and adoption of the agenda\n\n2. Call for workshop proposals\n\n"
            "3. Any other business",
        ),
        (
            2,
            "1",
            discussions,
            "The MAG Chair, Ms. Lynn St. Amour, opened the meeting and welcomed members to the WebEx call.",
        ),
        (
            3,
            "2",
            discussions,
            "The Secretariat presented the draft call for workshop proposals. Members commented on:\n\n"
            "(a) the themes of the programme;\n\n(b) the place of first-time proposers.",
        ),
        (4, "3", discussions, "The MAG approved the call with these changes."),
        (5, "", actions, "Circulate the final text of the call (Owner: Secretariat; Deadline: 22 February)"),
        (
            6,
            "",
            actions,
            "Translate the call into the six UN languages (Owner: Secretariat; Deadline: 1 March)",
        ),
        (7, "", actions, "Promote the call in the regions (Owner: MAG members; Deadline: Ongoing)"),
    ]
    assert decisions(report) == [
        (4, "decision", "The MAG approved the call with these changes."),
        (5, "action", "Circulate the final text of the call (Owner: Secretariat; Deadline: 22 February)"),
        (6, "action", "Translate the call into the six UN languages (Owner: Secretariat; Deadline: 1 March)"),
        (7, "action", "Promote the call in the regions (Owner: MAG members; Deadline: Ongoing)"),
    ]
    assert report.schedule is None
    assert report.warnings == []


def test_two_day_minutes_shape_nests_sessions_under_days_and_titles_under_sessions():
    report = parse("mag-meeting-berlin-2019-05-08.docx")

    assert report.meeting == ParsedMeeting(
        title="Third MAG Meeting of the 2019 Cycle",
        kind="face_to_face",
        number=3,
        date=D(2019, 5, 8),
        end_date=D(2019, 5, 9),
        chair="Ms. Lynn St. Amour and Mr. Jan Weber",
        recording_url="",
        cycle_year=2019,
    )
    day_1, day_2 = "Day 1 – Wednesday, 8 May", "Day 2 – Thursday, 9 May"
    assert items(report) == [
        (
            1,
            "1",
            f"{day_1} – Morning session – Welcome",
            "The co-chairs welcomed members and observers to Berlin.",
        ),
        (
            2,
            "2",
            f"{day_1} – Morning session – Host country briefing",
            "The host country presented the venue and the arrangements for visas.",
        ),
        (
            3,
            "3",
            f"{day_1} – Afternoon session – Workshop evaluation",
            "The MAG reviewed the results of the evaluation of workshop proposals.\n\n"
            "It was agreed that 70 workshops would be accepted and 15 merged.",
        ),
        (4, "1", f"{day_2} – Main sessions", "The MAG agreed on eight main sessions for the annual meeting."),
        (
            5,
            "2",
            f"{day_2} – Any other business",
            "There was no other business. The co-chairs closed the meeting.",
        ),
    ]
    assert decisions(report) == [
        (3, "decision", "It was agreed that 70 workshops would be accepted and 15 merged."),
        (4, "decision", "The MAG agreed on eight main sessions for the annual meeting."),
    ]
    assert report.schedule is None
    assert report.warnings == []


@pytest.mark.django_db
def test_actions_table_shape_saves_each_row_as_an_item_with_its_action(settings, tmp_path):
    from meetings.importer.services import import_report
    from meetings.models import Decision

    settings.MEDIA_ROOT = tmp_path
    data = (SHAPES / "mag-virtual-meeting-3-2019-02-20.docx").read_bytes()
    meeting = import_report(data, source_name="mag-virtual-meeting-3.docx").meeting

    saved = list(meeting.items.order_by("position").values_list("position", "number", "section"))
    assert saved[4:] == [(5, "", "Action items"), (6, "", "Action items"), (7, "", "Action items")]
    assert list(
        Decision.objects.filter(agenda_item__meeting=meeting)
        .order_by("agenda_item__position")
        .values_list("agenda_item__position", "kind")
    ) == [(4, "decision"), (5, "action"), (6, "action"), (7, "action")]


def test_web_action_items_shape_reads_each_listed_action_owner_and_due_date():
    report = parse("mag-virtual-meeting-2017-08-08.docx")

    assert [
        (item.position, decision.owner, decision.due_date)
        for item in report.items
        for decision in item.decisions
        if decision.kind == "action"
    ] == [(6, "Secretariat", D(2017, 8, 15)), (7, "Main session facilitators", None)]


def test_actions_table_shape_reads_each_row_owner_and_deadline():
    report = parse("mag-virtual-meeting-3-2019-02-20.docx")

    assert [
        (item.position, decision.owner, decision.due, decision.due_date)
        for item in report.items
        for decision in item.decisions
        if decision.kind == "action"
    ] == [
        (5, "Secretariat", "22 February", D(2019, 2, 22)),
        (6, "Secretariat", "1 March", D(2019, 3, 1)),
        (7, "MAG members", "Ongoing", None),  # a deadline that is no date is kept as written only
    ]


def test_pdf_printed_lines_shape_runs_cut_lines_on_and_reads_the_listed_decisions():
    report = parse("advisory-group-baku-2012-02-14.docx")

    assert report.meeting == ParsedMeeting(
        title="Advisory Group Meeting",
        kind="face_to_face",
        number=None,
        date=D(2012, 2, 14),
        end_date=D(2012, 2, 16),
        chair="Ms. Alice Munyua",
        recording_url="",
        cycle_year=2012,
    )
    assert items(report) == [
        (
            1,
            "1",
            "",
            "The Advisory Group met in Baku at the invitation of the Government of Azerbaijan. The meeting "
            "was chaired by Ms. Alice Munyua and opened by the Minister of Communications, who welcomed the "
            "members to Baku and presented the venue of the seventh meeting of the IGF.",
        ),
        (
            2,
            "2",
            "",
            "The Group reviewed the preparations for the annual meeting. The host country informed the Group "
            "that the venue had been confirmed and that the IGF website would carry information on hotels "
            "and visas from March 2012.",
        ),
        (
            3,
            "3",
            "",
            "The following decisions were taken:\n\na. The main theme of the 2011 meeting will be kept for "
            "the seventh meeting.\n\nb. Each main session will have a remote moderator.",
        ),
        (4, "4", "", "The Secretariat will circulate the logistics note to the Group by Friday."),
    ]
    assert decisions(report) == [
        (3, "decision", "a. The main theme of the 2011 meeting will be kept for the seventh meeting."),
        (3, "decision", "b. Each main session will have a remote moderator."),
        (4, "action", "The Secretariat will circulate the logistics note to the Group by Friday."),
    ]
    action = report.items[3].decisions[0]
    assert (action.owner, action.due, action.due_date) == ("Secretariat", "Friday", D(2012, 2, 17))
    assert report.schedule is None
    assert report.warnings == [
        "the line '1' looks like a page number and was not imported",
        "the line 'Internet Governance Forum – Advisory Group – Draft' repeats the report's heading (a page "
        "header or footer) and was not imported",
        "the line 'www.intgovforum.org' looks like a page footer (a web address alone) and was not imported",
    ]

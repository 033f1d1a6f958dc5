"""Each report shape of fixtures/reports/shapes/ read, interpreted and compared as a whole."""

import datetime
import importlib.util
import sys
from pathlib import Path

import pytest

from meetings.importer.report import ParsedMeeting
from meetings.importer.services import parse_report

SHAPES = Path(__file__).resolve().parents[3] / "fixtures" / "reports" / "shapes"
BUILDERS = sorted(SHAPES.glob("build_*.py"))


def parse(name: str):
    return parse_report((SHAPES / name).read_bytes())


def items(report):
    return [(item.position, item.number, item.section, item.text) for item in report.items]


def decisions(report):
    return [
        (item.position, decision.kind, decision.text) for item in report.items for decision in item.decisions
    ]


def slots(report):
    return [
        (slot.date.day, f"{slot.start:%H:%M}", f"{slot.end:%H:%M}", slot.title, slot.minutes)
        for slot in report.schedule.slots
    ]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda path: path.stem)
def test_shape_builder_rebuilds_the_committed_file_byte_for_byte(builder, tmp_path, monkeypatch):
    sys.path.insert(0, str(SHAPES))
    try:
        spec = importlib.util.spec_from_file_location(builder.stem, builder)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        committed = (SHAPES / module.NAME).read_bytes()
        import word

        monkeypatch.setattr(word, "HERE", tmp_path)
        rebuilt = module.build().read_bytes()
    finally:
        sys.path.remove(str(SHAPES))
    assert rebuilt == committed


EXECUTIVE = "Executive Summary – Announcements, Decisions Taken and Next Steps"
DISCUSSIONS = "Summary of Discussions"


def test_executive_summary_shape_keeps_the_bullets_before_paragraph_1_as_items():
    report = parse("mag-virtual-meeting-xxi-2018-08-08.docx")

    assert report.meeting == ParsedMeeting(
        title="IGF Multistakeholder Advisory Group (MAG) Virtual Meeting - XXI",
        kind="virtual",
        number=21,
        date=datetime.date(2018, 8, 8),
        end_date=None,
        chair="Mr. Arsène Tungali",
        recording_url="",
        cycle_year=2018,
        # "The next virtual meeting of the MAG will take place on 22 August 2018."
        next_meeting=datetime.date(2018, 8, 22),
    )
    assert items(report) == [
        (1, "", EXECUTIVE, "The MAG agreed to open the call for workshop proposals on 20 August."),
        (
            2,
            "",
            EXECUTIVE,
            "The Secretariat will circulate the draft programme outline to the MAG by 24 August.",
        ),
        (3, "", EXECUTIVE, "MAG members are invited to volunteer as facilitators of the main sessions."),
        (
            4,
            "1",
            DISCUSSIONS,
            "The twenty-first virtual meeting of the MAG in the 2018 IGF preparatory cycle was held online "
            "on 8 August 2018. Mr. Arsène Tungali chaired the meeting on behalf of the MAG Chair.",
        ),
        (
            5,
            "2",
            DISCUSSIONS,
            "The Secretariat reported on the logistics of the annual meeting. Registration for the annual "
            "meeting opened last week and more than 900 participants have registered so far.",
        ),
        (
            6,
            "3",
            DISCUSSIONS,
            "MAG members discussed the criteria for evaluating workshop proposals. It was agreed that the "
            "evaluation criteria will be the same as in the previous cycle.",
        ),
        (7, "4", DISCUSSIONS, "The next virtual meeting of the MAG will take place on 22 August 2018."),
    ]
    assert decisions(report) == [
        (1, "decision", "The MAG agreed to open the call for workshop proposals on 20 August."),
        (2, "action", "The Secretariat will circulate the draft programme outline to the MAG by 24 August."),
        (3, "action", "MAG members are invited to volunteer as facilitators of the main sessions."),
        (
            6,
            "decision",
            "It was agreed that the evaluation criteria will be the same as in the previous cycle.",
        ),
    ]
    assert report.schedule is None
    assert report.warnings == []


def test_web_summary_shape_without_numbers_is_imported_as_unnumbered_items_with_a_warning():
    report = parse("mag-issue-specific-call-2013-04-17.docx")

    assert report.meeting == ParsedMeeting(
        title="Summary of the MAG Issue-Specific Call on Remote Participation",
        kind="topical",
        number=None,
        date=datetime.date(2013, 4, 17),
        end_date=None,
        chair="",
        recording_url="",
        cycle_year=2013,
    )
    assert items(report) == [
        (
            1,
            "",
            "",
            "The MAG held an issue-specific call on remote participation at the annual meeting. "
            "Twenty-three MAG members and observers joined the call.",
        ),
        (
            2,
            "",
            "Remote hubs",
            "Participants reviewed the list of remote hubs registered so far. The Secretariat will publish "
            "the list of hubs on the website by the end of April.",
        ),
        (
            3,
            "",
            "Remote hubs",
            "Several members noted that hubs in small island states need better connectivity support.",
        ),
        (
            4,
            "",
            "Captioning",
            "It was agreed that all main sessions will be captioned in real time, and that transcripts will "
            "be posted within a day.",
        ),
    ]
    assert decisions(report) == [
        (2, "action", "The Secretariat will publish the list of hubs on the website by the end of April."),
        (
            4,
            "decision",
            "It was agreed that all main sessions will be captioned in real time, and that transcripts will "
            "be posted within a day.",
        ),
    ]
    assert report.warnings == [
        "no numbered paragraph: the report's 4 paragraphs were imported as unnumbered agenda items, in order"
    ]


def test_pdf_conversion_shape_joins_each_lone_number_to_its_paragraph_and_names_the_page_number():
    report = parse("mag-virtual-meeting-6-2015-05-05.docx")

    assert report.meeting == ParsedMeeting(
        title="Multistakeholder Advisory Group (MAG) Virtual Meeting 6",
        kind="virtual",
        number=6,
        date=datetime.date(2015, 5, 5),
        end_date=None,
        chair="",
        recording_url="",
        cycle_year=2015,
    )
    assert items(report) == [
        (
            1,
            "1",
            "",
            "The sixth virtual meeting of the MAG of the 2015 cycle took place on 5 May 2015 by WebEx. "
            "The Chair opened the meeting and welcomed new MAG members.",
        ),
        (
            2,
            "2",
            "",
            "The Secretariat presented the timeline for the evaluation of workshop proposals. MAG members "
            "asked for more time to complete their evaluations.",
        ),
        (3, "3", "", "It was agreed that the evaluation period will be extended by one week."),
        (4, "4", "", "The MAG will meet again on 19 May 2015."),
    ]
    assert decisions(report) == [
        (3, "decision", "It was agreed that the evaluation period will be extended by one week."),
    ]
    assert report.warnings == ["the line '2' looks like a page number and was not imported"]


def test_face_to_face_shape_restarts_numbering_on_day_2_and_reads_two_session_cells():
    report = parse("mag-meeting-geneva-2017-06-13.docx")

    assert report.meeting == ParsedMeeting(
        title="Second MAG Meeting of the 2017 Cycle",
        kind="face_to_face",
        number=2,
        date=datetime.date(2017, 6, 13),
        end_date=datetime.date(2017, 6, 14),
        chair="",
        recording_url="",
        cycle_year=2017,
    )
    day_1, day_2 = "Day 1 – Tuesday, 13 June", "Day 2 – Wednesday, 14 June"
    assert items(report) == [
        (
            1,
            "1",
            day_1,
            "The second MAG meeting of the 2017 IGF preparatory cycle was held at the Palais des Nations in "
            "Geneva on 13 and 14 June, after the Open Consultations. The Chair welcomed participants in the "
            "room and those following remotely.",
        ),
        (
            2,
            "2",
            day_1,
            "The host country briefed the meeting on the venue and on visa arrangements for participants.",
        ),
        (3, "3", day_1, "The MAG agreed to hold eight main sessions at the annual meeting."),
        (4, "1", day_2, "The second day opened with a review of the workshop proposals accepted so far."),
        (5, "2", day_2, "It was agreed that the MAG will finalise the main session titles by 30 June."),
    ]
    assert decisions(report) == [
        (3, "decision", "The MAG agreed to hold eight main sessions at the annual meeting."),
        (5, "decision", "It was agreed that the MAG will finalise the main session titles by 30 June."),
    ]
    schedule = report.schedule
    assert (schedule.title, schedule.venue, schedule.time_zone, schedule.start_date, schedule.end_date) == (
        "2017 IGF Main Session Schedule",
        "Geneva",
        "Europe/Zurich",
        datetime.date(2017, 12, 18),
        datetime.date(2017, 12, 21),
    )
    assert slots(report) == [
        (18, "10:00", "10:30", "Opening Ceremony", 30),
        (18, "10:30", "13:00", "Opening Session", 150),
        (18, "15:00", "18:00", "Emerging Technologies", 180),
        (19, "10:00", "13:00", "Digital Inclusion", 180),
        (19, "15:00", "16:30", "NRIs Collaborative Session", 90),
        (20, "10:00", "11:30", "Cybersecurity", 90),
        (20, "11:30", "13:00", "Gender and Access", 90),
        (20, "15:00", "16:00", "Taking Stock", 60),
        (20, "16:00", "17:00", "Open Microphone", 60),
        (21, "10:00", "11:30", "Sustainable Development", 90),
        (21, "11:30", "13:00", "Human Rights Online", 90),
        (21, "16:30", "18:00", "Closing Ceremony", 90),
    ]
    assert report.warnings == []


@pytest.mark.django_db
def test_web_summary_shape_published_page_shows_unnumbered_items_with_their_anchors(
    client, settings, tmp_path
):
    from meetings.importer.services import import_report

    settings.MEDIA_ROOT = tmp_path
    data = (SHAPES / "mag-issue-specific-call-2013-04-17.docx").read_bytes()
    meeting = import_report(data, source_name="call.docx", publish=True).meeting

    response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert [item.anchor for item in meeting.items.order_by("position")] == [f"item-{n}" for n in (1, 2, 3, 4)]
    for position in (1, 2, 3, 4):
        assert f'id="item-{position}"' in page
        assert f'href="#item-{position}" aria-label="Paragraph {position}">¶</a>' in page
    assert page.count('<h3 class="section-heading">') == 2

"""What a report's text says about sessions, citations, announcements and the grid's approval."""

import datetime

import pytest

from meetings.importer.interpret import interpret_document
from meetings.importer.provenance import (
    check_decisions_against_grid,
    read_announcements,
    read_citation,
    schedule_is_approved,
)
from meetings.importer.report import Announcement, Citation, ParsedDecision
from meetings.models import Meeting
from tests.meetings.importer.documents import seed_document
from tests.seed_2016 import (
    ITEM_9,
    NRIS,
    SEED_GRID,
    SHAPING,
    TRADE,
    seed_report,
)


def test_check_decisions_against_grid_is_silent_on_the_seed():
    assert check_decisions_against_grid(seed_report()) == []


def test_check_decisions_against_grid_warns_when_the_grid_shortens_a_decided_duration():
    grid = [(8, "16:30", "17:30", TRADE, False, "") if row[3] == TRADE else row for row in SEED_GRID]
    assert check_decisions_against_grid(seed_report(grid)) == [
        "Paragraph 5: a decision gives “Trade Agreements and the Internet” 90 minutes "
        "but the grid gives it 1 hour."
    ]


def test_check_decisions_against_grid_warns_when_the_grid_keeps_a_moved_session_elsewhere():
    grid = [(8, "15:00", "18:00", NRIS, False, "") if row[3] == NRIS else row for row in SEED_GRID]
    assert check_decisions_against_grid(seed_report(grid)) == [
        "Paragraph 5: a decision puts “National and Regional IGFs (NRIs)” on Day 2 afternoon "
        "but the grid has it on Day 3 afternoon."
    ]


def test_check_decisions_against_grid_totals_a_session_over_its_slots_on_the_decided_day():
    grid = [row for row in SEED_GRID if not (row[3] == SHAPING and row[4])]
    assert check_decisions_against_grid(seed_report(grid)) == [
        "Paragraph 5: a decision gives “Shaping the Future of Internet Governance” 2 hours on Day 4 "
        "but the grid gives it 90 minutes."
    ]


def test_check_decisions_against_grid_is_silent_without_a_grid():
    report = seed_report()
    report.schedule = None
    assert check_decisions_against_grid(report) == []


def test_read_announcements_takes_the_year_from_the_cycle():
    found = read_announcements(ITEM_9, year=2016, after=datetime.date(2016, 8, 30))
    assert [(a.title, a.date) for a in found] == [
        (
            "Issue-specific MAG Virtual Meeting on Intersessional Activities and NRIs",
            datetime.date(2016, 9, 13),
        )
    ]


def test_read_announcements_reads_a_next_meeting_on_a_month_day_date():
    found = read_announcements("The next MAG meeting is scheduled for November 2.", year=2016)
    assert [(a.title, a.date) for a in found] == [("MAG meeting", datetime.date(2016, 11, 2))]


def test_check_decisions_against_grid_reads_the_last_day_and_a_block():
    report = seed_report()
    text = "The ‘Shaping the Future of Internet Governance’ session would move to the last day."
    report.items[1].decisions = [ParsedDecision("decision", text)]
    assert check_decisions_against_grid(report) == []
    moved = text.replace("the last day", "the afternoon of Day 3")
    report.items[1].decisions = [ParsedDecision("decision", moved)]
    assert check_decisions_against_grid(report) == [
        "Paragraph 5: a decision puts “Shaping the Future of Internet Governance” on Day 3 afternoon "
        "but the grid has it on Day 4 morning, Day 4 afternoon."
    ]


def test_schedule_is_approved_for_the_seed_report():
    assert schedule_is_approved(seed_report()) is True


def test_schedule_is_approved_ignores_the_virtual_meeting_schedule():
    report = seed_report()
    for item in report.items:
        item.decisions = [d for d in item.decisions if "main session schedule was approved" not in d.text]
    assert schedule_is_approved(report) is False


def test_schedule_is_approved_reads_approved_before_schedule():
    report = seed_report()
    report.items = [report.items[0]]
    report.items[0].decisions = [
        ParsedDecision("decision", "The MAG approved the revised main session schedule.")
    ]
    assert schedule_is_approved(report) is True


def test_interpret_document_states_what_the_seed_report_says_beyond_its_rows():
    report = interpret_document(seed_document())
    items = {item.position: item for item in report.items}

    assert report.schedule_approved is True
    assert [decision.sessions for decision in items[5].decisions] == [[TRADE], [NRIS, SHAPING]]
    assert [footnote.citation for footnote in items[1].footnotes] == [
        Citation(
            "2nd IGF Open Consultations and MAG Meeting 12-14 July",
            datetime.date(2016, 7, 12),
            2,
            "open_consultations",
        ),
        Citation(
            "MAG Virtual Meeting on Main Session Planning 24 August",
            datetime.date(2016, 8, 24),
            None,
            "virtual",
        ),
    ]
    assert items[10].announcements == [
        Announcement(
            "Issue-specific MAG Virtual Meeting on Intersessional Activities and NRIs",
            datetime.date(2016, 9, 13),
        )
    ]
    assert [item.position for item in report.items if item.announcements] == [10]


def test_read_citation_kinds_are_meeting_kinds():
    kinds = {
        read_citation(text, year=2016).kind
        for text in (
            "2nd IGF Open Consultations and MAG Meeting 12-14 July",
            "MAG face-to-face meeting 3 May",
            "Topical meeting 4 May",
            "Virtual MAG Meeting 5 May",
        )
    }
    assert kinds == set(Meeting.Kind.values) - {Meeting.Kind.OTHER}


def test_read_citation_reads_a_roman_meeting_number_beyond_ten():
    assert read_citation("Summary report of the MAG virtual meeting XII", year=2016).number == 12


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A place between the verb and the date, and a meeting of several days: its first day.
        (
            "The next meeting of the MAG will take place in Paris on 23 and 24 May 2012, hosted by UNESCO.",
            ("Meeting of the MAG", datetime.date(2012, 5, 23)),
        ),
        (
            "The next meeting will be held in Geneva from 12 to 14 June.",
            ("Meeting", datetime.date(2012, 6, 12)),
        ),
        (
            "The third open consultations and MAG meeting will take place in Geneva, 10-12 July 2013.",
            ("Third open consultations and MAG meeting", datetime.date(2013, 7, 10)),
        ),
        (
            "The next MAG Meeting will be held at the Palais des Nations in Geneva on Tuesday, 3 July.",
            ("MAG Meeting", datetime.date(2012, 7, 3)),
        ),
        ("The next call will be on 3 June at 13:00 UTC.", ("Call", datetime.date(2012, 6, 3))),
    ],
)
def test_read_announcements_with_a_place_and_days(sentence, expected):
    found = read_announcements(sentence, year=2012)

    assert [(a.title, a.date) for a in found] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The meeting will be chaired by Ms. Lynn St. Amour on 3 June.",
        "The call will be recorded and shared on 4 June.",
    ],
)
def test_read_announcements_not_what_will_be_done_at_a_meeting(sentence):
    assert read_announcements(sentence, year=2012) == []

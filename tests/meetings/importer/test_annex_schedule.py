import datetime

import pytest

from meetings.importer.annex_schedule import day_heading, read_grid, read_schedule, time_zone_for
from meetings.importer.document import Paragraph
from meetings.importer.interpret import interpret_document
from meetings.importer.services import parse_report
from tests.meetings.importer.documents import DocumentBuilder, cell, seed_document
from tests.meetings.importer.grid_docx import across, down, grid_report

D = datetime.date
T = datetime.time


def slot_rows(slots):
    return [
        (
            slot.date.day,
            f"{slot.start:%H:%M}",
            f"{slot.end:%H:%M}",
            slot.title,
            slot.minutes,
            slot.continued,
            slot.note,
        )
        for slot in slots
    ]


def test_read_schedule_seed_heading_and_venue():
    schedule = interpret_document(seed_document()).schedule

    assert (schedule.title, schedule.event, schedule.theme, schedule.venue, schedule.time_zone) == (
        "2016 IGF Main Session Schedule",
        "The 2016 Internet Governance Forum (IGF)",
        "Enabling Inclusive and Sustainable Growth",
        "Guadalajara, Mexico",
        "America/Mexico_City",
    )
    assert (schedule.start_date, schedule.end_date) == (
        datetime.date(2016, 12, 6),
        datetime.date(2016, 12, 9),
    )


def test_read_schedule_seed_fourteen_slots_exactly_placed():
    report = interpret_document(seed_document())

    assert slot_rows(report.schedule.slots) == [
        (
            6,
            "10:00",
            "13:00",
            "Assessing the Role of Internet Governance in the Sustainable Development Goals (SDGs)",
            180,
            False,
            "",
        ),
        (6, "15:00", "16:00", "Setting the Scene: Newcomers Orientation", 60, False, ""),
        (6, "16:00", "16:30", "11th IGF - Opening Ceremony", 30, False, ""),
        (6, "16:30", "18:00", "High-Level Opening Session", 90, False, ""),
        (7, "10:00", "13:00", "Sustainable Development, Internet and Inclusive Growth", 180, False, ""),
        (7, "15:00", "18:00", "National and Regional IGFs (NRIs)", 180, False, ""),
        (8, "10:00", "13:00", "Human Rights: Broadening the Conversation", 180, False, ""),
        (8, "15:00", "16:30", "IGF Dynamic Coalitions (DCs)", 90, False, ""),
        (8, "16:30", "18:00", "Trade Agreements and the Internet", 90, False, ""),
        (
            9,
            "10:00",
            "11:30",
            "IGF Best Practice Forums (BPFs) and Policy Options for Connecting the Next Billion(s)",
            90,
            False,
            "",
        ),
        (9, "11:30", "13:00", "Shaping the Future of Internet Governance", 90, False, ""),
        (9, "15:00", "15:30", "Shaping the Future of Internet Governance", 30, True, "Youth Open Mic"),
        (
            9,
            "15:30",
            "17:00",
            "Taking Stock : Emerging Issues - Future of the IGF and IGF Retreat Consultation",
            90,
            False,
            "",
        ),
        (9, "17:00", "18:00", "11th IGF Closing Ceremony", 60, False, ""),
    ]
    assert len({slot.title for slot in report.schedule.slots}) == 13
    assert report.warnings == []


def separate_header_grid():
    """Days in row 0, times in column 0, a vMerged time cell and a gridSpan session."""
    builder = DocumentBuilder()
    builder.paragraph("Annex I")
    builder.paragraph("2019 IGF Main Session Schedule")
    builder.paragraph("The 2019 Internet Governance Forum (IGF): “One World. One Net. One Vision.”")
    builder.paragraph("25-29 November 2019, Berlin, Germany")
    builder.table(
        [
            [cell(0, 0, "Time"), cell(0, 1, "Day 1 – 26 November"), cell(0, 2, "Day 2 – 27 November")],
            [
                cell(1, 0, "10:00–11:30"),
                cell(1, 1, "Opening Ceremony (1.5 hours)"),
                cell(1, 2, "Data Governance", "(1 hour)", "Newcomers Track (30 min)"),
            ],
            [
                cell(2, 0, "15:00 - 18:00", row_span=2),
                cell(2, 1, "Security, Safety, Stability and Resilience (3 hours)", row_span=2),
                cell(2, 2, "Digital Inclusion (90 minutes)"),
            ],
            [cell(3, 2, "(Cont’d) Digital Inclusion (90 minutes)")],
        ]
    )
    return builder.blocks


def test_read_schedule_separate_header_row_and_merged_cells():
    warnings = []

    schedule = read_schedule(separate_header_grid()[1:], default_year=2019, warnings=warnings)

    assert (schedule.venue, schedule.time_zone, schedule.theme) == (
        "Berlin, Germany",
        "Europe/Berlin",
        "One World. One Net. One Vision.",
    )
    assert slot_rows(schedule.slots) == [
        (26, "10:00", "11:30", "Opening Ceremony", 90, False, ""),
        (26, "15:00", "18:00", "Security, Safety, Stability and Resilience", 180, False, ""),
        (27, "10:00", "11:00", "Data Governance", 60, False, ""),
        (27, "11:00", "11:30", "Newcomers Track", 30, False, ""),
        (27, "15:00", "16:30", "Digital Inclusion", 90, False, ""),
        (27, "16:30", "18:00", "Digital Inclusion", 90, True, ""),
    ]
    assert warnings == []


def test_read_schedule_venue_and_dates_on_the_annex_heading_line():
    builder = DocumentBuilder()
    builder.paragraph("Annex II: IGF 2018 main sessions, Paris (12–14 November 2018)")
    builder.table(
        [
            [cell(0, 0, "Time"), cell(0, 1, "Monday 12 November"), cell(0, 2, "Tuesday 13 November")],
            [cell(1, 0, "09:30 – 11:00"), cell(1, 1, "Opening Ceremony"), cell(1, 2, "Main session: Gender")],
        ]
    )
    warnings = []

    schedule = read_schedule(builder.blocks, default_year=2018, warnings=warnings)

    assert (schedule.venue, schedule.time_zone, schedule.start_date, schedule.end_date) == (
        "Paris",
        "Europe/Paris",
        datetime.date(2018, 11, 12),
        datetime.date(2018, 11, 14),
    )
    assert slot_rows(schedule.slots) == [
        (12, "09:30", "11:00", "Opening Ceremony", 90, False, ""),
        (13, "09:30", "11:00", "Main session: Gender", 90, False, ""),
    ]
    assert warnings == []


def test_read_schedule_session_spanning_two_days():
    builder = DocumentBuilder()
    builder.paragraph("1-2 June 2020, Paris, France")
    builder.table(
        [
            [cell(0, 0, "Time"), cell(0, 1, "Day 1 – 1 June"), cell(0, 2, "Day 2 – 2 June")],
            [cell(1, 0, "09:00 – 10:00"), cell(1, 1, "Hackathon (1 hour)", col_span=2)],
        ]
    )
    warnings = []

    schedule = read_schedule(builder.blocks, default_year=None, warnings=warnings)

    assert slot_rows(schedule.slots) == [
        (1, "09:00", "10:00", "Hackathon", 60, False, ""),
        (2, "09:00", "10:00", "Hackathon", 60, False, ""),
    ]
    assert (schedule.time_zone, warnings) == ("Europe/Paris", [])


def grid(*rows):
    builder = DocumentBuilder()
    return builder.table([list(row) for row in rows])


def test_read_grid_underfilled_block_is_a_warning():
    table = grid(
        [cell(0, 0, "Time", "10:00 – 13:00"), cell(0, 1, "Day 1 – 6 December", "Human Rights (90 minutes)")],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [(6, "10:00", "11:30", "Human Rights", 90, False, "")]
    assert warnings == [
        "schedule: Day 1 – 6 December, 10:00–13:00: the sessions last 90 minutes but the block is 180"
    ]


def test_read_grid_overfull_block_is_a_warning_and_not_placed():
    table = grid(
        [cell(0, 0, "10:00 – 11:00"), cell(0, 1, "6 December", "A (1 hour)", "B (30 minutes)")],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [(6, "10:00", "11:00", "A", 60, False, "")]
    assert warnings == [
        "schedule: 6 December, 10:00–11:00: 'B' (30 minutes) runs past the end of the block; not placed"
    ]


def test_read_grid_unreadable_duration_is_a_warning():
    table = grid(
        [
            cell(0, 0, "10:00 – 11:00"),
            cell(0, 1, "Day 1 – 6 December", "Human Rights", "________", "Youth (60 minutes)"),
        ],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [(6, "10:00", "11:00", "Youth", 60, False, "")]
    assert warnings == [
        "schedule: Day 1 – 6 December, 10:00–11:00: the duration of 'Human Rights' cannot be read"
    ]


def test_read_grid_cell_outside_any_block_is_a_warning():
    table = grid(
        [cell(0, 0, "Time"), cell(0, 1, "Day 1 – 6 December", "Orphan session (1 hour)")],
        [cell(1, 0, "10:00 – 11:00"), cell(1, 1, "Placed (1 hour)")],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [(6, "10:00", "11:00", "Placed", 60, False, "")]
    assert warnings == ["schedule: the cell at row 1, column 2 ('Orphan session') is in no time block"]


def test_read_grid_day_without_date_is_a_warning():
    table = grid([cell(0, 0, "10:00 – 11:00"), cell(0, 1, "Plenary (1 hour)")])
    warnings = []

    assert read_grid(table, year=2016, start_date=None, warnings=warnings) == []
    assert warnings == ["schedule: the cell at row 1, column 2 ('Plenary') has no day with a date above it"]


def test_read_grid_day_numbers_count_from_the_start_date():
    table = grid([cell(0, 0, "10:00 – 11:00"), cell(0, 1, "Day 3", "Plenary (1 hour)")])
    warnings = []

    slots = read_grid(table, year=2016, start_date=datetime.date(2016, 12, 6), warnings=warnings)

    assert [(slot.date, slot.start) for slot in slots] == [(datetime.date(2016, 12, 8), T(10, 0))]
    assert warnings == []


def test_read_grid_continued_without_earlier_session_is_a_warning():
    table = grid([cell(0, 0, "10:00 – 11:00"), cell(0, 1, "6 December", "(Contd.) Ghost (1 hour)")])
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [(6, "10:00", "11:00", "Ghost", 60, True, "")]
    assert warnings == ["schedule: 'Ghost' is marked (Contd.) but does not appear earlier"]


def test_read_schedule_unknown_venue_warns_and_leaves_time_zone_empty():
    blocks = [
        Paragraph(index=0, text="1-2 June 2030, Atlantis"),
        grid([cell(0, 0, "10:00 – 11:00"), cell(0, 1, "1 June", "Plenary (1 hour)")]),
    ]
    warnings = []

    schedule = read_schedule(blocks, default_year=None, warnings=warnings)

    assert (schedule.venue, schedule.time_zone) == ("Atlantis", "")
    assert warnings == ["schedule: the time zone of 'Atlantis' is not known; set it on the event"]


def test_read_schedule_without_table_is_none():
    assert (
        read_schedule([Paragraph(index=0, text="List of participants")], default_year=2016, warnings=[])
        is None
    )


@pytest.mark.parametrize(
    ("venue", "zone"),
    [
        ("Guadalajara, Mexico", "America/Mexico_City"),
        ("João Pessoa, Brazil", "America/Fortaleza"),
        ("Sharm El Sheikh, Egypt", "Africa/Cairo"),
        ("Kyoto, Japan", "Asia/Tokyo"),
        ("Nowhere", ""),
    ],
)
def test_time_zone_for_known_venues(venue, zone):
    assert time_zone_for(venue) == zone


def test_read_grid_times_column_found_when_every_session_prints_its_own_times():
    table = grid(
        [
            cell(0, 0, "Day 1 – 6 December", "Opening (10:00-10:30)", "Plenary (10:30-12:00)"),
            cell(0, 1, "Day 2 – 7 December", "Workshops (10:00 – 12:00)"),
            cell(0, 2, "10:00 – 12:00"),
        ],
        [
            cell(1, 0, "Closing (15:00-16:00)"),
            cell(1, 1, "Taking Stock (15:00-16:00)"),
            cell(1, 2, "15:00 – 16:00"),
        ],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [
        (6, "10:00", "10:30", "Opening", 30, False, ""),
        (6, "10:30", "12:00", "Plenary", 90, False, ""),
        (6, "15:00", "16:00", "Closing", 60, False, ""),
        (7, "10:00", "12:00", "Workshops", 120, False, ""),
        (7, "15:00", "16:00", "Taking Stock", 60, False, ""),
    ]
    assert warnings == []


def test_read_grid_without_a_row_of_days_takes_the_columns_as_the_events_days():
    table = grid(
        [cell(0, 0, "09:00 – 10:30"), cell(0, 1, "Opening Ceremony"), cell(0, 2, "Cybersecurity (90 min)")],
        [cell(1, 0, "11:00 – 12:30"), cell(1, 1, "Access 1h30"), cell(1, 2, "Closing (1.5 hours)")],
    )
    warnings = []

    slots = read_grid(table, year=2019, start_date=datetime.date(2019, 11, 25), warnings=warnings)

    assert slot_rows(slots) == [
        (25, "09:00", "10:30", "Opening Ceremony", 90, False, ""),
        (25, "11:00", "12:30", "Access", 90, False, ""),
        (26, "09:00", "10:30", "Cybersecurity", 90, False, ""),
        (26, "11:00", "12:30", "Closing", 90, False, ""),
    ]
    assert warnings == []


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("Main Session (90 minutes)", 90),
        ("Main Session 90 min", 90),
        ("Main Session (1h30)", 90),
        ("Main Session 1.5 hours", 90),
        ("Main Session (3 Hours)", 180),
        ("Main Session (1 hour 30 minutes)", 90),
        ("Main Session (two hours)", 120),
    ],
)
def test_read_grid_durations_as_annexes_write_them(text, minutes):
    table = grid([cell(0, 0, "10:00 – 13:00"), cell(0, 1, "Day 1 – 6 December", text)])
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert [(slot.title, slot.minutes) for slot in slots] == [("Main Session", minutes)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Day 1 – 6 December", (True, datetime.date(2016, 12, 6))),
        ("Day 1: Tuesday 6 December", (True, datetime.date(2016, 12, 6))),
        ("Tuesday, 6 December 2016", (True, datetime.date(2016, 12, 6))),
        ("December 7, 2016", (True, datetime.date(2016, 12, 7))),
        ("Thu 8 Dec", (True, datetime.date(2016, 12, 8))),
        ("Day Two", (True, datetime.date(2016, 12, 7))),
        ("Day 4", (True, datetime.date(2016, 12, 9))),
        ("Wednesday", (True, datetime.date(2016, 12, 7))),
        ("Opening Ceremony", (False, None)),
        ("Human Rights (90 minutes)", (False, None)),
        ("11:00 - 12:00", (False, None)),
    ],
)
def test_day_heading_printed_or_counted_from_the_first_day(line, expected):
    assert day_heading(line, year=2016, start_date=datetime.date(2016, 12, 6)) == expected


def test_read_grid_four_days_named_by_weekday_only():
    table = grid(
        [
            cell(0, 0, "Time"),
            *(cell(0, n + 1, day) for n, day in enumerate(["Tuesday", "Wednesday", "Thursday", "Friday"])),
        ],
        [cell(1, 0, "10:00 – 11:00"), *(cell(1, n + 1, f"Session {n + 1} (1 hour)") for n in range(4))],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=datetime.date(2016, 12, 6), warnings=warnings)

    assert [(slot.date.day, slot.title) for slot in slots] == [
        (6, "Session 1"),
        (7, "Session 2"),
        (8, "Session 3"),
        (9, "Session 4"),
    ]
    assert warnings == []


def test_read_grid_times_given_by_their_start_alone_run_to_the_next():
    table = grid(
        [cell(0, 0, "Time"), cell(0, 1, "Day 1 – 6 December")],
        [cell(1, 0, "10:00"), cell(1, 1, "Opening (30 min)", "Plenary (90 min)")],
        [cell(2, 0, "12:00"), cell(2, 1, "Taking Stock")],
    )
    warnings = []

    slots = read_grid(table, year=2016, start_date=None, warnings=warnings)

    assert slot_rows(slots) == [
        (6, "10:00", "10:30", "Opening", 30, False, ""),
        (6, "10:30", "12:00", "Plenary", 90, False, ""),
        (6, "12:00", "14:00", "Taking Stock", 120, False, ""),
    ]
    assert warnings == []


# Grids as real annexes write them: a .docx built with python-docx, read and interpreted whole.

PARIS = ["2018 IGF Main Session Schedule", "12-14 November 2018, Paris, France"]


def imported_grid(data: bytes):
    """The grid a report's annex gives, as slot rows, and the report's warnings."""
    report = parse_report(data)
    schedule = report.schedule
    return (schedule.start_date, schedule.end_date, slot_rows(schedule.slots)), report.warnings


def test_rows_grid_day_time_session_with_a_header_row():
    data = grid_report(
        PARIS,
        [
            ["Day", "Time", "Session"],
            ["Monday 12 November", "09:30 – 11:00", "Opening Ceremony"],
            ["Monday 12 November", "11:00 – 13:00", "Cybersecurity and Trust"],
            ["Tuesday 13 November", "10:00 – 13:00", "Development, Innovation and Economic Issues"],
            ["Wednesday 14 November", "15:00 – 16:30", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:30", "11:00", "Opening Ceremony", 90, False, ""),
                (12, "11:00", "13:00", "Cybersecurity and Trust", 120, False, ""),
                (13, "10:00", "13:00", "Development, Innovation and Economic Issues", 180, False, ""),
                (14, "15:00", "16:30", "Closing Ceremony", 90, False, ""),
            ],
        ),
        [],
    )


def test_rows_grid_date_range_session_room_without_a_header_row():
    data = grid_report(
        PARIS,
        [
            ["12 November 2018", "09:30 – 11:00", "Opening Ceremony", "Main Hall"],
            ["12 November 2018", "11:00 – 13:00", "Cybersecurity and Trust", "Room I"],
            ["13 November 2018", "10:00 – 13:00", "Development, Innovation and Economic Issues", "Main Hall"],
            ["14 November 2018", "15:00 – 16:30", "Closing Ceremony", "Main Hall"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:30", "11:00", "Opening Ceremony", 90, False, "Main Hall"),
                (12, "11:00", "13:00", "Cybersecurity and Trust", 120, False, "Room I"),
                (
                    13,
                    "10:00",
                    "13:00",
                    "Development, Innovation and Economic Issues",
                    180,
                    False,
                    "Main Hall",
                ),
                (14, "15:00", "16:30", "Closing Ceremony", 90, False, "Main Hall"),
            ],
        ),
        [],
    )


def test_rows_grid_day_written_once_merged_down_or_left_blank():
    data = grid_report(
        PARIS,
        [
            ["Date", "Time", "Main session", "Room"],
            [down("Monday 12 November", 2), "09:30 – 11:00", "Opening Ceremony", "Main Hall"],
            [None, "11:00 – 13:00", "Cybersecurity and Trust", "Room I"],
            ["Tuesday 13 November", "10:00 – 13:00", "Gender and Access", "Main Hall"],
            [None, "15:00 – 16:30", "Closing Ceremony", "Main Hall"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:30", "11:00", "Opening Ceremony", 90, False, "Main Hall"),
                (12, "11:00", "13:00", "Cybersecurity and Trust", 120, False, "Room I"),
                (13, "10:00", "13:00", "Gender and Access", 180, False, "Main Hall"),
                (13, "15:00", "16:30", "Closing Ceremony", 90, False, "Main Hall"),
            ],
        ),
        [],
    )


def test_rows_grid_day_rows_inside_the_table():
    data = grid_report(
        PARIS,
        [
            ["Time", "Session", "Room"],
            [across("Monday, 12 November", 3), None, None],
            ["09:30 – 11:00", "Opening Ceremony", "Main Hall"],
            ["11:00 – 13:00", "Cybersecurity and Trust", "Room I"],
            [across("Tuesday, 13 November", 3), None, None],
            ["10:00 – 13:00", "Gender and Access", "Main Hall"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:30", "11:00", "Opening Ceremony", 90, False, "Main Hall"),
                (12, "11:00", "13:00", "Cybersecurity and Trust", 120, False, "Room I"),
                (13, "10:00", "13:00", "Gender and Access", 180, False, "Main Hall"),
            ],
        ),
        [],
    )


FIVE_NUMBERED_DAYS = [
    ["Time", "Day 1", "Day 2", "Day 3", "Day 4", "Day 5"],
    ["10:00 – 11:30", "Opening Ceremony", "Gender", "Cybersecurity", "Human Rights", "NRIs"],
    ["15:00 – 16:30", "Youth", "Access", "Emerging Issues", "Development", "Closing Ceremony"],
]


def test_numbered_days_dated_from_the_annex_heading():
    data = grid_report(["Annex II: IGF 2018 main sessions, Paris, 12-16 November 2018"], FIVE_NUMBERED_DAYS)

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 16),
            [
                (12, "10:00", "11:30", "Opening Ceremony", 90, False, ""),
                (12, "15:00", "16:30", "Youth", 90, False, ""),
                (13, "10:00", "11:30", "Gender", 90, False, ""),
                (13, "15:00", "16:30", "Access", 90, False, ""),
                (14, "10:00", "11:30", "Cybersecurity", 90, False, ""),
                (14, "15:00", "16:30", "Emerging Issues", 90, False, ""),
                (15, "10:00", "11:30", "Human Rights", 90, False, ""),
                (15, "15:00", "16:30", "Development", 90, False, ""),
                (16, "10:00", "11:30", "NRIs", 90, False, ""),
                (16, "15:00", "16:30", "Closing Ceremony", 90, False, ""),
            ],
        ),
        [],
    )


def test_numbered_days_without_dates_anywhere_refused_with_one_warning():
    data = grid_report(["IGF 2018 main sessions, Paris"], FIVE_NUMBERED_DAYS)

    assert imported_grid(data) == (
        (None, None, []),
        [
            "schedule: the grid's days ('Day 1' to 'Day 5') have no dates, and none were found above the "
            "table or in the report; the grid was not imported",
        ],
    )


def test_numbered_days_dated_from_the_events_dates_in_the_report():
    items = [
        "1.\tThe second MAG meeting of the 2018 IGF cycle was held in Geneva on 10-11 July 2018.",
        "2.\tThe Secretariat recalled that the 13th IGF will be held at UNESCO Headquarters in Paris from "
        "12 to 14 November 2018.",
        "3.\tIt was agreed that the main sessions would be finalised by 31 July.",
    ]
    data = grid_report(
        ["IGF 2018 main sessions, Paris"],
        [
            ["Time", "Day 1", "Day 2", "Day 3"],
            ["10:00 – 11:30", "Opening Ceremony", "Gender", "Cybersecurity"],
            ["15:00 – 16:30", "Youth", "Access", "Closing Ceremony"],
        ],
        items=items,
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "11:30", "Opening Ceremony", 90, False, ""),
                (12, "15:00", "16:30", "Youth", 90, False, ""),
                (13, "10:00", "11:30", "Gender", 90, False, ""),
                (13, "15:00", "16:30", "Access", 90, False, ""),
                (14, "10:00", "11:30", "Cybersecurity", 90, False, ""),
                (14, "15:00", "16:30", "Closing Ceremony", 90, False, ""),
            ],
        ),
        [],
    )


def two_day_grid(cell_text):
    return grid_report(
        ["2018 IGF Main Session Schedule", "12-13 November 2018, Paris"],
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", cell_text, "Gender and Access"],
            ["15:00 – 18:00", "Cybersecurity", "Closing Ceremony"],
        ],
    )


@pytest.mark.parametrize(
    "cell_text",
    [
        "Opening Ceremony\nHigh-Level Leaders Session",
        ["Opening Ceremony", "High-Level Leaders Session"],
    ],
    ids=["line-break", "paragraphs"],
)
def test_cell_two_untimed_sessions_on_separate_lines_share_the_block(cell_text):
    assert imported_grid(two_day_grid(cell_text)) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (12, "10:00", "13:00", "High-Level Leaders Session", 180, False, ""),
                (12, "15:00", "18:00", "Cybersecurity", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


@pytest.mark.parametrize(
    ("cell_text", "title"),
    [
        ("Development, Innovation and\nEconomic Issues", "Development, Innovation and Economic Issues"),
        ("Security, Safety,\nStability and Resilience", "Security, Safety, Stability and Resilience"),
        ("Emerging Technologies:\nArtificial Intelligence", "Emerging Technologies: Artificial Intelligence"),
        ("Digital Cooperation\nfor Development", "Digital Cooperation for Development"),
        (["Media and Content:", "Trust Online"], "Media and Content: Trust Online"),
    ],
)
def test_cell_two_line_title_stays_one_session_when_a_line_runs_on(cell_text, title):
    assert imported_grid(two_day_grid(cell_text)) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", title, 180, False, ""),
                (12, "15:00", "18:00", "Cybersecurity", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_cell_two_lines_stay_one_title_when_other_cells_wrap_their_titles():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "12-13 November 2018, Paris"],
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", "Human Rights\nOnline", "Development, Innovation and\nEconomic Issues"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Human Rights Online", 180, False, ""),
                (13, "10:00", "13:00", "Development, Innovation and Economic Issues", 180, False, ""),
            ],
        ),
        [],
    )


def test_cell_room_line_is_the_sessions_note_not_a_session():
    assert imported_grid(two_day_grid("Opening Ceremony\nRoom: Main Hall")) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, "Main Hall"),
                (12, "15:00", "18:00", "Cybersecurity", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_time_blocks_written_every_way_annexes_write_them():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November"],
            ["9.00-9.30", "Newcomers Orientation"],
            ["10am–11:30am", "Opening Ceremony"],
            ["12:00 noon – 1:00 pm", "Gender and Access"],
            ["2pm - 3.30pm", "Cybersecurity and Trust"],
            ["15:30 to 16:30", "Youth Engagement"],
            ["17:00h – 18:00h", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:00", "09:30", "Newcomers Orientation", 30, False, ""),
                (12, "10:00", "11:30", "Opening Ceremony", 90, False, ""),
                (12, "12:00", "13:00", "Gender and Access", 60, False, ""),
                (12, "14:00", "15:30", "Cybersecurity and Trust", 90, False, ""),
                (12, "15:30", "16:30", "Youth Engagement", 60, False, ""),
                (12, "17:00", "18:00", "Closing Ceremony", 60, False, ""),
            ],
        ),
        [],
    )


def test_session_times_in_a_cell_written_every_way_annexes_write_them():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November"],
            [
                "10:00 – 13:00",
                "Opening Ceremony (10.00-10.30)\nOpening Session 10:30 to 12:00\n"
                "Gender and Access [12pm – 1pm]",
            ],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "10:30", "Opening Ceremony", 30, False, ""),
                (12, "10:30", "12:00", "Opening Session", 90, False, ""),
                (12, "12:00", "13:00", "Gender and Access", 60, False, ""),
            ],
        ),
        [],
    )


def test_time_starts_alone_with_am_or_pm_run_to_the_next():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["9am", "Opening Ceremony", "Gender and Access"],
            ["10.30 am", "Cybersecurity and Trust", "Human Rights Online"],
            ["2 pm", "Youth Engagement", "Closing Ceremony"],
            ["4 p.m.", "Taking Stock", "Open Microphone"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:00", "10:30", "Opening Ceremony", 90, False, ""),
                (12, "10:30", "14:00", "Cybersecurity and Trust", 210, False, ""),
                (12, "14:00", "16:00", "Youth Engagement", 120, False, ""),
                (12, "16:00", "18:00", "Taking Stock", 120, False, ""),
                (13, "09:00", "10:30", "Gender and Access", 90, False, ""),
                (13, "10:30", "14:00", "Human Rights Online", 210, False, ""),
                (13, "14:00", "16:00", "Closing Ceremony", 120, False, ""),
                (13, "16:00", "18:00", "Open Microphone", 120, False, ""),
            ],
        ),
        [],
    )


def test_grid_split_over_two_tables_by_a_page_break_the_days_go_on():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "12-15 November 2018, Paris"],
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", "Opening Ceremony", "Gender and Access"],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Human Rights Online"],
        ],
        [
            ["Time", "Wednesday 14 November", "Thursday 15 November"],
            ["10:00 – 13:00", "Emerging Technologies", "Youth Engagement"],
            ["15:00 – 18:00", "Taking Stock", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 15),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Human Rights Online", 180, False, ""),
                (14, "10:00", "13:00", "Emerging Technologies", 180, False, ""),
                (14, "15:00", "18:00", "Taking Stock", 180, False, ""),
                (15, "10:00", "13:00", "Youth Engagement", 180, False, ""),
                (15, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_grid_split_over_two_tables_by_a_page_break_the_times_go_on():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "12-13 November 2018, Paris"],
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", "Opening Ceremony", "Gender and Access"],
        ],
        [
            ["15:00 – 18:00", "Cybersecurity and Trust", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_grid_then_another_table_in_the_annex_is_still_named():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "12-13 November 2018, Paris"],
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", "Opening Ceremony", "Gender and Access"],
        ],
        [
            ["Name", "Stakeholder group"],
            ["Ms. Ada Example", "Civil society"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
            ],
        ),
        ["a second table in the annex ('Name') was not imported"],
    )


def test_rows_grid_day_and_time_in_one_cell():
    data = grid_report(
        PARIS,
        [
            ["When", "Session"],
            ["Monday 12 November, 09:30 – 11:00", "Opening Ceremony"],
            ["Monday 12 November, 11:00 – 13:00", "Cybersecurity and Trust"],
            ["Tuesday 13 November\n10:00 – 13:00", "Gender and Access"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:30", "11:00", "Opening Ceremony", 90, False, ""),
                (12, "11:00", "13:00", "Cybersecurity and Trust", 120, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
            ],
        ),
        [],
    )


def test_two_header_rows_the_dated_one_dates_the_day_numbers_under_it():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "UNESCO Headquarters, Paris"],
        [
            ["Time", "12 November 2018", "13 November 2018"],
            ["", "Day 1", "Day 2"],
            ["10:00 – 13:00", "Opening Ceremony", "Gender and Access"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
            ],
        ),
        [],
    )


def test_rows_grid_start_and_end_in_columns_of_their_own():
    data = grid_report(
        PARIS,
        [
            ["Date", "Start", "End", "Session"],
            ["12 November", "09:30", "11:00", "Opening Ceremony"],
            ["12 November", "11:00", "13:00", "Cybersecurity and Trust"],
            ["13 November", "10:00", "13:00", "Gender and Access"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:30", "11:00", "Opening Ceremony", 90, False, ""),
                (12, "11:00", "13:00", "Cybersecurity and Trust", 120, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
            ],
        ),
        [],
    )


def test_session_merged_down_over_two_time_blocks_runs_over_both():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 11:30", down("Youth Hackathon", 2), "Gender and Access"],
            ["11:30 – 13:00", None, "Human Rights Online"],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "13:00", "Youth Hackathon", 180, False, ""),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, ""),
                (13, "10:00", "11:30", "Gender and Access", 90, False, ""),
                (13, "11:30", "13:00", "Human Rights Online", 90, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_days_in_columns_each_with_a_room_column():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November", "Room", "Tuesday 13 November", "Room"],
            ["10:00 – 13:00", "Opening Ceremony", "Main Hall", "Gender and Access", "Room I"],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Room II", "Closing Ceremony", "Main Hall"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, "Main Hall"),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, "Room II"),
                (13, "10:00", "13:00", "Gender and Access", 180, False, "Room I"),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, "Main Hall"),
            ],
        ),
        [],
    )


def test_times_across_the_top_and_days_down_the_first_column():
    data = grid_report(
        PARIS,
        [
            ["Day", "10:00 – 13:00", "15:00 – 18:00"],
            ["Monday 12 November", "Opening Ceremony", "Cybersecurity and Trust"],
            ["Tuesday 13 November", "Gender and Access", "Closing Ceremony (90 min)"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "16:30", "Closing Ceremony", 90, False, ""),
            ],
        ),
        [
            "schedule: Tuesday 13 November, 15:00–18:00: the sessions last 90 minutes but the block is 180",
        ],
    )


def test_time_blocks_whose_start_takes_the_ends_am_or_pm():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November"],
            ["10 – 11.30 am", "Opening Ceremony"],
            ["11 - 1 pm", "Gender and Access"],
            ["3 – 4.30 pm", "Cybersecurity and Trust"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "11:30", "Opening Ceremony", 90, False, ""),
                (12, "11:00", "13:00", "Gender and Access", 120, False, ""),
                (12, "15:00", "16:30", "Cybersecurity and Trust", 90, False, ""),
            ],
        ),
        [],
    )


def test_rows_grid_of_rooms_side_by_side_each_a_track():
    data = grid_report(
        PARIS,
        [
            ["Time", "Main Hall", "Room II"],
            [across("Monday, 12 November", 3), None, None],
            ["10:00 – 13:00", "Opening Ceremony", "Youth Forum"],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Gender and Access"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, "Main Hall"),
                (12, "10:00", "13:00", "Youth Forum", 180, False, "Room II"),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, "Main Hall"),
                (12, "15:00", "18:00", "Gender and Access", 180, False, "Room II"),
            ],
        ),
        [],
    )


def test_cell_moderator_line_is_the_sessions_note_not_a_second_session():
    assert imported_grid(two_day_grid("Opening Ceremony\nModerator: Ms. Ada Example")) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, "Moderator: Ms. Ada Example"),
                (12, "15:00", "18:00", "Cybersecurity", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_empty_row_and_rows_across_every_day_as_annexes_write_them():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November", "Tuesday 13 November", "Wednesday 14 November"],
            ["09:00 – 10:00", across("Welcome and Housekeeping (1 hour)", 3), None, None],
            ["", "", "", ""],
            ["10:00 – 13:00", "Opening Ceremony", "Gender and Access", "Human Rights Online"],
            ["13:00 – 15:00", across("Lunch break", 3), None, None],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Youth Engagement", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "09:00", "10:00", "Welcome and Housekeeping", 60, False, ""),
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (12, "13:00", "15:00", "Lunch break", 120, False, ""),
                (12, "15:00", "18:00", "Cybersecurity and Trust", 180, False, ""),
                (13, "09:00", "10:00", "Welcome and Housekeeping", 60, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "13:00", "15:00", "Lunch break", 120, False, ""),
                (13, "15:00", "18:00", "Youth Engagement", 180, False, ""),
                (14, "09:00", "10:00", "Welcome and Housekeeping", 60, False, ""),
                (14, "10:00", "13:00", "Human Rights Online", 180, False, ""),
                (14, "13:00", "15:00", "Lunch break", 120, False, ""),
                (14, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_numbered_days_past_the_events_last_day_are_a_warning():
    data = grid_report(
        ["Annex II: IGF 2018 main sessions, Paris, 12-14 November 2018"],
        [
            ["Time", "Day 1", "Day 2", "Day 3", "Day 4"],
            ["10:00 – 11:30", "Opening Ceremony", "Gender", "Cybersecurity", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "11:30", "Opening Ceremony", 90, False, ""),
                (13, "10:00", "11:30", "Gender", 90, False, ""),
                (14, "10:00", "11:30", "Cybersecurity", 90, False, ""),
                (15, "10:00", "11:30", "Closing Ceremony", 90, False, ""),
            ],
        ),
        [
            "schedule: 'Closing Ceremony' is on 15 November 2018, after the event's last day "
            "(14 November 2018)"
        ],
    )


def test_days_as_abbreviated_weekday_and_numeric_date():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "UNESCO Headquarters, Paris"],
        [
            ["Time", "Mon 12/11/2018", "Tue 13/11/2018", "Wed 14/11/2018", "Thu 15/11/2018"],
            [
                "10:00 – 13:00",
                "Opening Ceremony",
                "Gender and Access",
                "Human Rights Online",
                "Closing Ceremony",
            ],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 15),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (14, "10:00", "13:00", "Human Rights Online", 180, False, ""),
                (15, "10:00", "13:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_days_in_columns_over_a_row_of_rooms_each_a_track():
    data = grid_report(
        PARIS,
        [
            ["Time", across("Monday 12 November", 2), None, across("Tuesday 13 November", 2), None],
            ["", "Main Hall", "Room II", "Main Hall", "Room II"],
            ["10:00 – 13:00", "Opening Ceremony", "Youth Forum", "Gender and Access", "Human Rights Online"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, "Main Hall"),
                (12, "10:00", "13:00", "Youth Forum", 180, False, "Room II"),
                (13, "10:00", "13:00", "Gender and Access", 180, False, "Main Hall"),
                (13, "10:00", "13:00", "Human Rights Online", 180, False, "Room II"),
            ],
        ),
        [],
    )


def test_cell_sessions_as_a_typed_list_of_bullets():
    data = grid_report(
        PARIS,
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            [
                "10:00 – 13:00",
                "• Opening Ceremony (30 min)\n• High-Level Session (150 min)",
                "Gender and Access",
            ],
            ["15:00 – 18:00", ["- Cybersecurity", "- Trust and Safety"], "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 14),
            [
                (12, "10:00", "10:30", "Opening Ceremony", 30, False, ""),
                (12, "10:30", "13:00", "High-Level Session", 150, False, ""),
                (12, "15:00", "18:00", "Cybersecurity", 180, False, ""),
                (12, "15:00", "18:00", "Trust and Safety", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
                (13, "15:00", "18:00", "Closing Ceremony", 180, False, ""),
            ],
        ),
        [],
    )


def test_title_row_across_the_top_of_the_table_is_the_grids_title():
    data = grid_report(
        ["12-13 November 2018, Paris"],
        [
            [across("IGF 2018 Main Session Schedule", 3), None, None],
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", "Opening Ceremony", "Gender and Access"],
        ],
    )

    assert parse_report(data).schedule.title == "IGF 2018 Main Session Schedule"
    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "10:00", "13:00", "Opening Ceremony", 180, False, ""),
                (13, "10:00", "13:00", "Gender and Access", 180, False, ""),
            ],
        ),
        [],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rows",
    [
        [
            ["Time", "Monday 12 November", "Tuesday 13 November"],
            ["10:00 – 13:00", "Opening Ceremony\nHigh-Level Leaders Session", "Gender and Access"],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Closing Ceremony"],
        ],
        [
            ["Time", "Main Hall", "Room II"],
            [across("Monday, 12 November", 3), None, None],
            ["10:00 – 13:00", "Opening Ceremony", "Youth Forum"],
            ["15:00 – 18:00", "Cybersecurity and Trust", "Gender and Access"],
        ],
    ],
    ids=["lines-of-one-cell", "rooms-side-by-side"],
)
def test_sessions_side_by_side_come_back_from_the_word_export(client, rows):
    from meetings.importer.services import import_report
    from tests.factories import make_secretariat_user
    from tests.meetings.export_checks import as_held, as_imported

    meeting = import_report(grid_report(PARIS, rows), source_name="grid.docx", publish=True).meeting
    user = make_secretariat_user()
    client.force_login(user)

    data = client.get(f"/meetings/{meeting.slug}.docx").content

    assert as_imported(data) == as_held(meeting, user=user, annotations=True)
    assert parse_report(data).warnings == []


def test_without_a_row_of_days_an_empty_spacer_column_is_no_day():
    data = grid_report(
        ["2018 IGF Main Session Schedule", "12-13 November 2018, Paris"],
        [
            ["09:00 – 10:30", "", "Opening Ceremony", "Cybersecurity and Trust"],
            ["11:00 – 12:30", "", "Gender and Access", "Closing Ceremony"],
        ],
    )

    assert imported_grid(data) == (
        (
            D(2018, 11, 12),
            D(2018, 11, 13),
            [
                (12, "09:00", "10:30", "Opening Ceremony", 90, False, ""),
                (12, "11:00", "12:30", "Gender and Access", 90, False, ""),
                (13, "09:00", "10:30", "Cybersecurity and Trust", 90, False, ""),
                (13, "11:00", "12:30", "Closing Ceremony", 90, False, ""),
            ],
        ),
        [],
    )

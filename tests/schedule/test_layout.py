import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schedule.layout import BREAK_ROWS, ROW_MINUTES, build_grid, describe_time_zone
from schedule.models import Event, Session, Slot
from tests.factories import make_event, make_session, make_slot
from tests.schedule.sample_grid import IGF_2016_SLOTS, make_igf_2016_grid

pytestmark = pytest.mark.django_db


def _grid(event):
    return build_grid(event=event, slots=Slot.objects.filter(session__event=event).select_related("session"))


def _time(text):
    return datetime.time.fromisoformat(text)


def test_build_grid_makes_one_column_per_day_of_the_event():
    grid = _grid(make_igf_2016_grid())

    assert [(day.column, day.date) for day in grid.days] == [
        (1, datetime.date(2016, 12, 6)),
        (2, datetime.date(2016, 12, 7)),
        (3, datetime.date(2016, 12, 8)),
        (4, datetime.date(2016, 12, 9)),
    ]


def test_build_grid_places_every_slot_in_its_day_in_time_order():
    grid = _grid(make_igf_2016_grid())

    placed = [
        (day.column, p.slot.start_time.strftime("%H:%M"), p.slot.end_time.strftime("%H:%M"), p.session.title)
        for day in grid.days
        for p in day.placements
    ]
    assert placed == [(day, start, end, title) for day, start, end, title, *_ in IGF_2016_SLOTS]


def test_build_grid_sizes_slots_by_their_minutes():
    grid = _grid(make_igf_2016_grid())

    heights = {
        (p.slot.date.day, p.slot.start_time.strftime("%H:%M")): p.row_end - p.row_start
        for day in grid.days
        for p in day.placements
    }
    assert heights[(6, "10:00")] == 180 // ROW_MINUTES
    assert heights[(6, "16:00")] == 30 // ROW_MINUTES
    assert heights[(9, "15:00")] == 30 // ROW_MINUTES
    assert heights[(8, "15:00")] == 90 // ROW_MINUTES


def test_build_grid_compresses_the_lunch_break_into_a_labelled_break():
    grid = _grid(make_igf_2016_grid())

    morning_rows = 180 // ROW_MINUTES
    assert [(b.start, b.end, b.row_start, b.row_end) for b in grid.breaks] == [
        (_time("13:00"), _time("15:00"), 1 + morning_rows, 1 + morning_rows + BREAK_ROWS)
    ]
    afternoon = grid.days[0].placements[1]
    assert (afternoon.slot.start_time, afternoon.row_start) == (_time("15:00"), 1 + morning_rows + BREAK_ROWS)
    assert grid.rows == morning_rows + BREAK_ROWS + 180 // ROW_MINUTES


def test_build_grid_puts_an_hour_mark_on_the_ruler_at_each_hour_and_the_end_of_each_block():
    grid = _grid(make_igf_2016_grid())

    assert [(mark.time.strftime("%H:%M"), mark.row, mark.is_end) for mark in grid.marks] == [
        ("10:00", 1, False),
        ("11:00", 13, False),
        ("12:00", 25, False),
        ("13:00", 36, True),
        ("15:00", 37 + BREAK_ROWS, False),
        ("16:00", 49 + BREAK_ROWS, False),
        ("17:00", 61 + BREAK_ROWS, False),
        ("18:00", 72 + BREAK_ROWS, True),
    ]
    assert grid.rows == 72 + BREAK_ROWS


def test_build_grid_gives_a_continued_slot_the_slot_it_continues():
    grid = _grid(make_igf_2016_grid())

    friday = {p.slot.start_time.strftime("%H:%M"): p for p in grid.days[3].placements}
    assert friday["15:00"].continues == friday["11:30"].slot
    assert friday["11:30"].continues is None


def test_build_grid_keeps_a_short_gap_to_scale():
    session = make_session()
    make_slot(session=session, start_time=_time("10:00"), end_time=_time("11:00"))
    make_slot(session=session, start_time=_time("11:15"), end_time=_time("12:00"))

    grid = _grid(session.event)

    assert grid.breaks == []
    assert [(p.row_start, p.row_end) for p in grid.days[0].placements] == [(1, 13), (16, 25)]


def test_build_grid_rounds_odd_minutes_outwards_to_whole_rows():
    slot = make_slot(start_time=_time("10:02"), end_time=_time("10:08"))

    grid = _grid(slot.session.event)

    placement = grid.days[0].placements[0]
    assert (placement.row_start, placement.row_end, grid.rows) == (1, 3, 2)


def test_build_grid_adds_a_column_for_a_slot_outside_the_event_dates():
    event = make_event(start_date=datetime.date(2016, 12, 6), end_date=datetime.date(2016, 12, 6))
    make_slot(session=make_session(event=event), date=datetime.date(2016, 12, 5))

    grid = _grid(event)

    assert [day.date for day in grid.days] == [datetime.date(2016, 12, 5), datetime.date(2016, 12, 6)]
    assert [len(day.placements) for day in grid.days] == [1, 0]


def test_build_grid_of_an_event_without_slots_is_empty():
    grid = _grid(make_event())

    assert (grid.rows, grid.marks, grid.breaks, len(grid.days)) == (0, [], [], 4)


def test_build_grid_gives_local_times_with_the_event_offset():
    grid = _grid(make_igf_2016_grid())

    orientation = grid.days[0].placements[1]
    assert orientation.starts_at.isoformat() == "2016-12-06T15:00:00-06:00"
    assert orientation.ends_at.isoformat() == "2016-12-06T16:00:00-06:00"


def test_describe_time_zone_names_zone_abbreviation_and_offset():
    event = make_event(time_zone="America/Mexico_City", start_date=datetime.date(2016, 12, 6))

    assert describe_time_zone(event) == "America/Mexico_City (CST, UTC\u221206:00)"


def test_describe_time_zone_uses_the_offset_in_force_on_the_first_day():
    event = make_event(
        time_zone="Europe/Berlin",
        start_date=datetime.date(2019, 11, 25),
        end_date=datetime.date(2019, 11, 29),
    )
    summer = make_event(
        time_zone="Europe/Berlin", start_date=datetime.date(2019, 7, 1), end_date=datetime.date(2019, 7, 1)
    )

    assert (describe_time_zone(event), describe_time_zone(summer)) == (
        "Europe/Berlin (CET, UTC+01:00)",
        "Europe/Berlin (CEST, UTC+02:00)",
    )


def test_describe_time_zone_of_an_unknown_zone_is_its_name():
    assert describe_time_zone(make_event(time_zone="Mars/Olympus_Mons")) == "Mars/Olympus_Mons"


def _unsaved_slots(spans):
    event = Event(start_date=datetime.date(2016, 12, 6), end_date=datetime.date(2016, 12, 6), time_zone="UTC")
    session = Session(event=event, title="A session")
    slots = []
    for n, (start, end) in enumerate(spans, start=1):
        slots.append(
            Slot(
                pk=n,
                session=session,
                date=event.start_date,
                start_time=datetime.time(start // 60, start % 60),
                end_time=datetime.time(end // 60, end % 60),
            )
        )
    return event, slots


@st.composite
def _day_of_slots(draw):
    """Back-to-back or separated slots in one day, on 5-minute boundaries."""
    minute = draw(st.integers(min_value=6 * 12, max_value=10 * 12)) * 5
    spans = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        minute += draw(st.integers(min_value=0, max_value=36)) * 5
        length = draw(st.integers(min_value=1, max_value=36)) * 5
        if minute + length >= 24 * 60:
            break
        spans.append((minute, minute + length))
        minute += length
    return spans or [(600, 660)]


@given(_day_of_slots())
def test_build_grid_rows_are_proportional_and_in_order_for_any_day(spans):
    event, slots = _unsaved_slots(spans)

    grid = build_grid(event=event, slots=slots)

    placements = grid.days[0].placements
    assert [p.row_end - p.row_start for p in placements] == [
        (end - start) // ROW_MINUTES for start, end in spans
    ]
    assert all(a.row_end <= b.row_start for a, b in itertools.pairwise(placements))
    assert placements[0].row_start == 1
    assert placements[-1].row_end == grid.rows + 1

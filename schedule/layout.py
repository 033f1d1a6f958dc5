"""The session grid's layout: which day column and which grid rows each slot takes.

Rows are ``ROW_MINUTES`` long, so a slot's height is proportional to its minutes.
Slots that meet or nearly meet form a block (a morning, an afternoon); the gap
between two blocks (lunch) is drawn as a short labelled break instead of hours
of empty rows. Row numbers are grid lines of the grid's body, from 1.
"""

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from schedule.models import Event, Slot

ROW_MINUTES = 5
#: A gap between blocks is drawn this many rows tall, whatever its length.
BREAK_ROWS = 4
#: Gaps up to this long stay in their block, drawn to scale.
MAX_GAP_TO_SCALE = 30


@dataclass(frozen=True, kw_only=True)
class Placement:
    """Where one slot sits in the grid."""

    slot: Slot
    row_start: int
    row_end: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    #: For a slot that continues its session: the session's slot before it, which it continues.
    continues: Slot | None = None

    @property
    def session(self):
        return self.slot.session

    @property
    def is_short(self) -> bool:
        # Short slots get a compact layout so their titles stay legible.
        return self.slot.minutes <= 45


@dataclass(frozen=True, kw_only=True)
class Day:
    """One column of the grid."""

    date: datetime.date
    column: int
    placements: list[Placement]


@dataclass(frozen=True, kw_only=True)
class Mark:
    """A time printed on the ruler."""

    time: datetime.time
    row: int
    #: The end of a block (13:00 before lunch, 18:00 at the close), printed at the foot of its last row.
    is_end: bool = False


@dataclass(frozen=True, kw_only=True)
class Break:
    """A compressed gap between two blocks of slots, such as lunch."""

    start: datetime.time
    end: datetime.time
    row_start: int
    row_end: int


@dataclass(frozen=True, kw_only=True)
class Grid:
    """An event's slots laid out as days (columns) by rows of ``ROW_MINUTES``."""

    days: list[Day]
    marks: list[Mark]
    breaks: list[Break]
    rows: int


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    first_row: int


def event_zone(event: Event) -> zoneinfo.ZoneInfo | None:
    """The event's time zone, or None when its name is not a known IANA zone."""
    try:
        return zoneinfo.ZoneInfo(event.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def describe_time_zone(event: Event) -> str:
    """E.g. "America/Mexico_City (CST, UTC−06:00)", as in force on the event's first day."""
    zone = event_zone(event)
    if zone is None:
        return event.time_zone
    noon = datetime.datetime.combine(event.start_date, datetime.time(12), tzinfo=zone)
    offset = int(noon.utcoffset().total_seconds()) // 60
    sign = "+" if offset >= 0 else "\u2212"
    hours, minutes = divmod(abs(offset), 60)
    return f"{event.time_zone} ({noon.tzname()}, UTC{sign}{hours:02d}:{minutes:02d})"


def _minute_of_day(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _time_of(minute: int) -> datetime.time:
    return datetime.time(minute // 60, minute % 60)


def _blocks(slots: list[Slot]) -> list[_Block]:
    spans = sorted(
        (
            _minute_of_day(slot.start_time) // ROW_MINUTES * ROW_MINUTES,
            -(-_minute_of_day(slot.end_time) // ROW_MINUTES) * ROW_MINUTES,
        )
        for slot in slots
    )
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] <= MAX_GAP_TO_SCALE:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    blocks = []
    row = 1
    for start, end in merged:
        blocks.append(_Block(start=start, end=end, first_row=row))
        row += (end - start) // ROW_MINUTES + BREAK_ROWS
    return blocks


def _row_of(blocks: list[_Block], minute: int, *, ending: bool) -> int:
    for block in blocks:
        if block.start <= minute <= block.end:
            offset = minute - block.start
            rows = -(-offset // ROW_MINUTES) if ending else offset // ROW_MINUTES
            return block.first_row + rows
    raise ValueError(f"minute {minute} is in no block")


def build_grid(*, event: Event, slots: Iterable[Slot]) -> Grid:
    """Lay out ``slots`` (each with its session loaded) as the event's grid.

    Every date from the event's start to its end is a column, and so is any
    date outside that range that has a slot, so that no slot is ever dropped.
    """
    slots = sorted(slots, key=lambda slot: (slot.date, slot.start_time, slot.end_time, slot.pk or 0))
    zone = event_zone(event)
    dates = {
        event.start_date + datetime.timedelta(days=n)
        for n in range((event.end_date - event.start_date).days + 1)
    }
    dates.update(slot.date for slot in slots)
    blocks = _blocks(slots)

    by_date: dict[datetime.date, list[Placement]] = {date: [] for date in dates}
    previous: dict[int, Slot] = {}
    for slot in slots:
        row_start = _row_of(blocks, _minute_of_day(slot.start_time), ending=False)
        row_end = max(row_start + 1, _row_of(blocks, _minute_of_day(slot.end_time), ending=True))
        by_date[slot.date].append(
            Placement(
                slot=slot,
                row_start=row_start,
                row_end=row_end,
                starts_at=datetime.datetime.combine(slot.date, slot.start_time, tzinfo=zone),
                ends_at=datetime.datetime.combine(slot.date, slot.end_time, tzinfo=zone),
                continues=previous.get(slot.session_id) if slot.continued else None,
            )
        )
        previous[slot.session_id] = slot
    days = [
        Day(date=date, column=column, placements=by_date[date])
        for column, date in enumerate(sorted(dates), start=1)
    ]

    marks = []
    breaks = []
    for index, block in enumerate(blocks):
        first_hour = -(-block.start // 60) * 60
        minutes = [block.start, *range(first_hour, block.end, 60)]
        for minute in sorted(set(minutes)):
            marks.append(Mark(time=_time_of(minute), row=_row_of(blocks, minute, ending=False)))
        block_end_row = block.first_row + (block.end - block.start) // ROW_MINUTES
        # The axis says when each block ends too, not only the hours inside it.
        marks.append(Mark(time=_time_of(block.end), row=block_end_row - 1, is_end=True))
        if index + 1 < len(blocks):
            breaks.append(
                Break(
                    start=_time_of(block.end),
                    end=_time_of(blocks[index + 1].start),
                    row_start=block_end_row,
                    row_end=block_end_row + BREAK_ROWS,
                )
            )
    rows = (blocks[-1].first_row - 1 + (blocks[-1].end - blocks[-1].start) // ROW_MINUTES) if blocks else 0
    return Grid(days=days, marks=marks, breaks=breaks, rows=rows)

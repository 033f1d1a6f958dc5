"""The annual meeting's session grid, read from a report's annex table.

Columns are days ("Day 1 – 6 December"), rows are time blocks
("10:00 – 13:00"); a cell lists its sessions in order, each with a duration
("(90 minutes)"), and they are stacked from the start of the block. Whatever
cannot be placed exactly is a warning naming the day, block and cell: the grid
is never guessed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from meetings.importer.document import Cell, Paragraph, Table
from meetings.importer.report import ParsedSchedule, ParsedSlot
from meetings.importer.vocabulary import MONTH_PATTERN, MONTHS

# Known IGF venues and their time zones; a venue not here gets "" and a warning.
VENUE_TIME_ZONES = {
    "guadalajara": "America/Mexico_City",
    "geneva": "Europe/Zurich",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "addis ababa": "Africa/Addis_Ababa",
    "katowice": "Europe/Warsaw",
    "kyoto": "Asia/Tokyo",
    "riyadh": "Asia/Riyadh",
    "oslo": "Europe/Oslo",
    "lillehammer": "Europe/Oslo",
    "joão pessoa": "America/Fortaleza",
    "joao pessoa": "America/Fortaleza",
    "istanbul": "Europe/Istanbul",
    "baku": "Asia/Baku",
    "nairobi": "Africa/Nairobi",
    "vilnius": "Europe/Vilnius",
    "sharm el sheikh": "Africa/Cairo",
    "hyderabad": "Asia/Kolkata",
    "bali": "Asia/Makassar",
    "rio de janeiro": "America/Sao_Paulo",
    "athens": "Europe/Athens",
    "tunis": "Africa/Tunis",
}

_DASH = r"\s*[-–—‒―]\s*"
TIME_RANGE = re.compile(r"\b(\d{1,2})[:.h](\d{2})" + _DASH + r"(\d{1,2})[:.h](\d{2})\b")
_MONTH_NAMES = MONTH_PATTERN
_MONTH = rf"(?P<month>{_MONTH_NAMES})"
# "30 August 2016", "12-14 July", "6-9 December 2016", "30 August - 2 September 2016".
DATE_RANGE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*[-–—]\s*(?P<end_day>\d{1,2})(?:st|nd|rd|th)?)?\s+"
    + _MONTH
    + r"(?:\s*[-–—]\s*(?P<end_day2>\d{1,2})\s+"
    rf"(?P<end_month>{_MONTH_NAMES}))?"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)

# A day heading: "Day 1 – 6 December", "Tuesday, 6 December 2016", "Day 2".
DAY_LINE = re.compile(
    r"^\s*(?:[A-Z][a-z]+day,?\s+)?(?:Day\s*(?P<n>\d+)\s*(?:[-–—:,]\s*)?)?"
    r"(?:(?:[A-Z][a-z]+day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>" + _MONTH_NAMES + r")"
    r"(?:,?\s+(?P<year>\d{4}))?)?\s*$",
    re.IGNORECASE,
)
DURATION = re.compile(
    r"\((?P<amount>\d+(?:[.,]\d+)?|an?|one|two|three|half\s+an?)[\s-]*(?P<unit>hours?|hrs?|h|minutes?|mins?)\b"
    r"(?P<note>[^)]*)\)",
    re.IGNORECASE,
)
_CONTINUED = re.compile(r"^\s*\(?\s*cont(?:inue)?[’']?d\.?\s*\)?\s*[:.–-]?\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*[_‗]{2,}\s*$")
_WORD_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}


@dataclass
class _Block:
    start: datetime.time
    end: datetime.time
    rows: range
    label: str

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)


@dataclass
class _Session:
    title: str
    minutes: int
    note: str
    continued: bool


def parse_date_range(
    text: str, *, default_year: int | None
) -> tuple[datetime.date, datetime.date | None] | None:
    """The first date or date range in ``text``: ("6-9 December 2016") → (6 Dec, 9 Dec)."""
    for match in DATE_RANGE.finditer(text):
        year = int(match.group("year")) if match.group("year") else default_year
        if year is None:
            continue
        month = MONTHS[match.group("month").lower()]
        try:
            start = datetime.date(year, month, int(match.group("day")))
            end = None
            if match.group("end_day"):
                end = datetime.date(year, month, int(match.group("end_day")))
            elif match.group("end_day2"):
                end_month = MONTHS[match.group("end_month").lower()]
                end = datetime.date(year, end_month, int(match.group("end_day2")))
        except ValueError:
            continue
        if end is not None and end < start:
            continue
        return start, end
    return None


def read_schedule(
    blocks: list[Paragraph | Table], *, default_year: int | None, warnings: list[str]
) -> ParsedSchedule | None:
    """The schedule in an annex: its heading lines, then the first table. None without a table."""
    table = next((block for block in blocks if isinstance(block, Table)), None)
    if table is None:
        return None
    lines = []
    for block in blocks:
        if block is table:
            break
        if isinstance(block, Paragraph) and _clean(block.text):
            lines.append(_clean(block.text))
    title, event, theme, venue, start_date, end_date = _read_heading(lines, default_year)
    time_zone = time_zone_for(venue)
    if venue and not time_zone:
        warnings.append(f"schedule: the time zone of {venue!r} is not known; set it on the event")
    elif not venue:
        warnings.append("schedule: no venue found above the table, so no time zone")
    year = start_date.year if start_date else default_year
    slots = read_grid(table, year=year, start_date=start_date, warnings=warnings)
    if slots and start_date is None:
        start_date = min(slot.date for slot in slots)
        end_date = max(slot.date for slot in slots)
    return ParsedSchedule(
        title=title,
        event=event,
        theme=theme,
        venue=venue,
        time_zone=time_zone,
        start_date=start_date,
        end_date=end_date or start_date,
        slots=slots,
    )


def time_zone_for(venue: str) -> str:
    lowered = venue.lower()
    for city, zone in VENUE_TIME_ZONES.items():
        if re.search(rf"\b{re.escape(city)}\b", lowered):
            return zone
    return ""


def _read_heading(lines: list[str], default_year: int | None):
    lines = [line for line in lines if not re.match(r"^(?:Annex|Appendix)\b", line, re.IGNORECASE)]
    title = next((line for line in lines if re.search(r"\bschedule\b|\bprogramme\b", line, re.I)), "")
    event = theme = venue = ""
    start_date = end_date = None
    for line in lines:
        if line == title:
            continue
        found = parse_date_range(line, default_year=default_year)
        if found and not start_date:
            start_date, end_date = found
            after = re.sub(r"^.*?\b\d{4}\b\s*[,:–-]?\s*", "", line, count=1)
            venue = after.strip(" ,;") if after != line else ""
            continue
        if not event and re.search(r"Internet Governance Forum|\bIGF\b", line):
            name, _, rest = line.partition(":")
            event = name.strip()
            theme = rest.strip().strip("‘’“”\"' ")
    return title, event, theme, venue, start_date, end_date


def read_grid(
    table: Table, *, year: int | None, start_date: datetime.date | None, warnings: list[str]
) -> list[ParsedSlot]:
    """The slots of a day-by-time grid, stacked within their blocks, in date and time order."""
    cells = [cell for row in table.rows for cell in row]
    time_col = _time_column(cells)
    if time_col is None:
        warnings.append("schedule: no column of times (such as 10:00 – 13:00) in the annex table")
        return []
    blocks = []
    for cell in cells:
        if cell.col != time_col:
            continue
        match = TIME_RANGE.search(cell.text)
        if match:
            start, end = _time(match.group(1), match.group(2)), _time(match.group(3), match.group(4))
            if start is None or end is None or end <= start:
                warnings.append(f"schedule: the time block {match.group(0)!r} cannot be read")
                continue
            label = f"{start:%H:%M}–{end:%H:%M}"
            blocks.append(_Block(start, end, range(cell.row, cell.row + cell.row_span), label))
    blocks.sort(key=lambda block: block.rows.start)

    days: dict[int, tuple[datetime.date | None, str]] = {}
    contents: dict[tuple[int, int], list[str]] = {}
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if cell.col == time_col:
            continue
        lines = []
        for line in cell.text.split("\n"):
            day = DAY_LINE.match(line) if line.strip() else None
            if day and (day.group("n") or day.group("day")):
                found = _day_date(day, year=year, start_date=start_date)
                for col in range(cell.col, cell.col + cell.col_span):
                    days.setdefault(col, (found, _clean(line)))
                continue
            lines.append(line)
        contents[(cell.row, cell.col)] = lines

    # Sessions of one day and block, from every cell they are in, in row order.
    placed: dict[tuple[int, int], list[tuple[Cell, _Session]]] = {}
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if cell.col == time_col:
            continue
        where = f"row {cell.row + 1}, column {cell.col + 1}"
        sessions = _sessions(contents.get((cell.row, cell.col), []), where=where, warnings=warnings)
        if not sessions:
            continue
        cell_rows = range(cell.row, cell.row + cell.row_span)
        covering = [i for i, block in enumerate(blocks) if set(block.rows) & set(cell_rows)]
        if not covering:
            warnings.append(f"schedule: the cell at {where} ({sessions[0].title!r}) is in no time block")
            continue
        if len(covering) > 1:
            warnings.append(
                f"schedule: the cell at {where} ({sessions[0].title!r}) spans several time blocks; "
                "it was not placed"
            )
            continue
        for col in range(cell.col, cell.col + cell.col_span):
            if days.get(col, (None, ""))[0] is None:
                warnings.append(
                    f"schedule: the cell at {where} ({sessions[0].title!r}) has no day with a date above it"
                )
                continue
            placed.setdefault((col, covering[0]), []).extend((cell, session) for session in sessions)

    slots: list[ParsedSlot] = []
    for (col, block_index), entries in sorted(placed.items(), key=lambda kv: (days[kv[0][0]][0], kv[0][1])):
        date, day_label = days[col]
        block = blocks[block_index]
        where = f"{day_label}, {block.label}"
        start = _minutes(block.start)
        for _cell, session in entries:
            end = start + session.minutes
            if end > _minutes(block.end):
                warnings.append(
                    f"schedule: {where}: {session.title!r} ({session.minutes} minutes) runs past the end "
                    f"of the block; not placed"
                )
                start = end
                continue
            slots.append(
                ParsedSlot(
                    date=date,
                    start=_from_minutes(start),
                    end=_from_minutes(end),
                    title=session.title,
                    minutes=session.minutes,
                    continued=session.continued,
                    note=session.note,
                )
            )
            start = end
        if start != _minutes(block.end) and start < _minutes(block.end):
            total = start - _minutes(block.start)
            warnings.append(
                f"schedule: {where}: the sessions last {total} minutes but the block is {block.minutes}"
            )
    _check_continued(slots, warnings)
    slots.sort(key=lambda slot: (slot.date, slot.start))
    return slots


def _sessions(lines: list[str], *, where: str, warnings: list[str]) -> list[_Session]:
    """The sessions in one cell: titles ended by their duration, or by an underscore line."""
    sessions = []
    pending: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line or line.lower() == "time":
            continue
        if _SEPARATOR.match(line):
            if _clean(" ".join(pending)):
                warnings.append(
                    f"schedule: at {where}, the duration of {_clean(' '.join(pending))!r} cannot be read"
                )
            pending = []
            continue
        while line:
            match = DURATION.search(line)
            if not match:
                pending.append(line)
                break
            pending.append(line[: match.start()])
            title = _clean(" ".join(pending))
            pending = []
            minutes = _duration_minutes(match)
            if not title:
                warnings.append(f"schedule: at {where}, a duration {match.group(0)!r} has no session title")
            elif minutes is None:
                warnings.append(f"schedule: at {where}, the duration {match.group(0)!r} cannot be read")
            else:
                continued = bool(_CONTINUED.match(title))
                sessions.append(
                    _Session(
                        title=_CONTINUED.sub("", title).strip() if continued else title,
                        minutes=minutes,
                        note=_clean(match.group("note")).strip(" .,;:-–"),
                        continued=continued,
                    )
                )
            line = line[match.end() :].strip()
    leftover = _clean(" ".join(pending))
    if leftover:
        warnings.append(f"schedule: at {where}, the duration of {leftover!r} cannot be read")
    return sessions


def _duration_minutes(match: re.Match) -> int | None:
    amount = match.group("amount").lower().replace(",", ".")
    if amount.startswith("half"):
        value = 0.5
    elif amount in _WORD_AMOUNTS:
        value = _WORD_AMOUNTS[amount]
    else:
        value = float(amount)
    minutes = value * 60 if match.group("unit").lower().startswith("h") else value
    if minutes <= 0 or minutes != int(minutes):
        return None
    return int(minutes)


def _check_continued(slots: list[ParsedSlot], warnings: list[str]) -> None:
    ordered = sorted(slots, key=lambda slot: (slot.date, slot.start))
    seen = set()
    for slot in ordered:
        if slot.continued and slot.title not in seen:
            warnings.append(f"schedule: {slot.title!r} is marked (Contd.) but does not appear earlier")
        seen.add(slot.title)


def _time_column(cells: list[Cell]) -> int | None:
    counts: dict[int, int] = {}
    for cell in cells:
        if TIME_RANGE.search(cell.text):
            counts[cell.col] = counts.get(cell.col, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda col: counts[col])


def _day_date(match: re.Match, *, year: int | None, start_date: datetime.date | None) -> datetime.date | None:
    if match.group("day"):
        day_year = int(match.group("year")) if match.group("year") else year
        if day_year is None:
            return None
        try:
            return datetime.date(day_year, MONTHS[match.group("month").lower()], int(match.group("day")))
        except ValueError:
            return None
    if match.group("n") and start_date:
        return start_date + datetime.timedelta(days=int(match.group("n")) - 1)
    return None


def _time(hours: str, minutes: str) -> datetime.time | None:
    try:
        return datetime.time(int(hours), int(minutes))
    except ValueError:
        return None


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _from_minutes(value: int) -> datetime.time:
    return datetime.time(value // 60, value % 60)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()

"""The annual meeting's session grid, read from a report's annex table.

Columns are days ("Day 1 – 6 December"), rows are time blocks
("10:00 – 13:00"); a cell lists its sessions in order, each with a duration
("(90 minutes)"), and they are stacked from the start of the block. The grid
may also be written the other way round (times across the top), or as rows of
"day | time | session | room", or split over two tables by a page break.
Whatever cannot be placed exactly is a warning naming the day, block and cell:
the grid is never guessed.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace

from meetings.importer.dates import find_date_range
from meetings.importer.document import Cell, Paragraph, Table
from meetings.importer.patterns import starting_pattern
from meetings.importer.report import ParsedSchedule, ParsedSlot
from meetings.importer.vocabulary import MONTH_PATTERN

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

_DASH = r"\s*(?:[-–—‒―]|to\b)\s*"
_MARKER = r"(?:[ap]\.?m\b|noon\b)"
_MARKED_CLOCK = r"\d{1,2}(?:[:.h]\d{2})?\s*" + _MARKER
# "10:00", "10.00", "10h00", "10:00h", "11:30 am", "10am", "2 p.m.", "12 noon": the minutes may go only
# before "am", "pm" or "noon", or, starting a range, before an end that has one ("3 – 4.30 pm").
_CLOCK_TAIL = r"\s*(a\.?m\.?|p\.?m\.?|noon\b)?(?:\s*h(?:rs?)?\b\.?)?"
_CLOCK = r"(\d{1,2})(?:[:.h](\d{2})|(?=\s*" + _MARKER + r"))" + _CLOCK_TAIL
_FIRST_CLOCK = (
    r"(\d{1,2})(?:[:.h](\d{2})|(?=\s*" + _MARKER + r")|(?=" + _DASH + _MARKED_CLOCK + r"))" + _CLOCK_TAIL
)
TIME_RANGE = re.compile(r"\b" + _FIRST_CLOCK + _DASH + _CLOCK + r"(?![\d:])", re.IGNORECASE)
# A session's own time range in a cell: "(10:00–10:30)", "10:00 - 10:30 hrs", "[15:00 — 16:30]".
_SESSION_TIME = re.compile(
    r"[(\[]?\s*" + _FIRST_CLOCK + _DASH + _CLOCK + r"(?![\d:])\s*(?:hrs?\.?|h\b|local\s+time)?\s*[)\]]?",
    re.IGNORECASE,
)
_MONTH_NAMES = MONTH_PATTERN

# How long a session lasts: "(90 minutes)", "90 min", "1h30", "1.5 hours", "(3 Hours)", "(an hour)",
# "1 hour 30 minutes"; in brackets a note may follow ("(30 minutes - Youth Open Mic)").
_LENGTH = (
    r"(?:(?P<hours>\d+(?:[.,]\d+)?|an?|one|two|three|four|half\s+an?)[\s-]*(?:hours?|hrs?|h)\b"
    r"(?:\s*(?:and\s+)?(?P<extra>\d{1,2})\s*(?:minutes?|mins?|m)\b\.?)?"
    r"|(?P<hm_hours>\d)h(?P<hm_minutes>[0-5]\d)\b"
    r"|(?P<minutes>\d{1,3})[\s-]*(?:minutes?|mins?)\b\.?)"
)
DURATION = re.compile(r"\(\s*" + _LENGTH + r"(?P<note>[^)]*)\)", re.IGNORECASE)
_BARE_DURATION = re.compile(r"(?<![\w:.])" + _LENGTH + r"(?![\w:])", re.IGNORECASE)
_CONTINUED = re.compile(r"^\s*\(?\s*cont(?:inue)?[’']?d\.?\s*\)?\s*[:.–-]?\s*", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*[_‗]{2,}\s*$")
_WORD_AMOUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


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
    minutes: int | None  # None: the cell gives no length; it fills what its block leaves
    note: str
    continued: bool
    start: datetime.time | None = None  # its own time range, when the cell prints one
    end: datetime.time | None = None
    pieces: list[str] = field(default_factory=list)  # the lines its title was written on
    parallel: list[str] = field(default_factory=list)  # sessions its cell lists with it, at its times


_UNDATED_DAYS = "schedule: the grid's days ("


def read_schedule(
    blocks: list[Paragraph | Table], *, default_year: int | None, warnings: list[str], report_text: str = ""
) -> ParsedSchedule | None:
    """The schedule in an annex: its heading lines, then the first table. None without a table.

    A grid whose days are counted ("Day 1") and whose heading has no dates takes the annual meeting's
    dates where the report's text gives them ("the 13th IGF will be held in Paris from 12 to 14
    November 2018").
    """
    tables = [block for block in blocks if isinstance(block, Table)]
    if not tables:
        return None
    table = tables[0]
    parts = _continuing(tables)
    lines = []
    for block in blocks:
        if block is table:
            break
        if isinstance(block, Paragraph) and _clean(block.text):
            lines.append(_clean(block.text))
    # A title written across the top of the table is a line of the heading, not a row of the grid.
    above, parts[0] = _title_rows(table, default_year)
    title, event, theme, venue, start_date, end_date = _read_heading(lines + above, default_year)
    time_zone = time_zone_for(venue)
    if venue and not time_zone:
        warnings.append(f"schedule: the time zone of {venue!r} is not known; set it on the event")
    elif not venue:
        warnings.append("schedule: no venue found above the table, so no time zone")
    year = start_date.year if start_date else default_year
    table = _joined(parts)
    grid_warnings: list[str] = []
    slots = read_grid(table, year=year, start_date=start_date, warnings=grid_warnings)
    event_dates = None
    if not slots and start_date is None:
        event_dates = event_dates_in(report_text, default_year=default_year)
    if event_dates:
        counted: list[str] = []
        slots = read_grid(table, year=event_dates[0].year, start_date=event_dates[0], warnings=counted)
        if slots and all(event_dates[0] <= slot.date <= event_dates[1] for slot in slots):
            start_date, end_date = event_dates
            grid_warnings = counted
        else:
            slots = []
    warnings += grid_warnings
    if start_date is not None:
        _warn_outside(slots, start_date, end_date or start_date, warnings)
    refused = any(warning.startswith(_UNDATED_DAYS) for warning in grid_warnings)
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
        refused=refused,
        tables=len(parts),
    )


def _title_rows(table: Table, default_year: int | None) -> tuple[list[str], Table]:
    """The lines of the rows across the whole table above its grid ("IGF 2018 Main Session
    Schedule"), and the table without them; a row of a day or a time is the grid's."""
    rows = list(table.rows)
    lines: list[str] = []
    while rows and len(rows[0]) == 1 and rows[0][0].col == 0 and rows[0][0].col_span >= table.n_cols > 1:
        text = rows[0][0].text
        if TIME_RANGE.search(text) or any(
            day_heading(line, year=default_year, start_date=None)[0] for line in text.split("\n")
        ):
            break
        lines += [_clean(line) for line in text.split("\n") if _clean(line)]
        rows.pop(0)
    return lines, replace(table, rows=rows) if lines else table


def _warn_outside(
    slots: list[ParsedSlot], first: datetime.date, last: datetime.date, warnings: list[str]
) -> None:
    """A day of the grid before the event's first day or after its last (a "Day 5" of a three-day
    event) is placed, and named in a warning."""
    for date in sorted({slot.date for slot in slots if not first <= slot.date <= last}):
        titles = [slot.title for slot in slots if slot.date == date]
        who = f"{titles[0]!r}" + (f" and {len(titles) - 1} more sessions are" if len(titles) > 1 else " is")
        when = (
            f"before the event's first day ({first:%-d %B %Y})"
            if date < first
            else (f"after the event's last day ({last:%-d %B %Y})")
        )
        warnings.append(f"schedule: {who} on {date:%-d %B %Y}, {when}")


def _times_column(cells: list[Cell]) -> int | None:
    column = _time_column(cells)
    return column if column is not None else _start_time_column(cells)


def _continuing(tables: list[Table]) -> list[Table]:
    """The annex's first table and the tables after it that go on with its grid (a page break split
    it): as many columns, and the times in the same one."""
    first = tables[0]
    time_col = _times_column([cell for row in first.rows for cell in row])
    parts = [first]
    for table in tables[1:]:
        if time_col is None or table.n_cols != first.n_cols:
            break
        if _times_column([cell for row in table.rows for cell in row]) != time_col:
            break
        parts.append(table)
    return parts


def _joined(parts: list[Table]) -> Table:
    """One grid of the tables, the rows of each under those of the one before."""
    if len(parts) == 1:
        return parts[0]
    rows: list[list[Cell]] = []
    for part in parts:
        offset = len(rows)
        rows += [[replace(cell, row=cell.row + offset) for cell in row] for row in part.rows]
    first = parts[0]
    return Table(index=first.index, rows=rows, header_rows=first.header_rows, n_cols=first.n_cols)


# A sentence of the report about the annual meeting itself, not the MAG's own meetings.
_EVENT_SENTENCE = re.compile(r"\bIGF\b|Internet Governance Forum|\bannual meeting\b", re.IGNORECASE)
_NOT_THE_EVENT = re.compile(r"\bMAG\b|Advisory Group|consultations?\b", re.IGNORECASE)


def event_dates_in(text: str, *, default_year: int | None) -> tuple[datetime.date, datetime.date] | None:
    """The first days of more than one that a sentence about the annual meeting gives."""
    for sentence in re.split(r"(?<=[.;])\s+|\n+", text):
        if not _EVENT_SENTENCE.search(sentence) or _NOT_THE_EVENT.search(sentence):
            continue
        found = find_date_range(sentence, default_year=default_year)
        if found and found[0][1] and found[0][1] > found[0][0]:
            return found[0]
    return None


def time_zone_for(venue: str) -> str:
    city = _city_in(venue)
    return VENUE_TIME_ZONES[city.lower()] if city else ""


# "Annex I:", "Appendix 2 –": the label of an annex's heading, before what the heading says.
_ANNEX_LABEL = re.compile(
    r"^(?:Annex|Appendix|Anexo)\b\s*(?:[IVXLC]+\b|\d+\b|[A-Z]\b)?\s*[:.–—-]?\s*", re.IGNORECASE
)


def _read_heading(lines: list[str], default_year: int | None):
    # "Annex: IGF 2018 main sessions, Paris (12–14 November 2018)": what follows the label is read.
    lines = [rest for line in lines if (rest := _ANNEX_LABEL.sub("", line, count=1).strip())]
    title = next((line for line in lines if re.search(r"\bschedule\b|\bprogramme\b", line, re.I)), "")
    event = theme = venue = ""
    start_date = end_date = None
    for line in lines:
        if line == title:
            continue
        found = find_date_range(line, default_year=default_year)
        if found and not start_date:
            (start_date, end_date), match = found
            # The venue follows the dates ("6-9 December 2016, Guadalajara, Mexico"), or a known
            # city comes before them ("main sessions, Paris (12–14 November 2018)").
            venue = line[match.end() :].strip(" ,;:()–—-") or _city_in(line[: match.start()])
            continue
        if not event and re.search(r"Internet Governance Forum|\bIGF\b", line):
            name, _, rest = line.partition(":")
            event = name.strip()
            theme = rest.strip().strip("‘’“”\"' ")
    if not venue:
        # A known host city anywhere in the heading: "IGF 2018 main sessions, Paris (12–14 November)".
        venue = next((city for line in lines if (city := _city_in(line))), "")
    return title, event, theme, venue, start_date, end_date


def _city_in(line: str) -> str:
    """The first known host city named in ``line``, as written there."""
    for city in VENUE_TIME_ZONES:
        found = re.search(rf"\b{re.escape(city)}\b", line, re.IGNORECASE)
        if found:
            return found.group(0)
    return ""


def read_grid(
    table: Table, *, year: int | None, start_date: datetime.date | None, warnings: list[str]
) -> list[ParsedSlot]:
    """The slots of a day-by-time grid, in date and time order.

    A cell may hold several sessions, on separate lines or paragraphs: each placed at its own time
    range when it prints one, else stacked from the start of its block by its duration; a session
    without either fills what its block leaves.
    """
    cells = [cell for row in table.rows for cell in row]
    transposed = _times_across(cells)
    if transposed:
        # Times across the top, days down the first column: read as its mirror image.
        cells = [
            replace(cell, row=cell.col, col=cell.row, row_span=cell.col_span, col_span=cell.row_span)
            for cell in cells
        ]

    def position(cell: Cell) -> str:
        row, col = (cell.col, cell.row) if transposed else (cell.row, cell.col)
        return f"row {row + 1}, column {col + 1}"

    time_col = _time_column(cells)
    if time_col is None:
        cells = _starts_with_their_ends(cells)
        time_col = _time_column(cells)
    if time_col is None:
        time_col = _start_time_column(cells)
        if time_col is None:
            warnings.append("schedule: no column of times (such as 10:00 – 13:00) in the annex table")
            return []
        blocks = _blocks_from_starts(cells, time_col, warnings)
    else:
        blocks = []
        for cell in cells:
            if cell.col != time_col:
                continue
            match = TIME_RANGE.search(cell.text)
            if match:
                start, end = _range_times(match)
                if start is None or end is None or end <= start:
                    warnings.append(f"schedule: the time block {match.group(0)!r} cannot be read")
                    continue
                label = f"{start:%H:%M}–{end:%H:%M}"
                blocks.append(_Block(start, end, range(cell.row, cell.row + cell.row_span), label))
    blocks.sort(key=lambda block: block.rows.start)

    # Day headings: a row of days above the sessions (their columns), or days down the rows ("Monday
    # 12 November | 09:30 – 11:00 | Opening Ceremony", or a row of its own across the table).
    headings: list[tuple[Cell, datetime.date | None, str]] = []
    contents: dict[tuple[int, int], list[str]] = {}
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if cell.col == time_col and TIME_RANGE.search(cell.text):
            # The day may go with the time: "Monday 12 November, 09:30 – 11:00".
            for line in TIME_RANGE.sub("\n", cell.text).split("\n"):
                is_day, found = day_heading(line.strip(" ,;:–—-"), year=year, start_date=start_date)
                if is_day:
                    headings.append((cell, found, _clean(line).strip(" ,;:–—-")))
            continue
        lines = []
        for line in cell.text.split("\n"):
            is_day, found = day_heading(line, year=year, start_date=start_date)
            if is_day:
                headings.append((cell, found, _clean(line)))
                continue
            lines.append(line)
        contents[(cell.row, cell.col)] = [] if _COLUMN_LABEL.match(_clean(" ".join(lines))) else lines
    if headings and start_date is None and all(found is None for _cell, found, _label in headings):
        # "Day 1" .. "Day 5", or weekdays alone, with no first day to count from: one warning, not one
        # per cell.
        named = headings[0][2] if len(headings) == 1 else f"{headings[0][2]}' to '{headings[-1][2]}"
        warnings.append(
            f"{_UNDATED_DAYS}'{named}') have no dates, and none were found above the table "
            "or in the report; the grid was not imported"
        )
        return []
    by_rows = _days_down_the_rows(headings, blocks, time_col)

    block_rows = {row for block in blocks for row in block.rows}

    def day_of(cell: Cell, col: int) -> tuple[datetime.date | None, str]:
        above = [
            (heading.row, found, label)
            for heading, found, label in headings
            if heading.row <= cell.row and (by_rows or heading.col <= col < heading.col + heading.col_span)
        ]
        if above:
            row, found, label = max(above, key=lambda entry: entry[0])
            # "Day 1" under "12 November 2018" in the rows of days: the dated one says which day.
            dated = [
                entry
                for entry in above
                if entry[1] is not None and not block_rows.intersection(range(entry[0], row + 1))
            ]
            if found is None and dated:
                _row, found, label = max(dated, key=lambda entry: entry[0])
            return found, label
        if not headings and start_date is not None and col in columns:
            # No row of days: the columns after the times are the event's days, in order.
            date = start_date + datetime.timedelta(days=columns.index(col))
            return date, f"{date:%-d %B}"
        return None, ""

    first_time_row = min(block_rows, default=0)
    tracks: dict[int, str] = {}  # the room a column of sessions is in
    if by_rows:
        note_cols, tracks = _session_columns(cells, contents, blocks, time_col)
    else:
        # A day's "Room" column beside its sessions.
        note_cols = {
            cell.col
            for cell in cells
            if cell.row not in block_rows and cell.col_span == 1 and _PLACE_LABEL.match(_clean(cell.text))
        } - {time_col}
        # A row of rooms' names under the days ("Main Hall", "Room II"): tracks side by side.
        for cell in cells:
            lines = [line for line in contents.get((cell.row, cell.col), []) if line.strip()]
            if (
                cell.row + cell.row_span <= first_time_row
                and cell.col != time_col
                and cell.col_span == 1
                and not any(heading is cell for heading, _found, _label in headings)
                and len(lines) == 1
                and _next_length(lines[0])[0] is None
            ):
                contents[(cell.row, cell.col)] = []
                tracks[cell.col] = _clean(lines[0])
    # The columns of sessions (an empty spacer column is none).
    columns = sorted(
        {
            col
            for c in cells
            if "".join(contents.get((c.row, c.col), [])).strip()
            for col in range(c.col, c.col + c.col_span)
            if col > time_col
        }
        - note_cols
    )

    def noted(col: int) -> int:
        """The column whose sessions a note column speaks of: in rows, the row's (-1); else the one
        on its left."""
        return -1 if by_rows else max((c for c in columns if c < col), default=-1)

    # Sessions of one day and block, from every cell they are in, in row order.
    placed: dict[tuple[datetime.date, int, int], tuple[str, list[_Session]]] = {}
    notes: dict[tuple[int, int], list[str]] = {}  # what the note columns say of a row's sessions
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if cell.col in note_cols:
            text = _clean(" ".join(contents.get((cell.row, cell.col), [])))
            if text:
                for row in range(cell.row, cell.row + cell.row_span):
                    notes.setdefault((row, noted(cell.col)), []).append(text)
    in_cells: dict[tuple[int, int], list[_Session]] = {}
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        if (cell.col == time_col and cell.col_span == 1) or cell.col in note_cols:
            continue
        if by_rows and cell.row + cell.row_span <= first_time_row:
            continue  # the header row of a grid of rows names its columns
        where = position(cell)
        in_cells[(cell.row, cell.col)] = _sessions(
            contents.get((cell.row, cell.col), []), where=where, warnings=warnings
        )
    _split_untimed_lines(in_cells)
    row_blocks = len(blocks)  # blocks of the times column; those of cells merged over several follow
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        sessions = in_cells.get((cell.row, cell.col))
        where = position(cell)
        if not sessions:
            continue
        cell_rows = range(cell.row, cell.row + cell.row_span)
        covering = [i for i, block in enumerate(blocks[:row_blocks]) if set(block.rows) & set(cell_rows)]
        if not covering:
            warnings.append(f"schedule: the cell at {where} ({sessions[0].title!r}) is in no time block")
            continue
        if len(covering) > 1:
            # Merged down over several blocks: it runs from the first one's start to the last one's end.
            spanned = [blocks[i] for i in covering]
            if any(later.start < earlier.end for earlier, later in zip(spanned, spanned[1:], strict=False)):
                warnings.append(
                    f"schedule: the cell at {where} ({sessions[0].title!r}) spans several time blocks; "
                    "it was not placed"
                )
                continue
            start, end = spanned[0].start, spanned[-1].end
            joined = _Block(
                start, end, range(cell.row, cell.row + cell.row_span), f"{start:%H:%M}–{end:%H:%M}"
            )
            if joined not in blocks:
                blocks.append(joined)
            covering = [blocks.index(joined)]
        for session in sessions:
            extra = [*notes.get((cell.row, -1 if by_rows else cell.col), []), tracks.get(cell.col, "")]
            session.note = "; ".join(part for part in [session.note, *extra] if part)
        for col in range(cell.col, cell.col + cell.col_span) if not by_rows else [cell.col]:
            date, day_label = day_of(cell, col)
            if date is None:
                warnings.append(
                    f"schedule: the cell at {where} ({sessions[0].title!r}) has no day with a date above it"
                )
                continue
            key = (date, col, covering[0])
            placed.setdefault(key, (day_label, []))[1].extend(sessions)

    slots: list[ParsedSlot] = []
    for (date, _col, block_index), (day_label, sessions) in sorted(
        placed.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1])
    ):
        block = blocks[block_index]
        slots += _place(
            sessions,
            block=block,
            date=date,
            where=f"{day_label}, {block.label}",
            warnings=warnings,
        )
    _check_continued(slots, warnings)
    slots.sort(key=lambda slot: (slot.date, slot.start))
    return slots


# A cell that only labels its column: "Time", "Day", "Date", "Session", "Main session", "Room".
_COLUMN_LABEL = re.compile(
    r"^(?:times?|hours?|days?|dates?|day\s*/\s*date|date\s*/\s*time|(?:main\s+)?sessions?(?:\s+titles?)?"
    r"|titles?|rooms?|venues?|locations?|themes?|programme|format|(?:start|end|from|to|until)(?:\s+times?)?)\s*:?$",
    re.IGNORECASE,
)
# The header of a column naming where a session is held, not the session.
_PLACE_LABEL = re.compile(r"^(?:rooms?|venues?|locations?|halls?)\s*:?$", re.IGNORECASE)


def _days_down_the_rows(headings, blocks: list[_Block], time_col: int) -> bool:
    """Whether the days go down the rows (each row's day in a column of days, or a row of its own),
    not across the columns: never two days in one row, and a day beside a time, across the times
    column, merged down several rows, or in several rows."""
    if not headings:
        return False
    rows = [heading.row for heading, _found, _label in headings]
    if len(set(rows)) < len(rows):
        return False
    block_rows = {row for block in blocks for row in block.rows}
    return (
        len(rows) > 1
        or any(heading.col <= time_col < heading.col + heading.col_span for heading, _f, _l in headings)
        or any(heading.row_span > 1 or heading.row in block_rows for heading, _f, _l in headings)
    )


def _session_columns(
    cells: list[Cell], contents, blocks: list[_Block], time_col: int
) -> tuple[set[int], dict[int, str]]:
    """In a grid of rows, the columns saying more of the sessions (a room), and the columns of rooms
    side by side, each a track of sessions, with their names.

    The sessions are in the column headed as theirs, else in the first with text in the time rows; a
    column headed "Room" or "Venue" is never theirs. Two or more columns headed by a name rather than a
    label ("Main Hall", "Room II") are each a track, their name the note of their sessions."""
    block_rows = {row for block in blocks for row in block.rows}
    first_row = min(block_rows, default=0)
    with_text = sorted(
        {
            cell.col
            for cell in cells
            if cell.col != time_col
            and cell.row in block_rows
            and _clean(" ".join(contents.get((cell.row, cell.col), [])))
        }
    )
    header = [cell for cell in cells if cell.row < first_row and cell.col_span == 1]
    labels = {cell.col: _clean(cell.text) for cell in header if _COLUMN_LABEL.match(_clean(cell.text))}
    names = {
        cell.col: name
        for cell in header
        if cell.col in with_text and (name := _clean(" ".join(contents.get((cell.row, cell.col), []))))
    }
    if len(names) >= 2:
        return set(with_text) - set(names), names
    candidates = [col for col in with_text if not _PLACE_LABEL.match(labels.get(col, ""))]
    if not candidates:
        return set(), {}
    headed = [col for col in candidates if re.search(r"session|title", labels.get(col, ""), re.IGNORECASE)]
    session_col = headed[0] if headed else candidates[0]
    return {col for col in with_text if col != session_col}, {}


def _place(
    sessions: list[_Session], *, block: _Block, date: datetime.date, where: str, warnings: list[str]
) -> list[ParsedSlot]:
    """The sessions of one day's block as slots: at their own times, or one after another."""
    slots = []
    block_end = _minutes(block.end)
    cursor = _minutes(block.start)
    timed = any(session.start is not None for session in sessions)
    for index, session in enumerate(sessions):
        if session.start is not None:
            start, end = _minutes(session.start), _minutes(session.end)
            if start < _minutes(block.start) or end > block_end:
                warnings.append(
                    f"schedule: {where}: {session.title!r} ({session.start:%H:%M}–{session.end:%H:%M}) "
                    "is outside its block; placed at its own times"
                )
        elif session.minutes is not None:
            start, end = cursor, cursor + session.minutes
            before = slots[-1] if slots else None
            if (
                end > block_end
                and before is not None
                and before.minutes == session.minutes
                and _minutes(before.end) == block_end
            ):
                # As long as the session before it, which ends the block: the two run side by side
                # (two rooms), as the Word export writes sessions that share their times.
                start, end = _minutes(before.start), block_end
            elif end > block_end:
                warnings.append(
                    f"schedule: {where}: {session.title!r} ({session.minutes} minutes) runs past the end "
                    f"of the block; not placed"
                )
                cursor = end
                continue
        else:
            # No length printed: it lasts until the next session's own start, or the end of the block.
            later = next((s for s in sessions[index + 1 :] if s.start is not None), None)
            rest = sum(s.minutes or 0 for s in sessions[index + 1 :] if s.start is None)
            if later is not None and rest == 0:
                end = _minutes(later.start)
            elif all(s.start is not None or s.minutes is not None for s in sessions[index + 1 :]):
                end = block_end - rest
            else:
                end = cursor
            start = cursor
            if end <= start:
                warnings.append(f"schedule: {where}: the duration of {session.title!r} cannot be read")
                continue
        slots += [
            ParsedSlot(
                date=date,
                start=_from_minutes(start),
                end=_from_minutes(end),
                title=title,
                minutes=end - start,
                continued=session.continued and title == session.title,
                note=session.note,
            )
            for title in [session.title, *session.parallel]
        ]
        cursor = max(cursor, end)
    if not timed and cursor < block_end and slots:
        total = cursor - _minutes(block.start)
        warnings.append(
            f"schedule: {where}: the sessions last {total} minutes but the block is {block.minutes}"
        )
    return slots


def _sessions(lines: list[str], *, where: str, warnings: list[str]) -> list[_Session]:
    """The sessions in one cell, in order: each title ended by its own time range or its duration,
    by an underscore line, or by the end of the cell."""
    sessions: list[_Session] = []
    pending: list[str] = []

    places: list[str] = []  # "Room: Main Hall", "Moderator: ..." lines of the session being read

    def finish(*, minutes=None, note="", start=None, end=None, shown=""):
        title = _clean(" ".join(pending))
        pieces = [_clean(piece) for piece in pending if _clean(piece)]
        pending.clear()
        if not title:
            if shown:
                warnings.append(f"schedule: at {where}, {shown!r} has no session title")
            return
        continued = bool(_CONTINUED.match(title))
        sessions.append(
            _Session(
                title=_CONTINUED.sub("", title).strip() if continued else title,
                minutes=minutes,
                note="; ".join(part for part in [note, *places] if part),
                continued=continued,
                start=start,
                end=end,
                pieces=pieces,
            )
        )
        places.clear()

    # A typed list ("• Opening Ceremony", "- Cybersecurity"): each point is a session of its own.
    bulleted = sum(1 for raw in lines if _BULLET.match(raw)) >= 2
    listed: set[int] = set()  # the sessions that are points of it
    for raw in lines:
        line = raw.strip()
        if not line or line.lower() == "time":
            continue
        if _SEPARATOR.match(line):
            finish()
            continue
        if bulleted and _BULLET.match(line):
            finish()
            listed.add(len(sessions))
            line = _BULLET.sub("", line)
        place = _PLACE_LINE.match(line)
        said = _clean(place.group(1)) if place else _clean(line) if _ROLE_LINE.match(line) else ""
        if said:
            if pending or not sessions:
                places.append(said)
            else:
                sessions[-1].note = "; ".join(part for part in [sessions[-1].note, said] if part)
            continue
        while line:
            match, kind = _next_length(line)
            if match is None:
                pending.append(line)
                break
            pending.append(line[: match.start()])
            shown = match.group(0).strip()
            if kind == "time":
                start, end = _range_times(match)
                if start is None or end is None or end <= start:
                    warnings.append(f"schedule: at {where}, the time range {shown!r} cannot be read")
                    pending.clear()
                else:
                    finish(start=start, end=end, shown=shown)
            else:
                minutes = _duration_minutes(match)
                if minutes is None:
                    warnings.append(f"schedule: at {where}, the duration {shown!r} cannot be read")
                    pending.clear()
                else:
                    note = match.groupdict().get("note") or ""
                    finish(minutes=minutes, note=_clean(note).strip(" .,;:-–"), shown=shown)
            line = line[match.end() :].strip()
    finish()
    # Points without a time or a length share their block, as the lines of one cell may.
    kept: list[tuple[int, _Session]] = []
    for index, session in enumerate(sessions):
        shares = index in listed and session.start is None and session.minutes is None
        if shares and kept:
            before_index, before = kept[-1]
            if before_index in listed and before.start is None and before.minutes is None:
                before.parallel.append(session.title)
                continue
        kept.append((index, session))
    return [session for _index, session in kept]


_BULLET = re.compile(r"^\s*(?:[•·▪◦●■*]|[-–](?=\s))\s*")
# "Room: Main Hall", "Venue – Plenary Hall": where a session is held, on a line of its own.
_PLACE_LINE = re.compile(r"^(?:room|venue|location|hall)\s*[:–—-]\s*(\S.*)$", re.IGNORECASE)
# "Moderator: Ms. ...", "Co-chairs: ...": who leads a session, on a line of its own; kept whole.
_ROLE_LINE = re.compile(
    r"^(?:moderators?|chairs?|co-?chairs?|facilitators?|speakers?|panell?ists?|organi[sz]ers?|rapporteurs?"
    r"|hosts?)\s*:\s*\S",
    re.IGNORECASE,
)
# A line that runs on to the next: it ends on a comma, colon, dash or a little word ("Development,
# Innovation and"), or the next begins with one ("for Sustainable Development").
_RUNS_ON_END = re.compile(
    r"(?:[,;:&/(\[–—-]|\b(?:and|or|of|for|the|to|in|on|with|a|an|at|by|from|vs\.?|versus|into|towards?))$",
    re.IGNORECASE,
)
_RUNS_ON_START = re.compile(r"^(?:and|or|of|for|to|in|on|with|by|from|&)\b", re.IGNORECASE)


def _plausible_title(line: str) -> bool:
    text = line.strip(" \"'“”‘’•*")
    return (
        bool(text)
        and (text[0].isupper() or text[0].isdigit())
        and not (_RUNS_ON_END.search(text) or _RUNS_ON_START.search(text))
    )


def _split_untimed_lines(in_cells: dict[tuple[int, int], list[_Session]]) -> None:
    """A session without time or length written on several lines is several sessions sharing its
    time when the evidence says so: each line could be a title on its own (a capital first, nothing
    running on to the next line), and no other session of the grid is written on more than one line
    (a grid whose titles wrap would wrap this one too). Else its lines stay one title."""
    sessions = [session for cell in in_cells.values() for session in cell]
    several = [session for session in sessions if len(session.pieces) > 1]
    if len(several) != 1 or len(sessions) < 2:
        return
    session = several[0]
    if session.start is None and session.minutes is None and all(map(_plausible_title, session.pieces)):
        first, *rest = session.pieces
        session.title = _CONTINUED.sub("", first).strip() if session.continued else first
        session.parallel = rest


def _next_length(line: str) -> tuple[re.Match | None, str]:
    """The first time range or duration in a line of a cell, and which it is."""
    found = []
    for pattern, kind in ((_SESSION_TIME, "time"), (DURATION, "duration"), (_BARE_DURATION, "duration")):
        match = pattern.search(line)
        if match:
            found.append((match.start(), kind != "time", match, kind))
    if not found:
        return None, ""
    _start, _rank, match, kind = min(found, key=lambda entry: (entry[0], entry[1]))
    return match, kind


def _duration_minutes(match: re.Match) -> int | None:
    groups = match.groupdict()
    if groups.get("hm_hours"):
        return int(groups["hm_hours"]) * 60 + int(groups["hm_minutes"])
    if groups.get("minutes"):
        value = float(groups["minutes"])
    else:
        amount = groups["hours"].lower().replace(",", ".")
        if amount.startswith("half"):
            hours = 0.5
        elif amount in _WORD_AMOUNTS:
            hours = _WORD_AMOUNTS[amount]
        else:
            hours = float(amount)
        value = hours * 60 + (int(groups["extra"]) if groups.get("extra") else 0)
    if value <= 0 or value != int(value):
        return None
    return int(value)


def _range_times(match: re.Match) -> tuple[datetime.time | None, datetime.time | None]:
    """(start, end) of a matched time range; "2:00 pm" is 14:00; an end marked pm makes a bare
    start before it pm too ("2:00 - 3:30 pm")."""
    h1, m1, a1, h2, m2, a2 = match.groups()[:6]
    m1, m2 = m1 or "00", m2 or "00"  # "10am"
    start_pm = _pm(a1 or a2)
    end_pm = _pm(a2)
    start = _time(str(_hour(int(h1), start_pm, bool(a1 or a2))), m1)
    end = _time(str(_hour(int(h2), end_pm, bool(a2))), m2)
    if start and end and a2 and not a1 and end <= start and start_pm:
        start = _time(h1, m1)  # "11:30 - 1:00 pm": the start is the morning's
    return start, end


def _pm(marker: str | None) -> bool:
    """Whether "am", "p.m." or "noon" is after noon (noon is 12 pm)."""
    return bool(marker) and marker.lower()[0] in "pn"


def _hour(hour: int, pm: bool, marked: bool) -> int:
    if not marked:
        return hour
    if pm and hour < 12:
        return hour + 12
    if not pm and hour == 12:
        return 0
    return hour


def _check_continued(slots: list[ParsedSlot], warnings: list[str]) -> None:
    ordered = sorted(slots, key=lambda slot: (slot.date, slot.start))
    seen = set()
    for slot in ordered:
        if slot.continued and slot.title not in seen:
            warnings.append(f"schedule: {slot.title!r} is marked (Contd.) but does not appear earlier")
        seen.add(slot.title)


_START_TIME = re.compile(r"^\s*(?:from\s+)?" + _CLOCK + r"\s*$", re.IGNORECASE)


def _start_time_column(cells: list[Cell]) -> int | None:
    """The column of time blocks given by their start alone ("10:00", "3.00 pm"), if any."""
    counts: dict[int, int] = {}
    for cell in cells:
        if _START_TIME.match(cell.text):
            counts[cell.col] = counts.get(cell.col, 0) + 1
    columns = [col for col, count in counts.items() if count >= 2]
    return min(columns, key=lambda col: (-counts[col], col)) if columns else None


def _starts_with_their_ends(cells: list[Cell]) -> list[Cell]:
    """The cells, a column of starts and the column of ends after it ("Start | End") made one column
    of ranges ("09:30 – 11:00"), when every start has its end, later, beside it."""
    start_col = _start_time_column(cells)
    if start_col is None:
        return cells
    at = {(cell.row, cell.col): cell for cell in cells}
    pairs = []
    for cell in cells:
        start = _START_TIME.match(cell.text) if cell.col == start_col else None
        if start is None:
            continue
        beside = at.get((cell.row, start_col + 1))
        end = _START_TIME.match(beside.text) if beside is not None else None
        if end is None or beside.row_span != cell.row_span:
            return cells
        pairs.append((cell, beside))
    ranges = {}
    for start, end in pairs:
        text = f"{_clean(start.text)} – {_clean(end.text)}"
        match = TIME_RANGE.search(text)
        first, last = _range_times(match) if match else (None, None)
        if first is None or last is None or last <= first:
            return cells
        ranges[(start.row, start.col)] = replace(start, paragraphs=[Paragraph(index=0, text=text)])
    return [
        ranges.get((cell.row, cell.col), cell)
        for cell in cells
        if cell.col != start_col + 1 or cell.col_span > 1
    ]


def _blocks_from_starts(cells: list[Cell], time_col: int, warnings: list[str]) -> list[_Block]:
    """Blocks that each run to the start of the next; the last one as long as the one before it."""
    starts = []
    for cell in sorted((c for c in cells if c.col == time_col), key=lambda c: c.row):
        match = _START_TIME.match(cell.text)
        if match:
            hour = _hour(int(match.group(1)), _pm(match.group(3)), bool(match.group(3)))
            start = _time(str(hour), match.group(2) or "00")
            if start is not None:
                starts.append((start, range(cell.row, cell.row + cell.row_span)))
    blocks = []
    for index, (start, rows) in enumerate(starts):
        if index + 1 < len(starts):
            end = starts[index + 1][0]
        elif blocks:
            end = _from_minutes(min(_minutes(start) + blocks[-1].minutes, 24 * 60 - 1))
        else:
            end = None
        if end is None or end <= start:
            warnings.append(
                f"schedule: the time block starting at {start:%H:%M} has no end that can be known"
            )
            continue
        blocks.append(_Block(start, end, rows, f"{start:%H:%M}–{end:%H:%M}"))
    return blocks


def _bare_range(text: str) -> bool:
    """Whether a cell is a time range and little else ("10:00 – 13:00", "Morning: 10:00-13:00 hrs")."""
    match = TIME_RANGE.search(text)
    if not match:
        return False
    rest = text[: match.start()] + " " + text[match.end() :]
    return len(re.findall(r"[^\W\d_]{3,}", rest)) <= 2


def _times_across(cells: list[Cell]) -> bool:
    """Whether the time blocks go across a row rather than down a column: a row has several, no
    column more than one."""
    rows: dict[int, int] = {}
    cols: dict[int, int] = {}
    for cell in cells:
        if _bare_range(cell.text):
            rows[cell.row] = rows.get(cell.row, 0) + 1
            cols[cell.col] = cols.get(cell.col, 0) + 1
    return max(rows.values(), default=0) >= 2 and max(cols.values()) == 1


def _time_column(cells: list[Cell]) -> int | None:
    """The column of time blocks: the one whose cells are mostly a time range and little else (session
    cells may print their own times too), then the one with the most time ranges, then the first."""
    bare: dict[int, int] = {}
    counts: dict[int, int] = {}
    for cell in cells:
        if TIME_RANGE.search(cell.text):
            counts[cell.col] = counts.get(cell.col, 0) + 1
            if _bare_range(cell.text):
                bare[cell.col] = bare.get(cell.col, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda col: (bare.get(col, 0), counts[col]))


_DAY_NUMBER = re.compile(r"^\s*Day\s*(?P<n>\d{1,2}|one|two|three|four|five|six|seven)\b", re.IGNORECASE)
_DAY_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# "Tuesday", "Tues", "Tue.", "Thu": a weekday, known by its first two letters.
_WEEKDAY = starting_pattern(
    r"\b(?P<name>mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.IGNORECASE
)
_WEEKDAYS = ["mo", "tu", "we", "th", "fr", "sa", "su"]


def day_heading(
    line: str, *, year: int | None, start_date: datetime.date | None
) -> tuple[bool, datetime.date | None]:
    """Whether a line of the grid names a day ("Day 1 – 6 December", "Tuesday, 6 Dec 2016", "Day Two",
    "Wednesday"), and its date: printed, or counted from the event's first day."""
    text = line.strip()
    if not text:
        return False, None
    number = _DAY_NUMBER.match(text)
    rest = text[number.end() :] if number else text
    dated = find_date_range(rest, default_year=year or 2000) if re.search(r"\d", rest) else None
    found = None
    if dated:
        (start, _end), match = dated
        rest = rest[: match.start()] + " " + rest[match.end() :]
        found = (start,) if year is not None or re.search(r"(?:19|20)\d\d", match.group(0)) else (None,)
    weekday = _WEEKDAY.search(rest)
    rest = _WEEKDAY.sub("", rest)
    if re.sub(r"[\s,;:()\-–—.]", "", rest) or not (dated or number or weekday):
        return False, None
    if found and found[0] is not None:
        return True, found[0]
    if number and start_date:
        value = number.group("n").lower()
        offset = int(value) if value.isdigit() else _DAY_WORDS[value]
        return True, start_date + datetime.timedelta(days=offset - 1)
    if weekday and start_date and not number:
        wanted = _WEEKDAYS.index(weekday.group("name").lower()[:2])
        return True, start_date + datetime.timedelta(days=(wanted - start_date.weekday()) % 7)
    return True, None


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

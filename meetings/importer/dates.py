"""Dates and date ranges as summary reports print them.

Reports from 2008 to 2020 write dates in every common way: "30 August 2016",
"August 30, 2016", "Wednesday, 8 August 2018", "Wednesday, August 8, 2018",
"8th August", "2016-08-30", "12-14 July 2016", "July 12–14, 2016",
"30 June – 2 July 2017", "June 30 – July 2, 2017", "8 and 9 March 2017". A range
may end in the next year when it prints that year. Numeric dates ("13/06/2017",
"8.8.2017", "06/13/2017") are read day first, as the United Nations write them,
unless only month first makes a date; a year of four digits is needed.
"""

from __future__ import annotations

import datetime
import re

from meetings.importer.patterns import starting_pattern
from meetings.importer.vocabulary import MONTHS

#: A month as reports print it: "Sept", "Aug." as well as the full names (match with re.IGNORECASE).
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*(?:[-–—‒―]|to|until|through)\s*"
# Between the days of a range only: "8 and 9 March", "Wednesday 8 and Thursday 9 March".
_DAY_DASH = r"(?:\s*(?:[-–—‒―]|to|until|through)\s*|\s+(?:and|&)\s+)"
_OF = r"(?:\s+of)?"

# Day first: "30 August 2016", "12-14 July", "30 June – 2 July 2017", "Wednesday, 8 August 2018".
_DAY_FIRST = re.compile(
    rf"\b(?:{_WEEKDAY})?(?P<day>{_DAY})(?:{_DAY_DASH}(?:{_WEEKDAY})?(?P<end_day>{_DAY}))?{_OF}\s+(?P<month>{MONTH})"
    rf"(?:,?\s+(?P<year>{_YEAR}))?"
    rf"(?:{_DASH}(?:{_WEEKDAY})?(?P<end_day2>{_DAY}){_OF}\s+(?P<end_month>{MONTH})(?:,?\s+(?P<end_year>{_YEAR}))?)?"
    r"(?![\w:])",
    re.IGNORECASE,
)
# Month first: "August 30, 2016", "July 12-14, 2016", "June 30 – July 2, 2017", "Wednesday, August 8, 2018".
_MONTH_FIRST = starting_pattern(
    rf"\b(?:{_WEEKDAY})?(?P<month>{MONTH})\s+(?P<day>{_DAY})"
    rf"(?:{_DAY_DASH}(?P<end_day>{_DAY})(?![\w:]))?"
    rf"(?:,?\s+(?P<year>{_YEAR}))?"
    rf"(?:{_DASH}(?:{_WEEKDAY})?(?P<end_month>{MONTH})\s+(?P<end_day2>{_DAY})(?:,?\s+(?P<end_year>{_YEAR}))?)?"
    r"(?![\w:])",
    re.IGNORECASE,
)
# ISO: "2016-08-30", "2016-08-30 – 2016-09-02".
_ISO = re.compile(
    r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    rf"(?:{_DASH}(?P<end_year>(?:19|20)\d\d)-(?P<end_month>[01]\d)-(?P<end_day>[0-3]\d))?(?![\d-])"
)

# Numeric: "13/06/2017", "8.8.2017", "13/06/2017 - 14/06/2017"; not a version or a phone number.
_NUMERIC_DATE = r"(?P<{0}a>[0-3]?\d)(?P<{0}sep>[/.])(?P<{0}b>[01]?\d)(?P={0}sep)(?P<{0}year>(?:19|20)\d\d)"
_NUMERIC = re.compile(
    rf"(?<![\w./-]){_NUMERIC_DATE.format('')}(?:{_DASH}{_NUMERIC_DATE.format('end_')})?(?![\w/.-]\w)"
)


def month_number(name: str) -> int | None:
    """1-12 for a month's name or its abbreviation ("Sept", "Aug."), else None."""
    key = name.lower().rstrip(".")[:3]
    for full, number in MONTHS.items():
        if full.startswith(key) and len(key) == 3:
            return number
    return None


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _date(year: int, month: int | None, day: int) -> datetime.date | None:
    if month is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _from_words(
    match: re.Match, default_year: int | None
) -> tuple[datetime.date, datetime.date | None] | None:
    groups = match.groupdict()
    end_year = int(groups["end_year"]) if groups.get("end_year") else None
    year = int(groups["year"]) if groups.get("year") else (end_year or default_year)
    if year is None:
        return None
    start = _date(year, month_number(groups["month"]), _day(groups["day"]))
    if start is None:
        return None
    end = None
    if groups.get("end_day"):
        end = _date(year, start.month, _day(groups["end_day"]))
        if end is None or end < start:
            return None  # "Meeting #5 – 3 April": not a range; the date starts at its second number
    elif groups.get("end_day2"):
        end_month = month_number(groups["end_month"])
        end = _date(end_year or year, end_month, _day(groups["end_day2"]))
        if end is not None and end < start and not groups.get("year"):
            # "30 December – 2 January 2017": the year printed is the end's; the start is the year before.
            start = _date(start.year - 1, start.month, start.day)
        if end is None:
            return None
    if end is not None and (end < start or (end - start).days > 31):
        return start, None
    return start, end


def _from_iso(match: re.Match) -> tuple[datetime.date, datetime.date | None] | None:
    start = _date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    if start is None:
        return None
    end = None
    if match.group("end_year"):
        end = _date(int(match.group("end_year")), int(match.group("end_month")), int(match.group("end_day")))
        if end is not None and (end < start or (end - start).days > 31):
            end = None
    return start, end


def _numeric(first: str, second: str, year: str) -> datetime.date | None:
    """Day first ("05/06/2017" is 5 June), month first only when day first makes no date."""
    day, month = int(first), int(second)
    return _date(int(year), month, day) or _date(int(year), day, month)


def _from_numeric(match: re.Match) -> tuple[datetime.date, datetime.date | None] | None:
    start = _numeric(match.group("a"), match.group("b"), match.group("year"))
    if start is None:
        return None
    end = None
    if match.group("end_a"):
        end = _numeric(match.group("end_a"), match.group("end_b"), match.group("end_year"))
        if end is not None and (end < start or (end - start).days > 31):
            end = None
    return start, end


def find_date_range(
    text: str, *, default_year: int | None
) -> tuple[tuple[datetime.date, datetime.date | None], re.Match] | None:
    """The first date or range in ``text`` and where it stands; a date without a year needs
    ``default_year``."""
    found = []
    for pattern in (_DAY_FIRST, _MONTH_FIRST):
        match = pattern.search(text)
        while match:
            value = _from_words(match, default_year)
            if value:
                found.append((match.start(), -len(match.group(0)), value, match))
                break
            # A number that does not start a date may be followed by one that does ("#5 – 3 April").
            match = pattern.search(text, match.start() + 1)
    for pattern, read in ((_ISO, _from_iso), (_NUMERIC, _from_numeric)):
        match = pattern.search(text)
        if match:
            value = read(match)
            if value:
                found.append((match.start(), -len(match.group(0)), value, match))
    if not found:
        return None
    _start, _length, value, match = min(found, key=lambda entry: (entry[0], entry[1]))
    return value, match


def parse_date_range(
    text: str, *, default_year: int | None
) -> tuple[datetime.date, datetime.date | None] | None:
    """The first date or date range in ``text``: "6-9 December 2016" → (6 Dec, 9 Dec)."""
    found = find_date_range(text, default_year=default_year)
    return found[0] if found else None

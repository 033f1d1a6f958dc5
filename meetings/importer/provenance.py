"""What a report's text says about where its decisions, footnotes and paragraphs lead. No ORM here.

- Whether a decision approves the main-session schedule the report carries (``schedule_is_approved``).
- Which sessions of the annual meeting a decision changes, and how (``read_decision``,
  ``sessions_shaped``), checked against the grid the same report carries
  (``check_decisions_against_grid``).
- Which other summary report a footnote cites (``read_citation``).
- Which meetings a paragraph announces (``read_announcements``).

``read_provenance`` writes all of them onto a ``ParsedReport``; ``meetings.services`` applies them to
rows already in the portal (a revised report, a report cited before it arrived).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from meetings.importer.patterns import starting_pattern
from meetings.importer.report import Announcement, Citation
from meetings.importer.vocabulary import MONTH_PATTERN, MONTHS, roman_to_int
from schedule.diff import AFTERNOON_STARTS, duration_words
from schedule.matching import normalise_title, sessions_mentioned

if TYPE_CHECKING:
    from meetings.importer.report import ParsedReport, ParsedSlot

_MONTH = f"({MONTH_PATTERN})"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DURATION = re.compile(
    r"\b(\d+(?:\.5)?|an?|one|two|three|four|five|six)[\s-]+(hours?|hrs?|minutes?|mins?)\b", re.I
)
_DAY = re.compile(r"\bday[\s-]*(\d+)\b", re.IGNORECASE)
_LAST_DAY = starting_pattern(r"\b(?:last|final|closing) day\b", re.IGNORECASE)
_FIRST_DAY = re.compile(r"\b(?:first|opening) day\b", re.IGNORECASE)
_BLOCK = re.compile(r"\b(morning|afternoon)\b", re.IGNORECASE)
_CLAUSES = re.compile(r";\s+|,?\s+and\s+that\s+|(?<=[.])\s+")
_CHANGES = starting_pattern(
    r"\b(?:mov(?:e|ed|ing)|allott?(?:ed)?|includ(?:e|ed)|add(?:ed)?|extend(?:ed)?|lengthen(?:ed)?|"
    r"shorten(?:ed)?|reduc(?:e|ed)|renam(?:e|ed)|drop(?:ped)?|remov(?:e|ed)|merg(?:e|ed)|swap(?:ped)?|"
    r"replac(?:e|ed)|reschedul(?:e|ed)|given)\b",
    re.IGNORECASE,
)


# The grid's approval ------------------------------------------------------------------------------

_APPROVES_SCHEDULE = starting_pattern(
    r"\bschedule\b[^.;]*?\b(?:was|were|is|has been|had been)\s+approved\b"
    r"|\bapproved\b[^.;]*?\bschedule\b",
    re.IGNORECASE,
)
# "The virtual meeting schedule was approved" approves the MAG's calls, not the annual meeting's grid.
_OTHER_SCHEDULE = starting_pattern(r"\b(?:virtual\s+)?(?:meeting|call|webinar)s?\s+schedule\b", re.IGNORECASE)


def schedule_is_approved(report: ParsedReport) -> bool:
    """Whether a decision of the report approves the main-session schedule it carries."""
    for item in report.items:
        for decision in item.decisions:
            for sentence in re.split(r"(?<=[.;])\s+", decision.text):
                match = _APPROVES_SCHEDULE.search(sentence)
                if match and not _OTHER_SCHEDULE.search(sentence):
                    return True
    return False


# Decisions and sessions -------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionClaim:
    """What one clause of a decision says about one session's place in the grid."""

    session: int  # index into the titles the clause was read against
    minutes: int | None = None
    day: int | None = None  # 1 is the first day; LAST_DAY for "the last day"
    block: str | None = None  # "morning" or "afternoon"

    @property
    def says_something(self) -> bool:
        return self.minutes is not None or self.day is not None or self.block is not None


LAST_DAY = -1


def _minutes_in(text: str) -> int | None:
    match = _DURATION.search(text)
    if not match:
        return None
    amount, unit = match.group(1).lower(), match.group(2).lower()
    value = float(_NUMBERS.get(amount, 0) or amount)
    return round(value * 60) if unit.startswith("h") else round(value)


def _day_in(text: str) -> int | None:
    if match := _DAY.search(text):
        return int(match.group(1))
    if _LAST_DAY.search(text):
        return LAST_DAY
    if _FIRST_DAY.search(text):
        return 1
    return None


def read_decision(text: str, *, context: str, titles: list[str]) -> list[SessionClaim]:
    """The sessions a decision changes, each with what it says about it, in the order it names them.

    See ``_read_decision``; cached because one import reads each decision against the same titles
    when it checks the grid and again when it links the decision to its sessions.
    """
    return list(_read_decision(text, context, tuple(titles)))


@functools.lru_cache(maxsize=1024)
def _read_decision(text: str, context: str, titles: tuple[str, ...]) -> tuple[SessionClaim, ...]:
    """The sessions a decision changes, each with what it says about it, in the order it names them.

    A clause's subject is the first session it names; a clause naming none ("the session would be
    included as a 90-minute main session") is about the previous clause's session, or, when the whole
    decision names none, the first session its paragraph (``context``) names. Only clauses that
    change something count: naming a session in passing ("a transition to the Taking Stock session")
    does not.
    """
    claims: list[SessionClaim] = []
    subject = None
    if not sessions_mentioned(text, titles):
        named = sessions_mentioned(context, titles)
        subject = named[0] if named else None
    for clause in _CLAUSES.split(text):
        named = sessions_mentioned(clause, titles)
        if named:
            subject = named[0]
        if subject is None:
            continue
        block = _BLOCK.search(clause)
        claim = SessionClaim(subject, _minutes_in(clause), _day_in(clause), block and block.group(1).lower())
        if claim.says_something or _CHANGES.search(clause):
            claims.append(claim)
    return tuple(claims)


def sessions_shaped(text: str, *, context: str, titles: list[str]) -> list[int]:
    """Indices of the sessions a decision changes, its main subject first."""
    found: list[int] = []
    for claim in read_decision(text, context=context, titles=titles):
        if claim.session not in found:
            found.append(claim.session)
    return found


@dataclass
class _GridSession:
    title: str
    slots: list[ParsedSlot]


def _grid_sessions(report: ParsedReport) -> tuple[list[_GridSession], datetime.date | None]:
    schedule = report.schedule
    if schedule is None or not schedule.slots:
        return [], None
    by_key: dict[str, _GridSession] = {}
    # "(Contd.)" slots carry their session's title and belong to it.
    for slot in sorted(schedule.slots, key=lambda s: s.continued):
        key = normalise_title(slot.title)
        by_key.setdefault(key, _GridSession(slot.title, [])).slots.append(slot)
    first = schedule.start_date or min(slot.date for slot in schedule.slots)
    return list(by_key.values()), first


def _place(slot: ParsedSlot, first: datetime.date) -> tuple[int, str]:
    return (slot.date - first).days + 1, "morning" if slot.start < AFTERNOON_STARTS else "afternoon"


def _where(day: int | None, block: str | None, last_day: int) -> str:
    day_words = f"Day {last_day if day == LAST_DAY else day}" if day is not None else ""
    return " ".join(part for part in (day_words, block or "") if part)


def check_decisions_against_grid(report: ParsedReport) -> list[str]:
    """Warnings where a decision of the report says something about a session its own grid contradicts."""
    sessions, first = _grid_sessions(report)
    if not sessions:
        return []
    titles = [session.title for session in sessions]
    last_day = max(_place(slot, first)[0] for session in sessions for slot in session.slots)
    warnings = []
    for item in report.items:
        for decision in item.decisions:
            for claim in read_decision(decision.text, context=item.text, titles=titles):
                session = sessions[claim.session]
                warnings += _contradictions(
                    claim, session, first, last_day, f"Paragraph {item.number or f'#{item.position}'}"
                )
    return list(dict.fromkeys(warnings))


def _contradictions(
    claim: SessionClaim, session: _GridSession, first: datetime.date, last_day: int, where: str
) -> list[str]:
    day = last_day if claim.day == LAST_DAY else claim.day
    places = [(_place(slot, first), slot) for slot in session.slots]
    found = []
    in_scope = [
        slot
        for (slot_day, slot_block), slot in places
        if (day is None or slot_day == day) and (claim.block is None or slot_block == claim.block)
    ]
    if (day is not None or claim.block) and not in_scope:
        grid_places = ", ".join(dict.fromkeys(f"Day {d} {b}" for (d, b), _slot in places))
        found.append(
            f"{where}: a decision puts “{session.title}” on {_where(claim.day, claim.block, last_day)} "
            f"but the grid has it on {grid_places}."
        )
    if claim.minutes is not None:
        scope = [slot for (slot_day, _b), slot in places if day is None or slot_day == day]
        total = sum(slot.minutes for slot in scope)
        if scope and total != claim.minutes:
            on_day = f" on Day {day}" if day is not None else ""
            found.append(
                f"{where}: a decision gives “{session.title}” {duration_words(claim.minutes)}{on_day} "
                f"but the grid gives it {duration_words(total)}."
            )
    return found


# Footnotes citing other reports -----------------------------------------------------------------

_URL = re.compile(r"https?://\S+")
_CITED_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
# Values of ``Meeting.Kind``, written out: this module does not import the models.
_KIND_WORDS = [
    (re.compile(r"open\s+consultation", re.IGNORECASE), "open_consultations"),
    (re.compile(r"face[\s-]+to[\s-]+face", re.IGNORECASE), "face_to_face"),
    (re.compile(r"\btopical\b", re.IGNORECASE), "topical"),
    (re.compile(r"\bvirtual\b", re.IGNORECASE), "virtual"),
]


def read_citation(text: str, *, year: int) -> Citation | None:
    """The report a footnote cites, or None when it does not cite a meeting's report.

    Cached: every import of a cycle reads the cycle's unlinked footnotes again.
    """
    return _read_citation(text, year)


@functools.lru_cache(maxsize=4096)
def _read_citation(text: str, year: int) -> Citation | None:
    name = _URL.split(text, maxsplit=1)[0].strip(" :")
    name = re.sub(r"^\s*summary\s+report\s*:?\s*", "", name, flags=re.IGNORECASE).strip(" :")
    if not re.search(r"\b(?:meeting|consultations?|report)\b", text, re.IGNORECASE):
        return None
    date = None
    if match := _CITED_DATE.search(name):
        try:
            date = datetime.date(
                int(match.group(3) or year), MONTHS[match.group(2).lower()], int(match.group(1))
            )
        except ValueError:
            date = None
    number = None
    if match := _ORDINAL.search(name):
        number = int(match.group(1))
    elif match := re.search(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b", name, re.IGNORECASE):
        number = _ORDINAL_WORDS[match.group(1).lower()]
    elif match := re.search(r"\bmeeting\s+([IVX]+)\b", name):
        number = roman_to_int(match.group(1))
    kind = next((kind for pattern, kind in _KIND_WORDS if pattern.search(name)), None)
    if date is None and number is None:
        return None
    return Citation(name, date, number, kind)


# Announced meetings ----------------------------------------------------------------------------

# The first day of a meeting: "13 September", "September 13th", "23 and 24 May", "12 to 14 June",
# "10-12 July 2019".
_FURTHER_DAY = r"(?:\s*(?:-|–|—|\bto\b|\band\b|&)\s*\d{1,2}(?:st|nd|rd|th)?)?"
_ANNOUNCED_DATE = (
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?{_FURTHER_DAY}\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?{_FURTHER_DAY})"
    r"(?:,?\s+(\d{4}))?"
)
# Where, between the verb and the date: "in Paris", "at UNESCO in Paris,", "in Geneva,".
_ANNOUNCED_PLACE = r"(?:(?:in|at)\s+[A-Z][^.;]{0,60}?[\s,]+)?"
_ANNOUNCEMENT = re.compile(
    r"(?P<title>[^.;]*?\b(?:meeting|consultations?|call|webinar)\b[^.;]*?)\s+will\s+"
    r"(?:take\s+place|be\s+held|convene|meet|be)\s+"
    + _ANNOUNCED_PLACE
    + r"(?:on\s+|from\s+)?(?:\w+day,?\s+)?"
    + _ANNOUNCED_DATE,
    re.IGNORECASE,
)
_NEXT = starting_pattern(
    r"\bnext\b(?P<title>[^.;]*?\bmeeting\b[^.;]*?)\s+(?:is\s+)?(?:scheduled\s+)?(?:for|on)\s+(?:\w+day,?\s+)?"
    + _ANNOUNCED_DATE,
    re.IGNORECASE,
)
# What each pattern cannot match without: a sentence lacking its cue is skipped before the pattern's
# lazy title part is tried from every word of it, which is quadratic in the sentence's length.
_ANNOUNCEMENT_CUE = re.compile(r"\bwill\s+(?:take\s+place|be|convene|meet)\s", re.IGNORECASE)
_NEXT_CUE = re.compile(r"\bnext\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;]")
_MONTH_NAMED = starting_pattern(_MONTH, re.IGNORECASE)
#: How alike an announced title and an imported meeting's must be, on the same date.
ANNOUNCED_SIMILAR = 0.4


def _matches_from_where_the_last_ended(sentence: str):
    """``_ANNOUNCEMENT.finditer(sentence)``, tried only at the sentence's start and where each match ends.

    Its title part takes any character but "." and ";", which a sentence has none of, so a match that
    could begin further on begins there already: where the pattern fails, it fails everywhere after.
    finditer would try it again from every later character, each time to the sentence's end.
    """
    position = 0
    while (match := _ANNOUNCEMENT.match(sentence, position)) is not None:
        yield match
        position = match.end()


def read_announcements(text: str, *, year: int, after: datetime.date | None = None) -> list[Announcement]:
    """The meetings a paragraph announces ("The next ... Meeting ... will take place on 13 September").

    The year is the cycle's unless written; a date that would fall before ``after`` (the announcing
    meeting) is in the next year.
    """
    found: list[Announcement] = []
    if not (_ANNOUNCEMENT_CUE.search(text) or _NEXT_CUE.search(text)):
        return found
    # Neither pattern crosses a "." or ";" and both need a month, so they are matched only against
    # sentences naming one: their lazy title part backtracks from every word it is tried on.
    sentences = [sentence for sentence in _SENTENCE_END.split(text) if _MONTH_NAMED.search(sentence)]
    for pattern, cue in ((_ANNOUNCEMENT, _ANNOUNCEMENT_CUE), (_NEXT, _NEXT_CUE)):
        cued = [sentence for sentence in sentences if cue.search(sentence)]
        find = _matches_from_where_the_last_ended if pattern is _ANNOUNCEMENT else pattern.finditer
        for match in (match for sentence in cued for match in find(sentence)):
            day = match.group(2) or match.group(5)
            month = match.group(3) or match.group(4)
            try:
                date = datetime.date(int(match.group(6) or year), MONTHS[month.lower()], int(day))
            except ValueError:
                continue
            if after and not match.group(6) and date < after:
                date = date.replace(year=date.year + 1)
            title = re.sub(r"^\s*(?:the\s+)?(?:next\s+)?", "", match.group("title"), flags=re.IGNORECASE)
            title = title.strip(" ,")
            if title and date not in {found_one.date for found_one in found}:
                found.append(Announcement(title[0].upper() + title[1:], date))
    return found


# The whole report ------------------------------------------------------------------------------


def read_provenance(report: ParsedReport) -> None:
    """Write onto ``report`` what its text says beyond its rows: whether it approves its grid, which
    sessions of that grid each decision changes, which report each footnote cites, and which meetings
    each paragraph announces."""
    report.schedule_approved = schedule_is_approved(report)
    sessions, _first = _grid_sessions(report)
    titles = [session.title for session in sessions]
    meeting = report.meeting
    year = meeting.cycle_year or (meeting.date.year if meeting.date else None)
    for item in report.items:
        for decision in item.decisions:
            shaped = sessions_shaped(decision.text, context=item.text, titles=titles) if titles else []
            decision.sessions = [titles[index] for index in shaped]
        if year is None:
            continue
        for footnote in item.footnotes:
            footnote.citation = read_citation(footnote.text, year=year)
        item.announcements = read_announcements(item.text, year=year, after=meeting.date)

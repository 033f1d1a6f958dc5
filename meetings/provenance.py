"""Where decisions, sessions and meetings come from and lead to.

- Decisions that shape a session of the annual meeting are linked to it (``link_decisions_to_sessions``),
  and checked against the grid the same report carries (``check_decisions_against_grid``, pure).
- Footnotes citing another summary report are linked to that meeting (``link_cited_meetings``).
- Meetings a report announces are kept as upcoming until their own report arrives
  (``record_announced_meetings``, ``resolve_announcements``, ``upcoming_meetings``).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from meetings.models import AgendaItem, Decision, DecisionSession, Footnote, Meeting, UpcomingMeeting
from schedule.diff import AFTERNOON_STARTS, duration_words
from schedule.matching import normalise_title, sessions_mentioned, title_similarity

if TYPE_CHECKING:
    from meetings.importer.report import ParsedReport, ParsedSlot
    from schedule.models import Session

MONTHS = {
    name: number
    for number, name in enumerate(
        ["january", "february", "march", "april", "may", "june", "july"]
        + ["august", "september", "october", "november", "december"],
        1,
    )
}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DURATION = re.compile(
    r"\b(\d+(?:\.5)?|an?|one|two|three|four|five|six)[\s-]+(hours?|hrs?|minutes?|mins?)\b", re.I
)
_DAY = re.compile(r"\bday[\s-]*(\d+)\b", re.IGNORECASE)
_LAST_DAY = re.compile(r"\b(?:last|final|closing) day\b", re.IGNORECASE)
_FIRST_DAY = re.compile(r"\b(?:first|opening) day\b", re.IGNORECASE)
_BLOCK = re.compile(r"\b(morning|afternoon)\b", re.IGNORECASE)
_CLAUSES = re.compile(r";\s+|,?\s+and\s+that\s+|(?<=[.])\s+")
_CHANGES = re.compile(
    r"\b(?:mov(?:e|ed|ing)|allott?(?:ed)?|includ(?:e|ed)|add(?:ed)?|extend(?:ed)?|lengthen(?:ed)?|"
    r"shorten(?:ed)?|reduc(?:e|ed)|renam(?:e|ed)|drop(?:ped)?|remov(?:e|ed)|merg(?:e|ed)|swap(?:ped)?|"
    r"replac(?:e|ed)|reschedul(?:e|ed)|given)\b",
    re.IGNORECASE,
)


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


def assign_sessions(decisions: list[Decision], *, sessions: list[Session]) -> list[DecisionSession]:
    """Set ``session`` on each decision (without one) that changes one of ``sessions``; nothing is saved.

    The first session a decision changes becomes ``Decision.session``; the further ones come back as
    unsaved ``DecisionSession`` rows. Each decision's ``agenda_item`` must be loaded (its text is the
    context a decision naming no session is read in).
    """
    titles = [session.title for session in sessions]
    further: list[DecisionSession] = []
    for decision in decisions:
        if decision.session_id is not None:
            continue
        shaped = sessions_shaped(decision.text, context=decision.agenda_item.text, titles=titles)
        if not shaped:
            continue
        decision.session = sessions[shaped[0]]
        further += [DecisionSession(decision=decision, session=sessions[index]) for index in shaped[1:]]
    return further


# No savepoint of its own: the importer calls these inside its transaction, and an error rolls it back
# whole; a savepoint would cost two round trips a call for nothing (bulk import speed, issue 5).
@transaction.atomic(savepoint=False)
def link_decisions_to_sessions(*, meeting: Meeting) -> int:
    """Link the meeting's decisions to the sessions of its event they change; return how many were linked.

    Only decisions without a session are linked, so a link staff set by hand is never overwritten.
    The first session a decision changes becomes ``Decision.session``, any further ones
    ``DecisionSession`` rows ("the NRI session moves ..., and the ‘Shaping the Future’ session ...").
    """
    if meeting.event_id is None:
        return 0
    sessions = list(meeting.event.sessions.order_by("pk"))
    unlinked = Decision.objects.filter(agenda_item__meeting=meeting, session__isnull=True)
    decisions = list(unlinked.select_related("agenda_item"))
    further = assign_sessions(decisions, sessions=sessions)
    linked = [decision for decision in decisions if decision.session_id is not None]
    for decision in linked:
        decision.save(update_fields=["session"])
    for link in further:
        DecisionSession.objects.get_or_create(decision=link.decision, session=link.session)
    return len(linked)


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
                warnings += _contradictions(claim, session, first, last_day, f"Paragraph {item.number}")
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


def decisions_by_session(sessions: list[Session], *, user) -> dict[int, list[Decision]]:
    """Session pk → the decisions the user may see that shaped it, oldest first (two queries).

    Always the same two queries, whether or not any decision has further sessions: the links to
    these sessions, then the decisions found through the session index or by primary key (an OR
    across a join to the links would scan every decision of the archive).
    """
    ids = [session.pk for session in sessions]
    further: dict[int, set[int]] = {}
    links = DecisionSession.objects.filter(session__in=ids).order_by()
    for decision_id, session_id in links.values_list("decision_id", "session_id"):
        further.setdefault(decision_id, set()).add(session_id)
    decisions = (
        Decision.objects.visible_to(user)
        .filter(Q(session__in=ids) | Q(pk__in=list(further)))
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__date", "agenda_item__position", "position")
    )
    found: dict[int, list[Decision]] = {pk: [] for pk in ids}
    for decision in decisions:
        shaped = further.get(decision.pk, set()) | ({decision.session_id} & found.keys())
        for pk in shaped:
            found[pk].append(decision)
    return found


# Footnotes citing other reports -----------------------------------------------------------------

_URL = re.compile(r"https?://\S+")
_CITED_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_KIND_WORDS = [
    (re.compile(r"open\s+consultation", re.IGNORECASE), Meeting.Kind.OPEN_CONSULTATIONS),
    (re.compile(r"face[\s-]+to[\s-]+face", re.IGNORECASE), Meeting.Kind.FACE_TO_FACE),
    (re.compile(r"\btopical\b", re.IGNORECASE), Meeting.Kind.TOPICAL),
    (re.compile(r"\bvirtual\b", re.IGNORECASE), Meeting.Kind.VIRTUAL),
]


@dataclass(frozen=True)
class Citation:
    """What a footnote says about the report it cites."""

    name: str
    date: datetime.date | None
    number: int | None
    kind: str | None


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
        number = _ROMAN.get(match.group(1))
    kind = next((kind for pattern, kind in _KIND_WORDS if pattern.search(name)), None)
    if date is None and number is None:
        return None
    return Citation(name, date, number, kind)


def resolve_cited_meeting(footnote: Footnote) -> Meeting | None:
    """The meeting in the portal whose report the footnote cites, if exactly one fits."""
    citing = footnote.agenda_item.meeting
    citation = read_citation(footnote.text, year=citing.cycle_year)
    if citation is None:
        return None
    candidates = Meeting.objects.filter(cycle_year=citing.cycle_year).exclude(pk=citing.pk)
    if citation.date:
        candidates = candidates.filter(
            Q(date=citation.date) | Q(date__lte=citation.date, end_date__gte=citation.date)
        )
    else:
        candidates = candidates.filter(number=citation.number)
        if citation.kind:
            candidates = candidates.filter(kind=citation.kind)
    found = list(candidates[:10])
    if len(found) > 1 and citation.kind:
        found = [meeting for meeting in found if meeting.kind == citation.kind] or found
    if len(found) > 1 and citation.number:
        found = [meeting for meeting in found if meeting.number == citation.number] or found
    if len(found) > 1:
        found.sort(key=lambda meeting: title_similarity(citation.name, meeting.title), reverse=True)
        if title_similarity(citation.name, found[0].title) == title_similarity(citation.name, found[1].title):
            return None
    return found[0] if found else None


def _may_cite(text: str, meeting: Meeting) -> bool:
    """Whether ``meeting`` is among the candidates ``resolve_cited_meeting`` would query for a footnote
    of the same cycle saying ``text``."""
    citation = read_citation(text, year=meeting.cycle_year)
    if citation is None:
        return False
    if citation.date:
        return meeting.date == citation.date or (
            meeting.end_date is not None and meeting.date <= citation.date <= meeting.end_date
        )
    return meeting.number == citation.number and (not citation.kind or meeting.kind == citation.kind)


@transaction.atomic(savepoint=False)
def link_cited_meetings(*, meeting: Meeting, own_linked: bool = False) -> int:
    """Link footnotes to the meetings they cite, both ways; return how many footnotes were linked.

    The meeting's own footnotes are linked to meetings already in the portal (unless ``own_linked``:
    the importer resolved them with ``resolve_cited_meeting`` before inserting them), and footnotes of
    the same cycle that cite this meeting (imported before it arrived) are linked to it.
    """
    # The cycle's unlinked footnotes, the meeting's own among them: only their text is read, and
    # only those that may cite the meeting (or are its own) are loaded and resolved.
    unlinked = Footnote.objects.filter(
        cited_meeting__isnull=True, agenda_item__meeting__cycle_year=meeting.cycle_year
    )
    if own_linked:
        unlinked = unlinked.exclude(agenda_item__meeting=meeting)
    candidates = [
        pk
        for pk, text, citing in unlinked.values_list("pk", "text", "agenda_item__meeting")
        if citing == meeting.pk or _may_cite(text, meeting)
    ]
    if not candidates:
        return 0
    linked = 0
    for footnote in Footnote.objects.filter(pk__in=candidates).select_related("agenda_item__meeting"):
        if footnote.agenda_item.meeting_id == meeting.pk:
            footnote.cited_meeting = resolve_cited_meeting(footnote)
        elif resolve_cited_meeting(footnote) == meeting:
            footnote.cited_meeting = meeting
        if footnote.cited_meeting:
            footnote.save(update_fields=["cited_meeting"])
            linked += 1
    return linked


# Announced meetings ----------------------------------------------------------------------------

_ANNOUNCED_DATE = (
    rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(\d{{4}}))?"
)
_ANNOUNCEMENT = re.compile(
    r"(?P<title>[^.;]*?\b(?:meeting|consultations?|call|webinar)\b[^.;]*?)\s+will\s+"
    r"(?:take\s+place|be\s+held|convene|meet)\s+(?:on\s+)?(?:\w+day,?\s+)?" + _ANNOUNCED_DATE,
    re.IGNORECASE,
)
_NEXT = re.compile(
    r"\bnext\b(?P<title>[^.;]*?\bmeeting\b[^.;]*?)\s+(?:is\s+)?(?:scheduled\s+)?(?:for|on)\s+(?:\w+day,?\s+)?"
    + _ANNOUNCED_DATE,
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.;]")
_MONTH_NAMED = re.compile(_MONTH, re.IGNORECASE)
#: How alike an announced title and an imported meeting's must be, on the same date.
ANNOUNCED_SIMILAR = 0.4


@dataclass(frozen=True)
class Announcement:
    """A meeting a paragraph announces."""

    title: str
    date: datetime.date


def read_announcements(text: str, *, year: int, after: datetime.date | None = None) -> list[Announcement]:
    """The meetings a paragraph announces ("The next ... Meeting ... will take place on 13 September").

    The year is the cycle's unless written; a date that would fall before ``after`` (the announcing
    meeting) is in the next year.
    """
    found = []
    # Neither pattern crosses a "." or ";" and both need a month, so they are matched only against
    # sentences naming one: their lazy title part backtracks from every word it is tried on.
    sentences = [sentence for sentence in _SENTENCE_END.split(text) if _MONTH_NAMED.search(sentence)]
    for pattern in (_ANNOUNCEMENT, _NEXT):
        for match in (match for sentence in sentences for match in pattern.finditer(sentence)):
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


def _held_as(announcement: UpcomingMeeting, meeting: Meeting) -> bool:
    last = meeting.end_date or meeting.date
    return (
        meeting.pk != announcement.announced_in_id
        and meeting.date <= announcement.date <= last
        and title_similarity(announcement.title, meeting.title) >= ANNOUNCED_SIMILAR
    )


@transaction.atomic(savepoint=False)
def record_announced_meetings(
    *, meeting: Meeting, items: list[AgendaItem] | None = None, new_meeting: bool = False
) -> list[UpcomingMeeting]:
    """Keep the meetings the meeting's paragraphs announce as upcoming (once each); return them.

    ``items`` are the meeting's saved agenda items when the caller has them (the importer), else
    they are read; ``new_meeting`` says the meeting was just created, so it announced nothing yet.
    A few queries whatever the number of announcements: the ones already kept, the meetings held
    on the announced dates, and one INSERT for the new ones.
    """
    if items is None:
        items = list(meeting.items.all())
    announced: dict[tuple, AgendaItem] = {}
    for item in items:
        for announcement in read_announcements(item.text, year=meeting.cycle_year, after=meeting.date):
            announced.setdefault((announcement.date, announcement.title[:300]), item)
    if not announced:
        return []
    kept = {}
    if not new_meeting:
        kept = {(row.date, row.title): row for row in UpcomingMeeting.objects.filter(announced_in=meeting)}
    unresolved = [key for key in announced if key not in kept or kept[key].held_as_id is None]
    around: list[Meeting] = []
    if unresolved:
        # The meetings held on any of the dates, in the meetings' order; each announcement takes the
        # first that fits it.
        held_on = Q()
        for date in {date for (date, _title) in unresolved}:
            held_on |= Q(date=date) | Q(date__lte=date, end_date__gte=date)
        around = list(Meeting.objects.filter(held_on))
    recorded, new = [], []
    for (date, title), item in announced.items():
        upcoming = kept.get((date, title))
        if upcoming is None:
            upcoming = UpcomingMeeting(announced_in=meeting, date=date, title=title, agenda_item=item)
            new.append(upcoming)
        if upcoming.held_as_id is None:
            held = [candidate for candidate in around if _held_as(upcoming, candidate)]
            if held:
                upcoming.held_as = held[0]
                if upcoming.pk is not None:
                    upcoming.save(update_fields=["held_as"])
        recorded.append(upcoming)
    UpcomingMeeting.objects.bulk_create(new)
    return recorded


@transaction.atomic(savepoint=False)
def resolve_announcements(*, meeting: Meeting) -> int:
    """Mark the announcements the meeting fulfils as held, so they are no longer upcoming; return how many."""
    last = meeting.end_date or meeting.date
    candidates = UpcomingMeeting.objects.upcoming().filter(date__gte=meeting.date, date__lte=last)
    held = [announcement for announcement in candidates if _held_as(announcement, meeting)]
    for announcement in held:
        announcement.held_as = meeting
        announcement.save(update_fields=["held_as"])
    return len(held)


def upcoming_meetings(*, user, from_date: datetime.date | None = None):
    """Announced meetings whose report has not arrived yet (held from ``from_date`` on, if given),
    in date order."""
    announced = UpcomingMeeting.objects.upcoming().visible_to(user)
    if from_date is not None:
        announced = announced.filter(date__gte=from_date)
    # Its link is to the announcing paragraph, in its meeting's report.
    return announced.select_related("announced_in", "agenda_item__meeting")

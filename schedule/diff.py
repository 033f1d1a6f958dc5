"""What changed between two snapshots of a main-session grid, in plain words.

A snapshot is the JSON a ``ScheduleVersion`` keeps (see ``schedule.versions.snapshot_event``)::

    {"start_date": "2016-12-06",
     "sessions": [{"id": 7, "title": "...", "kind": "main",
                   "slots": [{"date": "2016-12-07", "start": "15:00", "end": "18:00",
                              "note": "", "continued": false}]}]}

Everything here is pure: snapshots in, ``ScheduleChange`` list out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from schedule.matching import normalise_title, title_similarity

#: Slots starting before this are in the morning block, the others in the afternoon.
AFTERNOON_STARTS = datetime.time(14, 0)
#: How alike titles must be for a session left over in one version to be renamed in the next.
RENAMED = 0.6


@dataclass(frozen=True)
class Place:
    """Where a session sits in the grid: its day of the meeting and block."""

    day: int
    block: str  # "morning" or "afternoon"

    def __str__(self):
        return f"Day {self.day} {self.block}"


@dataclass(frozen=True)
class ScheduleChange:
    """One change to one session between two versions."""

    kind: str  # added, removed, renamed, moved, retimed, lengthened, shortened
    title: str  # the session's title in the newer version (the older one when removed)
    session_id: int | None  # the session's id in the newer version (older one when removed)
    old_title: str = ""
    before: str = ""  # e.g. "Day 3 afternoon", "90 minutes", "10:00–11:30"
    after: str = ""

    def __str__(self):
        label = self.kind.capitalize()
        if self.kind == "added":
            return f"{label}: {self.title} ({self.after})"
        if self.kind == "removed":
            return f"{label}: {self.title} ({self.before})"
        if self.kind == "renamed":
            return f"{label}: {self.old_title} to {self.title}"
        return f"{label}: {self.title} from {self.before} to {self.after}"

    @property
    def summary(self) -> str:
        """The change without the session's name, e.g. "Moved to Day 2 afternoon"."""
        label = self.kind.capitalize()
        if self.kind == "added":
            return f"{label}: {self.after}"
        if self.kind == "removed":
            return f"{label} (was {self.before})"
        if self.kind == "renamed":
            return f"{label} from {self.old_title}"
        return f"{label} to {self.after}"

    @property
    def changes_time(self) -> bool:
        return self.kind in {"added", "moved", "retimed", "lengthened", "shortened"}


def duration_words(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


def _parse_date(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


def _parse_time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _minutes(slot: dict) -> int:
    start, end = _parse_time(slot["start"]), _parse_time(slot["end"])
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def place_of(slot: dict, start_date: datetime.date) -> Place:
    day = (_parse_date(slot["date"]) - start_date).days + 1
    block = "morning" if _parse_time(slot["start"]) < AFTERNOON_STARTS else "afternoon"
    return Place(day, block)


@dataclass
class _Session:
    id: int | None
    title: str
    slots: list[dict]
    start_date: datetime.date

    @property
    def key(self) -> str:
        return normalise_title(self.title)

    @property
    def place(self) -> Place | None:
        # The first slot that does not continue the session is where it is said to be.
        ordered = sorted(self.slots, key=lambda s: (s.get("continued", False), s["date"], s["start"]))
        return place_of(ordered[0], self.start_date) if ordered else None

    @property
    def minutes(self) -> int:
        return sum(_minutes(slot) for slot in self.slots)

    @property
    def times(self) -> list[tuple[str, str, str]]:
        return sorted((slot["date"], slot["start"], slot["end"]) for slot in self.slots)

    def where(self) -> str:
        return f"{self.place}, {duration_words(self.minutes)}"


def _sessions(snapshot: dict) -> list[_Session]:
    start_date = _parse_date(snapshot["start_date"])
    return [
        _Session(session.get("id"), session["title"], list(session["slots"]), start_date)
        for session in snapshot["sessions"]
    ]


def _pair(old: list[_Session], new: list[_Session]) -> tuple[list[tuple[_Session, _Session]], list, list]:
    """Match sessions by normalised title, then by similar title; return pairs, removed, added."""
    pairs = []
    old_left = list(old)
    new_left = []
    for session in new:
        same = next((candidate for candidate in old_left if candidate.key == session.key), None)
        if same is None:
            new_left.append(session)
        else:
            pairs.append((same, session))
            old_left.remove(same)
    added = []
    for session in new_left:
        scored = [(title_similarity(candidate.title, session.title), candidate) for candidate in old_left]
        score, candidate = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if candidate is not None and score >= RENAMED:
            pairs.append((candidate, session))
            old_left.remove(candidate)
        else:
            added.append(session)
    return pairs, old_left, added


def diff_versions(old: dict, new: dict) -> list[ScheduleChange]:
    """The changes from snapshot ``old`` to snapshot ``new``.

    In the newer grid's order of sessions, the removed sessions last.
    """
    sessions = _sessions(new)
    pairs, removed, added = _pair(_sessions(old), sessions)
    order = {id(session): n for n, session in enumerate(sessions)}
    tagged = [(order[id(after)], change) for before, after in pairs for change in _compare(before, after)]
    tagged += [(order[id(s)], ScheduleChange("added", s.title, s.id, after=s.where())) for s in added]
    tagged.sort(key=lambda pair: pair[0])
    removals = [ScheduleChange("removed", s.title, s.id, before=s.where()) for s in removed]
    return [change for _n, change in tagged] + removals


def _compare(before: _Session, after: _Session) -> list[ScheduleChange]:
    changes = []
    if before.key != after.key:
        changes.append(ScheduleChange("renamed", after.title, after.id, old_title=before.title))
    if before.place != after.place:
        old, new = str(before.place), str(after.place)
        changes.append(ScheduleChange("moved", after.title, after.id, "", old, new))
    if before.minutes != after.minutes:
        kind = "lengthened" if after.minutes > before.minutes else "shortened"
        old, new = duration_words(before.minutes), duration_words(after.minutes)
        changes.append(ScheduleChange(kind, after.title, after.id, "", old, new))
    elif before.place == after.place and before.times != after.times:
        old, new = _times_words(before), _times_words(after)
        changes.append(ScheduleChange("retimed", after.title, after.id, "", old, new))
    return changes


def _times_words(session: _Session) -> str:
    return ", ".join(f"{start}–{end}" for _date, start, end in session.times)

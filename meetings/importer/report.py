"""What a summary report means: the interpreter's result, the saver's input.

``ParsedReport.as_json()`` is the `import_report --dry-run --json` contract;
its keys are relied on by other tools, keep them exactly.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    """What a footnote says about the report it cites."""

    name: str
    date: datetime.date | None
    number: int | None
    kind: str | None


@dataclass(frozen=True)
class Announcement:
    """A meeting a paragraph announces."""

    title: str
    date: datetime.date


@dataclass
class ParsedFootnote:
    mark: str
    text: str
    urls: list[str] = field(default_factory=list)
    kind: str = "footnote"  # or "endnote"; not in the JSON
    offset: int | None = None  # where the mark stands in the item's text; not in the JSON
    citation: Citation | None = None  # the report it cites, if any; not in the JSON


@dataclass
class ParsedAnnotation:
    author: str
    initials: str
    date: datetime.datetime | None
    text: str
    anchor: str


@dataclass
class ParsedDecision:
    kind: str  # "decision" or "action", as meetings.Decision.Kind
    text: str
    owner: str = ""  # an action's owner as the sentence names it: "Secretariat", "MAG members"
    due: str = ""  # its due date as written ("30 June", "the next meeting"); not in the JSON
    due_date: datetime.date | None = None  # that date, once the meeting's year is known
    found_by: str = "import"  # or "staff": a sentence the Secretariat set in the import preview
    # Titles of the sessions of the report's own grid it changes, its main subject first; not in the JSON.
    sessions: list[str] = field(default_factory=list)


@dataclass
class ParsedItem:
    position: int  # from 1, unique
    number: str  # as printed, may repeat
    section: str
    text: str  # without the printed number or footnote marks
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    annotations: list[ParsedAnnotation] = field(default_factory=list)
    decisions: list[ParsedDecision] = field(default_factory=list)
    # Sentences the Secretariat set to "neither" in the import preview; not in the JSON.
    not_decisions: list[str] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)  # not in the JSON


@dataclass
class ParsedMeeting:
    title: str
    kind: str  # a meetings.Meeting.Kind value
    number: int | None
    date: datetime.date | None
    end_date: datetime.date | None
    chair: str
    recording_url: str
    cycle_year: int | None = None  # not in the JSON; from the text or the date
    next_meeting: datetime.date | None = None  # not in the JSON; the next meeting the report announces


@dataclass
class ParsedSlot:
    date: datetime.date
    start: datetime.time
    end: datetime.time
    title: str
    minutes: int
    continued: bool = False  # "(Contd.)": a further slot of an earlier session
    note: str = ""  # e.g. "Youth Open Mic"


@dataclass
class ParsedSchedule:
    title: str  # "2016 IGF Main Session Schedule"
    event: str  # "The 2016 Internet Governance Forum (IGF)"
    theme: str
    venue: str
    time_zone: str  # IANA name, "" when it cannot be known (with a warning)
    start_date: datetime.date | None
    end_date: datetime.date | None
    slots: list[ParsedSlot] = field(default_factory=list)
    # Not in the JSON: whether the grid was refused with a warning saying why, and how many of the
    # annex's tables it was read from (one, or more when a page break splits it).
    refused: bool = False
    tables: int = 1


@dataclass
class ParsedReport:
    meeting: ParsedMeeting
    items: list[ParsedItem]
    schedule: ParsedSchedule | None = None
    warnings: list[str] = field(default_factory=list)
    # Whether a decision approves the schedule above; not in the JSON.
    schedule_approved: bool = False

    def as_json(self) -> dict:
        """The --dry-run --json document (dates YYYY-MM-DD, times HH:MM)."""

        def day(value):
            return value.isoformat() if value else None

        def hhmm(value):
            return value.strftime("%H:%M")

        meeting = self.meeting
        schedule = self.schedule
        return {
            "meeting": {
                "title": meeting.title,
                "kind": meeting.kind,
                "number": meeting.number,
                "date": day(meeting.date),
                "end_date": day(meeting.end_date),
                "chair": meeting.chair,
                "recording_url": meeting.recording_url,
            },
            "items": [
                {
                    "position": item.position,
                    "number": item.number,
                    "section": item.section,
                    "text": item.text,
                    "footnotes": [
                        {"mark": f.mark, "text": f.text, "urls": list(f.urls)} for f in item.footnotes
                    ],
                    "annotations": [
                        {
                            "author": a.author,
                            "initials": a.initials,
                            "date": a.date.isoformat() if a.date else None,
                            "text": a.text,
                            "anchor": a.anchor,
                        }
                        for a in item.annotations
                    ],
                    "decisions": [
                        {
                            "kind": d.kind,
                            "text": d.text,
                            "owner": d.owner,
                            "due_date": day(d.due_date),
                            "found_by": d.found_by,
                        }
                        for d in item.decisions
                    ],
                }
                for item in self.items
            ],
            "schedule": None
            if schedule is None
            else {
                "title": schedule.title,
                "event": schedule.event,
                "theme": schedule.theme,
                "venue": schedule.venue,
                "time_zone": schedule.time_zone,
                "start_date": day(schedule.start_date),
                "end_date": day(schedule.end_date),
                "slots": [
                    {
                        "date": day(slot.date),
                        "start": hhmm(slot.start),
                        "end": hhmm(slot.end),
                        "title": slot.title,
                        "minutes": slot.minutes,
                        "continued": slot.continued,
                        "note": slot.note,
                    }
                    for slot in schedule.slots
                ],
            },
            "warnings": list(self.warnings),
        }

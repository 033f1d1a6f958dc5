"""What a report export must give back: the database's report in the importer's JSON shape.

``as_held(meeting)`` reads the rows; ``as_imported(data)`` reads an exported file with the
importer's own read and interpret steps. A round trip is right when the two are equal.
"""

from __future__ import annotations

import re

from meetings.export import report_contents
from meetings.importer.report import (
    ParsedAnnotation,
    ParsedDecision,
    ParsedFootnote,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
    ParsedSchedule,
    ParsedSlot,
)
from meetings.importer.services import parse_report
from meetings.models import Decision, Meeting
from meetings.selectors import is_staff_work


def as_held(meeting: Meeting, *, user, annotations: bool) -> dict:
    """The meeting, items, notes, annotations, decisions and grid that ``user``'s copy should carry,
    written as the importer's own ``ParsedReport`` would say them."""
    contents = report_contents(meeting=meeting, user=user)
    decisions: dict[int, list] = {}
    for decision in Decision.objects.filter(agenda_item__meeting=meeting).order_by("position"):
        decisions.setdefault(decision.agenda_item_id, []).append(
            # Owner and due date as held; a Word file cannot say who found a decision (staff or the
            # importer), so it comes back as found by the import.
            ParsedDecision(
                kind=decision.kind, text=decision.text, owner=decision.owner, due_date=decision.due_date
            )
        )
    items = []
    for item in contents.items:
        notes = contents.footnotes.get(item.pk, [])
        if not is_staff_work(item):
            notes = sorted(notes, key=lambda note: note.offset if note.offset is not None else len(item.text))
        items.append(
            ParsedItem(
                position=item.position,
                number=item.number,
                section=item.section,
                text=item.text,
                footnotes=[ParsedFootnote(mark=n.mark, text=n.text, urls=list(n.urls)) for n in notes],
                annotations=[
                    ParsedAnnotation(
                        author=a.author, initials=a.initials, date=a.date, text=a.text, anchor=a.anchor
                    )
                    for a in contents.annotations.get(item.pk, [])
                ]
                if annotations
                else [],
                decisions=decisions.get(item.pk, []),
            )
        )
    grid = contents.grid
    schedule = None
    if grid is not None:
        schedule = ParsedSchedule(
            title="",
            event=grid.title,
            theme=grid.theme,
            venue=grid.venue,
            time_zone=meeting.event.time_zone,
            start_date=grid.start_date,
            end_date=grid.end_date,
            slots=[
                ParsedSlot(
                    date=slot.date,
                    start=slot.start,
                    end=slot.end,
                    title=slot.title,
                    minutes=slot.minutes,
                    continued=slot.continued,
                    note=slot.note,
                )
                for slot in sorted(grid.slots, key=lambda s: (s.date, s.start))
            ],
        )
    parsed = ParsedReport(
        meeting=ParsedMeeting(
            title=meeting.title,
            kind=meeting.kind,
            number=meeting.number,
            date=meeting.date,
            end_date=meeting.end_date,
            chair=meeting.chair,
            recording_url=meeting.recording_url,
        ),
        items=items,
        schedule=schedule,
    )
    return as_comparable(parsed.as_json())


def as_imported(data: bytes) -> dict:
    """What the importer reads in an exported file, in the shape of ``as_held``."""
    return as_comparable(parse_report(data).as_json())


def as_comparable(parsed: dict) -> dict:
    """The JSON without what the database does not keep: warnings, and the schedule's own title."""
    schedule = parsed["schedule"]
    if schedule is not None:
        # The saver names the event without its article ("The 2016 IGF" is event "2016 IGF").
        schedule = {key: value for key, value in schedule.items() if key != "title"}
        schedule["event"] = re.sub(r"^The\s+", "", schedule["event"])
    return {"meeting": parsed["meeting"], "items": parsed["items"], "schedule": schedule}

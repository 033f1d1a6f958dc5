"""What a report export must give back: the database's report in the importer's JSON shape.

``as_held(meeting)`` reads the rows; ``as_imported(data)`` reads an exported file with the
importer's own read and interpret steps. A round trip is right when the two are equal.
"""

from __future__ import annotations

import re

from meetings.export import report_contents
from meetings.importer.services import parse_report
from meetings.models import Decision, Meeting
from meetings.selectors import is_staff_work


def as_held(meeting: Meeting, *, user, annotations: bool) -> dict:
    """The meeting, items, notes, annotations, decisions and grid that ``user``'s copy should carry."""
    contents = report_contents(meeting=meeting, user=user)
    decisions: dict[int, list] = {}
    for decision in Decision.objects.filter(agenda_item__meeting=meeting).order_by("position"):
        decisions.setdefault(decision.agenda_item_id, []).append(
            {"kind": decision.kind, "text": decision.text}
        )
    items = []
    for item in contents.items:
        notes = contents.footnotes.get(item.pk, [])
        if not is_staff_work(item):
            notes = sorted(notes, key=lambda note: note.offset if note.offset is not None else len(item.text))
        items.append(
            {
                "position": item.position,
                "number": item.number,
                "section": item.section,
                "text": item.text,
                "footnotes": [{"mark": n.mark, "text": n.text, "urls": list(n.urls)} for n in notes],
                "annotations": [
                    {
                        "author": a.author,
                        "initials": a.initials,
                        "date": a.date.isoformat() if a.date else None,
                        "text": a.text,
                        "anchor": a.anchor,
                    }
                    for a in contents.annotations.get(item.pk, [])
                ]
                if annotations
                else [],
                "decisions": decisions.get(item.pk, []),
            }
        )
    grid = contents.grid
    event = meeting.event
    return {
        "meeting": {
            "title": meeting.title,
            "kind": meeting.kind,
            "number": meeting.number,
            "date": meeting.date.isoformat(),
            "end_date": meeting.end_date.isoformat() if meeting.end_date else None,
            "chair": meeting.chair,
            "recording_url": meeting.recording_url,
        },
        "items": items,
        "schedule": None
        if grid is None
        else {
            "event": grid.title,
            "theme": grid.theme,
            "venue": grid.venue,
            "time_zone": event.time_zone,
            "start_date": grid.start_date.isoformat(),
            "end_date": grid.end_date.isoformat(),
            "slots": [
                {
                    "date": slot.date.isoformat(),
                    "start": slot.start.strftime("%H:%M"),
                    "end": slot.end.strftime("%H:%M"),
                    "title": slot.title,
                    "minutes": slot.minutes,
                    "continued": slot.continued,
                    "note": slot.note,
                }
                for slot in sorted(grid.slots, key=lambda s: (s.date, s.start))
            ],
        },
    }


def as_imported(data: bytes) -> dict:
    """What the importer reads in an exported file, in the shape of ``as_held``."""
    parsed = parse_report(data).as_json()
    schedule = parsed["schedule"]
    if schedule is not None:
        # The saver names the event without its article ("The 2016 IGF" is event "2016 IGF").
        schedule = {key: value for key, value in schedule.items() if key != "title"}
        schedule["event"] = re.sub(r"^The\s+", "", schedule["event"])
    return {"meeting": parsed["meeting"], "items": parsed["items"], "schedule": schedule}

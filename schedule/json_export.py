"""An event's grid as the JSON document of ``/schedule/<slug>.json``: the event, then its days' slots."""

from collections.abc import Callable, Iterable

from schedule.layout import build_grid
from schedule.models import Event, Slot


def build_json(*, event: Event, slots: Iterable[Slot], absolute_url: Callable[[str], str]) -> dict:
    """The document; ``absolute_url`` turns a path into a full URL (``request.build_absolute_uri``).

    Each slot's session must be loaded.
    """
    grid = build_grid(event=event, slots=slots)
    return {
        "event": {
            "title": event.title,
            "theme": event.theme,
            "venue": event.venue,
            "time_zone": event.time_zone,
            "start_date": event.start_date.isoformat(),
            "end_date": event.end_date.isoformat(),
            "url": absolute_url(event.get_absolute_url()),
        },
        "days": [
            {
                "date": day.date.isoformat(),
                "slots": [
                    {
                        "start": placement.slot.start_time.strftime("%H:%M"),
                        "end": placement.slot.end_time.strftime("%H:%M"),
                        "title": placement.session.title,
                        "kind": placement.session.kind,
                        "minutes": placement.slot.minutes,
                        "continued": placement.slot.continued,
                        "note": placement.slot.note,
                        "session_id": placement.session.pk,
                    }
                    for placement in day.placements
                ],
            }
            for day in grid.days
        ],
    }

"""An event's grid as an iCalendar file: one VEVENT per slot."""

import datetime
from collections.abc import Callable, Iterable, Mapping

import icalendar

from schedule.layout import event_zone
from schedule.models import Event, Slot

#: UIDs must not change with the host name the file was fetched from.
UID_DOMAIN = "magportal.intgovforum.org"
PRODID = "-//IGF//MAG Portal//EN"


def slot_uid(slot: Slot) -> str:
    return f"slot-{slot.pk}@{UID_DOMAIN}"


def _description(slot: Slot) -> str:
    lines = [str(slot.session.get_kind_display())]
    if slot.continued:
        lines.append("Continued")
    if slot.note:
        lines.append(slot.note)
    if slot.session.description:
        lines.append(slot.session.description)
    return "\n".join(lines)


def build_calendar(
    *,
    event: Event,
    slots: Iterable[Slot],
    absolute_url: Callable[[str], str],
    sequences: Mapping[int, int] | None = None,
) -> bytes:
    """The event's slots (each with its session loaded) as an .ics file.

    DTSTAMP is the event's last change, so the same grid always gives the same file.
    ``absolute_url`` turns a path into a full URL. ``sequences`` maps a slot's pk
    to how often its time changed between schedule versions: a calendar client
    replaces its copy of an event only when SEQUENCE rises.
    """
    sequences = sequences or {}
    zone = event_zone(event)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", event.title)
    if zone is not None:
        calendar.add("x-wr-timezone", event.time_zone)
    stamp = event.updated_at.astimezone(datetime.UTC)
    for slot in slots:
        # Without a known zone the times are floating: local to wherever the reader is.
        vevent = icalendar.Event()
        vevent.add("uid", slot_uid(slot))
        vevent.add("dtstamp", stamp)
        vevent.add("sequence", sequences.get(slot.pk, 0))
        vevent.add("dtstart", datetime.datetime.combine(slot.date, slot.start_time, tzinfo=zone))
        vevent.add("dtend", datetime.datetime.combine(slot.date, slot.end_time, tzinfo=zone))
        summary = f"{slot.session.title} (continued)" if slot.continued else slot.session.title
        vevent.add("summary", summary)
        vevent.add("description", _description(slot))
        if event.venue:
            vevent.add("location", event.venue)
        vevent.add("url", absolute_url(slot.get_absolute_url()))
        calendar.add_component(vevent)
    if zone is not None:
        calendar.add_missing_timezones(
            first_date=event.start_date - datetime.timedelta(days=366),
            last_date=event.end_date + datetime.timedelta(days=366),
        )
    return calendar.to_ical()

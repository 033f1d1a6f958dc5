"""The due dates of actions as an iCalendar file: one all-day VEVENT per action."""

import datetime
from collections.abc import Callable, Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Decision

#: UIDs must not change with the host name the file was fetched from.
UID_DOMAIN = "magportal.intgovforum.org"
PRODID = "-//IGF//MAG Portal actions//EN"
#: A calendar is fetched whole; an archive's open actions are a few hundred.
CALENDAR_LIMIT = 2000


def build_action_calendar(*, actions: Iterable[Decision], absolute_url: Callable[[str], str]) -> bytes:
    """The actions (each with its agenda item and meeting loaded) due on their due dates."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("MAG actions: due dates"))
    stamp = timezone.now()
    for action in actions:
        meeting = action.agenda_item.meeting
        event = icalendar.Event()
        event.add("uid", f"action-{action.pk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", action.due_date)
        event.add("dtend", action.due_date + datetime.timedelta(days=1))
        owner = action.owner or _("No owner named")
        event.add("summary", _("Due: %(owner)s: %(text)s") % {"owner": owner, "text": _shorten(action.text)})
        event.add("description", f"{action.text}\n\n{meeting.title}")
        event.add("url", absolute_url(action.agenda_item.get_absolute_url()))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

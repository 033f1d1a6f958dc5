"""Plain factories: each makes one saved row with sensible defaults.

Keyword-only arguments override any field; nothing else is created unless
the row needs it (an agenda item needs a meeting, and so on).
"""

import datetime
import itertools

from django.contrib.auth.models import Group, User

from meetings.models import AgendaItem, Annotation, Decision, Footnote, Meeting, UpcomingMeeting
from meetings.roles import MAG_MEMBERS, SECRETARIAT
from schedule.models import Event, Session, Slot

_counter = itertools.count(1)


def make_meeting(**fields) -> Meeting:
    n = next(_counter)
    defaults = {
        "title": f"Virtual MAG Meeting {n}",
        "slug": f"virtual-mag-meeting-{n}",
        "date": datetime.date(2016, 8, 30),
        "cycle_year": 2016,
        "status": Meeting.Status.PUBLISHED,
    }
    return Meeting.objects.create(**{**defaults, **fields})


def make_agenda_item(*, meeting: Meeting | None = None, **fields) -> AgendaItem:
    meeting = meeting or make_meeting()
    position = fields.pop("position", meeting.items.count() + 1)
    defaults = {"number": str(position), "text": f"Paragraph {position} of the report."}
    return AgendaItem.objects.create(meeting=meeting, position=position, **{**defaults, **fields})


def make_decision(*, agenda_item: AgendaItem | None = None, **fields) -> Decision:
    agenda_item = agenda_item or make_agenda_item()
    position = fields.pop("position", agenda_item.decisions.count() + 1)
    defaults = {"text": "It was agreed that the schedule was approved.", "kind": Decision.Kind.DECISION}
    return Decision.objects.create(agenda_item=agenda_item, position=position, **{**defaults, **fields})


def make_annotation(*, agenda_item: AgendaItem | None = None, **fields) -> Annotation:
    agenda_item = agenda_item or make_agenda_item()
    defaults = {
        "author": "Lynn St Amour",
        "initials": "LSA",
        "text": "Really just a standard conference format.",
    }
    return Annotation.objects.create(agenda_item=agenda_item, **{**defaults, **fields})


def make_footnote(*, agenda_item: AgendaItem | None = None, **fields) -> Footnote:
    agenda_item = agenda_item or make_agenda_item()
    defaults = {
        "mark": "1",
        "text": "Summary Report: https://example.org/report",
        "urls": ["https://example.org/report"],
    }
    return Footnote.objects.create(agenda_item=agenda_item, **{**defaults, **fields})


def make_upcoming_meeting(*, agenda_item: AgendaItem | None = None, **fields) -> UpcomingMeeting:
    """A meeting announced in ``agenda_item`` (a new paragraph of a new meeting by default)."""
    agenda_item = agenda_item or make_agenda_item()
    two_weeks_later = agenda_item.meeting.date + datetime.timedelta(days=14)
    defaults = {"title": "Virtual MAG Meeting VII", "date": two_weeks_later}
    return UpcomingMeeting.objects.create(
        announced_in=agenda_item.meeting, agenda_item=agenda_item, **{**defaults, **fields}
    )


def make_event(**fields) -> Event:
    n = next(_counter)
    defaults = {
        "title": f"IGF {n}",
        "slug": f"igf-{n}",
        "venue": "Guadalajara, Mexico",
        "time_zone": "America/Mexico_City",
        "start_date": datetime.date(2016, 12, 6),
        "end_date": datetime.date(2016, 12, 9),
        "is_published": True,
    }
    return Event.objects.create(**{**defaults, **fields})


def make_session(*, event: Event | None = None, **fields) -> Session:
    event = event or make_event()
    defaults = {"title": "Human Rights: Broadening the Conversation", "kind": Session.Kind.MAIN}
    return Session.objects.create(event=event, **{**defaults, **fields})


def make_slot(*, session: Session | None = None, **fields) -> Slot:
    session = session or make_session()
    defaults = {
        "date": session.event.start_date,
        "start_time": datetime.time(10, 0),
        "end_time": datetime.time(13, 0),
    }
    return Slot.objects.create(session=session, **{**defaults, **fields})


def make_user(*, group: str | None = None, **fields) -> User:
    n = next(_counter)
    defaults = {"username": f"user{n}", "email": f"user{n}@example.org"}
    user = User.objects.create_user(password="correct horse battery staple", **{**defaults, **fields})
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_secretariat_user(**fields) -> User:
    return make_user(group=SECRETARIAT, is_staff=True, **fields)


def make_mag_member(**fields) -> User:
    return make_user(group=MAG_MEMBERS, **fields)

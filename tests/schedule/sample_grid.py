"""The 2016 IGF main-session grid, as in Annex I of the seed report (13 sessions, 14 slots)."""

import datetime

from schedule.models import Event, Session
from tests.factories import make_event, make_session, make_slot

MAIN = Session.Kind.MAIN
CEREMONY = Session.Kind.CEREMONY
ORIENTATION = Session.Kind.ORIENTATION
SHAPING_THE_FUTURE = "Shaping the Future of Internet Governance"
SDGS = "Assessing the Role of Internet Governance in the Sustainable Development Goals (SDGs)"
BPFS = "IGF Best Practice Forums (BPFs) and Policy Options for Connecting the Next Billion(s)"
TAKING_STOCK = "Taking Stock: Emerging Issues - Future of the IGF and IGF Retreat Consultation"

# (day, start, end, title, kind, continued, note); day 1 is 6 December 2016.
IGF_2016_SLOTS = [
    (1, "10:00", "13:00", SDGS, MAIN, False, ""),
    (1, "15:00", "16:00", "Setting the Scene: Newcomers Orientation", ORIENTATION, False, ""),
    (1, "16:00", "16:30", "11th IGF - Opening Ceremony", CEREMONY, False, ""),
    (1, "16:30", "18:00", "High-Level Opening Session", MAIN, False, ""),
    (2, "10:00", "13:00", "Sustainable Development, Internet and Inclusive Growth", MAIN, False, ""),
    (2, "15:00", "18:00", "National and Regional IGFs (NRIs)", MAIN, False, ""),
    (3, "10:00", "13:00", "Human Rights: Broadening the Conversation", MAIN, False, ""),
    (3, "15:00", "16:30", "IGF Dynamic Coalitions (DCs)", MAIN, False, ""),
    (3, "16:30", "18:00", "Trade Agreements and the Internet", MAIN, False, ""),
    (4, "10:00", "11:30", BPFS, MAIN, False, ""),
    (4, "11:30", "13:00", SHAPING_THE_FUTURE, MAIN, False, ""),
    (4, "15:00", "15:30", SHAPING_THE_FUTURE, MAIN, True, "Youth Open Mic"),
    (4, "15:30", "17:00", TAKING_STOCK, MAIN, False, ""),
    (4, "17:00", "18:00", "11th IGF Closing Ceremony", CEREMONY, False, ""),
]  # fmt: skip


def make_igf_2016_grid(**event_fields) -> Event:
    """The published 2016 event with its 13 sessions and 14 slots; keywords override event fields."""
    defaults = {
        "title": "The 2016 Internet Governance Forum (IGF)",
        "slug": "igf-2016",
        "theme": "Enabling Inclusive and Sustainable Growth",
        "venue": "Guadalajara, Mexico",
        "time_zone": "America/Mexico_City",
        "start_date": datetime.date(2016, 12, 6),
        "end_date": datetime.date(2016, 12, 9),
        "is_published": True,
    }
    event = make_event(**{**defaults, **event_fields})
    sessions: dict[str, Session] = {}
    for day, start, end, title, kind, continued, note in IGF_2016_SLOTS:
        if title not in sessions:
            sessions[title] = make_session(event=event, title=title, kind=kind)
        make_slot(
            session=sessions[title],
            date=event.start_date + datetime.timedelta(days=day - 1),
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end),
            continued=continued,
            note=note,
        )
    return event

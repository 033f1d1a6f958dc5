import datetime
import zoneinfo

import icalendar
import pytest

from schedule.models import Event, Slot
from tests.factories import make_event, make_session, make_slot
from tests.schedule.sample_grid import IGF_2016_SLOTS, SHAPING_THE_FUTURE, make_igf_2016_grid

pytestmark = pytest.mark.django_db

MEXICO_CITY = zoneinfo.ZoneInfo("America/Mexico_City")


def _vevents(response):
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def test_event_calendar_is_a_named_calendar_file(client):
    make_igf_2016_grid()

    response = client.get("/schedule/igf-2016.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="igf-2016.ics"'


def test_event_calendar_has_one_event_per_slot_at_local_times(client):
    make_igf_2016_grid()

    vevents = _vevents(client.get("/schedule/igf-2016.ics"))

    assert len(vevents) == 14
    assert [
        (event.decoded("dtstart"), event.decoded("dtend"), str(event["summary"]).removesuffix(" (continued)"))
        for event in vevents
    ] == [
        (
            datetime.datetime.combine(
                datetime.date(2016, 12, 5 + day), datetime.time.fromisoformat(start), tzinfo=MEXICO_CITY
            ),
            datetime.datetime.combine(
                datetime.date(2016, 12, 5 + day), datetime.time.fromisoformat(end), tzinfo=MEXICO_CITY
            ),
            title,
        )
        for day, start, end, title, *_ in IGF_2016_SLOTS
    ]


def test_event_calendar_states_times_with_the_event_tzid(client):
    make_igf_2016_grid()

    text = client.get("/schedule/igf-2016.ics").content.decode()
    calendar = icalendar.Calendar.from_ical(text)

    assert "DTSTART;TZID=America/Mexico_City:20161206T150000" in text.replace("\r\n", "\n").splitlines()
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Mexico_City"]


def test_event_calendar_describes_the_continued_slot(client):
    event = make_igf_2016_grid()
    shaping = event.sessions.get(title=SHAPING_THE_FUTURE)
    continued = shaping.slots.get(continued=True)

    vevents = _vevents(client.get("/schedule/igf-2016.ics"))

    vevent = next(v for v in vevents if str(v["uid"]) == f"slot-{continued.pk}@magportal.intgovforum.org")
    assert str(vevent["summary"]) == f"{SHAPING_THE_FUTURE} (continued)"
    assert str(vevent["description"]) == "Main session\nContinued\nYouth Open Mic"
    assert str(vevent["url"]) == f"http://testserver/schedule/igf-2016/#session-{shaping.pk}"
    assert str(vevent["location"]) == "Guadalajara, Mexico"


def test_event_calendar_uids_are_stable_and_independent_of_the_host(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "portal.example.org"]
    event = make_igf_2016_grid()

    first = client.get("/schedule/igf-2016.ics")
    second = client.get("/schedule/igf-2016.ics", headers={"host": "portal.example.org"})

    assert [str(v["uid"]) for v in _vevents(first)] == [str(v["uid"]) for v in _vevents(second)]
    assert str(_vevents(second)[0]["url"]).startswith("http://portal.example.org/schedule/igf-2016/#session-")
    assert [str(v["uid"]) for v in _vevents(first)] == [
        f"slot-{slot.pk}@magportal.intgovforum.org"
        for slot in Slot.objects.filter(session__event=event).order_by("date", "start_time")
    ]


def test_event_calendar_is_the_same_file_until_the_event_changes(client):
    event = make_igf_2016_grid()

    first = client.get("/schedule/igf-2016.ics").content
    second = client.get("/schedule/igf-2016.ics").content

    assert first == second
    event.refresh_from_db()
    stamps = {v.decoded("dtstamp") for v in icalendar.Calendar.from_ical(first).walk("VEVENT")}
    assert stamps == {event.updated_at.astimezone(datetime.UTC).replace(microsecond=0)}


def test_event_calendar_of_an_unknown_time_zone_uses_floating_times(client):
    event = make_event(slug="somewhere", time_zone="Mars/Olympus_Mons")
    make_slot(
        session=make_session(event=event), start_time=datetime.time(15, 0), end_time=datetime.time(16, 0)
    )

    response = client.get("/schedule/somewhere.ics")

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VTIMEZONE") == []
    assert calendar.walk("VEVENT")[0].decoded("dtstart") == datetime.datetime(2016, 12, 6, 15, 0)


def test_event_calendar_of_an_event_without_slots_has_no_events(client):
    make_event(slug="empty")

    response = client.get("/schedule/empty.ics")

    assert (response.status_code, _vevents(response)) == (200, [])
    assert Event.objects.count() == 1

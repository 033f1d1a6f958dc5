"""Every schedule page costs the same number of queries for one row as for three."""

import datetime

import pytest

from tests.factories import make_decision, make_event, make_session, make_slot

pytestmark = pytest.mark.django_db

SIZES = [1, 3]


def make_sessions(count: int, *, decisions: bool = True):
    """A published event with ``count`` sessions, each with two slots and (unless not) a decision."""
    event = make_event(slug="igf-2016")
    for n in range(count):
        session = make_session(event=event, title=f"Session {n}")
        make_slot(session=session, start_time=datetime.time(10 + n), end_time=datetime.time(11 + n))
        make_slot(session=session, date=event.end_date, continued=True, note="Open mic")
        if decisions:
            make_decision(session=session)
    return event


@pytest.mark.parametrize("count", SIZES)
def test_event_list_queries(client, django_assert_num_queries, count):
    for n in range(count):
        make_event(slug=f"igf-{n}")

    with django_assert_num_queries(1):
        response = client.get("/schedule/")

    assert len(response.context["events"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_event_detail_queries(client, django_assert_num_queries, count):
    make_sessions(count)

    # The event's version (schedule.caching), the event, its sessions, their slots, the decisions'
    # links to further sessions, the decisions, the current version.
    with django_assert_num_queries(7):
        response = client.get("/schedule/igf-2016/")

    assert response.text.count('class="slot__link"') == 2 * count


@pytest.mark.parametrize("count", SIZES)
def test_event_detail_queries_same_without_linked_decisions(client, django_assert_num_queries, count):
    make_sessions(count, decisions=False)

    # As with decisions: the query shape does not depend on whether any decision shaped a session.
    with django_assert_num_queries(7):
        response = client.get("/schedule/igf-2016/")

    assert response.text.count('class="session-provenance"') == 0


@pytest.mark.parametrize("count", SIZES)
def test_event_detail_queries_for_a_member(client, mag_member, django_assert_num_queries, count):
    make_sessions(count)
    client.force_login(mag_member)

    # The session and its user, the user's permissions (twice: user and group), then the page
    # with the draft meetings' versions of the grid.
    with django_assert_num_queries(11):
        response = client.get("/schedule/igf-2016/")

    assert response.text.count('class="slot__link"') == 2 * count


@pytest.mark.parametrize("count", SIZES)
def test_event_calendar_queries(client, django_assert_num_queries, count):
    make_sessions(count)

    # With the event's version (schedule.caching) first, and the public version's date for DTSTAMP.
    with django_assert_num_queries(6):
        response = client.get("/schedule/igf-2016.ics")

    assert response.content.count(b"BEGIN:VEVENT") == 2 * count


@pytest.mark.parametrize("count", SIZES)
def test_event_json_queries(client, django_assert_num_queries, count):
    make_sessions(count)

    # With the event's version (schedule.caching) first.
    with django_assert_num_queries(3):
        response = client.get("/schedule/igf-2016.json")

    assert sum(len(day["slots"]) for day in response.json()["days"]) == 2 * count

"""Every page renders with the same number of queries for one item as for three."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import Annotation, Decision, UpcomingMeeting
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_footnote,
    make_meeting,
    make_secretariat_user,
    make_session,
)
from tests.html import by_class, page, texts

pytestmark = pytest.mark.django_db

SIZES = [1, 3]


def make_annotated_decision(*, meeting, text="It was agreed that the schedule was approved."):
    item = make_agenda_item(meeting=meeting, section="Programme", text=f"Before. {text} After.")
    make_footnote(agenda_item=item)
    make_annotation(agenda_item=item, visibility=Annotation.Visibility.MEMBERS)
    make_annotation(agenda_item=item, visibility=Annotation.Visibility.SECRETARIAT)
    return make_decision(agenda_item=item, text=text, session=make_session(event=meeting.event))


def make_meetings(count: int) -> list[Decision]:
    """``count`` published meetings, each with one annotated paragraph and its decision."""
    event = make_event()
    return [
        make_annotated_decision(meeting=make_meeting(event=event, date=datetime.date(2016, 1, 1 + n)))
        for n in range(count)
    ]


def make_report(count: int):
    """One published meeting with ``count`` annotated paragraphs, each with a decision."""
    meeting = make_meeting(event=make_event())
    for _ in range(count):
        make_annotated_decision(meeting=meeting)
    return meeting


@pytest.fixture(params=["anonymous", "secretariat"])
def as_user(request, client):
    if request.param == "secretariat":
        client.force_login(make_secretariat_user())
    return request.param


@pytest.mark.parametrize("count", SIZES)
def test_home_queries(client, django_assert_num_queries, count):
    make_meetings(count)

    # The event, the meetings with their decision counts, the decisions and the announced meetings,
    # and the pages' version.
    with django_assert_num_queries(5):
        response = client.get("/")

    assert len(response.context["meetings"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_home_queries_with_upcoming_meetings(client, django_assert_num_queries, count):
    decisions = make_meetings(count)
    for number, decision in enumerate(decisions, start=1):
        UpcomingMeeting.objects.create(
            title=f"MAG Virtual Meeting {number}",
            date=timezone.localdate() + datetime.timedelta(days=number),
            announced_in=decision.agenda_item.meeting,
            agenda_item=decision.agenda_item,
        )

    with django_assert_num_queries(5):
        response = client.get("/")

    assert [upcoming.title for upcoming in response.context["upcoming"]] == [
        f"MAG Virtual Meeting {number}" for number in range(1, count + 1)
    ]


@pytest.mark.parametrize("count", SIZES)
def test_home_queries_signed_in(client, secretariat_user, django_assert_num_queries, count):
    decisions = make_meetings(count)
    client.force_login(secretariat_user)

    with django_assert_num_queries(8):
        response = client.get("/")

    shown = page(response)
    assert texts(shown, f"//span[{by_class('account__name')}]") == [secretariat_user.username]
    meetings = [decision.agenda_item.meeting for decision in reversed(decisions)]
    assert texts(shown, f"//a[{by_class('meeting-row__title')}]") == [meeting.title for meeting in meetings]


@pytest.mark.parametrize("count", SIZES)
def test_meeting_list_queries(client, as_user, django_assert_num_queries, count):
    decisions = make_meetings(count)
    for number, decision in enumerate(decisions, start=1):
        UpcomingMeeting.objects.create(
            title=f"MAG Virtual Meeting {number}",
            date=decision.agenda_item.meeting.date + datetime.timedelta(days=1),
            announced_in=decision.agenda_item.meeting,
            agenda_item=decision.agenda_item,
        )

    # The count, the page, the page's decision counts and the announced meetings among them (plus the
    # signed-in user's session and perms, or for the public the cached pages' version:
    # magportal/page_cache.py).
    with django_assert_num_queries({"anonymous": 5, "secretariat": 8}[as_user]):
        response = client.get("/meetings/")

    assert [meeting.decision_count for meeting in response.context["meetings"]] == [1] * count
    assert len(response.context["rows"]) == 2 * count


@pytest.mark.parametrize("count", SIZES)
def test_report_queries(client, as_user, django_assert_num_queries, count):
    meeting = make_report(count)

    # The meeting with its event, its paragraphs, their decisions and their footnotes (and, signed
    # in, the session, the user, their permissions and the annotations; else the pages' version).
    with django_assert_num_queries({"anonymous": 5, "secretariat": 9}[as_user]):
        response = client.get(meeting.get_absolute_url())

    annotations = sum(len(p["annotations"]) for p in response.context["paragraphs"])
    assert annotations == {"anonymous": 0, "secretariat": 2 * count}[as_user]


@pytest.mark.parametrize("count", SIZES)
def test_decision_list_queries(client, as_user, django_assert_num_queries, count):
    make_meetings(count)

    # For the public, one more: the cached pages' version.
    with django_assert_num_queries({"anonymous": 5, "secretariat": 8}[as_user]):
        response = client.get("/decisions/")

    assert len(response.context["decisions"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_decision_search_queries(client, as_user, django_assert_num_queries, count):
    decisions = make_meetings(count)
    make_decision(text="Something else entirely.")

    params = {"q": "schedule approved", "cycle_year": "2016", "kind": "decision"}
    with django_assert_num_queries({"anonymous": 5, "secretariat": 8}[as_user]):
        response = client.get("/decisions/", params)

    assert sorted(d.pk for d in response.context["decisions"]) == [d.pk for d in decisions]


@pytest.mark.parametrize("count", SIZES)
def test_decision_detail_queries(client, as_user, django_assert_num_queries, count):
    decision = make_meetings(count)[-1]

    with django_assert_num_queries({"anonymous": 5, "secretariat": 8}[as_user]):
        response = client.get(decision.get_absolute_url())

    assert response.context["session"] == decision.session


@pytest.mark.parametrize("count", SIZES)
def test_feed_queries(client, as_user, django_assert_num_queries, count):
    make_meetings(count)

    # The feed is the same for everyone: it never looks at the user (the public's is cached, under
    # the pages' version).
    with django_assert_num_queries({"anonymous": 2, "secretariat": 1}[as_user]):
        response = client.get("/decisions/feed/")

    assert response.content.decode().count("<entry>") == count


def make_actions(count: int) -> None:
    """``count`` published meetings, each with one paragraph holding an action and a decision."""
    for n in range(count):
        item = make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 1, 1 + n)))
        make_decision(agenda_item=item, kind="action", owner=f"Owner {n}", due_date=datetime.date(2016, 3, 1))
        make_decision(agenda_item=item)


@pytest.mark.parametrize("count", SIZES)
def test_action_list_queries(client, as_user, django_assert_num_queries, count):
    make_actions(count)

    # The owners and cycle years offered, the count and the page (plus the session and perms).
    with django_assert_num_queries({"anonymous": 4, "secretariat": 8}[as_user]):
        response = client.get("/actions/", {"status": "open"})

    assert len(response.context["actions"]) == count


@pytest.mark.parametrize("count", SIZES)
def test_action_feed_queries(client, as_user, django_assert_num_queries, count):
    make_actions(count)

    with django_assert_num_queries({"anonymous": 3, "secretariat": 7}[as_user]):
        response = client.get("/actions/feed/")

    assert response.content.decode().count("<entry>") == count


@pytest.mark.parametrize("count", SIZES)
def test_action_calendar_queries(client, as_user, django_assert_num_queries, count):
    make_actions(count)

    with django_assert_num_queries({"anonymous": 3, "secretariat": 7}[as_user]):
        response = client.get("/actions/calendar.ics")

    assert response.content.decode().count("BEGIN:VEVENT") == count

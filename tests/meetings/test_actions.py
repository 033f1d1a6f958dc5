"""The action tracker, its Atom feed and its iCalendar of due dates."""

import datetime
import re

import icalendar
import pytest
from django.utils import timezone

from meetings.models import Decision, Meeting
from tests.factories import make_agenda_item, make_decision, make_mag_member, make_meeting

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_action(*, meeting=None, **fields):
    item = make_agenda_item(meeting=meeting or make_meeting())
    defaults = {"kind": Decision.Kind.ACTION, "text": "The Secretariat will circulate the draft."}
    return make_decision(agenda_item=item, **{**defaults, **fields})


def test_action_list_open_first_by_owner_then_due_date(client):
    meeting = make_meeting()
    done = make_action(meeting=meeting, owner="Chair", status="done", text="The Chair will write.")
    later = make_action(meeting=meeting, owner="Secretariat", due_date=TODAY + datetime.timedelta(days=9))
    sooner = make_action(meeting=meeting, owner="Secretariat", due_date=TODAY + datetime.timedelta(days=2))
    chair = make_action(meeting=meeting, owner="Chair", text="The Chair will consult the host country.")
    unnamed = make_action(meeting=meeting, owner="", text="A list will be provided.")
    dropped = make_action(meeting=meeting, owner="Chair", status="dropped", text="The Chair will call.")
    make_decision(agenda_item=make_agenda_item(meeting=meeting), text="The agenda was adopted.")

    response = client.get("/actions/")

    assert [a.pk for a in response.context["actions"]] == [
        chair.pk,
        sooner.pk,
        later.pk,
        unnamed.pk,
        done.pk,
        dropped.pk,
    ]
    assert "The agenda was adopted." not in response.text


def test_action_list_marks_overdue_open_actions_only(client):
    overdue = make_action(owner="Secretariat", due_date=TODAY - datetime.timedelta(days=1))
    make_action(owner="Secretariat", due_date=TODAY - datetime.timedelta(days=1), status="done")
    make_action(owner="Secretariat", due_date=TODAY + datetime.timedelta(days=1))

    response = client.get("/actions/")

    assert [a.pk for a in response.context["actions"] if a.overdue] == [overdue.pk]
    assert response.text.count('class="badge badge--overdue"') == 1
    assert f'id="action-{overdue.pk}"' in response.text


def test_action_list_links_each_action_to_its_paragraph(client):
    action = make_action(owner="Secretariat")

    response = client.get("/actions/")

    assert f'href="{action.agenda_item.get_absolute_url()}"' in response.text
    assert action.agenda_item.get_absolute_url().endswith(f"#item-{action.agenda_item.position}")


def test_action_list_filters_by_owner_status_and_cycle_year(client):
    wanted = make_action(owner="Secretariat", meeting=make_meeting(cycle_year=2019))
    make_action(owner="Chair", meeting=make_meeting(cycle_year=2019))
    make_action(owner="Secretariat", meeting=make_meeting(cycle_year=2018))
    make_action(owner="Secretariat", status="done", meeting=make_meeting(cycle_year=2019))

    response = client.get("/actions/", {"owner": "Secretariat", "status": "open", "cycle_year": "2019"})

    assert [a.pk for a in response.context["actions"]] == [wanted.pk]
    assert list(response.context["form"].fields["owner"].choices) == [
        ("", "Any owner"),
        ("Chair", "Chair"),
        ("Secretariat", "Secretariat"),
    ]


def test_action_list_invalid_filter_selects_nothing(client):
    make_action(owner="Secretariat")

    response = client.get("/actions/", {"status": "forgotten"})

    assert response.status_code == 200
    assert list(response.context["actions"]) == []
    assert "Select a valid choice" in response.text


def test_action_list_hides_draft_meetings_from_the_public_only(client):
    draft = make_meeting(status=Meeting.Status.DRAFT)
    make_action(meeting=draft, text="The Secretariat will tidy the draft.")

    assert "tidy the draft" not in client.get("/actions/").text
    client.force_login(make_mag_member())
    assert "tidy the draft" in client.get("/actions/").text


def test_action_list_in_spanish(client):
    make_action(owner="Secretariat", due_date=TODAY - datetime.timedelta(days=3))

    response = client.get("/actions/", HTTP_ACCEPT_LANGUAGE="es")

    assert "<h1>Acciones</h1>" in response.text
    assert "Vencida" in response.text


def test_action_feed_carries_visible_actions_linked_to_their_paragraph(client):
    action = make_action(owner="Secretariat", due_date=datetime.date(2016, 9, 30), text="Send <b>it</b>.")
    make_action(meeting=make_meeting(status=Meeting.Status.DRAFT), text="The draft's task.")

    body = client.get("/actions/feed/").content.decode()

    assert re.findall(r"<summary[^>]*>(.*?)</summary>", body) == [
        "Send &amp;lt;b&amp;gt;it&amp;lt;/b&amp;gt;."
    ]
    assert f'href="http://testserver{action.agenda_item.get_absolute_url()}"' in body
    assert "Secretariat: Open, due" in body


def test_action_calendar_lists_open_actions_on_their_due_dates(client):
    action = make_action(owner="Secretariat", due_date=datetime.date(2016, 9, 30))
    make_action(owner="Secretariat", due_date=datetime.date(2016, 10, 1), status="done")
    make_action(owner="Secretariat")  # no date: nothing to put in a calendar
    make_action(meeting=make_meeting(status=Meeting.Status.DRAFT), due_date=datetime.date(2016, 9, 1))

    response = client.get("/actions/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["uid"]), e.decoded("dtstart")) for e in events] == [
        (f"action-{action.pk}@magportal.intgovforum.org", datetime.date(2016, 9, 30))
    ]
    assert str(events[0]["url"]) == f"http://testserver{action.agenda_item.get_absolute_url()}"
    assert str(events[0]["summary"]).startswith("Due: Secretariat: The Secretariat will circulate")


def test_action_list_writes_due_and_meeting_dates_the_one_way(client):
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    make_action(meeting=meeting, due_date=datetime.date(2016, 9, 13))

    html = client.get("/actions/").content.decode()

    assert '<time datetime="2016-09-13">13 September 2016</time>' in html
    assert "30 August 2016" in html

import datetime
import re

import pytest
from django.urls import reverse

from meetings.models import Meeting
from tests.factories import (
    make_agenda_item,
    make_decision,
    make_event,
    make_meeting,
    make_session,
    make_slot,
)
from tests.schedule.sample_grid import IGF_2016_SLOTS, SHAPING_THE_FUTURE, make_igf_2016_grid

pytestmark = pytest.mark.django_db

FORMATS = ["schedule:event_detail", "schedule:event_calendar", "schedule:event_json"]


def _slot_names(html: str) -> list[str]:
    """The text a screen reader announces for each slot link: hidden icons dropped, tags stripped."""
    links = re.findall(r'<a class="slot__link"[^>]*>(.*?)</a>', html, flags=re.S)
    shown = [re.sub(r'<span[^>]*aria-hidden="true">[^<]*</span>', "", link) for link in links]
    return [" ".join(re.sub(r"<[^>]+>", "", link).split()) for link in shown]


def test_urls_are_the_documented_ones():
    assert [
        reverse("schedule:event_list"),
        reverse("schedule:event_detail", kwargs={"slug": "igf-2016"}),
        reverse("schedule:event_calendar", kwargs={"slug": "igf-2016"}),
        reverse("schedule:event_json", kwargs={"slug": "igf-2016"}),
    ] == ["/schedule/", "/schedule/igf-2016/", "/schedule/igf-2016.ics", "/schedule/igf-2016.json"]


def test_event_list_shows_published_events_to_the_public(client):
    make_event(title="IGF 2016", slug="igf-2016")
    make_event(title="IGF 2017 draft", slug="igf-2017", is_published=False)

    response = client.get("/schedule/")

    assert response.status_code == 200
    assert [event.title for event in response.context["events"]] == ["IGF 2016"]
    assert "IGF 2017 draft" not in response.text


def test_event_list_shows_unpublished_events_to_mag_members(client, mag_member):
    make_event(title="IGF 2016", slug="igf-2016", start_date=datetime.date(2016, 12, 6))
    make_event(
        title="IGF 2017 draft",
        slug="igf-2017",
        is_published=False,
        start_date=datetime.date(2017, 12, 18),
        end_date=datetime.date(2017, 12, 21),
    )
    client.force_login(mag_member)

    response = client.get("/schedule/")

    assert [event.title for event in response.context["events"]] == ["IGF 2017 draft", "IGF 2016"]
    assert '<strong class="draft">Draft</strong>' in response.text


@pytest.mark.parametrize("name", FORMATS)
def test_unpublished_event_is_not_found_by_the_public(client, name):
    event = make_igf_2016_grid(is_published=False)

    response = client.get(reverse(name, kwargs={"slug": event.slug}))

    assert response.status_code == 404
    assert "Shaping the Future" not in response.content.decode()


@pytest.mark.parametrize("name", FORMATS)
def test_unpublished_event_is_shown_to_mag_members(client, mag_member, name):
    event = make_igf_2016_grid(is_published=False)
    client.force_login(mag_member)

    response = client.get(reverse(name, kwargs={"slug": event.slug}))

    assert response.status_code == 200


@pytest.mark.parametrize("name", FORMATS)
def test_unknown_event_is_not_found(client, name):
    assert client.get(reverse(name, kwargs={"slug": "nothing-here"})).status_code == 404


def test_event_detail_announces_day_time_and_title_of_each_slot(client):
    make_igf_2016_grid()

    response = client.get("/schedule/igf-2016/")

    names = _slot_names(response.text)
    assert len(names) == len(IGF_2016_SLOTS) == 14
    assert names[1] == (
        "Tuesday 6 December, 15:00 to 16:00: Setting the Scene: Newcomers Orientation 1 hour Orientation"
    )
    assert names[11] == (
        "Friday 9 December, 15:00 to 15:30: Shaping the Future of Internet Governance "
        "30 minutes Main session continued from 11:30 Youth Open Mic"
    )


def test_event_detail_places_slots_in_day_columns_and_rows(client):
    make_igf_2016_grid()

    response = client.get("/schedule/igf-2016/")

    html = response.text
    assert '<div class="grid" style="--days: 4; --rows: 76">' in html
    assert [
        int(column) for column in re.findall(r'<section class="day" style="grid-column: (\d+)"', html)
    ] == [
        2,
        3,
        4,
        5,
    ]
    rows = re.findall(r'<li class="slot[^"]*" style="grid-row: (\d+) / (\d+)">', html)
    assert rows[:4] == [("1", "37"), ("41", "53"), ("53", "59"), ("59", "77")]


def test_event_detail_tells_session_kinds_by_words_not_only_colour(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    assert html.count('<li class="slot slot--ceremony') == 2
    assert html.count('<li class="slot slot--orientation') == 1
    assert '<span class="kind__label">Ceremony</span>' in html
    assert '<span class="kind__label">Orientation</span>' in html


def test_event_detail_says_which_slot_a_continued_slot_continues_and_its_note_apart(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    assert html.count("slot--continued") == 1
    assert (
        '↪</span> <span class="visually-hidden">continued from 11:30</span>'
        '<span aria-hidden="true">from 11:30</span></span> '
        '<span class="slot__note">Youth Open Mic</span>' in html
    )


def test_event_detail_ruler_ends_with_the_last_hour_of_each_block(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    marks = re.findall(r'<span class="grid__mark([^"]*)" style="grid-row: (\d+)">([\d:]+)</span>', html)
    assert [(time, row, kind) for kind, row, time in marks][-1] == ("18:00", "76", " grid__mark--end")
    assert ("13:00", "36", " grid__mark--end") in [(time, row, kind) for kind, row, time in marks]


def test_event_detail_short_slot_names_its_session_kind_in_words(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    opening = re.search(r'<li class="slot slot--ceremony slot--short".*?</li>', html, re.S).group()
    assert "16:00" in opening and '<span class="kind__label">Ceremony</span>' in opening


def test_event_detail_states_the_time_zone(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    assert "Times are in America/Mexico_City (CST, UTC\u221206:00)." in html


def test_event_detail_gives_machine_readable_times(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    assert '<time datetime="2016-12-06T15:00:00-06:00">15:00</time>' in html
    assert '<time datetime="2016-12-06">Tuesday 6 December</time>' in html


def test_event_detail_links_each_slot_to_its_session_anchor(client):
    event = make_igf_2016_grid()
    shaping = event.sessions.get(title=SHAPING_THE_FUTURE)

    html = client.get("/schedule/igf-2016/").text

    assert html.count(f'<a class="slot__link" href="#session-{shaping.pk}">') == 2
    assert html.count(f'id="session-{shaping.pk}"') == 1
    assert len(re.findall(r'<article class="session" id="session-\d+"', html)) == 13
    assert shaping.get_absolute_url() == f"/schedule/igf-2016/#session-{shaping.pk}"


def test_event_detail_lists_decisions_visible_to_the_user(client, mag_member):
    session = make_session(event=make_event(slug="igf-2016"))
    make_slot(session=session)
    published = make_decision(session=session, text="The session is approved as a main session.")
    draft_item = make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT))
    make_decision(agenda_item=draft_item, session=session, text="Still under discussion.")

    public_html = client.get("/schedule/igf-2016/").text
    client.force_login(mag_member)
    member_html = client.get("/schedule/igf-2016/").text

    paragraph = published.agenda_item.get_absolute_url()
    assert f'<a href="{paragraph}" title="The session is approved as a main session.">' in public_html
    assert "Still under discussion." not in public_html
    assert "Still under discussion." in member_html


def test_event_detail_escapes_imported_text(client):
    session = make_session(event=make_event(slug="igf-2016"), title="<script>alert(1)</script>")
    make_slot(session=session, note="<b>Open</b> mic")

    html = client.get("/schedule/igf-2016/").text

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Open&lt;/b&gt; mic" in html


def test_event_detail_without_slots_says_so(client):
    make_event(slug="igf-2016")

    response = client.get("/schedule/igf-2016/")

    assert response.status_code == 200
    assert "No sessions have been scheduled yet." in response.text


def test_event_detail_has_no_inline_script_or_event_handlers(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    assert re.findall(r"<script\b|\son[a-z]+=", html) == []


def test_event_json_gives_the_grid_data(client):
    event = make_igf_2016_grid()
    shaping = event.sessions.get(title=SHAPING_THE_FUTURE)

    response = client.get("/schedule/igf-2016.json")

    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["event"] == {
        "title": "The 2016 Internet Governance Forum (IGF)",
        "theme": "Enabling Inclusive and Sustainable Growth",
        "venue": "Guadalajara, Mexico",
        "time_zone": "America/Mexico_City",
        "start_date": "2016-12-06",
        "end_date": "2016-12-09",
        "url": "http://testserver/schedule/igf-2016/",
    }
    assert [day["date"] for day in data["days"]] == ["2016-12-06", "2016-12-07", "2016-12-08", "2016-12-09"]
    assert [len(day["slots"]) for day in data["days"]] == [4, 2, 3, 5]
    assert data["days"][3]["slots"][2] == {
        "start": "15:00",
        "end": "15:30",
        "title": SHAPING_THE_FUTURE,
        "kind": "main",
        "minutes": 30,
        "continued": True,
        "note": "Youth Open Mic",
        "session_id": shaping.pk,
    }


def test_event_json_lists_slots_as_in_the_annex(client):
    make_igf_2016_grid()

    data = client.get("/schedule/igf-2016.json").json()

    slots = [
        (day_number, slot["start"], slot["end"], slot["title"], slot["kind"], slot["continued"], slot["note"])
        for day_number, day in enumerate(data["days"], start=1)
        for slot in day["slots"]
    ]
    assert slots == IGF_2016_SLOTS


def test_schedule_views_refuse_posts(client):
    make_event(slug="igf-2016")

    assert [client.post(url).status_code for url in ["/schedule/", "/schedule/igf-2016/"]] == [405, 405]


def test_event_dates_in_one_month_are_written_as_a_range(client):
    make_igf_2016_grid()

    html = client.get("/schedule/igf-2016/").text

    assert (
        '<time datetime="2016-12-06">6</time>–<time datetime="2016-12-09">9 December 2016</time>'
        ", Guadalajara, Mexico" in html
    )


def test_event_dates_across_months_name_each_month_and_the_year_once(client):
    make_event(
        slug="igf-2019", start_date=datetime.date(2019, 11, 25), end_date=datetime.date(2019, 12, 2), venue=""
    )

    html = client.get("/schedule/").text

    assert (
        '<time datetime="2019-11-25">25 November</time>–'
        '<time datetime="2019-12-02">2 December 2019</time>' in html
    )

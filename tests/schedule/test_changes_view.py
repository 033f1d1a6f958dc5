import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory

from meetings.selectors import decisions_by_session
from schedule.versions import record_schedule_version
from tests.factories import make_agenda_item, make_decision, make_event, make_meeting
from tests.seed_2016 import (
    DECISION_CHANGES,
    DECISION_TRADE,
    EARLIER_GRID,
    ITEM_5,
    NRIS,
    SEED_GRID,
    SHAPING,
    TRADE,
    replace_grid,
)

pytestmark = pytest.mark.django_db


def seed_versions(*, versions=2, is_published=True):
    """Annex I approved by the seed meeting, after the earlier provisional grid of meeting V (when
    ``versions`` is 2 or more), and before provisional grids that drop sessions (3 or more)."""
    event = make_event(slug="igf-2016", is_published=is_published)
    replace_grid(event, EARLIER_GRID)
    if versions >= 2:
        earlier = make_meeting(title="IGF Virtual MAG Meeting V", date=datetime.date(2016, 8, 9), event=event)
        record_schedule_version(event=event, meeting=earlier, approved=False)
    meeting = make_meeting(title="IGF Virtual MAG Meeting VI", date=datetime.date(2016, 8, 30), event=event)
    item = make_agenda_item(meeting=meeting, position=5, number="5", text=ITEM_5)
    sessions = replace_grid(event, SEED_GRID)
    trade = make_decision(agenda_item=item, text=DECISION_TRADE, session=sessions[TRADE])
    changes = make_decision(agenda_item=item, text=DECISION_CHANGES, session=sessions[NRIS])
    changes.further_sessions.create(session=sessions[SHAPING])
    record_schedule_version(event=event, meeting=meeting, approved=True)
    for n in range(3, versions + 1):
        replace_grid(event, [row for row in SEED_GRID if row[3] != TRADE][: 14 - n])
        record_schedule_version(event=event, meeting=None, approved=False)
    return event, meeting, item, trade, changes, sessions


def change_lines(html):
    items = re.findall(r'<li class="change change-\w+">(.*?)</li>', html, re.DOTALL)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def test_changes_page_lists_the_move_the_addition_and_the_lengthening_linked_to_paragraph_5(client):
    event, meeting, item, *_ = seed_versions()
    response = client.get("/schedule/igf-2016/changes/")
    html = response.content.decode()
    decided = "— decided in paragraph 5 of IGF Virtual MAG Meeting VI"
    assert change_lines(html) == [
        f"Moved: National and Regional IGFs (NRIs) from Day 3 afternoon to Day 2 afternoon {decided}",
        f"Added: Trade Agreements and the Internet (Day 3 afternoon, 90 minutes) {decided}",
        f"Lengthened: Shaping the Future of Internet Governance from 90 minutes to 2 hours {decided}",
    ]
    assert html.count(f'href="{item.get_absolute_url()}"') == 3
    assert f'<a href="{meeting.get_absolute_url()}">IGF Virtual MAG Meeting VI</a>' in html
    assert [entry.version.number for entry in response.context["history"]] == [2, 1]


def test_changes_page_of_an_unpublished_event_is_not_found_for_the_public(client):
    seed_versions(is_published=False)
    assert client.get("/schedule/igf-2016/changes/").status_code == 404
    assert client.get("/schedule/igf-2016/versions/1/").status_code == 404


def test_changes_page_of_an_unpublished_event_is_shown_to_mag_members(client, mag_member):
    seed_versions(is_published=False)
    client.force_login(mag_member)
    assert client.get("/schedule/igf-2016/changes/").status_code == 200


def test_version_detail_shows_the_version_as_it_was_with_a_banner(client):
    seed_versions()
    response = client.get("/schedule/igf-2016/versions/1/")
    html = response.content.decode()
    banner = re.search(r'<p class="banner" role="note"><strong>(.*?)</strong>', html).group(1)
    assert banner == "This is version 1 of 9 August 2016 (Provisional), not the current grid."
    day_3 = response.context["days"][2]
    assert (day_3["number"], [(s["start"], s["title"]) for s in day_3["slots"]]) == (
        3,
        [
            ("10:00", "Human Rights: Broadening the Conversation"),
            ("15:00", "IGF Dynamic Coalitions (DCs)"),
            ("15:00", NRIS),
        ],
    )


def test_version_detail_of_a_missing_version_is_not_found(client):
    seed_versions()
    assert client.get("/schedule/igf-2016/versions/9/").status_code == 404


@pytest.mark.parametrize("versions", [1, 3])
def test_changes_page_queries_do_not_grow_with_versions(client, django_assert_num_queries, versions):
    seed_versions(versions=versions)
    # event, versions, visible meetings, decisions, their further sessions
    with django_assert_num_queries(5):
        response = client.get("/schedule/igf-2016/changes/")
    assert len(response.context["history"]) == versions


@pytest.mark.parametrize("versions", [1, 3])
def test_version_detail_queries_do_not_grow_with_versions(client, django_assert_num_queries, versions):
    seed_versions(versions=versions)
    with django_assert_num_queries(2):
        response = client.get(f"/schedule/igf-2016/versions/{versions}/")
    assert response.context["version"].number == versions


def test_decision_session_include_shows_the_session_and_its_change():
    event, _meeting, _item, _trade, changes, sessions = seed_versions()
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = render_to_string("meetings/_decision_session.html", {"decision": changes}, request=request)
    entries = [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li>(.*?)</li>", html, re.DOTALL)]
    assert entries == [
        "National and Regional IGFs (NRIs): Moved to Day 2 afternoon",
        "Shaping the Future of Internet Governance: Lengthened to 2 hours",
    ]
    assert f'href="/schedule/igf-2016/#session-{sessions[NRIS].pk}"' in html


def test_decision_session_include_hides_a_session_of_an_unpublished_grid_from_the_public():
    *_, changes, _sessions = seed_versions(is_published=False)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert (
        render_to_string("meetings/_decision_session.html", {"decision": changes}, request=request).strip()
        == ""
    )


def test_session_provenance_include_links_each_decision_to_its_paragraph():
    _event, _meeting, item, _trade, changes, sessions = seed_versions()
    decisions = decisions_by_session([sessions[SHAPING]], user=AnonymousUser())[sessions[SHAPING].pk]
    html = render_to_string("schedule/_session_provenance.html", {"decisions": decisions})
    assert re.findall(r'<a href="([^"]+)"', html) == [item.get_absolute_url()]
    assert decisions == [changes]

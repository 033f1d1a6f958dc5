"""The public pages' cache through the real views: a report, the home page, the meetings list, a
decision's page and the feed, each served to anonymous visitors from the cache until a row it
renders is saved or deleted, whichever way (the ORM, the admin, the services, the importer).

Every test runs twice: with a per-process cache (the scope's version read from the database) and
with Redis (a generation shared by every process).
"""

import datetime
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from magportal import freshness
from meetings import caching
from meetings.importer.report import Announcement
from meetings.importer.services import import_report
from meetings.models import (
    AgendaItem,
    Annotation,
    Decision,
    DecisionSession,
    Footnote,
    Meeting,
    UpcomingMeeting,
)
from meetings.publishing import set_meeting_published
from meetings.services import link_cited_meetings, link_decisions_to_sessions, record_announced_meetings
from schedule.caching import grid_changed
from schedule.models import Event, ScheduleVersion, Session
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_footnote,
    make_mag_member,
    make_meeting,
    make_secretariat_user,
    make_session,
)
from tests.seed_2016 import DECISION_TRADE, FOOTNOTE_PLANNING, ITEM_5, TRADE

SAMPLE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mag-virtual-meeting-vi-2016-08-30.docx"
)

# Each test runs on a per-process cache and on Redis (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared")

SAMPLE_TITLE = "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI"
PAGES = ["report", "home", "meeting list", "decision", "decision list", "search", "feed"]


@pytest.fixture
def site(db):
    """One published report, with a paragraph holding a decision that shapes a session of a published
    grid, a note citing an earlier meeting, and an announced meeting."""
    event = make_event(slug="igf-2016", title="IGF 2016", is_published=True)
    session = make_session(event=event, title=TRADE)
    cited = make_meeting(title="MAG Meeting V", slug="mag-meeting-v", date=datetime.date(2016, 7, 12))
    meeting = make_meeting(
        title="MAG Meeting VI", slug="mag-meeting-vi", event=event, date=datetime.date(2016, 8, 30)
    )
    item = make_agenda_item(
        meeting=meeting,
        number="5",
        position=1,
        section="Programme",
        text="The MAG met. The trade session is added. It ended.",
    )
    decision = make_decision(agenda_item=item, text="The trade session is added.", session=session)
    footnote = make_footnote(
        agenda_item=item, mark="1", text="The summary of July.", urls=[], cited_meeting=cited
    )
    upcoming = UpcomingMeeting.objects.create(
        title="MAG Meeting VII",
        date=timezone.localdate() + datetime.timedelta(days=30),
        announced_in=meeting,
        agenda_item=item,
    )
    return SimpleNamespace(
        event=event,
        session=session,
        cited=cited,
        meeting=meeting,
        item=item,
        decision=decision,
        footnote=footnote,
        upcoming=upcoming,
    )


def url_of(page: str, site) -> str:
    return {
        "report": "/meetings/mag-meeting-vi/",
        "home": "/",
        "meeting list": "/meetings/",
        "decision": f"/decisions/{site.decision.pk}/",
        "decision list": "/decisions/",
        "search": "/decisions/?q=trade",
        "feed": "/decisions/feed/",
    }[page]


def _save(row, **changes):
    for name, value in changes.items():
        setattr(row, name, value)
    row.save()


# What each edit does, and what each page shows afterwards: the text it must now show, or
# ("gone", text) for text it must no longer show, or 404.
EDITS = {
    "meeting title saved": (
        lambda s: _save(s.meeting, title="MAG Meeting Six"),
        dict.fromkeys(PAGES, "MAG Meeting Six"),
    ),
    "meeting unpublished": (
        lambda s: _save(s.meeting, status=Meeting.Status.DRAFT),
        {
            "report": 404,
            "home": ("gone", "MAG Meeting VI"),
            "meeting list": ("gone", "MAG Meeting VI"),
            "decision": 404,
            "decision list": ("gone", "MAG Meeting VI"),
            "search": "No decisions match.",
            "feed": ("gone", "MAG Meeting VI"),
        },
    ),
    "paragraph number saved": (
        lambda s: _save(s.item, number="5bis"),
        {
            "report": "5bis.",
            "home": "Paragraph 5bis in the report",
            "decision": "Paragraph 5bis",
            "decision list": "Paragraph 5bis in the report",
            "search": "Paragraph 5bis in the report",
            "feed": "paragraph 5bis of MAG Meeting VI",
        },
    ),
    "paragraph text saved": (
        lambda s: _save(s.item, text="The MAG met again. The trade session is added. It ended."),
        {"report": "The MAG met again.", "decision": "The MAG met again."},
    ),
    "paragraph deleted": (
        lambda s: s.item.delete(),
        {
            "report": ("gone", "The MAG met."),
            "home": "No decisions yet.",
            "meeting list": "0 decisions",
            "decision": 404,
            "decision list": "No decisions match.",
            "search": "No decisions match.",
            "feed": ("gone", "The trade session is added."),
        },
    ),
    "decision text saved": (
        lambda s: _save(s.decision, text="The trade session is added, 90 minutes."),
        # The search marks the words it found: "The <mark>trade</mark> session".
        {page: "session is added, 90 minutes." for page in PAGES if page != "meeting list"},
    ),
    "decision deleted": (
        lambda s: s.decision.delete(),
        {
            "report": ("gone", 'class="decision-link"'),
            "home": "No decisions yet.",
            "meeting list": "0 decisions",
            "decision": 404,
            "decision list": "No decisions match.",
            "search": "No decisions match.",
            "feed": ("gone", "The trade session is added."),
        },
    ),
    "decision added": (
        lambda s: make_decision(agenda_item=s.item, text="A youth session is added.", position=2),
        {
            "report": "A youth session is added.",
            "home": "A youth session is added.",
            "meeting list": "2 decisions",
            "decision list": "A youth session is added.",
            "feed": "A youth session is added.",
        },
    ),
    "note saved": (
        lambda s: _save(s.footnote, mark="7", text="The summary of July, revised."),
        {"report": "The summary of July, revised.", "decision": 'aria-label="Note 7"'},
    ),
    "note deleted": (
        lambda s: s.footnote.delete(),
        {"report": ("gone", "The summary of July."), "decision": ("gone", 'class="footnote-ref"')},
    ),
    "cited meeting's title saved": (
        lambda s: _save(s.cited, title="MAG Meeting Five"),
        {
            "report": "Read it here: MAG Meeting Five",
            "home": "MAG Meeting Five",
            "meeting list": "MAG Meeting Five",
            "decision list": "MAG Meeting Five",  # among the filter's meetings
        },
    ),
    "event title saved": (
        lambda s: _save(s.event, title="IGF 2016 Guadalajara"),
        {
            "report": "Main session grid: IGF 2016 Guadalajara",
            "home": "Main session grid: IGF 2016 Guadalajara",
            "decision": "IGF 2016 Guadalajara",
        },
    ),
    "event unpublished": (
        lambda s: _save(s.event, is_published=False),
        {
            "report": ("gone", "Main session grid"),
            "home": ("gone", "Main session grid"),
            "decision": ("gone", "Trade Agreements and the Internet"),
        },
    ),
    "session title saved": (
        lambda s: _save(s.session, title="Trade and the Internet"),
        {"decision": "Trade and the Internet</a>"},
    ),
    "further session added": (
        lambda s: DecisionSession.objects.create(
            decision=s.decision, session=make_session(event=s.event, title="Youth Open Mic")
        ),
        {"decision": "Youth Open Mic"},
    ),
    "announced meeting saved": (
        lambda s: _save(s.upcoming, title="MAG Meeting Seven"),
        {"home": "MAG Meeting Seven", "meeting list": "MAG Meeting Seven"},
    ),
    "announced meeting deleted": (
        lambda s: s.upcoming.delete(),
        {"home": ("gone", "MAG Meeting VII"), "meeting list": ("gone", "MAG Meeting VII")},
    ),
}
CASES = [(edit, page) for edit, (_do, shown) in EDITS.items() for page in shown]


def _check(response, expected):
    if expected == 404:
        assert response.status_code == 404
    elif isinstance(expected, tuple):
        assert response.status_code == 200
        assert expected[1] not in response.text
    else:
        assert response.status_code == 200
        assert expected in response.text


@pytest.mark.parametrize(("edit", "page"), CASES, ids=[f"{edit}: {page}" for edit, page in CASES])
def test_any_edit_of_a_row_the_page_renders_shows_on_the_next_anonymous_request(client, site, edit, page):
    do, shown = EDITS[edit]
    url = url_of(page, site)
    before = client.get(url)
    assert client.get(url).content == before.content  # served from the cache

    do(site)

    _check(client.get(url), shown[page])


# The same through the services and the importer, which also write without signals.


def test_meeting_unpublished_through_the_service_leaves_every_page(client, site):
    urls = [url_of(page, site) for page in PAGES]
    assert all("MAG Meeting VI" in client.get(url).text for url in urls)

    set_meeting_published(meeting=site.meeting, published=False)

    responses = {url: client.get(url) for url in urls}
    assert [responses[url_of(page, site)].status_code for page in ("report", "decision")] == [404, 404]
    assert not any(
        "MAG Meeting VI" in responses[url_of(page, site)].text for page in ("home", "meeting list", "feed")
    )


def test_report_imported_shows_on_the_home_page_the_meetings_list_and_the_feed(
    client, site, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    urls = ["/", "/meetings/", "/decisions/feed/"]
    assert not any(SAMPLE_TITLE in client.get(url).text for url in urls)

    import_report(SAMPLE.read_bytes(), source_name=SAMPLE.name, publish=True)

    assert all(SAMPLE_TITLE in client.get(url).text for url in urls)


def test_announced_meetings_recorded_in_bulk_show_on_the_home_page(client, site):
    assert "MAG Meeting VIII" not in client.get("/").text

    date = timezone.localdate() + datetime.timedelta(days=60)
    record_announced_meetings(
        meeting=site.meeting, announced_by=[(site.item, [Announcement(title="MAG Meeting VIII", date=date)])]
    )

    assert "MAG Meeting VIII" in client.get("/").text


def test_cited_meeting_linked_by_the_service_shows_on_the_report(client, site):
    make_footnote(agenda_item=site.item, mark="2", text=FOOTNOTE_PLANNING, urls=[])
    planning = make_meeting(
        title="MAG Virtual Meeting on Main Session Planning", date=datetime.date(2016, 8, 24)
    )
    assert (
        "Read it here: MAG Virtual Meeting on Main Session Planning"
        not in client.get(url_of("report", site)).text
    )

    assert link_cited_meetings(meeting=planning) == 1

    assert (
        "Read it here: MAG Virtual Meeting on Main Session Planning"
        in client.get(url_of("report", site)).text
    )


def test_decision_linked_to_its_session_by_the_service_shows_on_its_page(client, site):
    decision = make_decision(
        agenda_item=make_agenda_item(meeting=site.meeting, text=ITEM_5), text=DECISION_TRADE
    )
    url = decision.get_absolute_url()
    assert f"{TRADE}</a>" not in client.get(url).text

    assert link_decisions_to_sessions(meeting=site.meeting) == 1

    assert f"{TRADE}</a>" in client.get(url).text


def test_grid_written_without_signals_is_fresh_on_a_decisions_page(client, site):
    client.get(url_of("decision", site))

    # How the grid's own writers change its sessions in bulk, then say so.
    Session.objects.filter(pk=site.session.pk).update(title="Trade and the Internet")
    grid_changed()

    assert "Trade and the Internet</a>" in client.get(url_of("decision", site)).text


def test_rolled_back_edit_leaves_the_page_as_it_was(client, site):
    before = client.get(url_of("report", site))

    with pytest.raises(RuntimeError), transaction.atomic():
        _save(site.meeting, title="MAG Meeting Six")
        raise RuntimeError
    after = client.get(url_of("report", site))

    assert (after.content, after["ETag"]) == (before.content, before["ETag"])


# Drafts and signed-in users


@pytest.fixture
def secretariat(db):
    client = Client()
    client.force_login(make_secretariat_user(username="secretariat-lynn"))
    return client


@pytest.fixture
def member(db):
    client = Client()
    client.force_login(make_mag_member(username="member-chengetai"))
    return client


@pytest.fixture
def draft(site):
    """A draft report with an annotated paragraph and a decision."""
    meeting = make_meeting(
        title="Secret draft meeting",
        slug="secret-draft",
        status=Meeting.Status.DRAFT,
        date=datetime.date(2016, 9, 1),
    )
    item = make_agenda_item(meeting=meeting, text="A draft paragraph. Draft decision text. End.")
    make_annotation(agenda_item=item, text="Internal note for the secretariat.")
    make_annotation(
        agenda_item=site.item, text="Shared note for members.", visibility=Annotation.Visibility.MEMBERS
    )
    decision = make_decision(agenda_item=item, text="Draft decision text.")
    return SimpleNamespace(meeting=meeting, decision=decision)


def test_draft_loaded_by_the_secretariat_first_is_never_served_to_the_public(
    client, site, draft, secretariat
):
    urls = [
        "/",
        "/meetings/",
        "/meetings/secret-draft/",
        f"/decisions/{draft.decision.pk}/",
        "/decisions/feed/",
    ]
    seen = {url: secretariat.get(url) for url in urls}
    assert "Secret draft meeting" in seen["/meetings/"].text
    assert "Draft decision text." in seen["/meetings/secret-draft/"].text

    anonymous = {url: client.get(url) for url in urls}

    assert [anonymous[url].status_code for url in urls] == [200, 200, 404, 404, 200]
    assert not any("Secret draft meeting" in response.text for response in anonymous.values())
    assert not any("Draft decision text." in response.text for response in anonymous.values())


def test_signed_in_pages_are_rendered_for_each_user_and_never_kept(site, member):
    url = url_of("report", site)
    member.get(url)
    Meeting.objects.filter(pk=site.meeting.pk).update(title="Renamed without a signal")

    page = member.get(url)

    assert "Renamed without a signal" in page.text
    assert not page.has_header("ETag")
    assert set(page["Cache-Control"].split(", ")) == {"private", "no-store"}


PRIVATE = [
    "Secret draft meeting",
    "Draft decision text.",
    "Internal note for the secretariat.",
    "Shared note for members.",
    "secretariat-lynn",
    "member-chengetai",
]


def test_no_response_with_private_content_is_marked_public(client, site, draft, secretariat, member):
    urls = [
        "/",
        "/meetings/",
        "/meetings/mag-meeting-vi/",
        "/meetings/secret-draft/",
        f"/decisions/{site.decision.pk}/",
        f"/decisions/{draft.decision.pk}/",
        "/decisions/",
        "/decisions/?q=draft",
        "/decisions/feed/",
        "/schedule/igf-2016/",
        "/schedule/igf-2016.json",
        "/schedule/igf-2016.ics",
    ]
    private_seen = public_seen = 0
    for visitor in (client, member, secretariat, client):
        for url in urls:
            response = visitor.get(url)
            cache_control = set(response.get("Cache-Control", "").split(", "))
            if any(text in response.text for text in PRIVATE):
                private_seen += 1
                assert "public" not in cache_control, url
                assert "private" in cache_control, url
            elif "public" in cache_control:
                public_seen += 1
    # Both kinds were seen: the test checked something. Every page the public gets, twice, is public.
    assert private_seen >= 14
    assert public_seen == 2 * 10


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_visitor_with_a_session_or_a_pending_message_gets_the_view_itself(client, site, cookie):
    url = url_of("home", site)
    client.get(url)
    client.cookies[cookie] = "anything"
    Meeting.objects.filter(pk=site.meeting.pk).update(title="Renamed without a signal")

    page = client.get(url)

    assert "Renamed without a signal" in page.text
    assert "public" not in page["Cache-Control"]


# Headers for a caching proxy


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_page_may_be_kept_by_a_proxy_for_a_few_seconds(client, site, page):
    response = client.get(url_of(page, site))

    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=10"}
    # Exactly: a proxy keeps a copy per value of each header named.
    assert sorted(name.strip() for name in response["Vary"].split(",")) == ["Accept-Language", "Cookie"]
    assert response["ETag"].startswith('"')
    # The feed's own is its newest published entry's date; pages give none (a draft's edit is no news).
    assert response.has_header("Last-Modified") == (page == "feed")
    assert not response.cookies


def test_max_age_is_a_setting(client, site, settings):
    settings.PAGE_CACHE_MAX_AGE = 0

    assert set(client.get("/")["Cache-Control"].split(", ")) == {"public", "max-age=0"}


@pytest.mark.parametrize("page", PAGES)
def test_matching_etag_gets_304_and_an_edit_a_200(client, site, page):
    url = url_of(page, site)
    etag = client.get(url)["ETag"]

    unchanged = client.get(url, headers={"if-none-match": etag})
    _save(site.meeting, title="MAG Meeting Six")
    changed = client.get(url, headers={"if-none-match": etag})

    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert unchanged["ETag"] == etag
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_edit_nothing_on_the_page_shows_keeps_its_etag(client, site):
    urls = [url_of(page, site) for page in PAGES]
    before = [client.get(url)["ETag"] for url in urls]

    # A draft meeting's paragraph: a row of every scope's models, shown on none of these pages.
    make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT))

    assert [client.get(url)["ETag"] for url in urls] == before


def test_each_language_cached_apart(client, site):
    pages = [
        client.get("/meetings/", headers={"accept-language": language}) for language in ("es", "en", "es")
    ]

    assert ["<h1>Reuniones</h1>" in page.text for page in pages] == [True, False, True]
    assert pages[0]["ETag"] == pages[2]["ETag"] != pages[1]["ETag"]


def test_announced_meeting_leaves_the_cached_home_page_when_its_day_has_passed(client, site, monkeypatch):
    UpcomingMeeting.objects.filter(pk=site.upcoming.pk).update(date=timezone.localdate())
    freshness.rows_changed(UpcomingMeeting)
    assert "MAG Meeting VII" in client.get("/").text

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert "MAG Meeting VII" not in client.get("/").text


def test_each_query_string_cached_apart(client, site):
    all_kinds = client.get("/meetings/").text
    topical = client.get("/meetings/", {"kind": "topical"}).text

    assert "MAG Meeting VI" in all_kinds
    assert "MAG Meeting VI" not in topical


def test_feed_is_valid_atom_from_the_cache(client, site):
    client.get("/decisions/feed/")

    response = client.get("/decisions/feed/")

    assert response["Content-Type"].startswith("application/atom+xml")
    assert len(ET.fromstring(response.content).findall("{http://www.w3.org/2005/Atom}entry")) == 1


# Queries of a page served from the cache, at two sizes


def _make_items(site, count: int) -> None:
    """``count`` paragraphs and decisions in all, each meeting's paragraph with a note."""
    for n in range(count - 1):
        meeting = make_meeting(title=f"Extra meeting {n}", date=datetime.date(2016, 6, 1 + n))
        item = make_agenda_item(meeting=meeting, text="Another paragraph.")
        make_footnote(agenda_item=item)
        make_decision(agenda_item=item, text="Another decision.")
        make_agenda_item(meeting=site.meeting, text=f"Paragraph {n} more.")


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("page", PAGES)
def test_cached_page_costs_one_query_or_none_with_a_shared_cache(
    client, site, shared, page, count, django_assert_num_queries
):
    _make_items(site, count)
    url = url_of(page, site)
    first = client.get(url)

    if shared:
        with django_assert_num_queries(0):
            second = client.get(url)
    else:
        # The scope's version.
        with django_assert_num_queries(1):
            second = client.get(url)

    assert second.content == first.content


# The scopes


def test_each_page_watches_the_models_it_renders():
    assert {
        caching.REPORT: (Meeting, AgendaItem, Decision, Footnote, Annotation, Event),
        caching.HOME: (Event, Meeting, AgendaItem, Decision, UpcomingMeeting),
        caching.MEETING_LIST: (Meeting, AgendaItem, Decision, UpcomingMeeting),
        caching.DECISION: (
            Decision,
            AgendaItem,
            Meeting,
            Footnote,
            DecisionSession,
            Session,
            Event,
            ScheduleVersion,
        ),
        caching.DECISION_LIST: (Decision, AgendaItem, Meeting),
        caching.FEED: (Decision, AgendaItem, Meeting),
    } == caching.PAGES


MODELS = [
    Meeting,
    AgendaItem,
    Decision,
    Footnote,
    Annotation,
    UpcomingMeeting,
    DecisionSession,
    Event,
    Session,
]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_any_save_or_delete_of_a_watched_row_changes_the_version_of_every_page_that_shows_it(
    site, draft, model
):
    DecisionSession.objects.create(decision=site.decision, session=site.session)
    row = model.objects.first()
    scopes = sorted(freshness.scopes_watching(model) - {"grid"})
    versions = [[freshness.version(scope) for scope in scopes]]

    row.save()
    versions.append([freshness.version(scope) for scope in scopes])
    row.delete()
    versions.append([freshness.version(scope) for scope in scopes])

    assert scopes == sorted(scope for scope, models in caching.PAGES.items() if model in models)
    for changes in zip(*versions, strict=True):
        assert len(set(changes)) == 3

"""The grid's cache through the real views: any save or delete of a row it renders shows on the next request.

Every test runs twice: with a per-process cache (the version read from the database) and with Redis
(a generation shared by every process). Edits are made the way staff make them where it matters:
in the admin.
"""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from magportal import freshness
from magportal.models import ContentVersion
from meetings.models import AgendaItem, Decision, DecisionSession, Meeting
from schedule import caching
from schedule.models import Event, ScheduleVersion, Session, Slot
from schedule.versions import record_schedule_version
from tests.factories import make_agenda_item, make_decision, make_event, make_meeting, make_session, make_slot

# Each test runs on a per-process cache and on Redis (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("shared")

GRID = "/schedule/igf-2016/"
JSON = "/schedule/igf-2016.json"
ICS = "/schedule/igf-2016.ics"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def grid(db):
    """A published grid with one session, its slot, and a decision of paragraph 5 shaping it."""
    event = make_event(slug="igf-2016", is_published=True)
    session = make_session(event=event, title="Trade Agreements and the Internet")
    slot = make_slot(session=session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    meeting = make_meeting(slug="mag-meeting-vi", title="MAG Meeting VI")
    item = make_agenda_item(meeting=meeting, number="5", position=5)
    decision = make_decision(agenda_item=item, text="The trade session is added.", session=session)
    return {"event": event, "session": session, "slot": slot, "meeting": meeting, "decision": decision}


@pytest.fixture
def secretariat(db):
    from tests.factories import make_secretariat_user

    client = Client()
    client.force_login(make_secretariat_user())
    return client


def _admin_save(client: Client, url: str, **changes) -> None:
    """Open an admin change form and save it with ``changes``, as a person would."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name in {"source_file"}:
            continue
        data[name] = value
    response = client.get(url)
    for formset in response.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(changes)
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors


def test_second_anonymous_request_costs_one_query_or_none_with_a_shared_cache(
    client, grid, shared, django_assert_num_queries
):
    first = client.get(GRID)

    with django_assert_num_queries(0 if shared else 1):
        second = client.get(GRID)

    assert second.status_code == 200
    assert TOKEN.sub("", second.text) == TOKEN.sub("", first.text)


def test_meeting_slug_edited_in_the_admin_shows_on_the_anonymous_grid(client, grid, secretariat):
    assert 'href="/meetings/mag-meeting-vi/#item-5"' in client.get(GRID).text

    _admin_save(secretariat, f"/admin/meetings/meeting/{grid['meeting'].pk}/change/", slug="mag-meeting-6")

    page = client.get(GRID).text
    assert 'href="/meetings/mag-meeting-6/#item-5"' in page
    assert "mag-meeting-vi" not in page


def test_agenda_item_number_edited_in_the_admin_shows_on_the_anonymous_grid(client, grid, secretariat):
    item = grid["decision"].agenda_item
    before = client.get(GRID).text

    _admin_save(secretariat, f"/admin/meetings/agendaitem/{item.pk}/change/", number="5bis")

    after = client.get(GRID).text
    assert "paragraph 5 of MAG Meeting VI" in before
    assert "paragraph 5bis of MAG Meeting VI" in after


def test_meeting_unpublished_in_the_admin_hides_its_decision_from_the_anonymous_grid(
    client, grid, secretariat
):
    assert "The trade session is added." in client.get(GRID).text

    _admin_save(secretariat, f"/admin/meetings/meeting/{grid['meeting'].pk}/change/", status="draft")

    assert "The trade session is added." not in client.get(GRID).text


def test_session_and_slot_edits_show_on_every_grid_surface(client, grid):
    before = {url: client.get(url) for url in (GRID, JSON, ICS)}

    grid["session"].title = "Trade and the Internet"
    grid["session"].save()
    grid["slot"].start_time = datetime.time(9)
    grid["slot"].save()
    after = {url: client.get(url) for url in (GRID, JSON, ICS)}

    for url in (GRID, JSON, ICS):
        assert "Trade and the Internet" in after[url].text
        assert after[url]["ETag"] != before[url]["ETag"]
    assert '"start": "09:00"' in after[JSON].text


def test_slot_deleted_leaves_the_grid_without_it(client, grid):
    client.get(GRID)

    grid["slot"].delete()

    assert client.get(GRID).text.count('class="slot__link"') == 0
    assert '"slots": []' in client.get(JSON).text


def test_decision_text_and_further_session_show_on_the_next_request(client, grid):
    other = make_session(event=grid["event"], title="Human Rights: Broadening the Conversation")
    make_slot(session=other, start_time=datetime.time(15), end_time=datetime.time(18))
    client.get(GRID)

    grid["decision"].text = "The trade session is added, 90 minutes."
    grid["decision"].save()
    DecisionSession.objects.create(decision=grid["decision"], session=other)

    page = client.get(GRID).text
    assert page.count("The trade session is added, 90 minutes.") == 2


def test_version_recorded_shows_on_the_grid(client, grid):
    client.get(GRID)

    record_schedule_version(event=grid["event"], meeting=grid["meeting"], approved=True)

    assert "Version 1 of" in client.get(GRID).text


@pytest.mark.parametrize("url", [GRID, JSON, ICS])
def test_event_unpublished_is_not_found_on_the_next_request(client, grid, url):
    assert client.get(url).status_code == 200

    grid["event"].is_published = False
    grid["event"].save()

    assert client.get(url).status_code == 404


def test_event_slug_changed_old_address_is_not_found(client, grid):
    client.get(GRID)

    grid["event"].slug = "igf-2016-guadalajara"
    grid["event"].save()

    assert [client.get(url).status_code for url in (GRID, "/schedule/igf-2016-guadalajara/")] == [404, 200]


def test_unpublished_events_export_seen_by_a_mag_member_is_never_served_to_the_public(
    client, grid, mag_member
):
    Event.objects.filter(pk=grid["event"].pk).update(is_published=False)
    caching.grid_changed()
    member = Client()
    member.force_login(mag_member)

    assert [member.get(url).status_code for url in (JSON, ICS)] == [200, 200]
    assert [client.get(url).status_code for url in (JSON, ICS)] == [404, 404]


def test_signed_in_grid_page_is_never_cached(grid, mag_member):
    member = Client()
    member.force_login(mag_member)
    member.get(GRID)
    Session.objects.filter(pk=grid["session"].pk).update(title="Renamed without a signal")

    page = member.get(GRID)

    assert "Renamed without a signal" in page.text
    assert not page.has_header("ETag")


def test_visitor_with_pending_messages_is_never_served_a_cached_grid(client, grid):
    client.get(GRID)  # cached for anonymous visitors
    Session.objects.filter(pk=grid["session"].pk).update(title="Renamed without a signal")
    visitor = Client()
    visitor.cookies["messages"] = CookieStorage(HttpRequest())._encode([Message(constants.INFO, "Saved.")])

    page = visitor.get(GRID)

    assert "Renamed without a signal" in page.text
    assert not page.has_header("ETag")
    assert "Renamed without a signal" not in client.get(GRID).text


def test_not_found_is_rendered_every_time_never_cached(client, grid):
    make_event(slug="igf-2017", is_published=False)
    queries = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/schedule/igf-2017.json").status_code == 404
        queries.append(len(captured))

    assert queries[1] == queries[0]


def test_matching_etag_gets_304_and_an_edit_a_200(client, grid):
    etag = client.get(JSON)["ETag"]

    unchanged = client.get(JSON, headers={"if-none-match": etag})
    grid["slot"].note = "Youth Open Mic"
    grid["slot"].save()
    changed = client.get(JSON, headers={"if-none-match": etag})

    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert changed.status_code == 200
    assert "Youth Open Mic" in changed.text


def test_edit_nothing_on_the_grid_shows_keeps_the_etag(client, grid):
    before = [client.get(url)["ETag"] for url in (GRID, JSON)]

    # A new draft meeting's paragraph: a row of a watched model, rendered nowhere on this grid.
    make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT))

    assert [client.get(url)["ETag"] for url in (GRID, JSON)] == before


def test_anonymous_grid_and_exports_may_be_kept_by_a_proxy_and_a_members_may_not(client, grid, mag_member):
    member = Client()
    member.force_login(mag_member)

    cache_control = {
        "anonymous .json": client.get(JSON)["Cache-Control"],
        "anonymous grid": client.get(GRID)["Cache-Control"],
        "member .json": member.get(JSON)["Cache-Control"],
        "member grid": member.get(GRID)["Cache-Control"],
    }

    assert set(cache_control["anonymous .json"].split(", ")) == {"public", "max-age=10"}
    assert set(cache_control["anonymous grid"].split(", ")) == {"public", "max-age=10"}
    assert set(cache_control["member .json"].split(", ")) == {"private", "no-cache"}
    assert set(cache_control["member grid"].split(", ")) == {"private", "no-store"}


def test_rolled_back_edit_leaves_the_page_as_it_was(client, grid):
    before = client.get(GRID)

    with pytest.raises(RuntimeError), transaction.atomic():
        grid["session"].title = "Trade and the Internet"
        grid["session"].save()
        raise RuntimeError
    after = client.get(GRID)

    assert TOKEN.sub("", after.text) == TOKEN.sub("", before.text)


def test_grid_served_and_kept_fresh_when_no_version_was_ever_recorded(client, grid):
    # A database whose rows were all restored by loaddata (raw saves change no scope).
    ContentVersion.objects.all().delete()

    first = client.get(JSON)
    grid["slot"].start_time = datetime.time(9)
    grid["slot"].save()

    assert first.status_code == 200
    assert list(ContentVersion.objects.values_list("scope", flat=True)) == [caching.SCOPE]
    assert '"start": "09:00"' in client.get(JSON).text


def test_evicted_generation_falls_back_to_the_database(client, grid, shared):
    if not shared:
        pytest.skip("only a shared cache keeps a generation")
    client.get(GRID)
    # An edit made elsewhere whose new generation has since been evicted from the cache.
    Slot.objects.filter(pk=grid["slot"].pk).update(start_time=datetime.time(9))
    freshness._new_version(caching.SCOPE)
    cache.delete(freshness.generation_key(caching.SCOPE))

    assert '"start": "09:00"' in client.get(JSON).text


def test_generation_started_again_after_eviction_serves_from_the_cache_and_never_a_stale_page(
    client, grid, shared, django_assert_num_queries
):
    if not shared:
        pytest.skip("only a shared cache keeps a generation")
    cache.delete(freshness.generation_key(caching.SCOPE))
    client.get(JSON)  # starts a generation and keeps the page under it
    with django_assert_num_queries(0):
        assert client.get(JSON).status_code == 200

    # Edited elsewhere, and the generation evicted again: the page kept under the first one is not served.
    Slot.objects.filter(pk=grid["slot"].pk).update(start_time=datetime.time(9))
    freshness._new_version(caching.SCOPE)
    cache.delete(freshness.generation_key(caching.SCOPE))

    assert '"start": "09:00"' in client.get(JSON).text


def test_each_language_cached_apart(client, grid, shared, django_assert_num_queries):
    pages = [client.get(GRID, headers={"accept-language": language}) for language in ("es", "en")]
    with django_assert_num_queries(0 if shared else 1):
        pages.append(client.get(GRID, headers={"accept-language": "es"}))

    assert [re.search(r'<html lang="([a-z-]+)"', page.text).group(1) for page in pages] == ["es", "en", "es"]
    assert TOKEN.sub("", pages[2].text) == TOKEN.sub("", pages[0].text)


def test_grids_of_two_events_cached_apart(client, grid):
    other = make_event(slug="igf-2017", title="IGF 2017", is_published=True)
    make_slot(session=make_session(event=other, title="Youth and the Internet"))

    pages = [client.get(url).json() for url in (JSON, "/schedule/igf-2017.json", JSON)]

    assert [
        (page["event"]["title"], [slot["title"] for day in page["days"] for slot in day["slots"]])
        for page in pages
    ] == [
        (grid["event"].title, ["Trade Agreements and the Internet"]),
        ("IGF 2017", ["Youth and the Internet"]),
        (grid["event"].title, ["Trade Agreements and the Internet"]),
    ]


def test_page_rendered_before_commit_is_not_served_after_it(
    client, grid, shared, django_capture_on_commit_callbacks
):
    if not shared:
        pytest.skip("only a shared cache keeps a generation")
    client.get(JSON)
    # The pages' generation entries, not the entries under a version (their keys end with it).
    # Under this test's own key prefix: Redis may hold other test runs' pages.
    mine = cache.make_key("page:*")
    found = [raw.decode().split(":", 2)[2] for raw in cache._cache.get_client().scan_iter(mine)]
    page_keys = [key for key in found if key.count(":") == 1]
    assert len(page_keys) == 1

    with django_capture_on_commit_callbacks(execute=True):
        grid["session"].title = "Trade and the Internet"
        grid["session"].save()
        # What another process reading before the commit would cache under the edit's new generation.
        generation = cache.get(freshness.generation_key(caching.SCOPE))
        for key in page_keys:
            _old, entry = cache.get(key)
            cache.set(key, (generation, entry))
    after = client.get(JSON)

    assert "Trade and the Internet" in after.text


MODELS = [Meeting, AgendaItem, Decision, DecisionSession, Event, Session, Slot, ScheduleVersion]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_any_save_or_delete_of_a_row_the_grid_renders_changes_its_version(grid, model):
    """The one rule: no field is compared; saving a row as it is counts too."""
    record_schedule_version(event=grid["event"], meeting=grid["meeting"], approved=False)
    DecisionSession.objects.create(decision=grid["decision"], session=grid["session"])
    row = model.objects.first()
    versions = [freshness.version(caching.SCOPE)]

    row.save()
    versions.append(freshness.version(caching.SCOPE))
    row.delete()
    versions.append(freshness.version(caching.SCOPE))

    assert len(set(versions)) == 3


def test_grid_models_are_watched_and_other_models_are_not(grid):
    before = freshness.version(caching.SCOPE)

    grid["decision"].agenda_item.annotations.create(author="Lynn St Amour", text="A note.")

    assert freshness.version(caching.SCOPE) == before
    assert set(caching.GRID_MODELS) == set(MODELS)


def test_reverse_urls_are_the_ones_tested():
    assert reverse("schedule:event_detail", kwargs={"slug": "igf-2016"}) == GRID


@pytest.mark.parametrize(
    ("status", "cookie"),
    [(500, None), (200, "sessionid")],
    ids=["an error", "a page that sets a cookie"],
)
def test_cache_event_response_never_stores_an_error_or_a_page_that_sets_a_cookie(db, rf, status, cookie):
    """Only a plain 200 is cached: an error would be served after it was fixed, a cookie to every visitor."""
    rendered = []

    @caching.cache_event_response()
    def view(request, slug):
        rendered.append(slug)
        response = HttpResponse(f"page {len(rendered)}", status=status)
        if cookie:
            response.set_cookie(cookie, "one visitor's")
        return response

    responses = [view(_anonymous(rf.get("/schedule/igf-2016.json")), "igf-2016") for _ in range(2)]

    assert rendered == ["igf-2016", "igf-2016"]
    assert [(r.status_code, r.content) for r in responses] == [(status, b"page 1"), (status, b"page 2")]
    assert [bool(r.cookies) for r in responses] == [bool(cookie)] * 2


def _anonymous(request):
    request.user = AnonymousUser()
    return request

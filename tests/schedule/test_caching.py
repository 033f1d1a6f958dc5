import datetime
import uuid

import environ
import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.test import RequestFactory
from django.urls import include, path
from django.utils import timezone
from django.utils.translation import get_language

from meetings.models import Decision, DecisionSession, Meeting
from schedule.caching import CSRF_PLACEHOLDER, GENERATION_KEY, _fast_key, cache_event_response, touch_events
from schedule.models import Event, ScheduleVersion, Slot
from tests.factories import make_agenda_item, make_decision, make_event, make_meeting, make_session, make_slot
from tests.services import require

pytestmark = pytest.mark.urls(__name__)
RENDERS = []


def _grid_text(request, slug):
    """A stand-in grid: every session, slot and visible decision of the event, as text."""
    RENDERS.append(slug)
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    lines = [event.title]
    for slot in Slot.objects.filter(session__event=event).select_related("session").order_by("pk"):
        lines.append(f"{slot.session.title} {slot.date} {slot.start_time:%H:%M}-{slot.end_time:%H:%M}")
    decisions = Decision.objects.visible_to(request.user).filter(session__event=event).order_by("pk")
    lines.extend(f"decision: {decision.text}" for decision in decisions)
    form = f'<input type="hidden" name="csrfmiddlewaretoken" value="{get_token(request)}">'
    return HttpResponse("\n".join([*lines, form]))


@cache_event_response(anonymous_only=True)
def grid_page(request, slug):
    return _grid_text(request, slug)


@cache_event_response()
def grid_data(request, slug):
    return _grid_text(request, slug)


@cache_event_response()
def grid_in_language(request, slug):
    response = _grid_text(request, slug)
    response.content = f"language: {get_language()}\n".encode() + response.content
    return response


urlpatterns = [
    path("grid/<slug:slug>/", grid_page),
    path("grid/<slug:slug>.json", grid_data),
    path("grid/<slug:slug>.txt", grid_in_language),
    path("", include("magportal.urls")),
]


@pytest.fixture(autouse=True, params=["local memory", "redis"])
def shared(request, settings):
    """Every test runs with a per-process cache (versions read from the database) and a shared one.

    Yields whether the cache is shared. The Redis namespace is this test's own, so that test runs
    at the same time never clear each other's entries.
    """
    if request.param == "redis":
        require("redis")
        prefix = f"test-{uuid.uuid4().hex}"
        config = environ.Env.cache_url_config("redis://127.0.0.1:6379/6")
        settings.CACHES = {"default": {**config, "KEY_PREFIX": prefix}}
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        cache.clear()
    RENDERS.clear()
    yield request.param == "redis"
    if request.param == "redis":
        client = cache._cache.get_client(write=True)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


@pytest.fixture
def grid(db):
    event = make_event(slug="igf-2016", is_published=True)
    session = make_session(event=event, title="Trade Agreements and the Internet")
    slot = make_slot(session=session, start_time=datetime.time(10), end_time=datetime.time(11, 30))
    return event, session, slot


def text_of(response) -> str:
    return response.content.decode()


def test_cache_event_response_second_request_served_from_cache(
    client, grid, shared, django_assert_num_queries
):
    first = client.get("/grid/igf-2016/")

    # The event's version from the database, unless the shared cache's generation vouches for it.
    with django_assert_num_queries(0 if shared else 1):
        second = client.get("/grid/igf-2016/")

    assert RENDERS == ["igf-2016"]
    assert second.status_code == 200
    assert text_of(second).split("\n")[:-1] == text_of(first).split("\n")[:-1]
    assert second["ETag"] == first["ETag"]


def test_cache_event_response_session_title_change_shows_next_request(client, grid):
    _event, session, _slot = grid
    before = client.get("/grid/igf-2016/")

    session.title = "Trade and the Internet"
    session.save()
    after = client.get("/grid/igf-2016/")

    assert "Trade and the Internet 2016-12-06 10:00-11:30" in text_of(after)
    assert "Trade Agreements" not in text_of(after)
    assert after["ETag"] != before["ETag"]


def test_cache_event_response_slot_time_change_shows_next_request(client, grid):
    _event, _session, slot = grid
    before = client.get("/grid/igf-2016.json")

    slot.start_time = datetime.time(15)
    slot.end_time = datetime.time(16, 30)
    slot.save()
    after = client.get("/grid/igf-2016.json")

    assert "Trade Agreements and the Internet 2016-12-06 15:00-16:30" in text_of(after)
    assert after["ETag"] != before["ETag"]


def test_cache_event_response_slot_delete_shows_next_request(client, grid):
    _event, _session, slot = grid
    before = client.get("/grid/igf-2016/")

    slot.delete()
    after = client.get("/grid/igf-2016/")

    assert "10:00-11:30" in text_of(before)
    assert "10:00-11:30" not in text_of(after)
    assert after["ETag"] != before["ETag"]


def test_cache_event_response_slot_moved_to_other_event_changes_both(client, grid):
    _event, _session, slot = grid
    other = make_session(event=make_event(slug="igf-2017", is_published=True), title="Closing")
    before = [client.get("/grid/igf-2016/")["ETag"], client.get("/grid/igf-2017/")["ETag"]]

    slot.session = other
    slot.save()

    after = [client.get("/grid/igf-2016/")["ETag"], client.get("/grid/igf-2017/")["ETag"]]
    assert [a != b for a, b in zip(after, before, strict=True)] == [True, True]


def test_cache_event_response_linked_decision_edit_shows_next_request(client, grid):
    _event, session, _slot = grid
    decision = make_decision(text="The session was approved.", session=session)
    before = client.get("/grid/igf-2016/")

    decision.text = "The session was approved as a 90-minute main session."
    decision.save()
    after = client.get("/grid/igf-2016/")

    assert "decision: The session was approved as a 90-minute main session." in text_of(after)
    assert after["ETag"] != before["ETag"]


def test_cache_event_response_meeting_published_shows_its_decisions(client, grid):
    _event, session, _slot = grid
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    make_decision(agenda_item=make_agenda_item(meeting=meeting), text="It was agreed.", session=session)
    before = client.get("/grid/igf-2016/")

    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    after = client.get("/grid/igf-2016/")

    assert "decision: It was agreed." not in text_of(before)
    assert "decision: It was agreed." in text_of(after)


def test_cache_event_response_unrelated_decision_leaves_event_unchanged(client, grid):
    event, _session, _slot = grid
    changed = Event.objects.get(pk=event.pk).updated_at

    make_decision(text="Not about the grid.")

    assert Event.objects.get(pk=event.pk).updated_at == changed


def test_cache_event_response_matching_etag_gets_304(client, grid):
    etag = client.get("/grid/igf-2016/")["ETag"]

    response = client.get("/grid/igf-2016/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""


def test_cache_event_response_if_modified_since_gets_304_until_an_edit(client, grid):
    event, _session, slot = grid
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - datetime.timedelta(seconds=5))
    last_modified = client.get("/grid/igf-2016.json")["Last-Modified"]

    unchanged = client.get("/grid/igf-2016.json", headers={"if-modified-since": last_modified})
    slot.note = "Youth Open Mic"
    slot.save()
    changed = client.get("/grid/igf-2016.json", headers={"if-modified-since": last_modified})

    assert (unchanged.status_code, changed.status_code) == (304, 200)
    assert changed["ETag"] != unchanged["ETag"]


def test_cache_event_response_new_version_has_no_last_modified_for_a_second(client, grid):
    response = client.get("/grid/igf-2016.json")

    assert (response.has_header("ETag"), response.has_header("Last-Modified")) == (True, False)


def test_cache_event_response_each_visitor_gets_own_csrf_token(grid):
    from django.test import Client

    pages = [Client().get("/grid/igf-2016/") for _ in range(2)]

    tokens = [text_of(page).split('value="')[1].split('"')[0] for page in pages]
    assert RENDERS == ["igf-2016"]
    assert tokens[0] != tokens[1]
    assert CSRF_PLACEHOLDER not in text_of(pages[1])
    assert [bool(page.cookies.get("csrftoken")) for page in pages] == [True, True]


def test_cache_event_response_signed_in_page_never_cached(client, grid, mag_member):
    client.force_login(mag_member)

    pages = [client.get("/grid/igf-2016/") for _ in range(2)]

    assert RENDERS == ["igf-2016", "igf-2016"]
    assert [page.has_header("ETag") for page in pages] == [False, False]


def test_cache_event_response_data_shared_with_signed_in_users(client, grid, mag_member):
    client.get("/grid/igf-2016.json")
    client.force_login(mag_member)

    client.get("/grid/igf-2016.json")

    assert RENDERS == ["igf-2016"]


def test_cache_event_response_unpublished_event_404_for_public(client, grid):
    event, _session, _slot = grid
    Event.objects.filter(pk=event.pk).update(is_published=False)

    assert client.get("/grid/igf-2016/").status_code == 404


def test_touch_events_marks_event_once_per_transaction(db, django_assert_num_queries):
    event = make_event()

    with django_assert_num_queries(1):
        touch_events(event_ids=[None, event.pk])
        touch_events(event_ids=[event.pk])

    assert Event.objects.get(pk=event.pk).updated_at > event.updated_at


def test_touch_events_again_after_savepoint_rolled_back(db, django_assert_num_queries):
    event = make_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        touch_events(event_ids=[event.pk])
        raise RuntimeError

    with django_assert_num_queries(1):
        touch_events(event_ids=[event.pk])

    assert Event.objects.get(pk=event.pk).updated_at > event.updated_at


@pytest.mark.needs("redis")
def test_cache_url_redis_serves_grid_from_redis(client, grid, settings):
    config = environ.Env.cache_url_config("redis://127.0.0.1:6379/5")
    settings.CACHES = {"default": config}
    cache.clear()
    first = client.get("/grid/igf-2016.json")

    second = client.get("/grid/igf-2016.json")

    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert (first.status_code, second.status_code, RENDERS) == (200, 200, ["igf-2016"])
    assert text_of(second).split("\n")[:-1] == text_of(first).split("\n")[:-1]
    cache.clear()


def test_import_annex_into_existing_event_marks_it_changed(db, settings, tmp_path):
    from meetings.importer.services import import_report
    from tests.meetings.importer.documents import SEED_DOCX

    settings.MEDIA_ROOT = tmp_path
    event = make_event(slug="igf-2016", is_published=True)
    before = event.updated_at

    import_report(SEED_DOCX.read_bytes(), source_name=SEED_DOCX.name, publish=True)

    event.refresh_from_db()
    assert (event.sessions.count(), Slot.objects.filter(session__event=event).count()) == (13, 14)
    assert event.updated_at > before


def test_grid_page_edits_show_on_next_request(client, grid):
    _event, session, slot = grid
    first = client.get("/schedule/igf-2016/")

    session.title = "Trade and the Internet"
    session.save()
    renamed = client.get("/schedule/igf-2016/")
    slot.delete()
    emptied = client.get("/schedule/igf-2016/")

    assert "Trade Agreements and the Internet" in first.text
    assert ("Trade and the Internet" in renamed.text, "Trade Agreements" in renamed.text) == (True, False)
    assert "Trade and the Internet" in emptied.text  # still listed as a session, without a slot
    assert emptied.text.count('class="slot__link"') == 0
    assert len({first["ETag"], renamed["ETag"], emptied["ETag"]}) == 3


def test_grid_page_cached_costs_one_query_or_none_with_a_shared_cache(
    client, grid, shared, django_assert_num_queries
):
    first = client.get("/schedule/igf-2016/")

    with django_assert_num_queries(0 if shared else 1):
        second = client.get("/schedule/igf-2016/")

    assert second.status_code == 200
    assert second.text.count('class="slot__link"') == first.text.count('class="slot__link"') == 1


def test_grid_json_and_ics_slot_time_change_show_on_next_request(client, grid):
    _event, _session, slot = grid
    before = [client.get("/schedule/igf-2016.json"), client.get("/schedule/igf-2016.ics")]

    slot.start_time = datetime.time(15)
    slot.end_time = datetime.time(16, 30)
    slot.save()
    after = [client.get("/schedule/igf-2016.json"), client.get("/schedule/igf-2016.ics")]

    starts = [slot["start"] for day in after[0].json()["days"] for slot in day["slots"]]
    assert starts == ["15:00"]
    assert b"T150000" in after[1].content
    assert [a["ETag"] != b["ETag"] for a, b in zip(after, before, strict=True)] == [True, True]
    assert after[1]["Content-Disposition"] == before[1]["Content-Disposition"]


def test_cache_event_response_version_recorded_changes_etag(client, grid):
    event, _session, _slot = grid
    before = client.get("/grid/igf-2016.json")["ETag"]

    ScheduleVersion.objects.create(event=event, number=1, date=datetime.date(2016, 8, 30), snapshot=[])

    assert client.get("/grid/igf-2016.json")["ETag"] != before


def test_cache_event_response_further_session_link_changes_etag(client, grid):
    _event, session, _slot = grid
    decision = make_decision(text="It was agreed.")
    before = client.get("/grid/igf-2016.json")["ETag"]

    DecisionSession.objects.create(decision=decision, session=session)

    assert client.get("/grid/igf-2016.json")["ETag"] != before


def test_cache_event_response_meeting_renamed_changes_etag(client, grid):
    _event, session, _slot = grid
    meeting = make_meeting()
    make_decision(agenda_item=make_agenda_item(meeting=meeting), session=session)
    before = client.get("/grid/igf-2016.json")["ETag"]

    meeting.title = "IGF Virtual MAG Meeting VII"
    meeting.save()

    assert client.get("/grid/igf-2016.json")["ETag"] != before


def test_cache_event_response_event_unpublished_is_404_next_request(client, grid):
    event, _session, _slot = grid
    client.get("/grid/igf-2016/")

    event.is_published = False
    event.save()

    statuses = [client.get(url).status_code for url in ("/grid/igf-2016/", "/grid/igf-2016.json")]
    assert statuses == [404, 404]


def test_cache_event_response_event_slug_changed_old_address_is_404(client, grid):
    event, _session, _slot = grid
    client.get("/grid/igf-2016/")

    event.slug = "igf-2016-joao-pessoa"
    event.save()

    statuses = [client.get(f"/grid/{slug}/").status_code for slug in ("igf-2016", "igf-2016-joao-pessoa")]
    assert statuses == [404, 200]


def test_cache_event_response_evicted_generation_falls_back_to_the_database(client, grid):
    event, _session, slot = grid
    client.get("/grid/igf-2016/")
    # An edit made elsewhere whose new generation has since been evicted from the cache.
    Slot.objects.filter(pk=slot.pk).update(start_time=datetime.time(9))
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
    cache.delete(GENERATION_KEY)

    after = client.get("/grid/igf-2016/")

    assert "Trade Agreements and the Internet 2016-12-06 09:00-11:30" in text_of(after)


def test_cache_event_response_each_language_cached_apart(client, grid):
    pages = [
        client.get("/grid/igf-2016.txt", headers={"accept-language": language})
        for language in ("es", "en", "es")
    ]

    assert [text_of(page).splitlines()[0] for page in pages] == [
        "language: es",
        "language: en",
        "language: es",
    ]
    assert RENDERS == ["igf-2016", "igf-2016"]


def test_cache_event_response_grids_changed_at_the_same_moment_cached_apart(client, grid):
    other = make_event(slug="igf-2017", title="IGF 2017", is_published=True)
    Event.objects.update(updated_at=timezone.now() - datetime.timedelta(minutes=5))

    pages = [client.get(f"/grid/{slug}.json") for slug in ("igf-2016", "igf-2017")]

    assert [text_of(page).splitlines()[0] for page in pages] == [grid[0].title, other.title]


def test_cache_event_response_generation_started_again_after_eviction(
    client, grid, shared, django_assert_num_queries
):
    if not shared:
        pytest.skip("only a shared cache keeps a generation of grids")
    event, _session, slot = grid
    cache.delete(GENERATION_KEY)
    client.get("/grid/igf-2016/")  # starts a generation and keeps the page under it
    with django_assert_num_queries(0):
        assert client.get("/grid/igf-2016/").status_code == 200

    # Edited, and the generation evicted again: the page kept under the first one is not served.
    Slot.objects.filter(pk=slot.pk).update(start_time=datetime.time(9))
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now())
    cache.delete(GENERATION_KEY)
    after = client.get("/grid/igf-2016/")

    assert "Trade Agreements and the Internet 2016-12-06 09:00-11:30" in text_of(after)


def test_cache_event_response_page_rendered_before_commit_not_served_after(
    client, grid, shared, django_capture_on_commit_callbacks
):
    if not shared:
        pytest.skip("only a shared cache keeps a generation of grids")
    _event, session, _slot = grid
    client.get("/grid/igf-2016/")
    fast_key = _fast_key(RequestFactory().get("/"), grid_page.__wrapped__, "igf-2016")

    with django_capture_on_commit_callbacks(execute=True):
        session.title = "Trade and the Internet"
        session.save()
        # What another process reading before the commit would cache under the edit's new generation.
        _generation, key, changed, stored = cache.get(fast_key)
        cache.set(fast_key, (cache.get(GENERATION_KEY), key, changed, stored))
    after = client.get("/grid/igf-2016/")

    assert ("Trade and the Internet" in text_of(after), "Trade Agreements" in text_of(after)) == (True, False)


def test_cache_event_response_rolled_back_edit_leaves_the_page_as_it_was(client, grid):
    _event, session, _slot = grid
    before = client.get("/grid/igf-2016/")

    with pytest.raises(RuntimeError), transaction.atomic():
        session.title = "Trade and the Internet"
        session.save()
        raise RuntimeError
    after = client.get("/grid/igf-2016/")

    assert text_of(after).split("\n")[:-1] == text_of(before).split("\n")[:-1]


def test_cache_event_response_csrf_token_of_a_cached_page_is_accepted(grid):
    from django.test import Client

    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/schedule/igf-2016/")
    page = visitor.get("/schedule/igf-2016/")  # from the cache
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = visitor.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "es", "next": "/"})

    assert (len(token), response.status_code, response.cookies["django_language"].value) == (64, 302, "es")


def test_cache_event_response_csrf_token_without_its_cookie_is_refused(grid):
    from django.test import Client

    token = Client().get("/schedule/igf-2016/").text.split('csrfmiddlewaretoken" value="')[1].split('"')[0]

    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 403


def test_cache_event_response_returning_visitor_keeps_their_cookie_secret(grid):
    from django.middleware.csrf import _unmask_cipher_token
    from django.test import Client

    visitor = Client()
    first = visitor.get("/schedule/igf-2016/")
    second = visitor.get("/schedule/igf-2016/")
    tokens = [page.text.split('csrfmiddlewaretoken" value="')[1].split('"')[0] for page in (first, second)]

    secrets = [_unmask_cipher_token(token) for token in tokens]
    assert tokens[0] != tokens[1]
    assert secrets == [visitor.cookies["csrftoken"].value] * 2

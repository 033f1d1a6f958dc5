"""Dates and ranges written one way, from the active language's formats, on the pages and in the admin."""

import datetime
import re

import pytest
from django.utils import timezone, translation

from magportal.dates import date_range, long_date, month_day, weekday_date
from meetings.models import Meeting
from schedule.versions import record_schedule_version
from tests.factories import make_event, make_meeting, make_upcoming_meeting
from tests.schedule.sample_grid import make_igf_2016_grid
from tests.seed_2016 import SEED_GRID, replace_grid

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "start", "end", "written"),
    [
        ("en", datetime.date(2016, 8, 30), None, "30 August 2016"),
        ("es", datetime.date(2016, 8, 30), None, "30 de agosto de 2016"),
        ("en", datetime.date(2016, 12, 6), datetime.date(2016, 12, 9), "6–9 December 2016"),
        ("es", datetime.date(2016, 12, 6), datetime.date(2016, 12, 9), "6–9 de diciembre de 2016"),
        ("en", datetime.date(2016, 11, 30), datetime.date(2016, 12, 2), "30 November–2 December 2016"),
        (
            "es",
            datetime.date(2016, 11, 30),
            datetime.date(2016, 12, 2),
            "30 de noviembre–2 de diciembre de 2016",
        ),  # noqa: E501
        ("en", datetime.date(2016, 12, 30), datetime.date(2017, 1, 2), "30 December 2016–2 January 2017"),
        ("en", datetime.date(2016, 12, 6), datetime.date(2016, 12, 6), "6 December 2016"),
    ],
)
def test_date_range_in_each_language_names_shared_month_and_year_once(language, start, end, written):
    with translation.override(language):
        assert date_range(start, end) == written


def test_weekday_date_in_spanish_has_de():
    with translation.override("es"):
        assert weekday_date(datetime.date(2016, 12, 6)) == "martes 6 de diciembre"
        assert long_date(datetime.date(2016, 8, 30)) == "30 de agosto de 2016"


def test_home_and_schedule_write_the_event_range_the_same_way_in_english(client):
    make_igf_2016_grid()

    home = client.get("/").text
    schedule = client.get("/schedule/").text

    written = '<time datetime="2016-12-06">6</time>–<time datetime="2016-12-09">9 December 2016</time>'
    assert written in home
    assert written in schedule
    assert "Dec. 6, 2016" not in home


def test_pages_in_spanish_write_dates_with_de(client):
    make_igf_2016_grid()
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    client.cookies["django_language"] = "es"

    report = client.get(meeting.get_absolute_url()).text
    home = client.get("/").text
    grid = client.get("/schedule/igf-2016/").text

    assert '<time datetime="2016-08-30">30 de agosto de 2016</time>' in report
    assert '<time datetime="2016-12-09">9 de diciembre de 2016</time>' in home
    assert "martes 6 de diciembre" in grid
    assert "6 diciembre" not in grid


def test_admin_lists_dates_as_the_pages_do(client, secretariat_user):
    make_meeting(date=datetime.date(2016, 8, 30))
    client.force_login(secretariat_user)
    client.cookies["django_language"] = "es"

    html = client.get("/admin/meetings/meeting/").text

    assert "30 de agosto de 2016" in html


def test_announced_meeting_is_named_with_its_date_as_written_on_the_pages():
    upcoming = make_upcoming_meeting(title="Virtual MAG Meeting VII", date=datetime.date(2016, 9, 13))

    with translation.override("es"):
        assert str(upcoming) == "Virtual MAG Meeting VII (13 de septiembre de 2016)"


def test_month_day_in_each_language():
    day = datetime.date(2016, 12, 6)
    with translation.override("en"):
        assert month_day(day) == "6 December"
    with translation.override("es"):
        assert month_day(day) == "6 de diciembre"


def test_grid_versions_pages_write_their_dates_as_the_other_pages_do(client, secretariat_user):
    event = make_event(slug="igf-2016")
    replace_grid(event, SEED_GRID)
    meeting = make_meeting(title="IGF Virtual MAG Meeting VI", date=datetime.date(2016, 8, 30), event=event)
    record_schedule_version(event=event, meeting=meeting, approved=True)
    draft_meeting = make_meeting(
        title="IGF Virtual MAG Meeting VII",
        date=datetime.date(2016, 9, 20),
        event=event,
        status=Meeting.Status.DRAFT,
    )
    draft = record_schedule_version(event=event, meeting=draft_meeting, approved=False)
    client.force_login(secretariat_user)
    client.cookies["django_language"] = "es"

    pages = {
        url: client.get(url).text
        for url in [
            "/schedule/igf-2016/",
            "/schedule/igf-2016/changes/",
            "/schedule/igf-2016/versions/1/",
            draft.get_absolute_url(),
        ]
    }

    for url, html in pages.items():
        assert "30 de agosto de 2016" in html or "20 de septiembre de 2016" in html, url
        assert not re.search(r"\b(?:Aug|Sept?)\.|\b\d+ (?:agosto|septiembre) 2016", html), url
    assert "20 de septiembre de 2016" in pages["/schedule/igf-2016/"]  # the draft's mark
    assert "martes 6 de diciembre de 2016" not in pages["/schedule/igf-2016/versions/1/"]
    assert "6 de diciembre de 2016" in pages["/schedule/igf-2016/versions/1/"]  # a day of the version
    assert str(draft).endswith("draft version of 20 de septiembre de 2016")


def test_a_remembered_date_is_written_again_in_the_language_now_active():
    day = datetime.date(2016, 8, 30)

    with translation.override("en"):
        first = (long_date(day), date_range(day, datetime.date(2016, 9, 2)))
    with translation.override("es"):
        second = (long_date(day), date_range(day, datetime.date(2016, 9, 2)))
    with translation.override("en"):
        again = long_date(day)

    assert first == ("30 August 2016", "30 August–2 September 2016")
    assert second == ("30 de agosto de 2016", "30 de agosto–2 de septiembre de 2016")
    assert again == "30 August 2016"


def test_a_remembered_date_follows_a_change_of_the_formats(settings):
    day = datetime.date(2016, 8, 30)
    with translation.override("en"):
        before = long_date(day)
        # Without the portal's formats, Django's own for English (read again once a format changes).
        settings.FORMAT_MODULE_PATH = None
        settings.DATE_FORMAT = "Y-m-d"
        after = long_date(day)

    assert (before, after) == ("30 August 2016", "Aug. 30, 2016")


def test_a_moment_is_written_on_the_day_of_the_time_zone_now_active(settings):
    late_evening_utc = datetime.datetime(2016, 8, 30, 23, 30, tzinfo=datetime.UTC)

    with translation.override("en"), timezone.override("UTC"):
        in_utc = long_date(late_evening_utc)
    with translation.override("en"), timezone.override("Asia/Tokyo"):
        in_tokyo = long_date(late_evening_utc)

    assert (in_utc, in_tokyo) == ("30 August 2016", "31 August 2016")

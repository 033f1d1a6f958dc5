"""Schedule versions end to end: two reports imported, the changes page as people see it."""

import copy
import datetime
from pathlib import Path

import icalendar
import pytest
from django.urls import reverse

from meetings.importer.save import save_report
from meetings.importer.services import import_report, parse_report
from meetings.models import Decision
from schedule.models import ScheduleVersion, Session, Slot
from tests.seed_2016 import EARLIER_GRID, parsed_slots

SEED_DOCX = (
    Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mag-virtual-meeting-vi-2016-08-30.docx"
)

pytestmark = pytest.mark.django_db


def _earlier_report():
    """Meeting V of 9 August 2016: the provisional grid before paragraph 5's changes, approving nothing."""
    report = copy.deepcopy(parse_report(SEED_DOCX.read_bytes()))
    report.meeting.title = "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting V"
    report.meeting.number = 5
    report.meeting.date = datetime.date(2016, 8, 9)
    report.items = report.items[:4]
    for item in report.items:
        item.decisions = []
        item.annotations = []
    report.schedule_approved = False
    report.schedule.slots = parsed_slots(EARLIER_GRID)
    return report


@pytest.fixture
def two_versions():
    save_report(_earlier_report(), data=b"meeting V", source_name="meeting-v.docx", publish=True)
    outcome = import_report(SEED_DOCX.read_bytes(), source_name=SEED_DOCX.name, publish=True)
    return outcome.meeting


def test_import_records_a_version_per_annex_provisional_then_approved(two_versions):
    versions = list(
        ScheduleVersion.objects.order_by("number").values_list("number", "status", "meeting__number")
    )

    assert versions == [(1, "provisional", 5), (2, "approved", 6)]


def test_import_of_newer_annex_updates_grid_keeping_session_rows(two_versions):
    nris = Session.objects.get(title="National and Regional IGFs (NRIs)")

    assert [(s.date, s.start_time) for s in nris.slots.all()] == [
        (datetime.date(2016, 12, 7), datetime.time(15))
    ]
    assert Session.objects.count() == 13
    assert Slot.objects.count() == 14


def test_changes_page_lists_exactly_the_move_addition_and_lengthening(client, two_versions):
    response = client.get(reverse("schedule:changes", kwargs={"slug": "igf-2016"}))

    newest = response.context["history"][0]
    assert response.status_code == 200
    assert [str(linked) for linked in newest.changes] == [
        "Moved: National and Regional IGFs (NRIs) from Day 3 afternoon to Day 2 afternoon",
        "Added: Trade Agreements and the Internet (Day 3 afternoon, 90 minutes)",
        "Lengthened: Shaping the Future of Internet Governance from 90 minutes to 2 hours",
    ]


def test_changes_page_links_each_change_to_paragraph_5(client, two_versions):
    response = client.get(reverse("schedule:changes", kwargs={"slug": "igf-2016"}))

    newest = response.context["history"][0]
    linked = [{d.agenda_item.number for d in change.decisions} for change in newest.changes]
    assert linked == [{"5"}, {"5"}, {"5"}]
    paragraph_5 = two_versions.items.get(number="5").get_absolute_url()
    assert response.content.decode().count(f'href="{paragraph_5}"') >= 3


def test_import_links_paragraph_5_decisions_to_the_sessions_they_change(two_versions):
    decisions = Decision.objects.filter(agenda_item__meeting=two_versions, agenda_item__number="5")

    assert [d.session.title for d in decisions.order_by("position")] == [
        "Trade Agreements and the Internet",
        "National and Regional IGFs (NRIs)",
    ]


def test_ics_raises_sequence_for_the_moved_session_only(client, two_versions):
    response = client.get(reverse("schedule:event_calendar", kwargs={"slug": "igf-2016"}))

    calendar = icalendar.Calendar.from_ical(response.content)
    sequences = {str(e["summary"]): int(e["sequence"]) for e in calendar.walk("VEVENT")}
    assert sequences["National and Regional IGFs (NRIs)"] == 1
    assert sequences["Human Rights: Broadening the Conversation"] == 0


def test_older_annex_imported_late_leaves_newer_grid_and_warns():
    import_report(SEED_DOCX.read_bytes(), source_name=SEED_DOCX.name, publish=True)

    outcome = save_report(_earlier_report(), data=b"meeting V", source_name="meeting-v.docx", publish=True)

    nris = Session.objects.get(title="National and Regional IGFs (NRIs)")
    assert [s.date for s in nris.slots.all()] == [datetime.date(2016, 12, 7)]
    assert ScheduleVersion.objects.count() == 1
    assert outcome.warnings[-1] == (
        "the grid of 2016 Internet Governance Forum (IGF) comes from a newer report "
        "(IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI); this report's older annex was not "
        "applied to it"
    )


def test_grid_page_says_which_version_it_shows(client, two_versions):
    response = client.get(reverse("schedule:event_detail", kwargs={"slug": "igf-2016"}))

    assert response.context["version"].number == 2
    assert "Version 2 of 30 August 2016, approved 30 August 2016." in response.content.decode()


def test_newer_annex_leaves_a_grid_edited_by_hand_alone():
    save_report(_earlier_report(), data=b"meeting V", source_name="meeting-v.docx", publish=True)
    edited = Session.objects.get(title="Human Rights: Broadening the Conversation")
    edited.slots.update(start_time=datetime.time(10, 30))

    outcome = import_report(SEED_DOCX.read_bytes(), source_name=SEED_DOCX.name, publish=True)

    assert [s.start_time for s in edited.slots.all()] == [datetime.time(10, 30)]
    assert not Session.objects.filter(title="Trade Agreements and the Internet").exists()
    assert ScheduleVersion.objects.count() == 1
    assert outcome.warnings == [
        "the grid of 2016 Internet Governance Forum (IGF) was made or edited by hand since its last import; "
        "it was kept as it is and this report's annex was not applied to it"
    ]

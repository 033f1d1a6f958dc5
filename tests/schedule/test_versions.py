import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from schedule.models import ScheduleVersion
from schedule.versions import (
    current_version,
    latest_approved_version,
    record_schedule_version,
    slot_sequence,
    snapshot_event,
    version_history,
)
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


def test_snapshot_event_groups_a_continued_slot_under_its_session():
    event = make_event()
    sessions = replace_grid(event, SEED_GRID)
    snapshot = snapshot_event(event)
    shaping = next(s for s in snapshot["sessions"] if s["title"] == SHAPING)
    assert (len(snapshot["sessions"]), sum(len(s["slots"]) for s in snapshot["sessions"])) == (13, 14)
    assert shaping["id"] == sessions[SHAPING].pk
    assert [(s["date"], s["start"], s["end"], s["continued"], s["note"]) for s in shaping["slots"]] == [
        ("2016-12-09", "11:30", "13:00", False, ""),
        ("2016-12-09", "15:00", "15:30", True, "Youth Open Mic"),
    ]


def test_record_schedule_version_numbers_versions_per_event():
    event, other = make_event(), make_event()
    replace_grid(event, EARLIER_GRID)
    replace_grid(other, SEED_GRID)
    first = record_schedule_version(event=event, meeting=None, approved=False)
    replace_grid(event, SEED_GRID)
    second = record_schedule_version(event=event, meeting=make_meeting(), approved=True)
    elsewhere = record_schedule_version(event=other, meeting=None, approved=False)
    assert [(v.number, v.status) for v in (first, second, elsewhere)] == [
        (1, "provisional"),
        (2, "approved"),
        (1, "provisional"),
    ]


def test_record_schedule_version_of_an_unchanged_grid_creates_no_version():
    event = make_event()
    replace_grid(event, SEED_GRID)
    first = record_schedule_version(event=event, meeting=None, approved=False)
    again = record_schedule_version(event=event, meeting=None, approved=False)
    assert (again.pk, ScheduleVersion.objects.filter(event=event).count()) == (first.pk, 1)


def test_record_schedule_version_approves_an_unchanged_provisional_version():
    event = make_event()
    replace_grid(event, SEED_GRID)
    circulating = make_meeting(date=datetime.date(2016, 8, 24))
    approving = make_meeting(date=datetime.date(2016, 8, 30))
    record_schedule_version(event=event, meeting=circulating, approved=False)
    version = record_schedule_version(event=event, meeting=approving, approved=True)
    version.refresh_from_db()
    assert (version.number, version.status, version.meeting, version.approved_by, version.approved_at) == (
        1,
        "approved",
        circulating,
        approving,
        datetime.date(2016, 8, 30),
    )


def test_current_and_latest_approved_version_differ_after_a_provisional_one():
    event = make_event()
    replace_grid(event, EARLIER_GRID)
    approved = record_schedule_version(event=event, meeting=None, approved=True)
    replace_grid(event, SEED_GRID)
    provisional = record_schedule_version(event=event, meeting=None, approved=False)
    assert (current_version(event), latest_approved_version(event)) == (provisional, approved)


def test_current_version_is_none_without_versions():
    assert current_version(make_event()) is None


def seed_history(*, status="published"):
    """The earlier provisional grid, then the seed meeting approving Annex I with its decisions linked."""
    event = make_event()
    sessions = replace_grid(event, EARLIER_GRID)
    record_schedule_version(event=event, meeting=None, approved=False)
    meeting = make_meeting(date=datetime.date(2016, 8, 30), event=event, status=status)
    sessions = replace_grid(event, SEED_GRID)
    item = make_agenda_item(meeting=meeting, position=5, number="5", text=ITEM_5)
    trade = make_decision(agenda_item=item, text=DECISION_TRADE, session=sessions[TRADE])
    changes = make_decision(agenda_item=item, text=DECISION_CHANGES, session=sessions[NRIS])
    changes.further_sessions.create(session=sessions[SHAPING])
    record_schedule_version(event=event, meeting=meeting, approved=True)
    return event, meeting, trade, changes


def test_version_history_links_each_change_to_the_decisions_of_paragraph_5(mag_member):
    event, meeting, trade, changes = seed_history()
    newest, oldest = version_history(event, user=mag_member)
    assert [(str(c), c.decisions) for c in newest.changes] == [
        ("Moved: National and Regional IGFs (NRIs) from Day 3 afternoon to Day 2 afternoon", [changes]),
        ("Added: Trade Agreements and the Internet (Day 3 afternoon, 90 minutes)", [trade]),
        ("Lengthened: Shaping the Future of Internet Governance from 90 minutes to 2 hours", [changes]),
    ]
    assert (newest.version.number, newest.version.approved_by, newest.previous) == (
        2,
        meeting,
        oldest.version,
    )
    assert (oldest.version.number, oldest.changes, oldest.previous) == (1, [], None)


def test_version_history_hides_a_draft_meeting_and_its_decisions_from_the_public():
    event, *_ = seed_history(status="draft")
    newest, _oldest = version_history(event, user=AnonymousUser())
    assert (newest.version.meeting, newest.version.approved_by) == (None, None)
    assert [c.decisions for c in newest.changes] == [[], [], []]


def test_slot_sequence_counts_the_versions_that_changed_a_sessions_time():
    event = make_event()
    replace_grid(event, EARLIER_GRID)
    record_schedule_version(event=event, meeting=None, approved=False)
    sessions = replace_grid(event, SEED_GRID)
    record_schedule_version(event=event, meeting=None, approved=True)
    sequences = slot_sequence(event=event)
    by_title = {}
    for session in sessions.values():
        for slot in session.slots.all():
            by_title.setdefault(session.title, set()).add(sequences[slot.pk])
    assert (by_title[NRIS], by_title[SHAPING], by_title[TRADE]) == ({1}, {1}, {0})
    assert {title: seq for title, seq in by_title.items() if seq != {0}} == {NRIS: {1}, SHAPING: {1}}
    assert len(sequences) == 14

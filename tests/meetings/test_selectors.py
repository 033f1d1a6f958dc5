import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.selectors import decisions_by_session, upcoming_meetings
from meetings.services import (
    record_announced_meetings,
)
from tests.factories import make_agenda_item, make_decision, make_event, make_meeting
from tests.seed_2016 import (
    DECISION_CHANGES,
    ITEM_5,
    ITEM_9,
    NRIS,
    SEED_GRID,
    SHAPING,
    replace_grid,
)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_decisions_by_session_hides_drafts_from_the_public(django_assert_num_queries, count):
    event = make_event()
    sessions = replace_grid(event, SEED_GRID)
    published = make_agenda_item(meeting=make_meeting(event=event), text=ITEM_5)
    draft = make_agenda_item(meeting=make_meeting(event=event, status="draft"), text=ITEM_5)
    shown = [make_decision(agenda_item=published, text=DECISION_CHANGES) for _ in range(count)]
    for decision in shown:
        decision.further_sessions.create(session=sessions[SHAPING])
    make_decision(agenda_item=draft, session=sessions[SHAPING])
    with django_assert_num_queries(2):
        found = decisions_by_session(list(sessions.values()), user=AnonymousUser())
    assert (found[sessions[SHAPING].pk], found[sessions[NRIS].pk]) == (shown, [])


@pytest.mark.django_db
def test_upcoming_meetings_hides_announcements_of_draft_reports_from_the_public(mag_member):
    meeting = make_meeting(status="draft")
    make_agenda_item(meeting=meeting, text=ITEM_9)
    [upcoming] = record_announced_meetings(meeting=meeting)
    assert (list(upcoming_meetings(user=AnonymousUser())), list(upcoming_meetings(user=mag_member))) == (
        [],
        [upcoming],
    )

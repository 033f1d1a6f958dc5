import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import DecisionSession, UpcomingMeeting
from meetings.selectors import upcoming_meetings
from meetings.services import (
    link_cited_meetings,
    link_decisions_to_sessions,
    record_announced_meetings,
    resolve_announcements,
    resolve_cited_meeting,
)
from tests.factories import make_agenda_item, make_decision, make_event, make_footnote, make_meeting
from tests.seed_2016 import (
    DECISION_APPROVED,
    DECISION_CHANGES,
    DECISION_TRADE,
    FOOTNOTE_OPEN_CONSULTATIONS,
    FOOTNOTE_PLANNING,
    ITEM_5,
    ITEM_6,
    ITEM_9,
    NRIS,
    SEED_GRID,
    SHAPING,
    TRADE,
    replace_grid,
)


@pytest.mark.django_db
def test_link_decisions_to_sessions_links_the_subject_and_further_sessions_of_paragraph_5():
    event = make_event()
    sessions = replace_grid(event, SEED_GRID)
    meeting = make_meeting(event=event)
    item = make_agenda_item(meeting=meeting, position=5, number="5", text=ITEM_5)
    trade = make_decision(agenda_item=item, text=DECISION_TRADE)
    changes = make_decision(agenda_item=item, text=DECISION_CHANGES)
    approved = make_decision(
        agenda_item=make_agenda_item(meeting=meeting, text=ITEM_6), text=DECISION_APPROVED
    )
    assert link_decisions_to_sessions(meeting=meeting) == 2
    for decision in (trade, changes, approved):
        decision.refresh_from_db()
    assert (trade.session, changes.session, approved.session) == (sessions[TRADE], sessions[NRIS], None)
    assert [link.session for link in changes.further_sessions.all()] == [sessions[SHAPING]]


@pytest.mark.django_db
def test_link_decisions_to_sessions_never_overwrites_a_link_staff_set():
    event = make_event()
    sessions = replace_grid(event, SEED_GRID)
    meeting = make_meeting(event=event)
    item = make_agenda_item(meeting=meeting, text=ITEM_5)
    decision = make_decision(agenda_item=item, text=DECISION_CHANGES, session=sessions[SHAPING])
    assert link_decisions_to_sessions(meeting=meeting) == 0
    decision.refresh_from_db()
    assert (decision.session, DecisionSession.objects.count()) == (sessions[SHAPING], 0)


@pytest.mark.django_db
def test_link_decisions_to_sessions_without_an_event_links_nothing():
    item = make_agenda_item(text=ITEM_5)
    make_decision(agenda_item=item, text=DECISION_CHANGES)
    assert link_decisions_to_sessions(meeting=item.meeting) == 0


@pytest.mark.django_db
def test_record_announced_meetings_keeps_an_upcoming_meeting_until_its_report_arrives():
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    item = make_agenda_item(meeting=meeting, text=ITEM_9)
    [upcoming] = record_announced_meetings(meeting=meeting)
    assert record_announced_meetings(meeting=meeting) == [upcoming]
    assert (upcoming.agenda_item, list(upcoming_meetings(user=AnonymousUser()))) == (item, [upcoming])
    unrelated = make_meeting(title="MAG Virtual Meeting VII", date=datetime.date(2016, 9, 20))
    held = make_meeting(
        title="MAG Virtual Meeting on Intersessional Activities and NRIs", date=datetime.date(2016, 9, 13)
    )
    assert (resolve_announcements(meeting=unrelated), resolve_announcements(meeting=held)) == (0, 1)
    assert (list(upcoming_meetings(user=AnonymousUser())), UpcomingMeeting.objects.get().held_as) == (
        [],
        held,
    )


@pytest.mark.django_db
def test_record_announced_meetings_resolves_at_once_when_the_meeting_is_already_in():
    held = make_meeting(
        title="IGF MAG Virtual Meeting on Intersessional Activities and NRIs", date=datetime.date(2016, 9, 13)
    )
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    make_agenda_item(meeting=meeting, text=ITEM_9)
    [upcoming] = record_announced_meetings(meeting=meeting)
    assert upcoming.held_as == held


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_record_announced_meetings_costs_the_same_queries_for_more_announcements(
    count, django_assert_num_queries
):
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    for day in range(count):
        make_meeting(title=f"MAG Virtual Meeting {day}", date=datetime.date(2016, 9, 13 + day))
        make_agenda_item(
            meeting=meeting,
            position=day + 1,
            text=f"The next MAG Virtual Meeting will take place on {13 + day} September.",
        )
    # The paragraphs, the announcements already kept, the meetings held on those dates, one INSERT,
    # and the versions of the pages that show them (the home page's): their rows taken, one UPDATE.
    with django_assert_num_queries(6):
        recorded = record_announced_meetings(meeting=meeting)
    assert [(row.date.day, row.held_as.title) for row in recorded] == [
        (13 + day, f"MAG Virtual Meeting {day}") for day in range(count)
    ]


@pytest.mark.django_db
def test_record_announced_meetings_keeps_one_row_for_a_meeting_announced_twice():
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    first = make_agenda_item(meeting=meeting, position=1, text=ITEM_9)
    make_agenda_item(meeting=meeting, position=2, text=ITEM_9)
    [upcoming] = record_announced_meetings(meeting=meeting)
    assert (UpcomingMeeting.objects.get(), upcoming.agenda_item) == (upcoming, first)


@pytest.mark.django_db
def test_resolve_cited_meeting_matches_kind_number_and_dates_in_the_cycle():
    open_consultations = make_meeting(
        title="2nd IGF Open Consultations and MAG Meeting",
        kind="open_consultations",
        number=2,
        date=datetime.date(2016, 7, 12),
        end_date=datetime.date(2016, 7, 14),
    )
    make_meeting(
        title="Open Consultations 2015",
        kind="open_consultations",
        number=2,
        cycle_year=2015,
        date=datetime.date(2015, 7, 12),
    )
    planning = make_meeting(
        title="MAG Virtual Meeting on Main Session Planning", kind="topical", date=datetime.date(2016, 8, 24)
    )
    citing = make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 8, 30)))
    first = make_footnote(agenda_item=citing, text=FOOTNOTE_OPEN_CONSULTATIONS)
    second = make_footnote(agenda_item=citing, mark="2", text=FOOTNOTE_PLANNING)
    other = make_footnote(agenda_item=citing, mark="3", text="See https://example.org/data.csv")
    assert [resolve_cited_meeting(f) for f in (first, second, other)] == [open_consultations, planning, None]


@pytest.mark.django_db
def test_link_cited_meetings_links_back_when_the_cited_meeting_arrives_later():
    citing = make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 8, 30)))
    footnote = make_footnote(agenda_item=citing, text=FOOTNOTE_PLANNING)
    assert link_cited_meetings(meeting=citing.meeting) == 0
    planning = make_meeting(
        title="MAG Virtual Meeting on Main Session Planning", date=datetime.date(2016, 8, 24)
    )
    assert link_cited_meetings(meeting=planning) == 1
    footnote.refresh_from_db()
    assert (footnote.cited_meeting, list(planning.citing_footnotes.all())) == (planning, [footnote])


@pytest.mark.django_db
def test_secretariat_can_correct_provenance_in_the_admin(client, secretariat_user):
    event = make_event()
    sessions = replace_grid(event, SEED_GRID)
    decision = make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(event=event)), text=DECISION_CHANGES
    )
    decision.further_sessions.create(session=sessions[SHAPING])
    client.force_login(secretariat_user)
    pages = [
        f"/admin/meetings/decision/{decision.pk}/change/",
        "/admin/meetings/upcomingmeeting/",
        "/admin/schedule/scheduleversion/",
    ]
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]
    assert "further sessions this decision shapes" in client.get(pages[0]).content.decode().lower()

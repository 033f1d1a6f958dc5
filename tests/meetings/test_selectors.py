import datetime
import hashlib
import time

import pytest
from django.contrib.auth.models import AnonymousUser

from meetings.models import AgendaItem, Annotation, Decision, Footnote, Meeting, Origin, UpcomingMeeting
from meetings.roles import may_see_drafts
from meetings.selectors import (
    content_digest,
    decisions_by_session,
    is_staff_work,
    latest_published_meetings,
    next_announced_meetings,
    report_rows,
    upcoming_meetings,
    with_decision_counts,
)
from meetings.services import (
    record_announced_meetings,
)
from tests.factories import make_agenda_item, make_decision, make_event, make_footnote, make_meeting
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


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_next_announced_meetings_are_the_orms_upcoming_meetings(django_assert_num_queries, mag_member, count):
    today = datetime.date(2016, 9, 1)
    published, draft = make_meeting(), make_meeting(status="draft")
    item = make_agenda_item(meeting=published, position=4)
    for n, (announced_in, paragraph) in enumerate([(published, item), (draft, None), (published, None)] * 2):
        UpcomingMeeting.objects.create(
            title=f"Meeting {n}",
            date=today + datetime.timedelta(days=10 - n),
            announced_in=announced_in,
            agenda_item=paragraph,
        )
    UpcomingMeeting.objects.create(title="Held", date=today, announced_in=published, held_as=make_meeting())
    UpcomingMeeting.objects.create(
        title="Past", date=today - datetime.timedelta(days=1), announced_in=published
    )

    for user in [AnonymousUser(), mag_member]:
        may_see_drafts(user)  # the user's permissions, read once per request whatever the page
        with django_assert_num_queries(1):
            announced = next_announced_meetings(user=user, from_date=today, count=count)
        with django_assert_num_queries(0):
            # The link, to the announcing paragraph or else its report, is read with the row.
            shown = [(row.pk, row.title, row.date, row.get_absolute_url()) for row in announced]

        expected = upcoming_meetings(user=user, from_date=today)[:count]
        assert shown == [(row.pk, row.title, row.date, row.get_absolute_url()) for row in expected]
    assert [row.title for row in next_announced_meetings(user=AnonymousUser(), from_date=today, count=9)] == [
        "Meeting 5",
        "Meeting 3",
        "Meeting 2",
        "Meeting 0",
    ]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


# What an import stored must still match after an upgrade, or every imported row would count as
# staff work and a re-import would replace nothing: the digest is pinned to its exact form.
@pytest.mark.parametrize(
    ("row", "serialised"),
    [
        (
            AgendaItem(number="5", section="Main sessions", text="Le Méxique"),
            '["5","Main sessions","Le Méxique"]',
        ),
        (Decision(kind="decision", text="It was agreed."), '["decision","It was agreed."]'),
        (
            Annotation(
                author="Lynn St Amour",
                initials="LSA",
                date=datetime.datetime(
                    2016, 8, 30, 16, 14, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
                ),
                text="Really?",
                anchor="the programme",
            ),
            '["Lynn St Amour","LSA","2016-08-30T14:14:00+00:00","Really?","the programme"]',
        ),
        (
            Annotation(author="LSA", initials="", date=None, text="Undated", anchor=""),
            '["LSA","",null,"Undated",""]',
        ),
        (
            Footnote(kind="footnote", mark="1", text="Summary", urls=["https://example.org/a"]),
            '["footnote","1","Summary",["https://example.org/a"]]',
        ),
    ],
)
def test_content_digest_is_the_sha256_of_the_imported_values(row, serialised, monkeypatch):
    # Nor may it depend on the server's time zone.
    monkeypatch.setenv("TZ", "America/Mexico_City")
    time.tzset()
    try:
        assert content_digest(row) == _sha256(serialised)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_is_staff_work_added_by_staff_or_edited_since_import():
    imported = Decision(kind="decision", text="It was agreed.", origin=Origin.IMPORT)
    imported.import_digest = content_digest(imported)
    added = Decision(kind="decision", text="It was agreed.", origin=Origin.STAFF)
    added.import_digest = content_digest(added)

    assert (is_staff_work(imported), is_staff_work(added)) == (False, True)
    imported.text = "It was agreed, as staff corrected."
    assert is_staff_work(imported) is True


@pytest.mark.django_db
def test_with_decision_counts_counts_each_kind_of_the_given_meetings_only(django_assert_num_queries):
    counted, empty, other = make_meeting(), make_meeting(), make_meeting()
    first, second = make_agenda_item(meeting=counted), make_agenda_item(meeting=counted)
    for item, kind, position in [
        (first, "decision", 1),
        (first, "action", 2),
        (second, "decision", 1),
        (second, "decision", 2),
    ]:
        make_decision(agenda_item=item, kind=kind, position=position)
    make_decision(agenda_item=make_agenda_item(meeting=other), kind="action")
    meetings = list(Meeting.objects.filter(pk__in=[counted.pk, empty.pk]).order_by("pk"))

    with django_assert_num_queries(1):
        returned = with_decision_counts(meetings)

    assert returned is meetings
    assert [(meeting.decision_count, meeting.action_count) for meeting in meetings] == [(3, 1), (0, 0)]


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_report_rows_are_the_orms_rows_of_the_meeting(django_assert_num_queries, count):
    meeting, other = make_meeting(), make_meeting()
    cited, draft = make_meeting(title="Cited report"), make_meeting(title="A draft", status="draft")
    for position in reversed(range(1, count + 1)):
        item = make_agenda_item(
            meeting=meeting, position=position, section="Programme", text=f"Text {position}."
        )
        make_decision(agenda_item=item, kind="action", position=2, text="The Secretariat will write.")
        make_decision(agenda_item=item, kind="decision", position=1, text="It was agreed.")
        make_footnote(agenda_item=item, mark="2", kind="endnote", cited_meeting=draft)
        make_footnote(agenda_item=item, mark="1", cited_meeting=cited, urls=["https://example.org/a"])
        make_footnote(agenda_item=item, mark="3", offset=4)
    make_decision(agenda_item=make_agenda_item(meeting=other))
    make_footnote(agenda_item=make_agenda_item(meeting=other))

    with django_assert_num_queries(3):
        rows = report_rows(meeting)

    items = list(meeting.items.order_by("position"))
    assert [(item.pk, item.number, item.section, item.text, item.origin) for item in rows.items] == [
        (item.pk, item.number, item.section, item.text, item.origin) for item in items
    ]
    assert [item.import_digest for item in rows.items] == [item.import_digest for item in items]
    for item in items:
        decisions = item.decisions.order_by("position")
        assert [(d.pk, d.kind, d.text) for d in rows.decisions[item.pk]] == [
            (d.pk, d.kind, d.text) for d in decisions
        ]
        notes = item.footnotes.select_related("cited_meeting").order_by("kind", "pk")
        assert [
            (n.pk, n.kind, n.mark, n.text, n.urls, n.offset, n.cited_meeting) for n in rows.footnotes[item.pk]
        ] == [(n.pk, n.kind, n.mark, n.text, n.urls, n.offset, n.cited_meeting) for n in notes]
    with django_assert_num_queries(0):
        # What the page shows of a cited meeting, and whether the public may see it, is read with the notes.
        shown = [
            [
                (n.cited_meeting.title, n.cited_meeting.get_absolute_url(), n.cited_meeting.is_published)
                for n in notes
                if n.cited_meeting
            ]
            for notes in rows.footnotes.values()
        ]
    assert (
        shown
        == [[("A draft", draft.get_absolute_url(), False), ("Cited report", cited.get_absolute_url(), True)]]
        * count
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 3])
def test_latest_published_meetings_are_the_orms_published_meetings_with_their_counts(
    django_assert_num_queries, count
):
    same_day = datetime.date(2016, 8, 30)
    for n in range(4):
        meeting = make_meeting(date=same_day if n < 2 else datetime.date(2016, 1, 1 + n))
        item = make_agenda_item(meeting=meeting)
        for position, kind in enumerate(["decision", "action", "decision"][: n + 1], start=1):
            make_decision(agenda_item=item, kind=kind, position=position)
    make_meeting(title="A newer draft", date=datetime.date(2017, 1, 1), status="draft")

    with django_assert_num_queries(1):
        latest = latest_published_meetings(count=count)

    expected = with_decision_counts(list(Meeting.objects.published().order_by("-date", "-pk")[:count]))
    assert [(m.pk, m.title, m.date, m.decision_count, m.action_count) for m in latest] == [
        (m.pk, m.title, m.date, m.decision_count, m.action_count) for m in expected
    ]
    with django_assert_num_queries(0):
        # What a meeting row shows is read with it.
        shown = [(m.get_absolute_url(), m.get_kind_display(), m.is_published, m.end_date) for m in latest]
    assert shown == [(m.get_absolute_url(), m.get_kind_display(), True, None) for m in expected]


@pytest.mark.django_db
def test_with_decision_counts_no_meetings_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert with_decision_counts([]) == []

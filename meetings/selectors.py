"""Reads for pages and the importer: where decisions lead, which meetings are announced, which rows
staff added or edited since their import."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connections, router
from django.db.models import Q, QuerySet

from meetings.forms import ActionFilterForm
from meetings.models import (
    AgendaItem,
    Annotation,
    Decision,
    DecisionSession,
    Footnote,
    Meeting,
    Origin,
    UpcomingMeeting,
)
from meetings.roles import may_see_drafts

if TYPE_CHECKING:
    from schedule.models import Session


def decisions_by_session(sessions: list[Session], *, user) -> dict[int, list[Decision]]:
    """Session pk → the decisions the user may see that shaped it, oldest first (two queries).

    Always the same two queries, whether or not any decision has further sessions: the links to
    these sessions, then the decisions found through the session index or by primary key (an OR
    across a join to the links would scan every decision of the archive).
    """
    ids = [session.pk for session in sessions]
    further: dict[int, set[int]] = {}
    links = DecisionSession.objects.filter(session__in=ids).order_by()
    for decision_id, session_id in links.values_list("decision_id", "session_id"):
        further.setdefault(decision_id, set()).add(session_id)
    decisions = (
        Decision.objects.visible_to(user)
        .filter(Q(session__in=ids) | Q(pk__in=list(further)))
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__date", "agenda_item__position", "position")
    )
    found: dict[int, list[Decision]] = {pk: [] for pk in ids}
    for decision in decisions:
        shaped = further.get(decision.pk, set()) | ({decision.session_id} & found.keys())
        for pk in shaped:
            found[pk].append(decision)
    return found


@dataclass
class ReportRows:
    """A report's paragraphs in order, and their decisions and notes in order, by paragraph pk."""

    items: list[AgendaItem]
    decisions: dict[int, list[Decision]]
    #: Each note's ``cited_meeting`` is read with it (title, slug and status), or is None.
    footnotes: dict[int, list[Footnote]]


# The report page's rows in SQL written by hand: the ORM's building of the same three queries was a
# quarter of the page's time (5.0 ms, now 3.8). Only the columns the page shows (a paragraph's
# sentences that are not decisions, a decision's search document and copies stay behind). Double
# quotes suit PostgreSQL and SQLite alike; tests/meetings/test_selectors.py compares each with its ORM
# queryset.
_REPORT_ITEMS = """
    SELECT "id", "meeting_id", "position", "number", "section", "text", "origin", "import_digest"
    FROM "meetings_agendaitem" WHERE "meeting_id" = %s ORDER BY "position"
"""
_REPORT_DECISIONS = """
    SELECT d."id", d."agenda_item_id", d."kind", d."text"
    FROM "meetings_decision" d JOIN "meetings_agendaitem" i ON d."agenda_item_id" = i."id"
    WHERE i."meeting_id" = %s ORDER BY d."position", d."id"
"""
_REPORT_FOOTNOTES = """
    SELECT f."id", f."agenda_item_id", f."kind", f."mark", f."text", f."urls", f."offset",
        f."cited_meeting_id", m."title" AS cited_title, m."slug" AS cited_slug, m."status" AS cited_status
    FROM "meetings_footnote" f JOIN "meetings_agendaitem" i ON f."agenda_item_id" = i."id"
        LEFT JOIN "meetings_meeting" m ON f."cited_meeting_id" = m."id"
    WHERE i."meeting_id" = %s ORDER BY f."kind", f."id"
"""


def report_rows(meeting: Meeting) -> ReportRows:
    """The rows the report page shows of ``meeting`` (whose report the caller may read): its paragraphs,
    their decisions and their notes, each note with the meeting it cites. Three queries.

    No draft is among them but a cited meeting, which the caller checks (``Meeting.is_visible_to``),
    and no annotation.
    """
    items = list(AgendaItem.objects.raw(_REPORT_ITEMS, [meeting.pk]))
    decisions = by_item(Decision.objects.raw(_REPORT_DECISIONS, [meeting.pk]))
    footnotes = list(Footnote.objects.raw(_REPORT_FOOTNOTES, [meeting.pk]))
    for footnote in footnotes:
        footnote.cited_meeting = (
            Meeting.from_db(
                footnote._state.db,
                ["id", "title", "slug", "status"],
                [footnote.cited_meeting_id, footnote.cited_title, footnote.cited_slug, footnote.cited_status],
            )
            if footnote.cited_meeting_id
            else None
        )
    return ReportRows(items=items, decisions=decisions, footnotes=by_item(footnotes))


def by_item(rows) -> dict[int, list]:
    """Rows that belong to agenda items, as lists keyed by the item's id, in the rows' order."""
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(row.agenda_item_id, []).append(row)
    return grouped


#: A meeting's (``m``) decisions of one kind (the parameter), counted. A count per meeting, not one
#: grouped join: PostgreSQL would scan every decision of the archive to join them to a few meetings'
#: paragraphs, where a count per meeting walks its own.
_KIND_COUNT = """(
    SELECT COUNT(*) FROM "meetings_decision" d JOIN "meetings_agendaitem" i ON d."agenda_item_id" = i."id"
    WHERE i."meeting_id" = m."id" AND d."kind" = %s
)"""
_LATEST_PUBLISHED_MEETINGS = f"""
    SELECT m."id", m."title", m."slug", m."kind", m."status", m."date", m."end_date",
        {_KIND_COUNT} AS decision_count, {_KIND_COUNT} AS action_count
    FROM "meetings_meeting" m WHERE m."status" = %s ORDER BY m."date" DESC, m."id" DESC LIMIT %s
"""


def with_decision_counts(meetings: list[Meeting]) -> list[Meeting]:
    """The meetings, each given ``decision_count`` and ``action_count`` (its decisions of each kind),
    counted for these meetings alone in one query, however large the archive.

    Plain SQL (``_KIND_COUNT``): the ORM's building of the same counts cost more than the rest of the
    meetings list's queries.
    """
    counts: dict[int, tuple[int, int]] = {}
    if meetings:
        ids = ", ".join(["%s"] * len(meetings))
        sql = f'SELECT m."id", {_KIND_COUNT}, {_KIND_COUNT} FROM "meetings_meeting" m WHERE m."id" IN ({ids})'
        with connections[router.db_for_read(Decision)].cursor() as cursor:
            cursor.execute(sql, [Decision.Kind.DECISION, Decision.Kind.ACTION, *(m.pk for m in meetings)])
            counts = {pk: (decisions, actions) for pk, decisions, actions in cursor.fetchall()}
    for meeting in meetings:
        meeting.decision_count, meeting.action_count = counts.get(meeting.pk, (0, 0))
    return meetings


def latest_published_meetings(*, count: int) -> list[Meeting]:
    """The ``count`` newest published meetings (``Meeting.objects.published()``, newest first), each with
    its ``decision_count`` and ``action_count``, in one query written in SQL: the ORM's building of the
    meetings' query, and a second query for the counts, were a tenth of the home page's time. Only the
    columns a meeting row shows (``meetings/_meeting_rows.html``)."""
    kinds = [Decision.Kind.DECISION, Decision.Kind.ACTION]
    return list(Meeting.objects.raw(_LATEST_PUBLISHED_MEETINGS, [*kinds, Meeting.Status.PUBLISHED, count]))


def upcoming_meetings(*, user, from_date: datetime.date | None = None):
    """Announced meetings whose report has not arrived yet (held from ``from_date`` on, if given),
    in date order."""
    announced = UpcomingMeeting.objects.upcoming().visible_to(user)
    if from_date is not None:
        announced = announced.filter(date__gte=from_date)
    # Its link is to the announcing paragraph, in its meeting's report.
    return announced.select_related("announced_in", "agenda_item")


_NEXT_ANNOUNCED = """
    SELECT u."id", u."title", u."date", u."announced_in_id", u."agenda_item_id", u."held_as_id",
        m."slug" AS announced_in_slug, i."position" AS agenda_item_position
    FROM "meetings_upcomingmeeting" u JOIN "meetings_meeting" m ON u."announced_in_id" = m."id"
        LEFT JOIN "meetings_agendaitem" i ON u."agenda_item_id" = i."id"
    WHERE u."held_as_id" IS NULL AND u."date" >= %s AND (%s OR m."status" = %s)
    ORDER BY u."date", u."id" LIMIT %s
"""


def next_announced_meetings(*, user, from_date: datetime.date, count: int) -> list[UpcomingMeeting]:
    """The first ``count`` of ``upcoming_meetings(user=user, from_date=from_date)``, each with what its
    link needs (its announcing meeting's slug, its paragraph's position), in one query written in SQL:
    the ORM's building of it was half a millisecond, a ninth of the home page's time, for a list that is
    mostly empty.

    The rule is ``UpcomingMeeting.objects.upcoming().visible_to(user)``'s: not held yet, and announced in
    a published report unless the user may see drafts (tests/meetings/test_selectors.py compares them).
    """
    rows = list(
        UpcomingMeeting.objects.raw(
            _NEXT_ANNOUNCED, [from_date, may_see_drafts(user), Meeting.Status.PUBLISHED, count]
        )
    )
    for row in rows:
        db = row._state.db
        row.announced_in = Meeting.from_db(db, ["id", "slug"], [row.announced_in_id, row.announced_in_slug])
        if row.agenda_item_id:
            row.agenda_item = AgendaItem.from_db(
                db, ["id", "position"], [row.agenda_item_id, row.agenda_item_position]
            )
    return rows


#: Where a meeting or an announced meeting stands in the meetings list, newest first: cycle year, date,
#: and the meeting's pk (an announcement comes before the meetings of its date, so no two keys are equal).
ListKey = tuple[int, datetime.date, float]


def meeting_list_key(meeting: Meeting) -> ListKey:
    return (meeting.cycle_year, meeting.date, meeting.pk)


def announcement_list_key(announced: UpcomingMeeting) -> ListKey:
    return (announced.announced_in.cycle_year, announced.date, float("inf"))


def announced_meetings_between(
    *, user, newer_than: ListKey | None = None, older_than: ListKey | None = None
) -> list[UpcomingMeeting]:
    """The meetings reports announced whose report the user cannot read yet, for the meetings list:
    those whose place in it (``announcement_list_key``) is below ``newer_than`` and above
    ``older_than`` (either open), newest first.

    One query. A meeting held as announced whose report the user may read is in the list itself; the
    others link to the paragraph that announced them.
    """
    visible_meetings = Meeting.objects.visible_to(user)
    announced = (
        UpcomingMeeting.objects.visible_to(user)
        .filter(Q(held_as__isnull=True) | ~Q(held_as__in=visible_meetings))
        .select_related("announced_in", "agenda_item")
        # What a row of the list shows: an archive announces hundreds of meetings.
        .only(
            *("title", "date", "announced_in__title", "announced_in__slug", "announced_in__cycle_year"),
            "agenda_item__position",
        )
    )
    # An announcement's key is (cycle year, date, infinity): it is below (year, date, pk) when of an
    # earlier year, or of the year and an earlier date; above it when of a later year, or of the year
    # and the date or a later one. Said in SQL, so an archive's hundreds of announcements of the page's
    # years are not all read to keep a few.
    if newer_than is not None:
        year, date, _pk = newer_than
        announced = announced.filter(
            Q(announced_in__cycle_year__lt=year) | Q(announced_in__cycle_year=year, date__lt=date)
        )
    if older_than is not None:
        year, date, _pk = older_than
        announced = announced.filter(
            Q(announced_in__cycle_year__gt=year) | Q(announced_in__cycle_year=year, date__gte=date)
        )
    found = list(announced)
    for row in found:
        row.cycle_year = row.announced_in.cycle_year
    return sorted(found, key=announcement_list_key, reverse=True)


def content_digest(row: AgendaItem | Decision | Annotation | Footnote) -> str:
    """SHA-256 of what an import writes into ``row``; it differs once staff edit the row."""
    if isinstance(row, AgendaItem):
        values = [row.number, row.section, row.text]
    elif isinstance(row, Decision):
        values = [row.kind, row.text]
        if row.owner or row.due_date:
            # Only then: rows imported before actions had an owner keep their digest.
            values += [row.owner, row.due_date.isoformat() if row.due_date else None]
    elif isinstance(row, Annotation):
        date = row.date.astimezone(datetime.UTC).isoformat() if row.date else None
        values = [row.author, row.initials, date, row.text, row.anchor]
    else:
        values = [row.kind, row.mark, row.text, list(row.urls)]
    encoded = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def is_staff_work(row: AgendaItem | Decision | Annotation | Footnote) -> bool:
    """Added by staff, or imported and edited since (an action's status included): a re-import keeps it."""
    if isinstance(row, Decision) and row.status != Decision.Status.OPEN:
        return True
    return row.origin == Origin.STAFF or content_digest(row) != row.import_digest


def tracked_actions(request) -> tuple[ActionFilterForm, QuerySet[Decision]]:
    """(the tracker's filter form, the actions the user may see that it selects, open first)."""
    actions = Decision.objects.visible_to(request.user).actions()
    form = ActionFilterForm(request.GET or None, actions=actions)
    if form.is_bound:
        # An invalid filter selects nothing, as on the decisions list.
        actions = form.filter(actions) if form.is_valid() else actions.none()
    return form, actions.select_related("agenda_item__meeting").open_first()

"""Writes that link saved rows to where they come from and lead to.

- Decisions are linked to the sessions of the annual meeting they change (``link_decisions_to_sessions``).
- Footnotes citing another summary report are linked to that meeting (``link_cited_meetings``).
- Meetings a report announces are kept as upcoming until their own report arrives
  (``record_announced_meetings``, ``resolve_announcements``).

A first import saves what its ``ParsedReport`` states; these functions serve rows already in the
portal (a revised report, a footnote that cited a meeting before its report arrived), whose text they
read with the same readers, ``meetings.importer.provenance``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from magportal import freshness
from meetings.importer.provenance import ANNOUNCED_SIMILAR, read_announcements, read_citation, sessions_shaped
from meetings.importer.report import Announcement, Citation
from meetings.models import AgendaItem, Decision, DecisionSession, Footnote, Meeting, UpcomingMeeting
from schedule.matching import title_similarity

if TYPE_CHECKING:
    from schedule.models import Session


def assign_sessions(decisions: list[Decision], *, sessions: list[Session]) -> list[DecisionSession]:
    """Set ``session`` on each decision (without one) that changes one of ``sessions``; nothing is saved.

    The first session a decision changes becomes ``Decision.session``; the further ones come back as
    unsaved ``DecisionSession`` rows. Each decision's ``agenda_item`` must be loaded (its text is the
    context a decision naming no session is read in).
    """
    titles = [session.title for session in sessions]
    further: list[DecisionSession] = []
    for decision in decisions:
        if decision.session_id is not None:
            continue
        shaped = sessions_shaped(decision.text, context=decision.agenda_item.text, titles=titles)
        if not shaped:
            continue
        decision.session = sessions[shaped[0]]
        further += [DecisionSession(decision=decision, session=sessions[index]) for index in shaped[1:]]
    return further


# No savepoint of its own: the importer calls these inside its transaction, and an error rolls it back
# whole; a savepoint would cost two round trips a call for nothing when importing in bulk.
@transaction.atomic(savepoint=False)
def link_decisions_to_sessions(*, meeting: Meeting) -> int:
    """Link the meeting's decisions to the sessions of its event they change; return how many were linked.

    Only decisions without a session are linked, so a link staff set by hand is never overwritten.
    The first session a decision changes becomes ``Decision.session``, any further ones
    ``DecisionSession`` rows ("the NRI session moves ..., and the ‘Shaping the Future’ session ...").
    """
    if meeting.event_id is None:
        return 0
    sessions = list(meeting.event.sessions.order_by("pk"))
    unlinked = Decision.objects.filter(agenda_item__meeting=meeting, session__isnull=True)
    decisions = list(unlinked.select_related("agenda_item"))
    further = assign_sessions(decisions, sessions=sessions)
    linked = [decision for decision in decisions if decision.session_id is not None]
    for decision in linked:
        decision.save(update_fields=["session"])
    for link in further:
        DecisionSession.objects.get_or_create(decision=link.decision, session=link.session)
    return len(linked)


def resolve_cited_meeting(footnote: Footnote) -> Meeting | None:
    """The meeting in the portal whose report the footnote cites, if exactly one fits."""
    citing = footnote.agenda_item.meeting
    return cited_meeting(read_citation(footnote.text, year=citing.cycle_year), citing=citing)


def cited_meeting(citation: Citation | None, *, citing: Meeting) -> Meeting | None:
    """The meeting in the portal a footnote of ``citing`` cites as ``citation`` says, if exactly one fits."""
    if citation is None:
        return None
    candidates = Meeting.objects.filter(cycle_year=citing.cycle_year).exclude(pk=citing.pk)
    if citation.date:
        candidates = candidates.filter(
            Q(date=citation.date) | Q(date__lte=citation.date, end_date__gte=citation.date)
        )
    else:
        candidates = candidates.filter(number=citation.number)
        if citation.kind:
            candidates = candidates.filter(kind=citation.kind)
    found = list(candidates[:10])
    if len(found) > 1 and citation.kind:
        found = [meeting for meeting in found if meeting.kind == citation.kind] or found
    if len(found) > 1 and citation.number:
        found = [meeting for meeting in found if meeting.number == citation.number] or found
    if len(found) > 1:
        found.sort(key=lambda meeting: title_similarity(citation.name, meeting.title), reverse=True)
        if title_similarity(citation.name, found[0].title) == title_similarity(citation.name, found[1].title):
            return None
    return found[0] if found else None


def _may_cite(text: str, meeting: Meeting) -> bool:
    """Whether ``meeting`` is among the candidates ``resolve_cited_meeting`` would query for a footnote
    of the same cycle saying ``text``."""
    citation = read_citation(text, year=meeting.cycle_year)
    if citation is None:
        return False
    if citation.date:
        return meeting.date == citation.date or (
            meeting.end_date is not None and meeting.date <= citation.date <= meeting.end_date
        )
    return meeting.number == citation.number and (not citation.kind or meeting.kind == citation.kind)


@transaction.atomic(savepoint=False)
def link_cited_meetings(*, meeting: Meeting, own_linked: bool = False) -> int:
    """Link footnotes to the meetings they cite, both ways; return how many footnotes were linked.

    The meeting's own footnotes are linked to meetings already in the portal (unless ``own_linked``:
    the importer resolved them with ``resolve_cited_meeting`` before inserting them), and footnotes of
    the same cycle that cite this meeting (imported before it arrived) are linked to it.
    """
    # The cycle's unlinked footnotes, the meeting's own among them: only their text is read, and
    # only those that may cite the meeting (or are its own) are loaded and resolved.
    unlinked = Footnote.objects.filter(
        cited_meeting__isnull=True, agenda_item__meeting__cycle_year=meeting.cycle_year
    )
    if own_linked:
        unlinked = unlinked.exclude(agenda_item__meeting=meeting)
    candidates = [
        pk
        for pk, text, citing in unlinked.values_list("pk", "text", "agenda_item__meeting")
        if citing == meeting.pk or _may_cite(text, meeting)
    ]
    if not candidates:
        return 0
    linked = 0
    for footnote in Footnote.objects.filter(pk__in=candidates).select_related("agenda_item__meeting"):
        if footnote.agenda_item.meeting_id == meeting.pk:
            footnote.cited_meeting = resolve_cited_meeting(footnote)
        elif resolve_cited_meeting(footnote) == meeting:
            footnote.cited_meeting = meeting
        if footnote.cited_meeting:
            footnote.save(update_fields=["cited_meeting"])
            linked += 1
    return linked


def _held_as(announcement: UpcomingMeeting, meeting: Meeting) -> bool:
    last = meeting.end_date or meeting.date
    return (
        meeting.pk != announcement.announced_in_id
        and meeting.date <= announcement.date <= last
        and title_similarity(announcement.title, meeting.title) >= ANNOUNCED_SIMILAR
    )


@transaction.atomic(savepoint=False)
def record_announced_meetings(
    *,
    meeting: Meeting,
    announced_by: list[tuple[AgendaItem, list[Announcement]]] | None = None,
    new_meeting: bool = False,
) -> list[UpcomingMeeting]:
    """Keep the meetings the meeting's paragraphs announce as upcoming (once each); return them.

    ``announced_by`` pairs each saved agenda item with the meetings it announces, when the caller
    has them (the importer read them with the report); else the meeting's paragraphs are read.
    ``new_meeting`` says the meeting was just created, so it announced nothing yet. A few queries
    whatever the number of announcements: the ones already kept, the meetings held on the
    announced dates, and one INSERT for the new ones.
    """
    if announced_by is None:
        announced_by = [
            (item, read_announcements(item.text, year=meeting.cycle_year, after=meeting.date))
            for item in meeting.items.all()
        ]
    announced: dict[tuple, AgendaItem] = {}
    for item, announcements in announced_by:
        for announcement in announcements:
            announced.setdefault((announcement.date, announcement.title[:300]), item)
    if not announced:
        return []
    kept = {}
    if not new_meeting:
        kept = {(row.date, row.title): row for row in UpcomingMeeting.objects.filter(announced_in=meeting)}
    unresolved = [key for key in announced if key not in kept or kept[key].held_as_id is None]
    around: list[Meeting] = []
    if unresolved:
        # The meetings held on any of the dates, in the meetings' order; each announcement takes the
        # first that fits it.
        held_on = Q()
        for date in {date for (date, _title) in unresolved}:
            held_on |= Q(date=date) | Q(date__lte=date, end_date__gte=date)
        around = list(Meeting.objects.filter(held_on))
    recorded, new = [], []
    for (date, title), item in announced.items():
        upcoming = kept.get((date, title))
        if upcoming is None:
            upcoming = UpcomingMeeting(announced_in=meeting, date=date, title=title, agenda_item=item)
            new.append(upcoming)
        if upcoming.held_as_id is None:
            held = [candidate for candidate in around if _held_as(upcoming, candidate)]
            if held:
                upcoming.held_as = held[0]
                if upcoming.pk is not None:
                    upcoming.save(update_fields=["held_as"])
        recorded.append(upcoming)
    if new:
        UpcomingMeeting.objects.bulk_create(new)
        freshness.rows_changed(UpcomingMeeting)  # no signals from a bulk insert
    return recorded


@transaction.atomic(savepoint=False)
def resolve_announcements(*, meeting: Meeting) -> int:
    """Mark the announcements the meeting fulfils as held, so they are no longer upcoming; return how many."""
    last = meeting.end_date or meeting.date
    candidates = UpcomingMeeting.objects.upcoming().filter(date__gte=meeting.date, date__lte=last)
    held = [announcement for announcement in candidates if _held_as(announcement, meeting)]
    for announcement in held:
        announcement.held_as = meeting
        announcement.save(update_fields=["held_as"])
    return len(held)

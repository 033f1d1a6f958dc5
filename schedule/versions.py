"""Versions of an annual meeting's main-session grid, as the MAG's meetings circulated and approved them.

The importer calls ``record_schedule_version`` with a report's annex grid, then ``settle_grid``,
which makes the event's sessions and slots its newest public version; publishing or unpublishing
a meeting calls ``settle_grid`` again (``meeting_status_changed``). A draft meeting's annex is a
draft version: unnumbered, shown only to those who may see drafts, never on the public grid.
Pages read the history with ``version_history`` and the grid's ``current_version``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from magportal.history import current_change_reason
from meetings.models import Decision, DecisionSession, Meeting
from meetings.roles import may_see_drafts
from schedule.caching import grid_changed
from schedule.diff import RENAMED, ScheduleChange, diff_versions
from schedule.matching import normalise_title, title_similarity
from schedule.models import Event, ScheduleVersion, Session, Slot


def snapshot_event(event: Event) -> dict:
    """The event's current grid as JSON: its sessions, each with its slots in time order."""
    slots = Slot.objects.filter(session__event=event).select_related("session")
    slots = slots.order_by("date", "start_time", "pk")
    sessions: dict[int, dict] = {}
    for slot in slots:
        session = sessions.setdefault(
            slot.session_id,
            {"id": slot.session_id, "title": slot.session.title, "kind": slot.session.kind, "slots": []},
        )
        session["slots"].append(
            {
                "id": slot.pk,
                "date": slot.date.isoformat(),
                "start": slot.start_time.strftime("%H:%M"),
                "end": slot.end_time.strftime("%H:%M"),
                "note": slot.note,
                "continued": slot.continued,
            }
        )
    return {"start_date": event.start_date.isoformat(), "sessions": list(sessions.values())}


def _comparable(snapshot: dict) -> list:
    # Row ids change when the importer replaces a grid, and the order of sessions starting at the
    # same time follows their ids; what the grid says does not.
    return sorted(
        (
            normalise_title(session["title"]),
            session["title"],
            session["kind"],
            sorted((s["date"], s["start"], s["end"], s["note"], s["continued"]) for s in session["slots"]),
        )
        for session in snapshot["sessions"]
    )


def same_grid(first: dict, second: dict) -> bool:
    """Whether two snapshots say the same grid (sessions, kinds and times), whatever their row ids."""
    return _comparable(first) == _comparable(second)


def _is_public(version: ScheduleVersion) -> bool:
    return version.meeting is None or version.meeting.is_published


# No savepoint: the importer calls it inside its own transaction (two round trips saved).
@transaction.atomic(savepoint=False)
def record_schedule_version(
    *,
    event: Event,
    meeting: Meeting | None,
    approved: bool,
    snapshot: dict | None = None,
    date: datetime.date | None = None,
) -> ScheduleVersion:
    """Keep ``snapshot`` (by default the event's current grid) as the grid ``meeting`` circulated.

    ``date`` is the meeting's by default (today without a meeting). The version takes its place
    among the others by date, so a report imported late tells its part of the history in order.
    A published meeting's grid equal to the public version before it is no new version: that
    version is returned, marked approved if ``approved``. A draft meeting's grid is a draft version
    (no number), seen only by those who may see drafts, until ``settle_grid`` finds the meeting
    published. The event's live grid is not changed here: ``settle_grid`` applies the newest
    public version.
    """
    if snapshot is None:
        snapshot = snapshot_event(event)
    date = date or (meeting.date if meeting else timezone.localdate())
    versions = _locked_versions(event)
    if meeting is None or meeting.is_published:
        earlier = [v for v in versions if _is_public(v) and v.date <= date]
    else:
        earlier = [v for v in versions if v.meeting_id == meeting.pk]
    if earlier and same_grid(earlier[-1].snapshot, snapshot):
        found = earlier[-1]
        if approved and not found.is_approved:
            _approve(found, meeting)
            found.save(update_fields=["status", "approved_at", "approved_by"])
        return found
    version = ScheduleVersion(event=event, meeting=meeting, date=date, snapshot=snapshot)
    if approved:
        _approve(version, meeting)
    version.save()
    versions.append(version)
    versions.sort(key=lambda v: (v.date, v.pk))
    _renumber(event, versions)
    return version


def _locked_versions(event: Event) -> list[ScheduleVersion]:
    """The event's versions in date order, the event locked so that imports settle it one at a time."""
    Event.objects.select_for_update().filter(pk=event.pk).values_list("pk").first()
    return list(event.versions.select_related("meeting", "approved_by").in_order())


def _approve(version: ScheduleVersion, meeting: Meeting | None) -> None:
    version.status = ScheduleVersion.Status.APPROVED
    version.approved_by = meeting
    version.approved_at = meeting.date if meeting else version.date


def _renumber(event: Event, versions: list[ScheduleVersion]) -> None:
    """Number the public ``versions`` (the event's, in date order) 1, 2, ...; drafts have none."""
    numbers = {}
    for version in versions:
        if _is_public(version):
            numbers[version.pk] = len(numbers) + 1
    if all(version.number == numbers.get(version.pk) for version in versions):
        return
    # Cleared first, so that no number is ever held twice under the unique constraint.
    event.versions.update(number=None)
    for version in versions:
        version.number = numbers.get(version.pk)
    ScheduleVersion.objects.bulk_update([v for v in versions if v.number is not None], ["number"])


@dataclass
class GridSettled:
    """What ``settle_grid`` found: the version the event's grid now shows, and what it did."""

    version: ScheduleVersion | None
    applied: bool = False
    #: The grid is no version's: staff made or edited it by hand, so no version replaces it.
    hand_made: bool = False
    withdrawn: bool = False


@transaction.atomic(savepoint=False)
def settle_grid(*, event: Event) -> GridSettled:
    """Make the event's grid the newest public version: the one rule for what the public sees.

    Called after an import records a version and after a meeting is published or unpublished.
    A draft meeting's version never reaches the grid of a published event; publishing the meeting
    applies it, unpublishing withdraws it (the grid falls back to the newest public version, or the
    event is unpublished when none is left). A grid staff made or edited by hand (one that is no
    version's) is kept as it is. Approvals follow too: a published meeting's grid equal to the
    public version before it approves that one; unpublished, its approval becomes its draft version
    again.
    """
    versions = _locked_versions(event)
    if _withdraw_draft_approvals(event, versions) | _fold_repeated_versions(versions):
        versions = list(event.versions.select_related("meeting", "approved_by").in_order())
    _renumber(event, versions)
    public = [v for v in versions if _is_public(v)]
    target = public[-1] if public else None
    live = snapshot_event(event)
    recorded = not live["sessions"] or any(same_grid(v.snapshot, live) for v in versions)
    if target is None:
        if event.is_published and versions and recorded:
            # Only drafts carried this grid: it goes back to being a draft with them.
            event.is_published = False
            event.save(update_fields=["is_published", "updated_at"])
            return GridSettled(None, withdrawn=True)
        if event.is_published or not versions:
            return GridSettled(None, hand_made=not recorded)
        target = versions[-1]  # an event only drafts know: their newest grid, for them to see
    elif target.meeting is not None and not event.is_published:
        event.is_published = True
        event.save(update_fields=["is_published", "updated_at"])
    if same_grid(target.snapshot, live):
        return GridSettled(target)
    if not recorded:
        return GridSettled(target, hand_made=True)
    written = _write_grid(event, target.snapshot, has_slots=bool(live["sessions"]))
    # The version names the rows it now is, so its changes link to the sessions' decisions.
    for session in target.snapshot["sessions"]:
        session["id"] = written[normalise_title(session["title"])].pk
    ScheduleVersion.objects.filter(pk=target.pk).update(snapshot=target.snapshot)
    return GridSettled(target, applied=True)


def _withdraw_draft_approvals(event: Event, versions: list[ScheduleVersion]) -> bool:
    """A version approved by a later meeting now a draft: the approval goes back to a draft version."""
    changed = False
    for version in versions:
        meeting = version.approved_by
        if meeting is None or meeting.pk == version.meeting_id or meeting.is_published:
            continue
        ScheduleVersion.objects.create(
            event=event,
            meeting=meeting,
            date=meeting.date,
            snapshot=version.snapshot,
            status=ScheduleVersion.Status.APPROVED,
            approved_by=meeting,
            approved_at=meeting.date,
        )
        version.status = ScheduleVersion.Status.PROVISIONAL
        version.approved_by = None
        version.approved_at = None
        version.save(update_fields=["status", "approved_by", "approved_at"])
        changed = True
    return changed


def _fold_repeated_versions(versions: list[ScheduleVersion]) -> bool:
    """A published meeting's version that repeats the public one before it is folded into it."""
    changed = False
    previous = None
    for version in versions:
        if not _is_public(version):
            continue
        repeated = previous is not None and same_grid(previous.snapshot, version.snapshot)
        if repeated and version.meeting is not None:
            if version.is_approved and not previous.is_approved:
                _approve(previous, version.meeting)
                previous.save(update_fields=["status", "approved_at", "approved_by"])
            version.delete()
            changed = True
            continue
        previous = version
    return changed


def _write_grid(event: Event, snapshot: dict, *, has_slots: bool) -> dict[str, Session]:
    """Make the event's sessions and slots say ``snapshot``; return its sessions by normalised title.

    Rows are kept wherever they can be, so that decisions' links to sessions and the calendar's
    UIDs of slots survive a new version: a session keeps its row under the same title or a
    renamed one (as ``schedule.diff`` pairs them), a slot under the same times or, in order, new
    ones. The rest are added or deleted.
    """
    sessions = list(event.sessions.prefetch_related("slots")) if has_slots else list(event.sessions.all())
    entries = {normalise_title(entry["title"]): entry for entry in snapshot["sessions"]}
    written: dict[str, Session] = {}
    left = {normalise_title(session.title): session for session in sessions}
    for key in entries:
        if key in left:
            written[key] = left.pop(key)
    for key, entry in entries.items():
        if key in written:
            continue
        scored = [(title_similarity(session.title, entry["title"]), k) for k, session in left.items()]
        score, found = max(scored, default=(0.0, None))
        if found is not None and score >= RENAMED:
            written[key] = left.pop(found)
    added = []
    for key, entry in entries.items():
        session = written.get(key)
        if session is None:
            written[key] = session = Session(event=event, title=entry["title"][:300], kind=entry["kind"])
            added.append(session)
        elif (session.title, session.kind) != (entry["title"][:300], entry["kind"]):
            session.title, session.kind = entry["title"][:300], entry["kind"]
            session.save(update_fields=["title", "kind"])
    for session in left.values():
        session.delete()  # no longer in the grid
    if added:
        bulk_create_with_history(added, Session, default_change_reason=current_change_reason())
        if any(session.pk is None for session in added):
            # A backend that returns no ids from a bulk insert.
            by_title = {s.title: s for s in event.sessions.filter(title__in=[s.title for s in added])}
            for session in added:
                session.pk = by_title[session.title].pk
    new_slots: list[Slot] = []
    fresh = {id(session) for session in added}
    for key, entry in entries.items():
        session = written[key]
        old = [] if id(session) in fresh or not has_slots else sorted(session.slots.all(), key=_slot_order)
        new_slots += _write_slots(session, old, entry["slots"])
    bulk_create_with_history(new_slots, Slot, default_change_reason=current_change_reason())
    # Bulk inserts send no signals.
    grid_changed()
    return written


def _slot_order(slot: Slot) -> tuple:
    return (slot.date, slot.start_time, slot.pk)


def _write_slots(session: Session, old: list[Slot], entries: list[dict]) -> list[Slot]:
    """Update the session's ``old`` slots to say ``entries``; return the new slots to insert."""
    wanted = [
        {
            "date": datetime.date.fromisoformat(entry["date"]),
            "start_time": datetime.time.fromisoformat(entry["start"]),
            "end_time": datetime.time.fromisoformat(entry["end"]),
            "note": entry["note"][:200],
            "continued": entry["continued"],
        }
        for entry in sorted(entries, key=lambda entry: (entry["date"], entry["start"]))
    ]
    unchanged = []
    for values in list(wanted):
        same = next((slot for slot in old if all(getattr(slot, k) == v for k, v in values.items())), None)
        if same is not None:
            old.remove(same)
            wanted.remove(values)
            unchanged.append(same)
    for slot, values in zip(old, wanted, strict=False):
        for name, value in values.items():
            setattr(slot, name, value)
        slot.save()
    for slot in old[len(wanted) :]:
        slot.delete()
    return [Slot(session=session, **values) for values in wanted[len(old) :]]


def current_version(event: Event) -> ScheduleVersion | None:
    """The version the event's grid shows: its newest public one (for an unpublished event, its newest)."""
    versions = event.versions.select_related("meeting", "approved_by")
    found = versions.public().order_by("-date", "-pk").first()
    if found is None and not event.is_published:
        found = versions.order_by("-date", "-pk").first()
    return found


def latest_approved_version(event: Event) -> ScheduleVersion | None:
    """The newest approved public version of the event's grid."""
    versions = event.versions.public().approved().select_related("meeting", "approved_by")
    return versions.order_by("-date", "-pk").first()


def draft_versions(event: Event, *, user) -> list[ScheduleVersion]:
    """The draft meetings' versions of the grid the user may see (none for the public), newest first."""
    if not may_see_drafts(user):
        return []
    drafts = event.versions.filter(Q(number__isnull=True) | Q(meeting__status=Meeting.Status.DRAFT))
    return list(drafts.select_related("meeting").order_by("-date", "-pk"))


def visible_versions(event: Event, *, user) -> list[ScheduleVersion]:
    """The versions of the event's grid the user may see, oldest first."""
    versions = event.versions.all() if may_see_drafts(user) else event.versions.public()
    return list(versions.select_related("meeting", "approved_by").in_order())


@dataclass
class LinkedChange:
    """A change with the decisions that brought it about."""

    change: ScheduleChange
    decisions: list[Decision] = field(default_factory=list)

    def __str__(self):
        return str(self.change)


@dataclass
class VersionChanges:
    """A version and what changed since the one before it."""

    version: ScheduleVersion
    changes: list[LinkedChange]
    previous: ScheduleVersion | None = None


def version_days(version: ScheduleVersion) -> list[dict]:
    """The version's slots by day, as its page shows them: each day's date, its number from the
    version's first day, and its slots in time order, each with its session's title, kind and id."""
    days: dict[datetime.date, list[dict]] = {}
    for session in version.snapshot["sessions"]:
        for slot in session["slots"]:
            entry = {**slot, "title": session["title"], "kind": session["kind"], "session_id": session["id"]}
            days.setdefault(datetime.date.fromisoformat(slot["date"]), []).append(entry)
    start = datetime.date.fromisoformat(version.snapshot["start_date"])
    return [
        {"date": date, "number": (date - start).days + 1, "slots": sorted(slots, key=lambda s: s["start"])}
        for date, slots in sorted(days.items())
    ]


def version_history(event: Event, *, user) -> list[VersionChanges]:
    """Every version of the event's grid the user may see, newest first, with its changes linked to decisions.

    Each version is compared with the one before it by date among those the user may see: for those
    who may see drafts, a draft version shows what it would change. A change is linked to the
    decisions of its version's circulating or approving meeting that shape the change's session.
    Meetings and decisions the user may not see are left out.
    """
    versions = visible_versions(event, user=user)
    mentioned = {v.meeting_id for v in versions} | {v.approved_by_id for v in versions}
    visible = set(
        Meeting.objects.visible_to(user).filter(pk__in=mentioned - {None}).values_list("pk", flat=True)
    )
    for version in versions:
        if version.meeting_id not in visible:
            version.meeting = None
        if version.approved_by_id not in visible:
            version.approved_by = None
    decisions = list(
        Decision.objects.filter(agenda_item__meeting__in=visible)
        .select_related("agenda_item__meeting", "session")
        .prefetch_related(Prefetch("further_sessions", DecisionSession.objects.select_related("session")))
    )
    history = []
    previous = None
    for version in versions:
        changes = diff_versions(previous.snapshot, version.snapshot) if previous else []
        meetings = {version.meeting_id, version.approved_by_id} & visible
        relevant = [d for d in decisions if d.agenda_item.meeting_id in meetings]
        linked = [LinkedChange(change, _decisions_for(change, relevant)) for change in changes]
        history.append(VersionChanges(version, linked, previous))
        previous = version
    history.reverse()
    return history


def _shaped_sessions(decision: Decision) -> list[Session]:
    sessions = [decision.session] if decision.session else []
    return sessions + [link.session for link in decision.further_sessions.all()]


def _same(session: Session, change: ScheduleChange, key: str) -> bool:
    return session.pk == change.session_id or normalise_title(session.title) == key


def _decisions_for(change: ScheduleChange, decisions: list[Decision]) -> list[Decision]:
    # A re-import may have replaced the session rows since, so the same title counts too.
    key = normalise_title(change.title)
    return [
        decision
        for decision in decisions
        if any(_same(session, change, key) for session in _shaped_sessions(decision))
    ]


def changes_for_session(session: Session, *, meeting: Meeting, user) -> list[ScheduleChange]:
    """What the versions the meeting circulated or approved changed about the session.

    Versions are compared in date order among those the user may see.
    """
    versions = visible_versions(session.event, user=user)
    key = normalise_title(session.title)
    found = []
    for previous, version in zip(versions, versions[1:], strict=False):
        if meeting.pk not in (version.meeting_id, version.approved_by_id):
            continue
        found += [
            change
            for change in diff_versions(previous.snapshot, version.snapshot)
            if change.session_id == session.pk or normalise_title(change.title) == key
        ]
    return found


def slot_sequence(*, event: Event) -> dict[int, int]:
    """Slot pk → how many public versions changed its session's time: the iCalendar SEQUENCE of its event."""
    versions = list(event.versions.public().in_order())
    changed: dict[str, int] = {}
    for previous, version in zip(versions, versions[1:], strict=False):
        retimed = {
            normalise_title(change.title)
            for change in diff_versions(previous.snapshot, version.snapshot)
            if change.changes_time and change.kind != "added"
        }
        for key in retimed:
            changed[key] = changed.get(key, 0) + 1
    slots = Slot.objects.filter(session__event=event).values_list("pk", "session__title")
    return {pk: changed.get(normalise_title(title), 0) for pk, title in slots}


def meeting_status_changed(*, meeting: Meeting) -> list[GridSettled]:
    """Settle the grids the meeting circulated or approved a version of, after it was (un)published."""
    events = Event.objects.filter(
        pk__in=ScheduleVersion.objects.filter(Q(meeting=meeting) | Q(approved_by=meeting)).values("event_id")
    )
    return [settle_grid(event=event) for event in events]


@receiver(pre_delete, sender=Meeting, dispatch_uid="schedule.versions.meeting_deleted")
def _forget_a_deleted_drafts_versions(sender, instance, **kwargs):
    """A draft meeting deleted takes its draft versions with it: left without their meeting, they
    would read as versions nobody circulated, that is, public."""
    if instance.pk is None or instance.is_published:
        return
    ScheduleVersion.objects.filter(meeting=instance).delete()
    ScheduleVersion.objects.filter(approved_by=instance).update(
        status=ScheduleVersion.Status.PROVISIONAL, approved_by=None, approved_at=None
    )

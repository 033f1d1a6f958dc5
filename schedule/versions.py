"""Versions of an annual meeting's main-session grid, as the MAG's meetings circulated and approved them.

The importer calls ``record_schedule_version`` after saving a report's annex grid; pages read the
history with ``version_history`` and the grid's ``current_version``/``latest_approved_version``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from meetings.models import Decision, DecisionSession, Meeting
from schedule.diff import ScheduleChange, diff_versions
from schedule.matching import normalise_title
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
    # Row ids change when the importer replaces a grid; what the grid says does not.
    return [
        (
            session["title"],
            session["kind"],
            [(s["date"], s["start"], s["end"], s["note"], s["continued"]) for s in session["slots"]],
        )
        for session in snapshot["sessions"]
    ]


# No savepoint: the importer calls it inside its own transaction (two round trips saved).
@transaction.atomic(savepoint=False)
def record_schedule_version(*, event: Event, meeting: Meeting | None, approved: bool) -> ScheduleVersion:
    """Keep the event's current grid as its next version, unless it equals the latest one.

    When it equals the latest, that version is returned, marked approved if ``approved``.
    """
    snapshot = snapshot_event(event)
    latest = ScheduleVersion.objects.select_for_update().filter(event=event).order_by("-number").first()
    if latest is not None and _comparable(latest.snapshot) == _comparable(snapshot):
        if approved and not latest.is_approved:
            _approve(latest, meeting)
            latest.save(update_fields=["status", "approved_at", "approved_by"])
        return latest
    version = ScheduleVersion(
        event=event,
        number=latest.number + 1 if latest else 1,
        meeting=meeting,
        date=meeting.date if meeting else timezone.localdate(),
        snapshot=snapshot,
    )
    if approved:
        _approve(version, meeting)
    version.save()
    return version


def _approve(version: ScheduleVersion, meeting: Meeting | None) -> None:
    version.status = ScheduleVersion.Status.APPROVED
    version.approved_by = meeting
    version.approved_at = meeting.date if meeting else version.date


def grid_is_as_last_recorded(event: Event) -> bool:
    """Whether the event's grid is still what its newest version recorded (no hand edits since)."""
    latest = event.versions.order_by("-number").first()
    return latest is not None and _comparable(latest.snapshot) == _comparable(snapshot_event(event))


def current_version(event: Event) -> ScheduleVersion | None:
    """The newest version of the event's grid, approved or not."""
    return event.versions.select_related("meeting", "approved_by").order_by("-number").first()


def latest_approved_version(event: Event) -> ScheduleVersion | None:
    """The newest approved version of the event's grid."""
    return event.versions.approved().select_related("meeting", "approved_by").order_by("-number").first()


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
    """Every version of the event's grid, newest first, with its changes linked to decisions.

    A change is linked to the decisions of its version's circulating or approving meeting that
    shape the change's session. Meetings and decisions the user may not see are left out.
    """
    versions = list(event.versions.select_related("meeting", "approved_by").order_by("number"))
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


def changes_for_session(session: Session, *, meeting: Meeting) -> list[ScheduleChange]:
    """What the versions the meeting circulated or approved changed about the session."""
    versions = list(session.event.versions.order_by("number"))
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
    """Slot pk → how many versions changed its session's time: the iCalendar SEQUENCE of its event."""
    versions = list(event.versions.order_by("number"))
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

"""The history of an annual meeting's grid: what each version changed, and each version as it was."""

import datetime

from django.shortcuts import get_object_or_404, render

from meetings.roles import can_view_drafts
from schedule.models import Event
from schedule.versions import version_history


def _visible_event(request, slug):
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


def schedule_changes(request, slug):
    event = _visible_event(request, slug)
    history = version_history(event, user=request.user)
    return render(request, "schedule/changes.html", {"event": event, "history": history})


def version_detail(request, slug, number):
    event = _visible_event(request, slug)
    version = get_object_or_404(event.versions.select_related("meeting", "approved_by"), number=number)
    days: dict[datetime.date, list[dict]] = {}
    for session in version.snapshot["sessions"]:
        for slot in session["slots"]:
            entry = {**slot, "title": session["title"], "kind": session["kind"], "session_id": session["id"]}
            days.setdefault(datetime.date.fromisoformat(slot["date"]), []).append(entry)
    start = datetime.date.fromisoformat(version.snapshot["start_date"])
    grid = [
        {"date": date, "number": (date - start).days + 1, "slots": sorted(slots, key=lambda s: s["start"])}
        for date, slots in sorted(days.items())
    ]
    context = {
        "event": event,
        "version": version,
        "days": grid,
        "meeting": _if_visible(version.meeting, request.user),
        "approved_by": _if_visible(version.approved_by, request.user),
    }
    return render(request, "schedule/version_detail.html", context)


def _if_visible(meeting, user):
    if meeting is None or meeting.is_published or can_view_drafts(user):
        return meeting
    return None

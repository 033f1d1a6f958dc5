"""The history of an annual meeting's grid: what each version changed, and each version as it was."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from meetings.roles import can_view_drafts
from schedule.diff import diff_versions
from schedule.models import Event
from schedule.versions import version_history, visible_versions


def _visible_event(request, slug):
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


@require_safe
def schedule_changes(request, slug):
    event = _visible_event(request, slug)
    history = version_history(event, user=request.user)
    return render(request, "schedule/changes.html", {"event": event, "history": history})


@require_safe
def version_detail(request, slug, number):
    event = _visible_event(request, slug)
    return _version_page(request, event, lambda version: version.number == number)


@require_safe
def draft_version_detail(request, slug, pk):
    """A draft meeting's version of the grid, for those who may see drafts; 404 for the others."""
    if not can_view_drafts(request.user):
        raise Http404
    event = _visible_event(request, slug)
    return _version_page(request, event, lambda version: version.pk == pk and version.is_draft)


def _version_page(request, event, wanted):
    # Every version the user may see, so the page can say what this one changed from the one before.
    versions = visible_versions(event, user=request.user)
    index = next((n for n, version in enumerate(versions) if wanted(version)), None)
    if index is None:
        raise Http404
    version = versions[index]
    previous = versions[index - 1] if index else None
    changes = diff_versions(previous.snapshot, version.snapshot) if previous else []
    days: dict[datetime.date, list[dict]] = {}
    for session in version.snapshot["sessions"]:
        for slot in session["slots"]:
            entry = {
                **slot,
                "title": session["title"],
                "kind": session["kind"],
                "session_id": session["id"],
            }
            days.setdefault(datetime.date.fromisoformat(slot["date"]), []).append(entry)
    start = datetime.date.fromisoformat(version.snapshot["start_date"])
    grid = [
        {"date": date, "number": (date - start).days + 1, "slots": sorted(slots, key=lambda s: s["start"])}
        for date, slots in sorted(days.items())
    ]
    context = {
        "event": event,
        "version": version,
        "previous": previous,
        "changes": changes,
        "days": grid,
        "meeting": _if_visible(version.meeting, request.user),
        "approved_by": _if_visible(version.approved_by, request.user),
    }
    return render(request, "schedule/version_detail.html", context)


def _if_visible(meeting, user):
    if meeting is None or meeting.is_published or can_view_drafts(user):
        return meeting
    return None

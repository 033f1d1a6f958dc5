"""The history of an annual meeting's grid: what each version changed, and each version as it was."""

from django.shortcuts import get_object_or_404, render

from schedule.models import Event
from schedule.versions import version_days, version_history


def _visible_event(request, slug):
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


def schedule_changes(request, slug):
    event = _visible_event(request, slug)
    history = version_history(event, user=request.user)
    return render(request, "schedule/changes.html", {"event": event, "history": history})


def version_detail(request, slug, number):
    event = _visible_event(request, slug)
    version = get_object_or_404(event.versions.select_related("meeting", "approved_by"), number=number)
    context = {
        "event": event,
        "version": version,
        "days": version_days(version),
        "meeting": _if_visible(version.meeting, request.user),
        "approved_by": _if_visible(version.approved_by, request.user),
    }
    return render(request, "schedule/version_detail.html", context)


def _if_visible(meeting, user):
    return meeting if meeting is not None and meeting.is_visible_to(user) else None

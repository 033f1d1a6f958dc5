"""The history of an annual meeting's grid: what each version changed, and each version as it was."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from meetings.roles import may_see_drafts
from schedule.diff import diff_versions
from schedule.models import Event
from schedule.versions import version_days, version_history, visible_versions


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
    if not may_see_drafts(request.user):
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
    context = {
        "event": event,
        "version": version,
        "previous": previous,
        "changes": diff_versions(previous.snapshot, version.snapshot) if previous else [],
        "days": version_days(version),
        "meeting": _if_visible(version.meeting, request.user),
        "approved_by": _if_visible(version.approved_by, request.user),
    }
    return render(request, "schedule/version_detail.html", context)


def _if_visible(meeting, user):
    return meeting if meeting is not None and meeting.is_visible_to(user) else None

"""Publishing and unpublishing a meeting: its report, and the grid its annex carries."""

from django.db import transaction

from meetings.models import Meeting
from meetings.services import link_decisions_to_sessions
from schedule.versions import meeting_status_changed


@transaction.atomic
def set_meeting_published(*, meeting: Meeting, published: bool) -> None:
    """Publish or unpublish ``meeting``: its status, then the grids it circulated a version of.

    Published, its annex's grid becomes the event's where it is the newest published version, and
    its decisions are linked to the sessions that grid added; unpublished, the grid falls back to
    the newest version still published (``schedule.versions.settle_grid``).
    """
    status = Meeting.Status.PUBLISHED if published else Meeting.Status.DRAFT
    if meeting.status != status:
        meeting.status = status
        meeting.save()
    meeting_published_or_unpublished(meeting=meeting)


def meeting_published_or_unpublished(*, meeting: Meeting) -> None:
    """Bring the grids in line with ``meeting``'s status, once it has been saved."""
    meeting_status_changed(meeting=meeting)
    if meeting.is_published:
        link_decisions_to_sessions(meeting=meeting)

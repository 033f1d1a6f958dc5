"""Template tags for the grid's versions and the decisions that shaped its sessions.

``{% load schedule_versions %}`` then:

- ``{% current_schedule_version event as version %}``, the newest version;
- ``{% latest_approved_schedule_version event as version %}``, the newest approved one;
- ``{% decision_sessions decision as shaped %}``: the sessions a decision shaped that the user may see,
  each with the changes the decision's meeting made to it (used by ``meetings/_decision_session.html``).
"""

from dataclasses import dataclass

from django import template
from django.contrib.auth.models import AnonymousUser

from meetings.models import Decision
from meetings.roles import can_view_drafts
from schedule.diff import ScheduleChange
from schedule.models import Session
from schedule.versions import changes_for_session, current_version, latest_approved_version

register = template.Library()


@register.simple_tag
def current_schedule_version(event):
    return current_version(event)


@register.simple_tag
def latest_approved_schedule_version(event):
    return latest_approved_version(event)


@dataclass
class ShapedSession:
    """A session a decision shaped, with what the decision's meeting changed about it."""

    session: Session
    changes: list[ScheduleChange]


@register.simple_tag(takes_context=True)
def decision_sessions(context, decision: Decision) -> list[ShapedSession]:
    request = context.get("request")
    user = request.user if request else AnonymousUser()
    sessions = [decision.session] if decision.session_id else []
    sessions += [link.session for link in decision.further_sessions.select_related("session__event")]
    meeting = decision.agenda_item.meeting
    return [
        ShapedSession(session, changes_for_session(session, meeting=meeting, user=user))
        for session in sessions
        if session.event.is_published or can_view_drafts(user)
    ]

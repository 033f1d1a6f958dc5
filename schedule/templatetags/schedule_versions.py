"""Template tags for the decisions that shaped the grid's sessions.

``{% load schedule_versions %}`` then ``{% decision_sessions decision as shaped %}``: the sessions a
decision shaped that the user may see, each with the changes the decision's meeting made to it (used
by ``meetings/_decision_session.html``).
"""

from dataclasses import dataclass

from django import template
from django.contrib.auth.models import AnonymousUser

from meetings.models import Decision
from schedule.diff import ScheduleChange
from schedule.models import Session
from schedule.versions import changes_for_session

register = template.Library()


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
        ShapedSession(session, changes_for_session(session, meeting=meeting))
        for session in sessions
        if session.event.is_visible_to(user)
    ]

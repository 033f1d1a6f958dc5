"""Caching the annual meeting's grid, and its .ics and .json, until a row they render changes.

The rule is ``magportal.freshness``'s: the pages' scope, ``"grid"``, changes with every save or
delete of a meeting, agenda item, decision, decision's further session, event, session, slot or
schedule version (``GRID_MODELS``), whatever field it was. Bulk writes of these rows (the
importer's) call ``grid_changed`` themselves.

The pages are served by ``magportal.page_cache``: the HTML grid shows the signed-in user's name and
drafts, so only anonymous requests are served from the cache; the .ics and .json are the same for
everyone in the same audience (``signed_in_too``). Every response gets an ETag of what the page
says, so an edit that changes nothing a visitor sees (a draft report's, say) leaves it as it was,
and a matching conditional GET gets a 304. Only a 200 is cached: a 404 (an unpublished event for
the public) is rendered every time.
"""

from __future__ import annotations

from magportal import freshness
from meetings.models import AgendaItem, Decision, DecisionSession, Meeting
from schedule.models import Event, ScheduleVersion, Session, Slot

SCOPE = "grid"
#: Every row the grid, its .ics or its .json renders: meetings and agenda items (a session's
#: shaping decisions are linked by their paragraph's number and their meeting's address and title),
#: decisions and their further sessions, and the grid itself with its versions.
GRID_MODELS = (Meeting, AgendaItem, Decision, DecisionSession, Event, Session, Slot, ScheduleVersion)

freshness.watch(SCOPE, *GRID_MODELS)


def grid_changed() -> None:
    """For writes of grid rows that send no signals (bulk inserts, updates): every cached page that
    renders such rows is fresh on its next request, the grid's and the others' (a decision's page
    shows its session's changes)."""
    freshness.rows_changed(*GRID_MODELS)

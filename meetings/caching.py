"""The public pages of meetings and decisions, cached for anonymous visitors until a row they render changes.

Each page's scope watches every model whose rows its template shows (``magportal.freshness``), so
any save or delete of such a row, whatever the field, renders the page again on its next request;
``magportal.page_cache`` serves it. Writes that send no signals call ``freshness.rows_changed``
with the models they wrote (the importer's bulk inserts follow a meeting's save in the same
transaction, which has already changed every scope here).
"""

from magportal import freshness
from meetings.models import (
    AgendaItem,
    Annotation,
    Decision,
    DecisionSession,
    Footnote,
    Meeting,
    UpcomingMeeting,
)
from schedule.models import Event, ScheduleVersion, Session

REPORT = "report"
#: A report page: the meeting, its paragraphs with their decisions marked and linked, its notes
#: and the meetings they cite, the annotations of those who may see them, and the annual meeting
#: whose grid its annex holds (title, address, whether it is published).
REPORT_MODELS = (Meeting, AgendaItem, Decision, Footnote, Annotation, Event)

HOME = "home"
#: The home page: the published grid's event, the latest meetings with their decision counts, the
#: latest decisions with their paragraph's meeting, and the announced meetings with the paragraph
#: that announced them.
HOME_MODELS = (Event, Meeting, AgendaItem, Decision, UpcomingMeeting)

MEETING_LIST = "meeting-list"
#: The meetings list: meetings, how many decisions and actions each has (counted through their
#: paragraphs), and the announced meetings among them with the paragraph that announced them.
MEETING_LIST_MODELS = (Meeting, AgendaItem, Decision, UpcomingMeeting)

DECISION = "decision"
#: A decision's page: the decision, its paragraph with the paragraph's other decisions and notes, the
#: meeting, the sessions it shaped (main and further) with their event, and what the versions of the
#: grid its meeting circulated changed about them (versions and the meetings they belong to).
DECISION_MODELS = (Decision, AgendaItem, Meeting, Footnote, DecisionSession, Session, Event, ScheduleVersion)

DECISION_LIST = "decision-list"
#: The decisions list and its searches: decisions with their paragraph (its number, and its text for
#: the passage a search matched) and meeting (title, date, status), and the filter's cycle years and
#: meetings. Each address with its query string is a page of its own.
DECISION_LIST_MODELS = (Decision, AgendaItem, Meeting)

FEED = "decision-feed"
#: The decisions feed: decisions, their paragraph's number and their meeting's title, dates and status.
FEED_MODELS = (Decision, AgendaItem, Meeting)

PAGES = {
    REPORT: REPORT_MODELS,
    HOME: HOME_MODELS,
    MEETING_LIST: MEETING_LIST_MODELS,
    DECISION: DECISION_MODELS,
    DECISION_LIST: DECISION_LIST_MODELS,
    FEED: FEED_MODELS,
}

for _scope, _models in PAGES.items():
    freshness.watch(_scope, *_models)

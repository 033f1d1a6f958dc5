"""Full-text search over decisions and the paragraphs they were taken in.

On PostgreSQL the search is stemmed, over each decision's stored search
document (``Decision.search_document``): its own words with weight A and its
paragraph's with weight B, kept current by the triggers declared on the models and
GIN-indexed (``decision_search_document``). Elsewhere (the embedded SQLite database) every
word must occur in either text.

Matches keep the order of the queryset searched (the decisions browser's: newest
first, which walks an index and stops after a page). Ranking is asked for with
``best_match_first``: on PostgreSQL it reads the stored vectors of every match
(a common word matches thousands), the decision's own words weighing more; the
fallback does not rank.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Q, QuerySet

from meetings.models import Decision

#: The text search configuration of the stored documents; queries must use the same one.
SEARCH_CONFIG = "english"


def search_decisions(
    *, queryset: QuerySet[Decision], query: str, best_match_first: bool = False
) -> QuerySet[Decision]:
    """Decisions of ``queryset`` whose own text or paragraph text matches ``query``.

    In ``queryset``'s order, or best match first (then in that order) if asked, on PostgreSQL.
    """
    query = " ".join(query.split())
    if not query:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset=queryset, query=query, best_match_first=best_match_first)
    return _search_text(queryset=queryset, query=query)


def _search_postgresql(
    *, queryset: QuerySet[Decision], query: str, best_match_first: bool
) -> QuerySet[Decision]:
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    found = queryset.filter(search_document=search_query)
    if not best_match_first:
        return found
    # A decision's own words (weight A) count more than the rest of its paragraph (B).
    return found.annotate(rank=SearchRank(F("search_document"), search_query)).order_by(
        "-rank", *queryset.query.order_by
    )


def _search_text(*, queryset: QuerySet[Decision], query: str) -> QuerySet[Decision]:
    for word in query.split():
        queryset = queryset.filter(Q(text__icontains=word) | Q(agenda_item__text__icontains=word))
    return queryset

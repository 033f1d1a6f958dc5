"""Full-text search over decisions and the paragraphs they were taken in.

On PostgreSQL the search is stemmed and ranked, and each half of the match is
a subquery over one table whose expression is exactly the one the GIN indexes
of migration 0003 were built on, so the planner can use them. Elsewhere (the
embedded SQLite database) every word must occur in either text.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from meetings.models import AgendaItem, Decision

#: The text search configuration of the GIN indexes; queries must use the same one.
SEARCH_CONFIG = "english"


def text_vector(field: str = "text", *, weight: str | None = None) -> SearchVector:
    """The indexed expression: ``to_tsvector('english', coalesce(text, ''))``."""
    return SearchVector(field, config=SEARCH_CONFIG, weight=weight)


def search_decisions(*, queryset: QuerySet[Decision], query: str) -> QuerySet[Decision]:
    """Decisions of ``queryset`` whose own text or paragraph text matches ``query``, best first."""
    query = " ".join(query.split())
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset=queryset, query=query)
    return _search_text(queryset=queryset, query=query)


def _search_postgresql(*, queryset: QuerySet[Decision], query: str) -> QuerySet[Decision]:
    search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    matching_decisions = Decision.objects.annotate(vector=text_vector()).filter(vector=search_query)
    matching_items = AgendaItem.objects.annotate(vector=text_vector()).filter(vector=search_query)
    # A decision's own words count more than the rest of its paragraph.
    rank = SearchRank(text_vector(weight="A") + text_vector("agenda_item__text", weight="B"), search_query)
    return (
        queryset.filter(
            Q(pk__in=matching_decisions.values("pk")) | Q(agenda_item__in=matching_items.values("pk"))
        )
        .annotate(rank=rank)
        .order_by("-rank", *queryset.query.order_by)
    )


def _search_text(*, queryset: QuerySet[Decision], query: str) -> QuerySet[Decision]:
    for word in query.split():
        queryset = queryset.filter(Q(text__icontains=word) | Q(agenda_item__text__icontains=word))
    return queryset

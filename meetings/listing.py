"""The decisions list's order and published filter, on PostgreSQL's copied columns.

On PostgreSQL each decision carries its meeting's date, pk and published status and its
paragraph's position (``Decision.meeting_date`` and the rest, kept by the triggers declared
on the models), indexed in the list's order (``decision_newest_first``). Ordering and
filtering on those columns lets a page walk that index and stop after a page instead of
joining every candidate to its meeting. Other databases order and filter through the joins,
with the same result.
"""

import datetime

from django.db import connections
from django.db.models import DateField, F, Func, QuerySet, Value

#: Newest meeting first, then in the order of the report, through the joins (any database).
NEWEST_DECISIONS_FIRST = (
    "-agenda_item__meeting__date",
    "-agenda_item__meeting__pk",
    "agenda_item__position",
    "position",
)

#: The same order on the decision's own copies (PostgreSQL).
NEWEST_DECISIONS_FIRST_COPIED = ("-meeting_date", "-meeting_pk", "item_position", "position")


def has_listing_columns(queryset: QuerySet) -> bool:
    """Whether the decisions of ``queryset``'s database carry the copies (PostgreSQL)."""
    return connections[queryset.db].vendor == "postgresql"


def newest_first(queryset: QuerySet) -> QuerySet:
    """``queryset`` ordered as NEWEST_DECISIONS_FIRST; on PostgreSQL by the indexed copies."""
    if not has_listing_columns(queryset):
        return queryset.order_by(*NEWEST_DECISIONS_FIRST)
    return queryset.order_by(*NEWEST_DECISIONS_FIRST_COPIED)


def within_dates(queryset: QuerySet, *, first: datetime.date, last: datetime.date) -> QuerySet:
    """``queryset`` (already filtered to meetings held from ``first`` to ``last``) bounded by those dates.

    The bound changes no result. It lets PostgreSQL start its newest-first walk of
    ``decision_newest_first`` at ``last`` and stop at ``first``, instead of stepping over
    every newer decision: the 2016 cycle of a decade's archive is otherwise the slowest
    page there is. The dates are written into the statement (``DateLiteral``), so the planner
    estimates the rows between them even where PostgreSQL keeps statements prepared.
    """
    if not has_listing_columns(queryset):
        return queryset
    return queryset.filter(meeting_date__gte=DateLiteral(first), meeting_date__lte=DateLiteral(last))


class DateLiteral(Value):
    """A date written into the SQL rather than sent as a parameter (PostgreSQL).

    A prepared statement's generic plan knows nothing of its parameters' values: planned for unknown
    dates, the oldest cycle's decisions took 23 ms instead of 13 at 3,000 reports (``make bench``).
    An ISO date holds only digits and dashes, so writing it in is safe.
    """

    output_field = DateField()

    def as_sql(self, compiler, connection):
        return f"DATE '{self.value.isoformat()}'", []


def newest_first_among_few(queryset: QuerySet) -> QuerySet:
    """``queryset`` in the order of ``newest_first``, written so that PostgreSQL cannot walk the index.

    For a search with few matches: found through the full-text index and sorted, they cost
    a millisecond; walking newest first would step over every decision newer than the
    matches, thousands of them when a word belongs to an old cycle.
    """
    if not has_listing_columns(queryset):
        return queryset.order_by(*NEWEST_DECISIONS_FIRST)
    return queryset.order_by(
        # "+ 0" gives the same dates in an expression no index holds.
        UnindexedDate(F("meeting_date")).desc(),
        "-meeting_pk",
        "item_position",
        "position",
    )


class UnindexedDate(Func):
    """A date plus no days: equal to it, but not the indexed column (PostgreSQL)."""

    template = "(%(expressions)s + 0)"
    output_field = DateField()

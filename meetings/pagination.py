"""A paginator that counts only as far as a reader would page.

Counting every match of a common word in a decade of records visits thousands
of rows on every request. ``CappedPaginator`` counts at most ``count_limit``
rows: below that the count and the page count are exact; beyond it the page
says "more than ``count_limit``", and whether a page has a next one is known
from fetching one row more than the page shows (in the same query).
"""

import math

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property


class CappedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next


class CappedPaginator(Paginator):
    #: Forty pages of 25: more than anyone pages through, few enough to count in a few milliseconds.
    count_limit = 1000

    @cached_property
    def _counted(self) -> int:
        # At most count_limit + 1 rows, unordered: the order (a search's rank) is not needed to count.
        rows = self.object_list
        if hasattr(rows, "query"):
            return rows.order_by()[: self.count_limit + 1].count()
        return len(rows[: self.count_limit + 1])

    @cached_property
    def is_capped(self) -> bool:
        """More rows than ``count_limit``: ``count`` is then a lower bound, not the total."""
        return self._counted > self.count_limit

    @cached_property
    def count(self) -> int:
        """The number of rows, or ``count_limit`` when there are more (see ``is_capped``)."""
        return min(self._counted, self.count_limit)

    def validate_number(self, number):
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        # Past the counted rows a page exists if it has rows, which page() finds out.
        if number > self.num_pages and not self.is_capped:
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if not self.is_capped:
            if top + self.orphans >= self.count:
                top = self.count
            return CappedPage(self.object_list[bottom:top], number, self, has_next=number < self.num_pages)
        # One row more than the page shows tells whether there is a next page.
        rows = list(self.object_list[bottom : top + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)

    @cached_property
    def num_pages(self) -> int:
        """Exact when the count is; otherwise the pages of the counted rows (there are more)."""
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return math.ceil(hits / self.per_page)

import pytest
from django.core.paginator import EmptyPage

from meetings.models import Decision
from meetings.pagination import CappedPaginator
from tests.factories import make_agenda_item, make_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def count_limit(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "count_limit", 4)


def decisions(count: int) -> list[Decision]:
    item = make_agenda_item()
    return [make_decision(agenda_item=item) for _ in range(count)]


def test_capped_paginator_below_the_limit_counts_exactly(count_limit):
    decisions(4)

    paginator = CappedPaginator(Decision.objects.order_by("pk"), 3)

    assert (paginator.count, paginator.is_capped, paginator.num_pages) == (4, False, 2)
    assert (paginator.page(1).has_next(), paginator.page(2).has_next()) == (True, False)


def test_capped_paginator_past_the_limit_says_more_and_pages_on(count_limit):
    rows = decisions(8)

    paginator = CappedPaginator(Decision.objects.order_by("pk"), 3)
    pages = [paginator.page(number) for number in (1, 2, 3)]

    assert (paginator.count, paginator.is_capped) == (4, True)
    assert [list(page) for page in pages] == [rows[:3], rows[3:6], rows[6:]]
    assert [page.has_next() for page in pages] == [True, True, False]


def test_capped_paginator_past_the_last_row_has_no_page(count_limit):
    decisions(8)

    paginator = CappedPaginator(Decision.objects.order_by("pk"), 3)

    with pytest.raises(EmptyPage):
        paginator.page(4)


def test_capped_paginator_counts_without_ordering(count_limit, django_assert_num_queries):
    decisions(2)
    paginator = CappedPaginator(Decision.objects.order_by("-text", "pk"), 3)

    with django_assert_num_queries(1) as captured:
        assert paginator.count == 2

    assert "ORDER BY" not in captured.captured_queries[0]["sql"]

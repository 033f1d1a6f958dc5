import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.factories import make_event, make_slot

pytestmark = pytest.mark.django_db


def test_slot_must_end_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_slot(start_time=datetime.time(13, 0), end_time=datetime.time(10, 0))


def test_event_must_end_on_or_after_its_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(start_date=datetime.date(2016, 12, 9), end_date=datetime.date(2016, 12, 6))


def test_slot_minutes_counts_its_length():
    slot = make_slot(start_time=datetime.time(15, 0), end_time=datetime.time(16, 30))
    assert slot.minutes == 90


def test_event_absolute_url_uses_slug():
    assert make_event(slug="igf-2016").get_absolute_url() == "/schedule/igf-2016/"

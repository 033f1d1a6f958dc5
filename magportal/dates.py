"""How the portal writes a date and a range of dates, on every page and in the admin.

One place, from the active language's formats (``magportal/formats/<language>/formats.py``):
"30 August 2016" and "6–9 December 2016" in English, "30 de agosto de 2016" and
"6–9 de diciembre de 2016" in Spanish. A range names its month and year once when they are shared.
"""

from __future__ import annotations

import datetime
import functools

from django.core.signals import setting_changed
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: Between the two ends of a range, unspaced as in "6–9 December 2016".
RANGE_DASH = "–"


def _local(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value: datetime.date, name: str) -> str:
    if type(value) is datetime.date:
        return _format_day(value, name, get_language())
    return formats.date_format(_local(value), name)


@functools.lru_cache(maxsize=4096)
def _format_day(day: datetime.date, name: str, language: str | None) -> str:
    """A day written in a named format, remembered: a list page writes the same few dates over and
    over, and Django builds a formatter for each. ``language`` only keys the memo (the active one is
    read by ``date_format``); a datetime is never remembered, its day depends on the time zone."""
    return formats.date_format(day, name)


def _forget_formats(*, setting, **kwargs):
    # Whenever Django forgets its own formats: a test that changes them sees its change.
    if setting in formats.FORMAT_SETTINGS or setting == "USE_THOUSAND_SEPARATOR":
        _format_day.cache_clear()


setting_changed.connect(_forget_formats)


def long_date(value: datetime.date) -> str:
    """The date in full: "30 August 2016", "30 de agosto de 2016"."""
    return _format(value, "DATE_FORMAT")


def month_day(value: datetime.date) -> str:
    """A day of a known year: "6 December", "6 de diciembre"."""
    return _format(value, "MONTH_DAY_FORMAT")


def weekday_date(value: datetime.date) -> str:
    """A day of a known year with its weekday: "Tuesday 6 December", "martes 6 de diciembre"."""
    return _format(value, "WEEKDAY_DAY_FORMAT")


def _range_parts(start: datetime.date, end: datetime.date | None) -> list[tuple[datetime.date, str]]:
    """Each end of the range with how it is written; one part for a single day."""
    start, end = _local(start), _local(end) if end else None
    if end is None or end == start:
        return [(start, long_date(start))]
    if (start.year, start.month) == (end.year, end.month):
        first = _format(start, "j")
    elif start.year == end.year:
        first = month_day(start)
    else:
        first = long_date(start)
    return [(start, first), (end, long_date(end))]


def date_range(start: datetime.date, end: datetime.date | None = None) -> str:
    """A day or a span of days: "6–9 December 2016", "30 November–2 December 2016"."""
    return RANGE_DASH.join(text for _day, text in _range_parts(start, end))


def date_range_html(start: datetime.date, end: datetime.date | None = None) -> SafeString:
    """``date_range`` with each end in a ``<time>`` element giving its ISO date."""
    return mark_safe(
        RANGE_DASH.join(
            format_html('<time datetime="{}">{}</time>', day.isoformat()[:10], text)
            for day, text in _range_parts(start, end)
        )
    )

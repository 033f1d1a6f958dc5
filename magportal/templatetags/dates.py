"""Template side of ``magportal.dates``: ``{% load dates %}``, then ``{{ day|long_date }}``,
``{{ day|weekday_date }}``, ``{% date_range start end %}`` (with ``<time>`` elements)."""

from django import template

from magportal import dates

register = template.Library()


@register.filter
def long_date(value):
    return dates.long_date(value) if value else ""


@register.filter
def weekday_date(value):
    return dates.weekday_date(value) if value else ""


@register.simple_tag
def date_range(start, end=None):
    return dates.date_range_html(start, end) if start else ""

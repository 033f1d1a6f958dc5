"""Template helpers of the session grid, as Python rather than included partials.

The grid repeats these for every slot and session; an ``{% include %}`` per use cost
a third of the page's rendering time.

``{% load schedule_format %}`` then:

- ``{{ time|hhmm }}``: "09:30", as ``time:"H:i"`` but without building a formatter per use;
- ``{{ minutes|duration }}``: "90 minutes", "2 hours" (translated, with plurals);
- ``{% session_kind kind label %}``: a session kind as icon and words, so it is never told by colour alone.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import ngettext

register = template.Library()

_KIND_ICONS = {"ceremony": "★", "orientation": "●", "main": "■"}


@register.filter
def hhmm(value) -> str:
    return value.strftime("%H:%M")


@register.filter
def duration(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("%(counter)s hour", "%(counter)s hours", hours) % {"counter": hours}
    return ngettext("%(counter)s minute", "%(counter)s minutes", minutes) % {"counter": minutes}


@register.simple_tag
def session_kind(kind: str, label: str) -> str:
    return format_html(
        '<span class="kind kind--{}"><span class="kind__icon" aria-hidden="true">{}</span> '
        '<span class="kind__label">{}</span></span>',
        kind,
        _KIND_ICONS.get(kind, "◆"),
        label,
    )

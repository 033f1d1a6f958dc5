"""Template helpers of the session grid, as Python rather than included partials.

The grid repeats these for every slot and session; an ``{% include %}`` per use cost
a third of the page's rendering time.

``{% load schedule_format %}`` then:

- ``{{ time|hhmm }}``: "09:30", as ``time:"H:i"`` but without building a formatter per use;
- ``{{ minutes|duration }}``: "90 minutes", "2 hours" (translated, with plurals);
- ``{% session_kind kind label %}``: a session kind as icon and words, so it is never told by colour alone;
- ``{% continued_from earlier slot %}``: "continued from 11:30" (or from another day), what a continued slot
  carries on.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from magportal.dates import weekday_date

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


@register.simple_tag
def continued_from(earlier, slot) -> str:
    """Which slot of the same session this one continues, so its note is not read as another session.

    On screen "from 11:30" after the ↪ (a 30-minute cell has room for one line of it, with its note);
    screen readers hear "continued from 11:30".
    """
    if earlier is None:
        return gettext("continued")
    when = {"time": hhmm(earlier.start_time), "day": weekday_date(earlier.date)}
    if earlier.date == slot.date:
        spoken, shown = gettext("continued from %(time)s") % when, gettext("from %(time)s") % when
    else:
        spoken = gettext("continued from %(day)s, %(time)s") % when
        shown = gettext("from %(day)s, %(time)s") % when
    return format_html(
        '<span class="visually-hidden">{}</span><span aria-hidden="true">{}</span>', spoken, shown
    )

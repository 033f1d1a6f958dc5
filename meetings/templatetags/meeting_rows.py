"""``{% load meeting_rows %}``, then ``{{ meeting|decision_counts }}``: "12 decisions, 1 action" (the
actions left out when there are none), as the lists of meetings write under each meeting.

Python rather than two ``{% blocktranslate count %}`` in the row: they were the row's largest cost,
and the meetings list renders fifty rows. The same messages, so the same translations.
"""

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def decision_counts(meeting) -> str:
    decisions, actions = meeting.decision_count, meeting.action_count
    written = ngettext("%(counter)s decision", "%(counter)s decisions", decisions) % {"counter": decisions}
    if not actions:
        return written
    also = ngettext("%(counter)s action", "%(counter)s actions", actions) % {"counter": actions}
    return f"{written}, {also}"

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from meetings.listing import newest_first
from meetings.models import Decision


class LatestDecisionsFeed(Feed):
    """The newest published decisions, the same for whoever asks (never drafts or annotations)."""

    feed_type = Atom1Feed
    title = _("MAG Portal: latest decisions")
    subtitle = _("Decisions and actions recorded in the published reports of the IGF MAG's meetings.")
    link = reverse_lazy("meetings:decision_list")
    feed_url = reverse_lazy("meetings:decision_feed")
    # Atom requires an author (RFC 4287, 4.1.1): the reports are the Secretariat's, on the MAG's behalf.
    author_name = _("IGF Secretariat")

    def items(self):
        return newest_first(Decision.objects.published().select_related("agenda_item__meeting"))[:50]

    def item_title(self, item):
        return _("%(kind)s, paragraph %(number)s of %(meeting)s") % {
            "kind": item.get_kind_display(),
            "number": item.agenda_item.number or item.agenda_item.position,
            "meeting": item.agenda_item.meeting.title,
        }

    def item_description(self, item):
        # Atom summaries are HTML: the imported text is escaped, not interpreted.
        return conditional_escape(item.text)

    def item_pubdate(self, item):
        meeting = item.agenda_item.meeting
        return datetime.datetime.combine(meeting.date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.agenda_item.meeting.updated_at

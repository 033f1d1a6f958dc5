import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from magportal.page_cache import cached_page
from meetings import caching
from meetings.listing import newest_first
from meetings.models import Decision
from meetings.selectors import tracked_actions


class _DecisionsFeed(Feed):
    """An Atom feed of decisions (each with its agenda item and meeting loaded), dated by their meeting."""

    feed_type = Atom1Feed

    def item_description(self, item):
        # Atom summaries are HTML: the imported text is escaped, not interpreted.
        return conditional_escape(item.text)

    def item_pubdate(self, item):
        meeting = item.agenda_item.meeting
        return datetime.datetime.combine(meeting.date, datetime.time(), tzinfo=datetime.UTC)

    def item_updateddate(self, item):
        return item.agenda_item.meeting.updated_at


@method_decorator(cached_page(caching.FEED), name="__call__")
class LatestDecisionsFeed(_DecisionsFeed):
    """The newest published decisions, the same for whoever asks (never drafts or annotations)."""

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


class ActionsFeed(_DecisionsFeed):
    """The actions of the newest meetings the user may see (and the tracker's filters select)."""

    title = _("MAG Portal: actions")
    subtitle = _("Tasks the MAG's summary reports give, with their owners and due dates.")
    link = reverse_lazy("meetings:action_list")
    feed_url = reverse_lazy("meetings:action_feed")

    def get_object(self, request, *args, **kwargs):
        return request

    def items(self, request):
        _form, actions = tracked_actions(request)
        return actions.order_by("-agenda_item__meeting__date", "agenda_item__position", "position")[:50]

    def item_title(self, item):
        return _("%(owner)s: %(status)s, due %(due)s") % {
            "owner": item.owner or _("No owner named"),
            "status": item.get_status_display(),
            "due": date_format(item.due_date) if item.due_date else _("no date"),
        }

    def item_link(self, item):
        return item.agenda_item.get_absolute_url()

    def item_guid(self, item):
        return item.get_absolute_url()

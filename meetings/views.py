from django.db.models.query import EmptyQuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from magportal.page_cache import cached_page
from meetings import caching
from meetings.calendar import CALENDAR_LIMIT, build_action_calendar
from meetings.export import CONTENT_TYPE, docx_filename, report_docx
from meetings.forms import DecisionFilterForm, MeetingFilterForm
from meetings.highlight import (
    footnote_html,
    highlight_decisions,
    is_link,
    mark_terms,
    search_excerpt,
    search_terms,
)
from meetings.listing import newest_first, newest_first_among_few
from meetings.models import Annotation, Decision, Meeting, UpcomingMeeting
from meetings.pagination import CappedPaginator
from meetings.roles import may_see_all_annotations
from meetings.search import search_decisions
from meetings.selectors import (
    announced_meetings_between,
    announcement_list_key,
    by_item,
    is_staff_work,
    latest_published_meetings,
    meeting_list_key,
    next_announced_meetings,
    report_rows,
    tracked_actions,
    with_decision_counts,
)
from schedule.models import Event


def decisions_for_listing(user):
    """Newest meeting first, then in the order of the report (on PostgreSQL, one index's order)."""
    return newest_first(Decision.objects.visible_to(user).select_related("agenda_item__meeting"))


#: What the report page's header shows of its meeting and of the annual meeting its annex is a grid of.
REPORT_HEADER_FIELDS = (
    *("title", "slug", "kind", "status", "date", "end_date", "cycle_year", "chair", "recording_url"),
    *("event__title", "event__slug", "event__is_published"),
)
#: What a row of ``_decision_rows.html`` shows of a decision, its paragraph and its meeting.
DECISION_ROW_FIELDS = (
    *("kind", "text", "agenda_item__number", "agenda_item__position"),
    *("agenda_item__meeting__title", "agenda_item__meeting__slug"),
    *("agenda_item__meeting__date", "agenda_item__meeting__status"),
)


@cached_page(caching.HOME)
def home(request):
    # Each list reads only the columns its rows show: Django's building and reading of the
    # others (three tables' worth for the decisions) was a third of the page's time.
    context = {
        "event": Event.objects.published().first(),
        "meetings": latest_published_meetings(count=5),
        "decisions": newest_first(
            Decision.objects.published().select_related("agenda_item__meeting").only(*DECISION_ROW_FIELDS)
        )[:5],
        # Announced in a report ("will take place on 13 September"), not held yet: an announcement
        # whose date has passed is history, even while its own report has not arrived.
        "upcoming": next_announced_meetings(user=request.user, from_date=timezone.localdate(), count=5),
    }
    return render(request, "meetings/home.html", context)


@method_decorator(cached_page(caching.MEETING_LIST), name="dispatch")
class MeetingListView(ListView):
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    # Ten cycles of records are thousands of meetings; a page is a cycle or two.
    paginate_by = 50

    def get_queryset(self):
        self.form = MeetingFilterForm(self.request.GET or None)
        meetings = Meeting.objects.visible_to(self.request.user).order_by("-cycle_year", "-date", "-pk")
        if self.form.is_bound:
            if not self.form.is_valid():
                return meetings.none()
            if self.form.cleaned_data["kind"]:
                meetings = meetings.filter(kind=self.form.cleaned_data["kind"])
        return meetings

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        # Counted for this page's meetings only, in one query, however deep the page.
        meetings = with_decision_counts(list(context["meetings"]))
        context["meetings"] = meetings
        context["rows"] = self._with_announced(meetings, context["page_obj"])
        return context

    def _with_announced(self, meetings, page):
        """The page's meetings with the announced meetings that fall among them (marked "Announced"):
        the first page also takes those newer than its meetings, the last those older."""
        if self.form.is_bound and (not self.form.is_valid() or self.form.cleaned_data["kind"]):
            return meetings  # an announcement has no kind
        newer_than = older_than = None
        if page is not None and page.has_previous():
            newer_than = meeting_list_key(self.object_list[page.start_index() - 2])
        if page is not None and page.has_next():
            older_than = meeting_list_key(meetings[-1])
        announced = announced_meetings_between(
            user=self.request.user, newer_than=newer_than, older_than=older_than
        )
        return sorted(
            [*meetings, *announced],
            key=lambda row: (
                announcement_list_key(row) if isinstance(row, UpcomingMeeting) else meeting_list_key(row)
            ),
            reverse=True,
        )


@method_decorator(cached_page(caching.REPORT), name="dispatch")
class MeetingDetailView(DetailView):
    """The summary report, paragraph by paragraph."""

    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return (
            Meeting.objects.visible_to(self.request.user).select_related("event").only(*REPORT_HEADER_FIELDS)
        )

    def get_context_data(self, **kwargs):
        meeting = self.object
        user = self.request.user
        rows = report_rows(meeting)
        # Annotations the user may not see are never fetched: not hidden, absent (and for the public,
        # not even asked for).
        visible = Annotation.objects.visible_to(user)
        annotations = (
            {}
            if isinstance(visible, EmptyQuerySet)
            else by_item(visible.filter(agenda_item__meeting=meeting).order_by("date", "pk"))
        )
        paragraphs = []
        footnotes = []
        # How many times each printed number has been used so far: reports repeat one now and then.
        numbers_seen: dict[str, int] = {}
        section = ""
        for item in rows.items:
            notes = rows.footnotes.get(item.pk, [])
            highlighted = highlight_decisions(
                text=item.text,
                decisions=rows.decisions.get(item.pk, []),
                footnotes=notes,
                # A mark's place is known only in the text as imported.
                place_footnotes=bool(notes) and not is_staff_work(item),
            )
            footnotes += [
                {
                    "item": item,
                    "footnote": footnote,
                    "html": footnote_html(footnote),
                    "cited": _if_visible(footnote.cited_meeting, user),
                }
                for footnote in notes
            ]
            occurrence = numbers_seen[item.number] = numbers_seen.get(item.number, 0) + 1
            # The second paragraph printed "8." says so, so it does not read as a mistake here.
            number_repeated = bool(item.number) and occurrence > 1
            paragraphs.append(
                {
                    "item": item,
                    # Copied here, so the template reads one row per paragraph, not two.
                    "number": item.number,
                    "position": item.position,
                    "anchor": item.anchor,
                    # A section's name heads its first paragraph.
                    "heading": item.section if item.section != section else "",
                    "number_repeated": number_repeated,
                    "number_label": _number_label(item, repeated=number_repeated),
                    "html": highlighted.html,
                    "unplaced_decisions": highlighted.unplaced,
                    "annotations": annotations.get(item.pk, []),
                }
            )
            section = item.section
        return super().get_context_data(
            paragraphs=paragraphs,
            footnotes=footnotes,
            recording_url=meeting.recording_url if is_link(meeting.recording_url) else "",
            event=meeting.event if meeting.event and meeting.event.is_visible_to(user) else None,
            annotated_copy=may_see_all_annotations(user),
            **kwargs,
        )


def _number_label(item, *, repeated: bool) -> str:
    """What a screen reader says for the paragraph's number: written here rather than by a
    ``{% blocktranslate %}`` in the template, which costs more than the rest of the paragraph."""
    if repeated:
        label = gettext("Paragraph %(number)s again: the report numbers two paragraphs %(number)s")
    else:
        label = gettext("Paragraph %(number)s")
    return label % {"number": item.number or item.position}


def meeting_docx(request, slug):
    """The report as a Word document, as the user may see it (drafts and annotations alike)."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user).select_related("event"), slug=slug)
    response = HttpResponse(report_docx(meeting=meeting, user=request.user), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(meeting)}"'
    # Each role gets its own copy: never share one between users.
    response["Cache-Control"] = "private, no-store"
    return response


def _if_visible(meeting: Meeting | None, user) -> Meeting | None:
    return meeting if meeting is not None and meeting.is_visible_to(user) else None


@method_decorator(cached_page(caching.DECISION_LIST), name="dispatch")
class DecisionListView(ListView):
    """Every decision the user may see, filtered and searched."""

    template_name = "meetings/decision_list.html"
    context_object_name = "decisions"
    paginate_by = 25
    # Counting every match of a common word is most of a search's time: count up to 1,000.
    paginator_class = CappedPaginator

    def get_queryset(self):
        user = self.request.user
        self.form = DecisionFilterForm(self.request.GET or None, meetings=Meeting.objects.visible_to(user))
        decisions = decisions_for_listing(user)
        if not self.form.is_bound:
            return decisions
        if not self.form.is_valid():
            return decisions.none()
        decisions = self.form.filter(decisions)
        self.best_match_first = self.form.cleaned_data["sort"] == DecisionFilterForm.BEST_MATCH
        return search_decisions(
            queryset=decisions,
            query=self.form.cleaned_data["q"],
            # Newest first unless asked: ranking reads every match, thousands for a common word.
            best_match_first=self.best_match_first,
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        searching = self.form.is_bound and self.form.is_valid() and self.form.cleaned_data["q"].strip()
        if searching and not self.best_match_first and not paginator.is_capped:
            # Few matches (counted exactly): find them by the full-text index and sort them.
            paginator.object_list = newest_first_among_few(queryset)
        return paginator

    def get_context_data(self, **kwargs):
        query = self.form.cleaned_data.get("q", "") if self.form.is_bound and self.form.is_valid() else ""
        context = super().get_context_data(form=self.form, query=query, **kwargs)
        if query:
            # Show why each decision matched: the words in its text, else the passage of its paragraph.
            terms = search_terms(query)
            for decision in context["decisions"]:
                decision.marked_text = mark_terms(decision.text, terms)
                if terms is not None and not terms.search(decision.text):
                    decision.matching_passage = search_excerpt(
                        text=decision.agenda_item.text, terms=terms, skip=decision.text
                    )
        return context


@method_decorator(cached_page(caching.DECISION), name="dispatch")
class DecisionDetailView(DetailView):
    template_name = "meetings/decision_detail.html"

    def get_queryset(self):
        return Decision.objects.visible_to(self.request.user).select_related(
            "agenda_item__meeting", "session__event"
        )

    def get_context_data(self, **kwargs):
        decision = self.object
        item = decision.agenda_item
        meeting = item.meeting
        highlighted = highlight_decisions(
            text=item.text,
            decisions=[decision],
            footnotes=list(item.footnotes.order_by("kind", "pk")),
            place_footnotes=not is_staff_work(item),
            notes_page=meeting.get_absolute_url(),
            # The decision's own page marks it without a link to itself.
            link_decisions=False,
        )
        session = decision.session
        show_session = session is not None and session.event.is_visible_to(self.request.user)
        return super().get_context_data(
            item=item,
            meeting=meeting,
            paragraph_html=highlighted.html,
            session=session if show_session else None,
            **kwargs,
        )


class ActionListView(ListView):
    """The action tracker: the actions of the meetings the user may see, open ones first."""

    template_name = "meetings/action_list.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        self.form, actions = tracked_actions(self.request)
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(form=self.form, **kwargs)
        today = timezone.localdate()
        for action in context["actions"]:
            action.overdue = action.is_overdue(today)
        context["today"] = today
        context["query_string"] = self.request.GET.urlencode()
        return context


def action_calendar(request):
    """The due dates of the open actions the user may see (and the tracker's filters select)."""
    _form, actions = tracked_actions(request)
    actions = actions.filter(status=Decision.Status.OPEN, due_date__isnull=False)[:CALENDAR_LIMIT]
    body = build_action_calendar(actions=actions, absolute_url=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mag-actions.ics"'
    return response

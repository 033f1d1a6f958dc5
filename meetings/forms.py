from django import forms
from django.db.models import Max, Min, Q
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.listing import within_dates
from meetings.models import Decision, Meeting


class MeetingFilterForm(forms.Form):
    """The meetings list's filter: one kind of meeting."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Meeting.Kind.choices]
    )


def _html_attrs(attrs: dict) -> str:
    """As Django's ``attrs.html``: ``True`` writes the bare name, ``False`` leaves it out."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False
    )


class OptionsSelect(forms.Select):
    """A select written out in Python, with the same HTML as Django's templates.

    A cycle year of a large archive holds hundreds of meetings, and the template
    engine renders each ``<option>`` through an include: that was most of the
    decisions page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        chosen = self.format_value(value)
        parts = [format_html('<select name="{}"{}>', name, mark_safe(_html_attrs(attrs)))]
        for group_name, options in self._groups():
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            # Each option escaped here rather than through format_html: hundreds of them.
            for option_value, label in options:
                option_value = "" if option_value is None else str(option_value)
                selected = " selected" if option_value in chosen else ""
                parts.append(
                    f'\n  <option value="{conditional_escape(option_value)}"{selected}>'
                    f"{conditional_escape(label)}</option>"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))

    def _groups(self):
        """(group label or None, [(value, label), ...]) in order, as ``optgroups`` reads ``choices``."""
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                yield option_value, label
            else:
                yield None, [(option_value, label)]


class DecisionFilterForm(forms.Form):
    """The decisions browser's search and filters, sent by GET."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    cycle_year = forms.TypedChoiceField(
        label=_("Cycle year"), required=False, coerce=int, empty_value=None, widget=OptionsSelect
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        required=False,
        queryset=Meeting.objects.none(),
        to_field_name="slug",
        empty_label=_("All meetings"),
        widget=OptionsSelect,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Decisions and actions")), *Decision.Kind.choices],
        widget=OptionsSelect,
    )
    #: Newest first (the default, empty in the URL) or, for a search, best match first.
    BEST_MATCH = "best_match"
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[("", _("Newest first")), (BEST_MATCH, _("Best match"))],
        widget=OptionsSelect,
    )

    def __init__(self, *args, meetings, **kwargs):
        """``meetings`` are those the user may see: the only ones offered or accepted."""
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        # Each cycle year with the dates of its first and last meetings (one query, from an index).
        cycles = meetings.order_by("-cycle_year").values_list("cycle_year").annotate(Min("date"), Max("date"))
        self.cycle_dates = {year: (first, last) for year, first, last in cycles}
        years = list(self.cycle_dates)
        self.fields["cycle_year"].choices = [("", _("All years")), *((year, year) for year in years)]
        self.fields["meeting"].widget.choices = self._meeting_options(meetings, years)

    def _meeting_options(self, meetings, years):
        # A decade of archive is thousands of meetings: offer those of the chosen cycle
        # year (else the newest), while any meeting the user may see is still accepted.
        chosen = self.data.get("cycle_year", "") if self.is_bound else ""
        year = int(chosen) if chosen.isdigit() and int(chosen) in years else (years[0] if years else None)
        if year is None:
            return [("", _("All meetings"))]
        selected = self.data.get("meeting", "") if self.is_bound else ""
        offered = meetings.filter(Q(cycle_year=year) | Q(slug=selected)).order_by("-date", "-pk")
        group = _("%(year)s cycle") % {"year": year}
        # Pairs, not model instances: a cycle year of a large archive holds hundreds of meetings.
        return [("", _("All meetings")), (group, list(offered.values_list("slug", "title")))]

    def filter(self, decisions):
        """``decisions`` narrowed by the valid form's filters (not the search)."""
        data = self.cleaned_data
        if data["cycle_year"]:
            decisions = decisions.filter(agenda_item__meeting__cycle_year=data["cycle_year"])
            first, last = self.cycle_dates[data["cycle_year"]]
            decisions = within_dates(decisions, first=first, last=last)
        if data["meeting"]:
            meeting = data["meeting"]
            decisions = decisions.filter(agenda_item__meeting=meeting)
            decisions = within_dates(decisions, first=meeting.date, last=meeting.date)
        if data["kind"]:
            decisions = decisions.filter(kind=data["kind"])
        return decisions


class ActionFilterForm(forms.Form):
    """The action tracker's filters, sent by GET: owner, status and cycle year."""

    owner = forms.ChoiceField(label=_("Owner"), required=False, widget=OptionsSelect)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Decision.Status.choices],
        widget=OptionsSelect,
    )
    cycle_year = forms.TypedChoiceField(
        label=_("Cycle year"), required=False, coerce=int, empty_value=None, widget=OptionsSelect
    )

    def __init__(self, *args, actions, **kwargs):
        """``actions`` are those the user may see: their owners and cycle years are offered."""
        super().__init__(*args, **kwargs)
        owners = actions.exclude(owner="").order_by("owner").values_list("owner", flat=True).distinct()
        self.fields["owner"].choices = [("", _("Any owner")), *((owner, owner) for owner in owners)]
        years = (
            actions.order_by("-agenda_item__meeting__cycle_year")
            .values_list("agenda_item__meeting__cycle_year", flat=True)
            .distinct()
        )
        self.fields["cycle_year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filter(self, actions):
        """``actions`` narrowed by the valid form's filters."""
        data = self.cleaned_data
        if data["owner"]:
            actions = actions.filter(owner=data["owner"])
        if data["status"]:
            actions = actions.filter(status=data["status"])
        if data["cycle_year"]:
            actions = actions.filter(agenda_item__meeting__cycle_year=data["cycle_year"])
        return actions

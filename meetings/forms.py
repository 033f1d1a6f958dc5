from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Decision, Meeting


class MeetingFilterForm(forms.Form):
    """The meetings list's filter: one kind of meeting."""

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Meeting.Kind.choices]
    )


class DecisionFilterForm(forms.Form):
    """The decisions browser's search and filters, sent by GET."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    cycle_year = forms.TypedChoiceField(label=_("Cycle year"), required=False, coerce=int, empty_value=None)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        required=False,
        queryset=Meeting.objects.none(),
        to_field_name="slug",
        empty_label=_("All meetings"),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Decisions and actions")), *Decision.Kind.choices]
    )

    def __init__(self, *args, meetings, **kwargs):
        """``meetings`` are those the user may see: the only ones offered or accepted."""
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        years = meetings.order_by("-cycle_year").values_list("cycle_year", flat=True).distinct()
        self.fields["cycle_year"].choices = [("", _("All years")), *((year, year) for year in years)]

    def filter(self, decisions):
        """``decisions`` narrowed by the valid form's filters (not the search)."""
        data = self.cleaned_data
        if data["cycle_year"]:
            decisions = decisions.filter(agenda_item__meeting__cycle_year=data["cycle_year"])
        if data["meeting"]:
            decisions = decisions.filter(agenda_item__meeting=data["meeting"])
        if data["kind"]:
            decisions = decisions.filter(kind=data["kind"])
        return decisions

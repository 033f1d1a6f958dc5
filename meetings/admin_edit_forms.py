"""The meeting's change form in the admin, refusing to save over a newer version of the meeting.

An import (``import_report --replace``, or the admin's import) and a Secretariat user may
change the same meeting at once. Whoever commits first wins, and nothing of the other is
lost silently: the import keeps what staff edited and lists it in its summary; a change form
opened before an import (or another user's save) is refused with a message, the user's
input still in the form, so they can look at the current meeting and apply it again.
"""

from django import forms

from meetings.models import Meeting


class MeetingChangeForm(forms.ModelForm):
    #: The meeting's ``updated_at`` when the form was opened.
    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["title"]  # the admin's fieldsets choose the fields it shows

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # Locked until the admin's transaction ends, so no import commits between this check and the save.
        current = (
            Meeting.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
        ).first()
        opened = self.cleaned_data.get("opened_version") or self.data.get(self.add_prefix("opened_version"))
        if current is not None and opened != current.isoformat():
            latest = self.instance.history.select_related("history_user").first()
            if latest is not None and latest.history_user is not None:
                who = latest.history_user.get_username()
            else:
                who = f"an import of {self.instance.source_name or 'a report'}"
            raise forms.ValidationError(
                "This meeting was changed after you opened it, by %(who)s at %(when)s. Nothing of yours was "
                "saved: your changes are still in this form; open the meeting again in a new tab to see its "
                "current version, and make them there.",
                code="stale",
                params={"who": who, "when": current.strftime("%Y-%m-%d %H:%M:%S UTC")},
            )
        return cleaned

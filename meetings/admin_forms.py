"""The admin's forms for importing a summary report: the upload, then the confirmation of its preview."""

import hashlib
import logging
import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from meetings.importer import ImportRefused
from meetings.importer.services import parse_report

logger = logging.getLogger(__name__)


class ImportReportForm(forms.Form):
    """Upload a .docx summary report; a valid form holds its bytes and what it says."""

    file = forms.FileField(label="Summary report (.docx)")
    publish = forms.BooleanField(
        required=False, help_text="Publish the meeting and its schedule at once instead of saving a draft."
    )
    replace = forms.BooleanField(
        required=False,
        help_text="Update a meeting imported before from an earlier version of this report, keeping what "
        "staff added or edited by hand.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.REPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; reports may be at most {filesizeformat(limit)}."
            )
        data = upload.read()
        try:
            self.report = parse_report(data)
        except ImportRefused as error:
            raise forms.ValidationError(" ".join(str(error).split())) from None
        except Exception as error:
            # A file the reader did not foresee is still the user's bad file, not a server error.
            logger.exception("reading the uploaded report %s failed", upload.name)
            message = f"The file cannot be read as a report ({type(error).__name__})."
            raise forms.ValidationError(message) from None
        self.data_bytes = data
        self.sha256 = hashlib.sha256(data).hexdigest()
        return upload


#: What the Secretariat may make of a sentence.
SENTENCE_KINDS = {"decision": "Decision", "action": "Action", "neither": "Neither"}
# "sentence-5-2": the third sentence of the agenda item at position 5.
_SENTENCE_FIELD = re.compile(r"^sentence-(\d{1,6})-(\d{1,6})$")


class ConfirmImportForm(forms.Form):
    """Save a previewed upload, named by its SHA-256; the bytes stay on the server.

    It also carries the Secretariat's kind for each sentence ("sentence-<item position>-<index>").
    """

    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        kinds = {}
        for key in self.data:
            match = _SENTENCE_FIELD.match(key)
            if not match:
                continue
            value = self.data.get(key)
            if value not in SENTENCE_KINDS:
                raise forms.ValidationError(
                    f"Sentence {int(match[2]) + 1} of item {match[1]}: {value!r} is not a decision, "
                    "an action or neither."
                )
            kinds[(int(match[1]), int(match[2]))] = value
        cleaned["sentence_kinds"] = kinds
        return cleaned

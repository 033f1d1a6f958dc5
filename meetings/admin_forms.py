"""The admin's forms for importing a summary report: the upload, then the confirmation of its preview."""

import hashlib
import logging

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


class ConfirmImportForm(forms.Form):
    """Save a previewed upload, named by its SHA-256; the bytes stay on the server."""

    sha256 = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)
    replace = forms.BooleanField(required=False, widget=forms.HiddenInput)

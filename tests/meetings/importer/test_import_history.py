"""Who imported a report, and from which file, in the history of every row the import wrote."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import AgendaItem, Decision, Meeting
from schedule.models import Slot
from tests.meetings.importer.documents import SEED_DOCX

IMPORT_URL = "/admin/meetings/meeting/import/"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_admin_import_history_names_the_user_and_the_file(client, secretariat_user):
    client.force_login(secretariat_user)
    preview = client.post(IMPORT_URL, {"file": SimpleUploadedFile("seed.docx", SEED_DOCX.read_bytes())})

    client.post(IMPORT_URL, {"sha256": preview.context["confirm"].initial["sha256"]})

    rows = {
        model.__name__: set(model.history.values_list("history_user", "history_change_reason"))
        for model in (Meeting, AgendaItem, Decision, Slot)
    }
    assert rows == {
        name: {(secretariat_user.pk, "Imported from seed.docx")}
        for name in ("Meeting", "AgendaItem", "Decision", "Slot")
    }
    history_page = client.get(f"/admin/meetings/meeting/{Meeting.objects.get().pk}/history/").text
    assert secretariat_user.username in history_page and "Imported from seed.docx" in history_page

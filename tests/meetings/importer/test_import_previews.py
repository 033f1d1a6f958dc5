"""The admin's import preview keeps the upload in the media storage under its SHA-256, not in the session."""

import datetime
import hashlib
import io
import os
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings.importer.previews import discard_expired_previews, keep_preview
from meetings.models import Meeting
from tests.meetings.importer.documents import SEED_DOCX

IMPORT_URL = reverse("admin:meetings_meeting_import")
SHA256 = hashlib.sha256(SEED_DOCX.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def previews(media) -> list[str]:
    folder = media / "import-previews"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def preview_upload(client):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile("seed.docx", SEED_DOCX.read_bytes())})


@pytest.mark.django_db
def test_import_previews_upload_is_in_media_under_its_sha256_not_in_the_session(
    client, secretariat_user, tmp_path
):
    client.force_login(secretariat_user)

    preview_upload(client)

    assert previews(tmp_path) == [f"{SHA256}.docx"]
    assert (tmp_path / "import-previews" / f"{SHA256}.docx").read_bytes() == SEED_DOCX.read_bytes()
    assert client.session[f"meetings.import_report:{SHA256}"] == {"name": "seed.docx"}
    assert len(client.session.encode(dict(client.session.items()))) < 1_000


@pytest.mark.django_db
def test_import_previews_file_removed_after_save(client, secretariat_user, tmp_path):
    client.force_login(secretariat_user)
    preview_upload(client)

    response = client.post(IMPORT_URL, {"sha256": SHA256})

    assert response.status_code == 302
    assert Meeting.objects.count() == 1
    assert previews(tmp_path) == []


@pytest.mark.django_db
def test_import_previews_cancel_removes_the_file_and_saves_nothing(client, secretariat_user, tmp_path):
    client.force_login(secretariat_user)
    preview_upload(client)

    response = client.post(IMPORT_URL, {"sha256": SHA256, "cancel": "Cancel"}, follow=True)

    assert response.redirect_chain == [(IMPORT_URL, 302)]
    assert "The import of seed.docx was cancelled; nothing was saved." in response.text
    assert previews(tmp_path) == []
    assert f"meetings.import_report:{SHA256}" not in client.session
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_import_previews_another_session_cannot_confirm_an_upload(client, secretariat_user, tmp_path):
    client.force_login(secretariat_user)
    preview_upload(client)
    client.logout()
    client.force_login(secretariat_user)  # a new session, without the preview's entry

    response = client.post(IMPORT_URL, {"sha256": SHA256}, follow=True)

    assert "The uploaded report is no longer available; please upload it again." in response.text
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_import_previews_expired_file_removed_at_the_next_upload(
    client, secretariat_user, tmp_path, settings
):
    settings.IMPORT_PREVIEW_MAX_AGE = 3600
    old = keep_preview(data=b"an abandoned upload")
    two_hours_ago = time.time() - 7200
    os.utime(tmp_path / "import-previews" / f"{old}.docx", (two_hours_ago, two_hours_ago))
    fresh = keep_preview(data=b"another upload, still in its preview")
    client.force_login(secretariat_user)

    preview_upload(client)

    assert previews(tmp_path) == sorted([f"{fresh}.docx", f"{SHA256}.docx"])


@pytest.mark.django_db
def test_import_previews_command_discards_expired_previews(tmp_path, settings):
    settings.IMPORT_PREVIEW_MAX_AGE = 60
    kept = keep_preview(data=b"recent")
    keep_preview(data=b"old")
    stdout = io.StringIO()
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)

    assert discard_expired_previews(now=later) == 0
    os.utime(tmp_path / "import-previews" / f"{hashlib.sha256(b'old').hexdigest()}.docx", (0, 0))
    call_command("discard_import_previews", stdout=stdout)

    assert stdout.getvalue() == "removed 1 expired import previews\n"
    assert previews(tmp_path) == [f"{kept}.docx"]

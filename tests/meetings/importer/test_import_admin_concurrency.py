"""An import --replace and a Secretariat user saving the same meeting in the admin: the first to commit
wins, and the other side is told, with nothing lost."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from tests.meetings.importer.documents import SEED_DOCX
from tests.meetings.test_listing import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def import_report(path, *options) -> str:
    stdout = io.StringIO()
    call_command("import_report", str(path), *options, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def test_concurrent_edit_admin_form_opened_before_an_import_is_refused_with_input_kept(
    client, secretariat_user, tmp_path
):
    import_report(SEED_DOCX)
    meeting = Meeting.objects.get()
    client.force_login(secretariat_user)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    opened = admin_form_data(client.get(url))
    revised = tmp_path / "revised.docx"
    revised.write_bytes(SEED_DOCX.read_bytes() + b"\0")
    import_report(revised, "--replace")  # commits while the form is open

    response = client.post(url, {**opened, "chair": "Edited while the import ran"})

    meeting.refresh_from_db()
    assert response.status_code == 200
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("This meeting was changed after you opened it, by an import of revised.docx at ")
    assert "Nothing of yours was saved: your changes are still in this form" in response.text
    assert 'value="Edited while the import ran"' in response.text
    assert meeting.source_name == "revised.docx"
    assert meeting.chair != "Edited while the import ran"
    assert AgendaItem.objects.filter(meeting=meeting).count() == 10


def test_concurrent_edit_admin_save_first_is_kept_by_the_import(client, secretariat_user, tmp_path):
    import_report(SEED_DOCX)
    meeting = Meeting.objects.get()
    client.force_login(secretariat_user)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    saved = client.post(url, {**admin_form_data(client.get(url)), "chair": "Chengetai Masango (acting)"})
    revised = tmp_path / "revised.docx"
    revised.write_bytes(SEED_DOCX.read_bytes() + b"\0")

    summary = import_report(revised, "--replace")

    meeting.refresh_from_db()
    assert saved.status_code == 302
    assert meeting.chair == "Chengetai Masango (acting)"
    assert meeting.source_name == "revised.docx"
    assert "kept 1 staff rows: the meeting's chair (edited by staff)" in summary


def test_concurrent_edit_admin_form_saves_when_nothing_changed_meanwhile(client, secretariat_user):
    import_report(SEED_DOCX)
    meeting = Meeting.objects.get()
    client.force_login(secretariat_user)
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])

    response = client.post(url, {**admin_form_data(client.get(url)), "chair": "A new chair"})

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.chair == "A new chair"


def test_concurrent_edit_admin_form_opened_before_another_users_save_names_them(client, secretariat_user):
    from tests.factories import make_secretariat_user

    import_report(SEED_DOCX)
    meeting = Meeting.objects.get()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    client.force_login(secretariat_user)
    opened = admin_form_data(client.get(url))
    colleague = make_secretariat_user(username="kossi")
    client.force_login(colleague)
    client.post(url, {**admin_form_data(client.get(url)), "chair": "Set by Kossi"})
    client.force_login(secretariat_user)

    response = client.post(url, {**opened, "chair": "Set later from an old page"})

    meeting.refresh_from_db()
    [error] = response.context["adminform"].form.non_field_errors()
    assert error.startswith("This meeting was changed after you opened it, by kossi at ")
    assert meeting.chair == "Set by Kossi"

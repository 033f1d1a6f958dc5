"""An import's statements and lock waits are bounded, and a second import of a meeting fails at once."""

import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.urls import reverse

from meetings.importer import ImportRefused, save
from meetings.importer.interpret import interpret_document
from meetings.importer.save import save_report
from meetings.models import AgendaItem, Meeting
from tests.meetings.importer.documents import SEED_DOCX, seed_document

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's timeouts and locks")


def seed_report():
    return interpret_document(seed_document())


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db(transaction=True)
def test_import_timeouts_second_import_of_the_meeting_fails_fast(monkeypatch):
    first_has_lock, second_done = threading.Event(), threading.Event()
    real_existing = save._existing
    outcomes, errors = [], []

    def existing_then_wait(**kwargs):
        found = real_existing(**kwargs)
        if threading.current_thread().name == "first":
            first_has_lock.set()
            second_done.wait(timeout=30)
        return found

    monkeypatch.setattr(save, "_existing", existing_then_wait)

    def import_once():
        try:
            outcomes.append(save_report(seed_report(), data=b"seed bytes", source_name="seed.docx").status)
        except ImportRefused as error:
            errors.append((str(error), time.monotonic() - started))
        finally:
            if threading.current_thread().name == "second":
                second_done.set()
            connection.close()

    first = threading.Thread(target=import_once, name="first")
    first.start()
    assert first_has_lock.wait(timeout=30)
    started = time.monotonic()
    second = threading.Thread(target=import_once, name="second")
    second.start()
    second.join()
    first.join()

    assert outcomes == ["created"]
    [(message, seconds)] = errors
    assert message == (
        "another import of this meeting is running "
        "(igf-virtual-multistakeholder-advisory-group-mag-meeting-vi-2016-08-30); try again when it ends"
    )
    assert seconds < 2
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == (1, 10)


@pytest.mark.django_db(transaction=True)
def test_import_timeouts_statement_over_the_timeout_is_cancelled_and_nothing_saved(settings, monkeypatch):
    settings.IMPORT_STATEMENT_TIMEOUT = 0.2
    real_existing = save._existing

    def slow_existing(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")
        return real_existing(**kwargs)

    monkeypatch.setattr(save, "_existing", slow_existing)
    started = time.monotonic()

    with pytest.raises(ImportRefused) as refused:
        save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")

    assert time.monotonic() - started < 3
    assert str(refused.value) == (
        "the save took longer than IMPORT_STATEMENT_TIMEOUT (0.2 s) and was cancelled; nothing was saved"
    )
    assert Meeting.objects.count() == 0
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"  # for the import's transaction only


@pytest.mark.django_db(transaction=True)
def test_import_timeouts_lock_held_by_an_admin_save_refuses_after_the_lock_timeout(settings):
    settings.IMPORT_LOCK_TIMEOUT = 0.3
    save_report(seed_report(), data=b"seed bytes", source_name="seed.docx")
    meeting = Meeting.objects.get()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT id FROM meetings_meeting WHERE id = %s FOR UPDATE", [meeting.pk])
            started = time.monotonic()
            with pytest.raises(ImportRefused) as refused:
                save_report(seed_report(), data=b"other bytes", source_name="seed-v2.docx", replace=True)
            cursor.execute("ROLLBACK")
    finally:
        other.close()

    assert time.monotonic() - started < 3
    assert str(refused.value) == (
        "the meeting is being saved by someone else (waited IMPORT_LOCK_TIMEOUT, 0.3 s); "
        "nothing was saved, try again"
    )
    assert Meeting.objects.get().source_name == "seed.docx"


@pytest.mark.django_db(transaction=True)
def test_import_timeouts_killed_import_has_its_database_work_cancelled():
    """kill -9 on an importing process: its backend stops within seconds, not when its statement ends."""
    name = f"killed-import-{os.getpid()}"
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    script = textwrap.dedent(
        f"""
        import django, os
        os.environ["DATABASE_URL"] = {url!r}
        os.environ["DJANGO_SETTINGS_MODULE"] = "magportal.settings"
        django.setup()
        from django.db import connection, transaction
        from meetings.importer import save
        with transaction.atomic():
            save._bound_and_lock(slug="a-meeting")
            with connection.cursor() as cursor:
                cursor.execute("SET application_name = {name!r}")
                cursor.execute("SELECT pg_sleep(600)")  # the long INSERT of a large report
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], env={**os.environ, "SECRET_KEY": "x"})

    def backends() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [name])
            return cursor.fetchone()[0]

    try:
        deadline = time.monotonic() + 30
        while backends() == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert backends() == 1
        process.kill()
        process.wait()
        killed = time.monotonic()
        while backends() and time.monotonic() < killed + 10:
            time.sleep(0.1)
        assert backends() == 0
        assert time.monotonic() - killed < 5
    finally:
        process.kill()


@pytest.mark.django_db(transaction=True)
def test_import_timeouts_admin_save_over_the_timeout_shows_a_page_saying_so(
    client, secretariat_user, settings, monkeypatch
):
    settings.IMPORT_STATEMENT_TIMEOUT = 0.2
    real_existing = save._existing

    def slow_existing(**kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(5)")  # a save that would outlive the request
        return real_existing(**kwargs)

    client.force_login(secretariat_user)
    url = reverse("admin:meetings_meeting_import")
    preview = client.post(url, {"file": SimpleUploadedFile("seed.docx", SEED_DOCX.read_bytes())})
    monkeypatch.setattr(save, "_existing", slow_existing)

    response = client.post(url, {"sha256": preview.context["confirm"].initial["sha256"]})

    assert response.status_code == 200
    assert response.templates[0].name == "admin/meetings/meeting/import_preview.html"
    assert (
        "the save took longer than IMPORT_STATEMENT_TIMEOUT (0.2 s) and was cancelled; nothing was saved"
        in response.text
    )
    assert Meeting.objects.count() == 0

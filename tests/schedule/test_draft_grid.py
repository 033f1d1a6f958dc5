"""A draft report's annex never changes the public grid; publishing the report applies it.

The seed report (30 August 2016) is imported and published; then a later report of the same annual
meeting, whose annex renames one session, is imported as a draft. Every surface of the grid is
walked as each role before and after: the grid, its .ics and .json, the changes page, the version
pages, the home page and the list of events, with their ETags.
"""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from meetings.models import Meeting
from schedule.models import Event, ScheduleVersion, Session
from schedule.versions import settle_grid
from tests.factories import make_mag_member, make_secretariat_user, make_user

SEED_DOCX = (
    Path(__file__).resolve().parents[2] / "fixtures" / "reports" / "mag-virtual-meeting-vi-2016-08-30.docx"
)
RIGHTS = "Human Rights: Broadening the Conversation"
RENAMED = "Human Rights: Broadening the Conversation Online"
LATER_TITLE = "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VII"
PUBLIC_ROLES = ["anonymous", "signed in, no role"]
DRAFT_ROLES = ["MAG member", "Secretariat"]
SURFACES = [
    "/schedule/igf-2016/",
    "/schedule/igf-2016.ics",
    "/schedule/igf-2016.json",
    "/schedule/igf-2016/changes/",
    "/schedule/igf-2016/versions/1/",
    "/schedule/igf-2016/versions/2/",
    "/schedule/",
    "/",
]
# Each response carries its own CSRF token.
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')

pytestmark = pytest.mark.django_db


def _later_docx(tmp_path) -> Path:
    """Meeting VII of 20 September 2016: the seed report with one session of its annex renamed."""
    replacements = [
        (RIGHTS, RENAMED),
        ("Meeting VI<", "Meeting VII<"),
        ("30 August 2016", "20 September 2016"),
        ("30 August", "20 September"),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(SEED_DOCX) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode()
                for old, new in replacements:
                    assert old in text
                    text = text.replace(old, new, 1)
                data = text.encode()
            target.writestr(info, data)
    path = tmp_path / "mag-virtual-meeting-vii-2016-09-20.docx"
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def clients(db):
    """A client per role, each signed in as its own user."""
    found = {"anonymous": Client()}
    for role, user in [
        ("signed in, no role", make_user()),
        ("MAG member", make_mag_member()),
        ("Secretariat", make_secretariat_user()),
    ]:
        found[role] = Client()
        found[role].force_login(user)
    return found


@pytest.fixture
def seed_published(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("import_report", str(SEED_DOCX), "--publish", stdout=io.StringIO(), stderr=io.StringIO())


def _import(path: Path, *options: str) -> None:
    call_command("import_report", str(path), *options, stdout=io.StringIO(), stderr=io.StringIO())


def _seen(client: Client) -> dict[str, tuple]:
    """Every surface as ``client`` sees it: status, body (without its CSRF token) and ETag."""
    seen = {}
    for url in SURFACES:
        response = client.get(url)
        body = TOKEN.sub("", response.content.decode())
        seen[url] = (response.status_code, body, response.get("ETag"))
    return seen


def _later_meeting() -> Meeting:
    return Meeting.objects.get(title=LATER_TITLE)


def _publish_in_admin(secretariat: Client, action: str) -> None:
    response = secretariat.post(
        "/admin/meetings/meeting/", {"action": action, "_selected_action": [_later_meeting().pk]}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_draft_annex_changes_nothing_the_public_sees_on_any_grid_surface(
    clients, seed_published, tmp_path, role
):
    before = _seen(clients[role])

    _import(_later_docx(tmp_path))

    after = _seen(clients[role])
    assert after == before
    assert RENAMED not in "".join(body for _status, body, _etag in after.values())
    assert after["/schedule/igf-2016/versions/2/"][0] == 404


def test_draft_annex_leaves_the_grids_sessions_and_slots_as_they_were(seed_published, tmp_path):
    before = sorted(Session.objects.values_list("pk", "title", "slots__pk", "slots__start_time"))

    _import(_later_docx(tmp_path))

    assert sorted(Session.objects.values_list("pk", "title", "slots__pk", "slots__start_time")) == before
    draft = ScheduleVersion.objects.get(meeting=_later_meeting())
    assert (draft.number, draft.is_draft) == (None, True)


@pytest.mark.parametrize("role", PUBLIC_ROLES)
def test_draft_version_page_is_not_found_for_the_public(clients, seed_published, tmp_path, role):
    _import(_later_docx(tmp_path))
    draft = ScheduleVersion.objects.get(meeting=_later_meeting())

    assert clients[role].get(f"/schedule/igf-2016/versions/draft-{draft.pk}/").status_code == 404


@pytest.mark.parametrize("role", DRAFT_ROLES)
def test_draft_version_is_shown_marked_draft_with_what_it_would_change(
    clients, seed_published, tmp_path, role
):
    _import(_later_docx(tmp_path))
    draft = ScheduleVersion.objects.get(meeting=_later_meeting())
    client = clients[role]

    grid = client.get("/schedule/igf-2016/").content.decode()
    changes = client.get("/schedule/igf-2016/changes/").content.decode()
    page = client.get(f"/schedule/igf-2016/versions/draft-{draft.pk}/").content.decode()

    # The grid itself stays the published one, with a pointer to the draft.
    assert RIGHTS in grid and RENAMED not in grid
    assert f'href="/schedule/igf-2016/versions/draft-{draft.pk}/"' in grid
    assert "Draft version</a>, 20 September 2016" in changes
    assert f"Renamed: {RIGHTS} to {RENAMED}" in changes
    assert "draft schedule version" in page
    assert "What it would change" in page
    assert f"Renamed: {RIGHTS} to {RENAMED}" in page


@pytest.mark.parametrize("role", [*PUBLIC_ROLES, *DRAFT_ROLES])
def test_publishing_in_the_admin_applies_the_grid_for_everyone_and_unpublishing_withdraws_it(
    clients, seed_published, tmp_path, role
):
    client = clients[role]
    _import(_later_docx(tmp_path))
    before = _seen(client)

    _publish_in_admin(clients["Secretariat"], "publish_meetings")
    published = _seen(client)
    _publish_in_admin(clients["Secretariat"], "unpublish_meetings")
    withdrawn = _seen(client)

    for url in ["/schedule/igf-2016/", "/schedule/igf-2016.ics", "/schedule/igf-2016.json"]:
        assert RENAMED in published[url][1] and RENAMED not in before[url][1]
    assert published["/schedule/igf-2016/versions/2/"][0] == 200
    assert f"Renamed: {RIGHTS} to {RENAMED}" in published["/schedule/igf-2016/changes/"][1]
    assert f"Renamed: {RIGHTS} to {RENAMED}" in published["/schedule/igf-2016/versions/2/"][1]
    if role in PUBLIC_ROLES:
        assert withdrawn == before
    else:
        assert RENAMED not in withdrawn["/schedule/igf-2016/"][1]
        assert withdrawn["/schedule/igf-2016/versions/2/"][0] == 404


def test_publishing_in_the_admin_changes_the_anonymous_etag_and_unpublishing_restores_it(
    clients, seed_published, tmp_path
):
    anonymous = clients["anonymous"]
    _import(_later_docx(tmp_path))
    urls = ["/schedule/igf-2016/", "/schedule/igf-2016.ics", "/schedule/igf-2016.json"]
    before = [anonymous.get(url)["ETag"] for url in urls]

    _publish_in_admin(clients["Secretariat"], "publish_meetings")
    published = [anonymous.get(url)["ETag"] for url in urls]
    _publish_in_admin(clients["Secretariat"], "unpublish_meetings")
    withdrawn = [anonymous.get(url)["ETag"] for url in urls]

    assert all(new != old for new, old in zip(published, before, strict=True))
    assert withdrawn == before


def test_publishing_in_the_meetings_change_form_applies_the_grid(clients, seed_published, tmp_path):
    _import(_later_docx(tmp_path))
    meeting = _later_meeting()
    secretariat = clients["Secretariat"]
    form = secretariat.get(f"/admin/meetings/meeting/{meeting.pk}/change/").context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in {"source_file"}}
    data.update({"status": "published", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"})

    response = secretariat.post(f"/admin/meetings/meeting/{meeting.pk}/change/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert RENAMED in clients["anonymous"].get("/schedule/igf-2016.json").content.decode()


def test_import_report_publish_applies_a_draft_reports_grid(clients, seed_published, tmp_path):
    later = _later_docx(tmp_path)
    _import(later)

    _import(later, "--publish", "--replace")

    assert RENAMED in clients["anonymous"].get("/schedule/igf-2016/").content.decode()
    assert list(ScheduleVersion.objects.order_by("number").values_list("number", "meeting__number")) == [
        (1, 6),
        (2, 7),
    ]


def test_draft_report_of_a_new_event_keeps_the_event_unpublished_until_it_is_published(
    clients, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(SEED_DOCX)

    statuses = {role: client.get("/schedule/igf-2016/").status_code for role, client in clients.items()}
    assert statuses == {"anonymous": 404, "signed in, no role": 404, "MAG member": 200, "Secretariat": 200}

    response = clients["Secretariat"].post(
        "/admin/meetings/meeting/",
        {"action": "publish_meetings", "_selected_action": [Meeting.objects.get().pk]},
    )
    assert response.status_code == 302
    assert clients["anonymous"].get("/schedule/igf-2016/").status_code == 200
    assert clients["anonymous"].get("/schedule/igf-2016/versions/1/").status_code == 200


def test_deleting_a_draft_meeting_deletes_its_draft_version_and_keeps_the_public_grid(
    clients, seed_published, tmp_path
):
    _import(_later_docx(tmp_path))
    before = _seen(clients["anonymous"])

    _later_meeting().delete()
    settle_grid(event=Event.objects.get(slug="igf-2016"))  # as any later import or publishing does

    assert ScheduleVersion.objects.filter(number__isnull=True).count() == 0
    assert _seen(clients["anonymous"]) == before

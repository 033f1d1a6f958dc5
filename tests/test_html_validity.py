"""Every public page, the pages of drafts and the admin's import and meeting pages are valid HTML for
the W3C Nu HTML Checker.

The checker is ``vnu.jar`` from npm's ``vnu-jar`` (``npm install --no-save --ignore-scripts vnu-jar@26`` in
the project, as ``.ci/run`` does, or ``VNU_JAR=/path/to/vnu.jar``); it runs on Java (Debian's JRE). Without
either, the test is skipped by name (under ``CI=true`` it fails: tests/services.py). The pages are
rendered by the real views with the seed report
imported (and, for the Secretariat, a later report as a draft whose annex is a draft version of the
grid), written to files and checked in one run of the checker.
"""

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import loader

from meetings.importer.services import import_report
from meetings.models import Decision
from schedule.models import ScheduleVersion
from tests.meetings.importer.documents import SEED_DOCX
from tests.services import unavailable

ROOT = Path(__file__).resolve().parents[1]
VNU_PLACES = [
    ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    Path("/usr/local/lib/node_modules/vnu-jar/build/dist/vnu.jar"),
    Path("/usr/lib/node_modules/vnu-jar/build/dist/vnu.jar"),
]


def vnu_jar() -> Path | None:
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    return next((place for place in VNU_PLACES if place.exists()), None)


def check_html(pages: dict[str, str], tmp_path: Path) -> list[str]:
    """The Nu checker's errors for each page, as "<page>: line N: message"."""
    java, jar = shutil.which("java"), vnu_jar()
    if java is None or jar is None:
        unavailable("the HTML check needs Java and vnu.jar (npm install --no-save --ignore-scripts vnu-jar)")
    files = {}
    for index, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"page-{index}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        [java, "-jar", jar, "--errors-only", "--format", "json", "--stdout", *(tmp_path / f for f in files)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{files.get(message.get('url', '').rpartition('/')[2], message.get('url'))}: "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message["type"] in {"error", "non-document-error"}
    ]


@pytest.fixture
def seed(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    outcome = import_report(SEED_DOCX.read_bytes(), source_name=SEED_DOCX.name, publish=True)
    return outcome.meeting


def later_draft_report() -> bytes:
    """Meeting VII of 20 September 2016: the seed report with one session of its annex renamed."""
    replacements = [
        ("Human Rights: Broadening the Conversation", "Human Rights: Broadening the Conversation Online"),
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
    return out.getvalue()


def public_pages(client, meeting) -> dict[str, str]:
    event = meeting.event
    decision = Decision.objects.filter(agenda_item__meeting=meeting).first()
    urls = [
        "/",
        "/meetings/",
        "/meetings/?kind=virtual",
        meeting.get_absolute_url(),
        "/decisions/",
        "/decisions/?q=session",
        "/decisions/?q=nothing+matches+this",
        "/decisions/?kind=nonsense",
        decision.get_absolute_url(),
        "/schedule/",
        event.get_absolute_url(),
        f"/schedule/{event.slug}/changes/",
        f"/schedule/{event.slug}/versions/1/",
        "/accounts/login/",
        "/meetings/no-such-meeting/",
    ]
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        pages[url] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_public_pages_are_valid_html_in_both_languages(client, seed, tmp_path):
    pages = {f"{url} (en)": html for url, html in public_pages(client, seed).items()}
    client.cookies["django_language"] = "es"
    pages |= {f"{url} (es)": html for url, html in public_pages(client, seed).items()}
    # The error pages and the sign-in lockout, as their views render them.
    pages |= {name: loader.render_to_string(name) for name in ("500.html", "503.html")}
    attempts = [
        client.post("/accounts/login/", {"username": "nobody", "password": "wrong"}) for _ in range(5)
    ]
    assert attempts[-1].status_code == 429
    pages["sign-in locked out"] = attempts[-1].content.decode()

    assert check_html(pages, tmp_path) == []


def secretariat_pages(client, seed, draft) -> dict[str, str]:
    """The pages only the Secretariat sees: a draft report, its draft version of the grid, the grid and
    its changes with their draft marks, and the admin's meeting pages (the paragraph list, the Word
    document button, the list's import button)."""
    event = seed.event
    urls = {
        "home": "/",
        "report with annotations": seed.get_absolute_url(),
        "draft report": draft.get_absolute_url(),
        "grid with a draft version": event.get_absolute_url(),
        "changes with a draft version": f"/schedule/{event.slug}/changes/",
        "draft version": ScheduleVersion.objects.get(meeting=draft).get_absolute_url(),
        "admin meetings": "/admin/meetings/meeting/",
        "admin meeting": f"/admin/meetings/meeting/{seed.pk}/change/",
        "admin draft meeting": f"/admin/meetings/meeting/{draft.pk}/change/",
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        pages[name] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_secretariat_pages_and_import_pages_are_valid_html(client, seed, secretariat_user, tmp_path):
    draft = import_report(later_draft_report(), source_name="later.docx").meeting
    assert ScheduleVersion.objects.get(meeting=draft).is_draft
    client.force_login(secretariat_user)
    import_url = "/admin/meetings/meeting/import/"
    preview = client.post(import_url, {"file": SimpleUploadedFile("seed.docx", SEED_DOCX.read_bytes())})
    refused = client.post(import_url, {"file": SimpleUploadedFile("notes.txt", b"not a report")})
    pages = {
        "import form": client.get(import_url).content.decode(),
        "import preview": preview.content.decode(),
        "import form with an error": refused.content.decode(),
    }
    pages |= {f"{name} (en)": html for name, html in secretariat_pages(client, seed, draft).items()}
    client.cookies["django_language"] = "es"
    pages |= {f"{name} (es)": html for name, html in secretariat_pages(client, seed, draft).items()}

    assert check_html(pages, tmp_path) == []

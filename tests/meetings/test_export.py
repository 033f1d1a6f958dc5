"""/meetings/<slug>.docx: the report as a Word document, through the real view."""

import datetime
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.utils import timezone

from benchmarks.corpus import generate_report
from meetings.importer.services import import_report
from meetings.models import Annotation, Footnote, Meeting
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_footnote,
    make_mag_member,
    make_meeting,
    make_secretariat_user,
    make_session,
    make_slot,
    make_user,
)
from tests.meetings.export_checks import as_comparable, as_held, as_imported
from tests.services import available, soffice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Imports keep their source file; not in the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"


REPORTS = Path(__file__).resolve().parents[2] / "fixtures" / "reports"
SEED = REPORTS / "mag-virtual-meeting-vi-2016-08-30.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SECRET = "Secretariat only: the walrus budget."
SHARED = "Members may read this pelican note."


def every_report_fixture():
    return sorted(REPORTS.glob("*.docx"))


def signed_in(client, role):
    if role == "no role":
        client.force_login(make_user())
    elif role == "member":
        client.force_login(make_mag_member())
    elif role == "secretariat":
        client.force_login(make_secretariat_user())
    return client


def document_xml(data: bytes) -> str:
    """Every XML part of the package, as one text (what a leak would be found in)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(
            package.read(name).decode() for name in package.namelist() if name.endswith((".xml", ".rels"))
        )


def comments_of(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(comment.author, comment.text) for comment in document.comments]


@pytest.fixture
def annotated_meetings():
    """A published and a draft meeting, each with a shared and a secretariat-only annotation."""
    made = {}
    for status in (Meeting.Status.PUBLISHED, Meeting.Status.DRAFT):
        meeting = make_meeting(
            slug=f"{status}-meeting", title=f"IGF Virtual MAG Meeting ({status})", status=status
        )
        item = make_agenda_item(
            meeting=meeting, text="The MAG met. It was agreed that the schedule was approved."
        )
        make_annotation(agenda_item=item, text=SHARED, visibility=Annotation.Visibility.MEMBERS)
        make_annotation(agenda_item=item, text=SECRET, visibility=Annotation.Visibility.SECRETARIAT)
        made[status] = meeting
    return made


@pytest.mark.parametrize(
    ("role", "published", "draft", "comments"),
    [
        ("anonymous", 200, 404, False),
        ("no role", 200, 404, False),
        ("member", 200, 200, False),
        ("secretariat", 200, 200, True),
    ],
)
def test_export_answers_each_role_as_the_report_page_does(
    client, annotated_meetings, role, published, draft, comments
):
    signed_in(client, role)

    answers = {
        status: client.get(f"/meetings/{meeting.slug}.docx") for status, meeting in annotated_meetings.items()
    }
    pages = {
        status: client.get(f"/meetings/{meeting.slug}/") for status, meeting in annotated_meetings.items()
    }

    assert answers["published"].status_code == published == pages["published"].status_code
    assert answers["draft"].status_code == draft == pages["draft"].status_code
    for response in answers.values():
        if response.status_code != 200:
            continue
        assert response["Content-Type"] == DOCX
        assert re.fullmatch(r'attachment; filename="[a-z-]+\.docx"', response["Content-Disposition"])
        assert "private" in response["Cache-Control"]
        xml = document_xml(response.content)
        expected = [("Lynn St Amour", SHARED), ("Lynn St Amour", SECRET)] if comments else []
        assert sorted(comments_of(response.content)) == sorted(expected)
        if not comments:
            assert SHARED not in xml and SECRET not in xml and "comments.xml" not in xml


def test_draft_export_says_draft_in_its_page_header(client, annotated_meetings):
    signed_in(client, "member")

    draft = docx.Document(io.BytesIO(client.get("/meetings/draft-meeting.docx").content))
    published = docx.Document(io.BytesIO(client.get("/meetings/published-meeting.docx").content))

    assert draft.sections[0].header.paragraphs[0].text == "Draft — not published"
    assert published.sections[0].header.paragraphs[0].text == ""


def test_inactive_secretariat_account_gets_the_public_copy(client, annotated_meetings):
    client.force_login(make_secretariat_user(is_active=False))

    assert client.get("/meetings/draft-meeting.docx").status_code == 404
    assert comments_of(client.get("/meetings/published-meeting.docx").content) == []


def test_unknown_meeting_is_not_found(client):
    assert client.get("/meetings/no-such-meeting.docx").status_code == 404


@pytest.mark.parametrize("fixture", every_report_fixture(), ids=lambda path: path.name)
@pytest.mark.parametrize("role", ["secretariat", "member"])
def test_export_of_every_report_fixture_imports_as_the_database_holds_it(client, fixture, role):
    meeting = import_report(fixture.read_bytes(), source_name=fixture.name, publish=True).meeting
    user = make_secretariat_user() if role == "secretariat" else make_mag_member()
    client.force_login(user)

    response = client.get(f"/meetings/{meeting.slug}.docx")

    assert response.status_code == 200
    assert as_imported(response.content) == as_held(meeting, user=user, annotations=role == "secretariat")


@pytest.mark.parametrize("index", [0, 7, 38, 150, 299])
def test_export_of_synthetic_archive_reports_imports_as_the_database_holds_it(client, index):
    # The benchmark's corpus: ten cycles of reports in several styles (list numbering, headings,
    # endnotes, face-to-face meetings over several days, annex grids).
    report = generate_report(index=index, seed=0)
    meeting = import_report(report.data, source_name=report.name, publish=True).meeting
    user = make_secretariat_user()
    client.force_login(user)

    data = client.get(f"/meetings/{meeting.slug}.docx").content

    assert as_imported(data) == as_held(meeting, user=user, annotations=True)


def test_import_report_dry_run_json_of_the_exported_seed_is_what_the_database_holds(client, tmp_path):
    meeting = import_report(SEED.read_bytes(), source_name="seed.docx", publish=True).meeting
    user = make_secretariat_user()
    client.force_login(user)
    exported = tmp_path / "exported.docx"
    exported.write_bytes(client.get(f"/meetings/{meeting.slug}.docx").content)
    stdout = io.StringIO()

    call_command("import_report", str(exported), "--dry-run", "--json", stdout=stdout)

    document = json.loads(stdout.getvalue())
    assert as_comparable(document) == as_held(meeting, user=user, annotations=True)
    assert Meeting.objects.count() == 1  # a dry run saves nothing


def test_export_of_the_seed_keeps_what_the_report_says(client):
    meeting = import_report(SEED.read_bytes(), source_name="seed.docx", publish=True).meeting
    user = make_secretariat_user()
    client.force_login(user)

    data = client.get(f"/meetings/{meeting.slug}.docx").content
    held = as_held(meeting, user=user, annotations=True)

    # The facts the seed is known for, so an empty export cannot pass as a round trip.
    assert [item["number"] for item in held["items"]] == ["1", "2", "3", "4", "5", "6", "7", "8", "8", "9"]
    assert [len(item["annotations"]) for item in held["items"]] == [0, 0, 0, 0, 0, 0, 1, 0, 1, 0]
    assert len(held["schedule"]["slots"]) == 14
    assert as_imported(data) == held
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[:3] == [meeting.title, "30 August 2016", "Summary Report"]
    assert "Chair: Ms. Lynn St. Amour" in texts
    assert "Recording: https://we.tl/DG7i3EoMR8" in texts
    assert "Annex I" in texts
    assert document.tables[0].rows[0].cells[1].text == "Day 1 – 6 December"
    xml = document_xml(data)
    assert xml.count("<w:footnoteReference ") == 2
    assert "customMarkFollows" not in xml  # marks 1 and 2 are Word's own numbering
    assert 'Target="http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/811-' in xml


def test_staff_edits_are_in_the_export(client):
    meeting = import_report(SEED.read_bytes(), source_name="seed.docx", publish=True).meeting
    meeting.chair = "Mr. Chengetai Masango"
    meeting.recording_url = "https://example.org/recording/6"
    meeting.save()
    # A heading runs until the next one, in Word as on the page: staff give it to the items it heads.
    meeting.items.filter(position__gte=3).update(section="Host country preparations")
    item = meeting.items.get(position=3)
    item.text = "Mr. Victor Lagunes briefed the MAG.\n\nThe MAG thanked the host country."
    item.save()
    # The action the old text gave goes with its sentence (a Word file finds decisions in the text).
    item.decisions.all().delete()
    footnote = Footnote.objects.filter(agenda_item__meeting=meeting).first()
    footnote.mark = "*"
    footnote.text = "See the report of the second meeting."
    footnote.urls = ["https://example.org/second"]
    footnote.save()
    user = make_secretariat_user()
    client.force_login(user)

    data = client.get(f"/meetings/{meeting.slug}.docx").content

    imported = as_imported(data)
    assert imported == as_held(meeting, user=user, annotations=True)
    assert imported["meeting"]["chair"] == "Mr. Chengetai Masango"
    assert imported["items"][2]["section"] == "Host country preparations"
    assert imported["items"][0]["footnotes"][0] == {
        "mark": "*",
        "text": "See the report of the second meeting.",
        "urls": ["https://example.org/second"],
    }


def test_annotation_dates_authors_and_anchors_survive(client):
    meeting = make_meeting(title="IGF Virtual MAG Meeting III", number=3, chair="Lynn St. Amour")
    item = make_agenda_item(
        meeting=meeting,
        text="The MAG met on the programme.\n\nIt was agreed that the workshop list would be final.",
    )
    make_decision(agenda_item=item, text="It was agreed that the workshop list would be final.")
    when = timezone.make_aware(datetime.datetime(2016, 8, 31, 9, 30), datetime.UTC)
    make_annotation(agenda_item=item, author="Anja Gengo", initials="AG", date=when, text="Check.", anchor="")
    make_annotation(
        agenda_item=item,
        author="Lynn St Amour",
        date=when + datetime.timedelta(hours=1),
        text="Across both paragraphs.",
        anchor="on the programme. It was agreed",
    )
    make_annotation(
        agenda_item=item,
        author="Chengetai Masango",
        initials="CM",
        date=when + datetime.timedelta(hours=2),
        text="Inside the other one.",
        anchor="programme",
    )
    user = make_secretariat_user()
    client.force_login(user)

    imported = as_imported(client.get(f"/meetings/{meeting.slug}.docx").content)

    assert imported == as_held(meeting, user=user, annotations=True)
    assert [a["anchor"] for a in imported["items"][0]["annotations"]] == [
        "",
        "on the programme. It was agreed",
        "programme",
    ]
    assert imported["items"][0]["annotations"][0]["date"] == "2016-08-31T09:30:00+00:00"


def test_numbers_printed_twice_stay_twice_and_sections_follow(client):
    meeting = make_meeting(title="IGF Face-to-Face MAG Meeting II", chair="Lynn St. Amour")
    for position, (number, section) in enumerate(
        [("1", ""), ("2", "Programme"), ("2", "Programme"), ("3", "Intersessional work")], start=1
    ):
        make_agenda_item(
            meeting=meeting, position=position, number=number, section=section, text=f"Paragraph {position}."
        )
    client.force_login(make_mag_member())

    imported = as_imported(client.get(f"/meetings/{meeting.slug}.docx").content)

    assert [(i["number"], i["section"]) for i in imported["items"]] == [
        ("1", ""),
        ("2", "Programme"),
        ("2", "Programme"),
        ("3", "Intersessional work"),
    ]


def test_numbers_typing_cannot_carry_come_back_as_word_list_labels(client):
    meeting = make_meeting(title="IGF Virtual MAG Meeting VIII", number=8)
    for position, number in enumerate(["1", "iv", "8.1", "b", "b", "12"], start=1):
        make_agenda_item(meeting=meeting, position=position, number=number, text=f"Paragraph {position}.")
    client.force_login(make_mag_member())

    data = client.get(f"/meetings/{meeting.slug}.docx").content

    assert [i["number"] for i in as_imported(data)["items"]] == ["1", "iv", "8.1", "b", "b", "12"]
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if "Paragraph 2" in p.text] == [
        "Paragraph 2."
    ]


def test_spanish_copy_translates_the_labels_and_not_the_report(client):
    meeting = import_report(SEED.read_bytes(), source_name="seed.docx", publish=True).meeting
    user = make_secretariat_user()
    client.force_login(user)

    data = client.get(f"/meetings/{meeting.slug}.docx", HTTP_ACCEPT_LANGUAGE="es").content

    texts = [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Informe resumido" in texts and "Summary Report" not in texts
    assert "Presidencia: Ms. Lynn St. Amour" in texts
    assert "Grabación: https://we.tl/DG7i3EoMR8" in texts
    assert "Anexo I" in texts
    assert texts[1] == "30 August 2016"  # the report's own words and dates stay as written
    assert as_imported(data) == as_held(meeting, user=user, annotations=True)


def test_endnotes_and_links_behind_words_come_back(client):
    meeting = make_meeting(title="IGF Virtual MAG Meeting IV", chair="Lynn St. Amour")
    item = make_agenda_item(meeting=meeting, text="The MAG reviewed the workshop proposals and the retreat.")
    make_footnote(
        agenda_item=item, mark="1", text="Proposals: https://example.org/p", urls=["https://example.org/p"]
    )
    make_footnote(
        agenda_item=item,
        kind=Footnote.Kind.ENDNOTE,
        mark="i",
        text="Retreat summary, see the IGF website and https://example.org/r.",
        urls=["https://example.org/site", "https://example.org/r"],
    )
    client.force_login(make_mag_member())

    data = client.get(f"/meetings/{meeting.slug}.docx").content

    # After the paragraph (their place is not known), endnotes first, as the report page lists them.
    assert as_imported(data)["items"][0]["footnotes"] == [
        {
            "mark": "i",
            "text": "Retreat summary, see the IGF website and https://example.org/r.",
            "urls": ["https://example.org/site", "https://example.org/r"],
        },
        {"mark": "1", "text": "Proposals: https://example.org/p", "urls": ["https://example.org/p"]},
    ]


def test_grid_of_a_draft_event_is_left_out_for_those_who_may_not_see_it(client):
    event = make_event(title="2016 Internet Governance Forum (IGF)", is_published=False)
    make_slot(session=make_session(event=event, title="Unpublished plenary"))
    meeting = make_meeting(title="IGF Virtual MAG Meeting V", event=event)
    make_agenda_item(meeting=meeting)

    public = client.get(f"/meetings/{meeting.slug}.docx").content
    signed_in(client, "member")
    member = client.get(f"/meetings/{meeting.slug}.docx").content

    assert "Unpublished plenary" not in document_xml(public)
    assert "Unpublished plenary" in document_xml(member)


def test_decisions_and_actions_come_back(client):
    meeting = make_meeting(title="IGF Virtual MAG Meeting VII")
    text = (
        "It was agreed that the retreat would be held in New York. "
        "The Secretariat will circulate the draft agenda. The MAG thanked the host."
    )
    item = make_agenda_item(meeting=meeting, text=text)
    make_decision(
        agenda_item=item, position=1, text="It was agreed that the retreat would be held in New York."
    )
    make_decision(
        agenda_item=item, position=2, kind="action", text="The Secretariat will circulate the draft agenda."
    )
    user = make_mag_member()
    client.force_login(user)

    imported = as_imported(client.get(f"/meetings/{meeting.slug}.docx").content)

    assert imported["items"][0]["decisions"] == [
        {
            "kind": "decision",
            "text": "It was agreed that the retreat would be held in New York.",
            "owner": "",
            "due_date": None,
            "found_by": "import",
        },
        {
            "kind": "action",
            "text": "The Secretariat will circulate the draft agenda.",
            "owner": "Secretariat",
            "due_date": None,
            "found_by": "import",
        },
    ]


SIZES = [1, 3]


@pytest.mark.parametrize("count", SIZES)
@pytest.mark.parametrize(("role", "queries"), [("anonymous", 5), ("secretariat", 10)])
def test_export_queries(client, django_assert_num_queries, count, role, queries):
    event = make_event(title="2016 Internet Governance Forum (IGF)")
    meeting = make_meeting(title="IGF Virtual MAG Meeting VI", event=event)
    for _ in range(count):
        item = make_agenda_item(meeting=meeting, text="It was agreed that the schedule was approved.")
        make_footnote(agenda_item=item)
        make_annotation(agenda_item=item)
        make_decision(agenda_item=item)
        make_slot(session=make_session(event=event, title=f"Session {item.position}"))
    if role == "secretariat":
        client.force_login(make_secretariat_user())

    with django_assert_num_queries(queries):
        response = client.get(f"/meetings/{meeting.slug}.docx")

    assert response.status_code == 200


def test_export_is_valid_for_python_docx(client):
    meeting = import_report(SEED.read_bytes(), source_name="seed.docx", publish=True).meeting
    client.force_login(make_secretariat_user())

    document = docx.Document(io.BytesIO(client.get(f"/meetings/{meeting.slug}.docx").content))

    assert document.core_properties.title == meeting.title
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 3
    assert [c.author for c in document.comments] == ["Lynn St Amour", "Lynn St Amour"]
    assert {style.name for style in document.styles} >= {"Normal", "Heading 2", "Footnote Text", "Table Grid"}


SOFFICE = soffice()


@pytest.mark.needs("libreoffice")
@pytest.mark.parametrize("role", ["secretariat", "anonymous"])
def test_libreoffice_converts_the_export_to_pdf(client, tmp_path, role):
    meeting = import_report(SEED.read_bytes(), source_name="seed.docx", publish=True).meeting
    signed_in(client, role)
    source = tmp_path / f"{meeting.slug}.docx"
    source.write_bytes(client.get(f"/meetings/{meeting.slug}.docx").content)

    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    pdf = tmp_path / f"{meeting.slug}.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if available("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        text = " ".join(text.split())
        assert "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI" in text
        assert "Annex I" in text and "Trade Agreements and the Internet" in text
        assert "Summary Report: 2nd IGF Open Consultations" in text  # the footnote, on its page
    if role == "secretariat":
        # LibreOffice reads the comments as its own annotations, with their authors, on their words.
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{tmp_path}/profile",
                "--headless",
                "--convert-to",
                "odt",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
        with zipfile.ZipFile(tmp_path / f"{meeting.slug}.odt") as odt:
            content = odt.read("content.xml").decode()
        assert content.count("<dc:creator>Lynn St Amour</dc:creator>") == 2
        assert content.count("<office:annotation-end ") == 2


@pytest.mark.parametrize(("role", "note"), [("anonymous", False), ("member", False), ("secretariat", True)])
def test_report_page_offers_the_word_copy(client, annotated_meetings, role, note):
    signed_in(client, role)

    body = client.get("/meetings/published-meeting/").content.decode()

    assert (
        '<a class="button" href="/meetings/published-meeting.docx" download>Download as Word (.docx)</a>'
        in body
    )
    assert ("Your copy carries the annotations as Word comments." in body) is note


def test_admin_meeting_page_links_to_the_word_copy(client, annotated_meetings):
    client.force_login(make_secretariat_user())
    meeting = annotated_meetings["draft"]

    body = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()

    assert '<a href="/meetings/draft-meeting.docx">Word document</a>' in body


def test_control_characters_pasted_into_the_admin_do_not_break_the_export(client):
    meeting = make_meeting(title="IGF Virtual MAG Meeting IX\x01", chair="Lynn St. Amour\x02")
    item = make_agenda_item(
        meeting=meeting,
        number="3\x03",
        section="Programme\x04",
        text="The MAG met.\x0b It was agreed\x1f to meet.",
    )
    make_footnote(agenda_item=item, text="See\x07 https://example.org/a", urls=["https://example.org/a"])
    make_annotation(agenda_item=item, author="Anja\x08 Gengo", text="Odd\x0c note.", date=None)
    client.force_login(make_secretariat_user())

    response = client.get(f"/meetings/{meeting.slug}.docx")

    assert response.status_code == 200
    imported = as_imported(response.content)
    assert imported["items"][0]["text"] == "The MAG met. It was agreed to meet."
    assert imported["items"][0]["section"] == "Programme"
    assert imported["items"][0]["annotations"][0]["author"] == "Anja Gengo"
    assert imported["items"][0]["annotations"][0]["date"] is None

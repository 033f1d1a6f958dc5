"""A report larger than the documented limits is refused with a message naming the limit, saving nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from meetings.importer import ImportRefused
from meetings.importer.services import parse_report
from meetings.models import AgendaItem, Meeting
from tests.meetings.importer.docx_builders import build_docx, p

IMPORT_URL = reverse("admin:meetings_meeting_import")


def report(*paragraphs: str) -> bytes:
    return build_docx(
        "".join(p(text) for text in ["IGF MAG Virtual Meeting III", "12 March 2019", *paragraphs])
    )


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_limits_refuse_more_paragraphs_than_report_max_paragraphs(settings):
    settings.REPORT_MAX_PARAGRAPHS = 3

    with pytest.raises(ImportRefused) as refused:
        parse_report(report(*(f"{n}.\tThe MAG met." for n in range(1, 5))))

    assert str(refused.value) == (
        "the report has 4 paragraphs; at most 3 are imported (REPORT_MAX_PARAGRAPHS)"
    )


def test_limits_refuse_an_unnumbered_report_with_more_paragraphs_than_report_max_paragraphs(settings):
    settings.REPORT_MAX_PARAGRAPHS = 3

    with pytest.raises(ImportRefused) as refused:
        # A report without numbers keeps each paragraph as an agenda item: each counts.
        parse_report(report("The MAG met.", "The members discussed.", "It closed.", "Thanks were given."))

    assert str(refused.value) == (
        "the report has 4 paragraphs; at most 3 are imported (REPORT_MAX_PARAGRAPHS)"
    )


def test_limits_accept_a_report_at_each_limit(settings):
    settings.REPORT_MAX_PARAGRAPHS = 3
    settings.REPORT_MAX_PARAGRAPH_CHARS = 40

    parsed = parse_report(report("1.\tThe MAG met.", "2.\t" + "x" * 40, "3.\tIt closed."))

    assert [len(item.text) for item in parsed.items] == [12, 40, 10]


def test_limits_refuse_a_paragraph_longer_than_report_max_paragraph_chars(settings):
    settings.REPORT_MAX_PARAGRAPH_CHARS = 40

    with pytest.raises(ImportRefused) as refused:
        # An unnumbered paragraph joins the item before it, and counts with it.
        parse_report(report("1.\tThe MAG met.", "2.\tThe members discussed.", "x" * 30))

    assert str(refused.value) == (
        "paragraph 2 is 54 characters long; at most 40 are imported (REPORT_MAX_PARAGRAPH_CHARS)"
    )


def test_limits_refuse_a_report_text_longer_than_report_max_chars_before_interpreting(settings, monkeypatch):
    settings.REPORT_MAX_CHARS = 1_000

    def interpret_nothing(document):
        raise AssertionError("a report over the limit must not be interpreted")

    monkeypatch.setattr("meetings.importer.services.interpret_document", interpret_nothing)
    with pytest.raises(ImportRefused) as refused:
        parse_report(report("1.\t" + "The MAG met again. " * 60))

    assert str(refused.value) == (
        "the report's text is 1,183 characters; at most 1,000 are imported (REPORT_MAX_CHARS)"
    )


@pytest.mark.django_db
def test_limits_command_refuses_and_saves_nothing(settings, tmp_path):
    settings.REPORT_MAX_PARAGRAPHS = 2
    path = tmp_path / "long.docx"
    path.write_bytes(report("1.\tOne.", "2.\tTwo.", "3.\tThree."))
    stdout, stderr = io.StringIO(), io.StringIO()

    with pytest.raises(SystemExit) as exit_:
        call_command("import_report", str(path), stdout=stdout, stderr=stderr)

    assert exit_.value.code == 1
    assert stderr.getvalue() == (
        f"{path}: the report has 3 paragraphs; at most 2 are imported (REPORT_MAX_PARAGRAPHS)\n"
    )
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_limits_admin_upload_refused_with_the_limit_named(client, secretariat_user, settings):
    settings.REPORT_MAX_PARAGRAPH_CHARS = 20
    client.force_login(secretariat_user)
    data = report("1.\tThe members discussed the workshops at length.")

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("long.docx", data)})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "paragraph 1 is 46 characters long; at most 20 are imported (REPORT_MAX_PARAGRAPH_CHARS)"
    ]
    assert "at most 20 are imported" in response.text
    assert Meeting.objects.count() == 0

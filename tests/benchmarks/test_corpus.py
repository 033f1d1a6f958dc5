import zipfile
from io import BytesIO, StringIO

import pytest

from benchmarks.corpus import generate_report, generate_reports, main
from meetings.importer.reader import read_document
from meetings.models import AgendaItem, Annotation, Decision, Footnote, Meeting
from schedule.models import Event, Slot

COUNT = 5


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_generate_report_same_seed_gives_same_bytes():
    first = [report.data for report in generate_reports(count=COUNT, seed=7)]
    again = [report.data for report in generate_reports(count=COUNT, seed=7)]

    assert first == again


def test_generate_report_other_seed_gives_other_reports():
    assert generate_report(index=2, seed=1).data != generate_report(index=2, seed=2).data


def test_generate_report_is_the_same_in_a_larger_corpus():
    assert generate_report(index=3, seed=0).data == list(generate_reports(count=COUNT, seed=0))[3].data


def test_generate_reports_mix_word_numbering_typed_numbers_and_annex():
    reports = list(generate_reports(count=COUNT, seed=0))
    numbered = [b"<w:numPr>" in _document_xml(report.data) for report in reports]

    assert numbered == [False, True, False, False, True]
    assert [report.has_annex for report in reports] == [False, False, False, True, False]
    assert [report.date.year for report in reports] == [2016, 2017, 2018, 2019, 2020]


def test_generate_report_word_numbered_items_read_as_list_labels():
    document = read_document(generate_report(index=1, seed=0).data)
    labels = [p.list_label for p in document.paragraphs if p.list_label]

    assert labels == [f"{n}." for n in range(1, len(labels) + 1)]
    assert len(labels) == generate_report(index=1, seed=0).items


@pytest.mark.django_db
def test_generate_corpus_imports_every_report_with_expected_counts(tmp_path):
    reports = list(generate_reports(count=COUNT, seed=0))

    assert main(["--reports", str(COUNT), "--out", str(tmp_path / "corpus")], stdout=StringIO()) == 0

    assert Meeting.objects.count() == COUNT
    assert AgendaItem.objects.count() == sum(report.items for report in reports)
    assert Decision.objects.count() == sum(report.decisions for report in reports)
    assert Annotation.objects.count() == sum(report.annotations for report in reports)
    assert Footnote.objects.count() == sum(report.footnotes for report in reports)
    assert sorted(Meeting.objects.values_list("date", flat=True)) == sorted(r.date for r in reports)
    assert list(Event.objects.values_list("slug", flat=True)) == ["igf-2019"]
    assert Slot.objects.count() == 14
    assert sorted(p.name for p in (tmp_path / "corpus").iterdir()) == sorted(r.name for r in reports)


@pytest.mark.django_db
def test_generate_corpus_run_twice_imports_nothing_new(tmp_path):
    out = StringIO()
    main(["--reports", "2"], stdout=StringIO())
    main(["--reports", "2"], stdout=out)

    assert Meeting.objects.count() == 2
    assert "imported 0, 2 already there, 0 refused" in out.getvalue()


@pytest.mark.django_db
def test_generate_corpus_no_import_writes_files_only(tmp_path):
    main(["--reports", "2", "--out", str(tmp_path), "--no-import"], stdout=StringIO())

    assert Meeting.objects.count() == 0
    written = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert written == {report.name: report.data for report in generate_reports(count=2, seed=0)}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--reports", "0"], "--reports must be at least 1"),
        (["--reports", "2", "--no-import"], "--no-import needs --out"),
    ],
)
def test_generate_corpus_bad_options_refused(argv, message, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read("word/document.xml")

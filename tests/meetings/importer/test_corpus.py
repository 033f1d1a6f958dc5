"""Third-party .docx files: the MIT ones copied into fixtures/corpus, the rest read in place from
../shared/corpus/docx (the pandoc ones are GPL); a test whose file is absent skips by name (fails in CI)."""

import datetime
from pathlib import Path

import pytest

from meetings.importer import ImportRefused
from meetings.importer.document import Document, Paragraph
from meetings.importer.package import Limits
from meetings.importer.reader import read_document
from tests.services import SHARED_CORPUS, unavailable

ROOT = Path(__file__).resolve().parents[3]
IN_REPOSITORY = ROOT / "fixtures" / "corpus" / "docx2python"
SHARED = SHARED_CORPUS
CORPUS = {path.name: path for folder in (SHARED, IN_REPOSITORY) for path in sorted(folder.glob("*.docx"))}
FILES = sorted(CORPUS)


def corpus_file(name: str) -> Path:
    if name not in CORPUS:
        unavailable(f"{name} is neither in {IN_REPOSITORY} nor in {SHARED}")
    return CORPUS[name]


def read(name: str) -> Document:
    return read_document(corpus_file(name).read_bytes(), limits=Limits())


def paragraph_texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph) and block.text]


@pytest.mark.needs("corpus")
def test_corpus_shared_files_are_among_those_read():
    # The files below are listed when the module loads: without the shared folder they would be
    # fewer, silently.
    shared = {path.name for path in SHARED.glob("*.docx")}
    assert shared <= set(FILES)
    assert any(name.startswith("pandoc__") for name in shared)


@pytest.mark.parametrize("name", FILES)
def test_corpus_file_reads_or_is_refused_in_one_line(name):
    try:
        document = read(name)
    except ImportRefused as refusal:
        message = str(refusal)
        assert message
        assert "\n" not in message
    else:
        assert isinstance(document, Document)
        assert [block.index for block in document.blocks] == list(range(len(document.blocks)))


def test_corpus_comments_multi_paragraph_body_and_range_across_paragraphs():
    comments = {c.text: c for c in read("pandoc__comments.docx").comments}
    across = comments["A comment across paragraphs."]
    assert (across.anchor, across.paragraph_index) == ("a new paragraph.\nAnd so", 1)
    multi = comments["This one has multiple paragraphs.\n\nSee?"]
    assert (multi.author, multi.initials, multi.anchor) == ("Jesse Rosenthal", "jkr", "more")
    assert multi.date == datetime.datetime(2016, 5, 9, 16, 14, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pandoc__track_changes_insertion.docx", ["This is a text with two exciting insertions."]),
        ("pandoc__track_changes_deletion.docx", ["This is a text with a deletion."]),
        (
            "pandoc__track_changes_move.docx",
            ["Here is some text.", "Here is the text to be moved.", "Here is some more text."],
        ),
        ("pandoc__paragraph_insertion_deletion.docx", ["This is a", " splitParagraph."]),
    ],
)
def test_corpus_tracked_changes_read_as_accepted(name, expected):
    assert paragraph_texts(read(name)) == expected


def test_corpus_link_in_notes_gives_the_footnote_url():
    document = read("pandoc__link_in_notes.docx")
    assert [(n.kind, n.mark, n.urls) for n in document.notes] == [
        ("footnote", "1", ["http://wikipedia.org/"])
    ]
    (paragraph,) = document.paragraphs
    assert paragraph.text == "This is a test."
    assert [(ref.note_id, ref.offset) for ref in paragraph.note_refs] == [("1", len("This is a test"))]


def test_corpus_merged_cells_are_placed_on_the_grid():
    # Each cell's text names the rows and columns it covers: "34-123" is rows 3-4, columns 1-3.
    (merged,) = read("docx2python__merged_cells.docx").tables
    for row in merged.rows:
        for cell in row:
            rows, cols = cell.text.split("-")
            assert (cell.row, cell.row_span) == (int(rows[0]), len(rows)), cell.text
            assert (cell.col, cell.col_span) == (int(cols[0]), len(cols)), cell.text
    assert merged.n_cols == 4


def test_corpus_strict_document_is_read():
    document = read("docx2python__strict.docx")
    assert paragraph_texts(document) == ["Bullet1", "Bullet2", "Number1", "Number2"]
    assert [p.list_label for p in document.paragraphs[:4]] == ["\u2022", "\u2022", "1.", "2."]
    assert [cell.text for row in document.tables[0].rows for cell in row] == [
        "Cellaa",
        "Cellab",
        "Cellba",
        "Cellbb",
    ]


def test_corpus_list_labels_restart_with_a_new_list():
    # numId 4 uses an abstract list starting at 2; after the interruption numId 5 starts at 1.
    document = read("pandoc__lists_restarting.docx")
    assert [(p.text, p.list_label) for p in document.paragraphs if p.text] == [
        ("Foo", "2."),
        ("Bar", "3."),
        ("Baz", "4."),
        ("Interruption", None),
        ("Bop.", "1."),
    ]


def test_corpus_list_labels_continue_after_an_interruption():
    # All four items use numId 1, so the list goes on after the interrupting paragraph.
    document = read("pandoc__lists_continuing.docx")
    assert [(p.text, p.list_label) for p in document.paragraphs if p.text] == [
        ("Foo", "1."),
        ("Bar", "2."),
        ("Baz", "3."),
        ("Interruption.", None),
        ("Bop", "4."),
    ]


def test_corpus_numbering_formats_and_overrides_match_the_expected_text():
    # Each paragraph says which label Word prints for it ("expect II", "expect (viii)", ...).
    document = read("docx2python__example_numbering.docx")
    pairs = [(p.list_label, p.text.removeprefix("expect ")) for p in document.paragraphs if p.text]
    assert len(pairs) == 10
    for label, expected in pairs:
        assert label.strip("().") == expected


def test_corpus_libreoffice_numbering_with_chinese_formats_reads():
    # Most of its 102 w:numPr say numId 0 (no list); the two that do not use chineseCountingThousand
    # lists starting at 6 and 3, printed here as decimals.
    document = read("docx2python__libreoffice_conversion.docx")
    labelled = [(p.list_label, p.text) for p in document.paragraphs if p.list_label is not None]
    assert [label for label, _text in labelled] == ["6\u3001", "3\u3001"]
    assert document.producer.startswith("LibreOffice/7.1.4.2")


def test_corpus_google_docs_export_has_no_properties():
    document = read("docx2python__test-docx2python-conversion-google_docs.docx")
    assert (document.title, document.producer) == ("", "")
    assert paragraph_texts(document)

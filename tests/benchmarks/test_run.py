"""The bench's own measures: what a kilobyte of a report is."""

import io
import zipfile

from benchmarks.run import own_xml_kb

RELATIONSHIPS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{}</Relationships>"
)
TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _package(parts: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return data.getvalue()


def _relationship(number: int, kind: str, target: str) -> str:
    return f'<Relationship Id="rId{number}" Type="{TYPE}{kind}" Target="{target}"/>'


def test_own_xml_kb_counts_the_document_and_its_notes_not_the_template():
    data = _package(
        {
            "_rels/.rels": RELATIONSHIPS.format(_relationship(1, "officeDocument", "word/document.xml")),
            "word/_rels/document.xml.rels": RELATIONSHIPS.format(
                _relationship(1, "footnotes", "footnotes.xml")
                + _relationship(2, "numbering", "numbering.xml")
                + _relationship(3, "styles", "styles.xml")
                + _relationship(4, "theme", "theme/theme1.xml")
            ),
            "word/document.xml": b"d" * 3072,
            "word/footnotes.xml": b"f" * 1024,
            "word/numbering.xml": b"n" * 512,
            "word/styles.xml": b"s" * 400_000,
            "word/theme/theme1.xml": b"t" * 9000,
        }
    )

    assert own_xml_kb(data) == 4.5


def test_own_xml_kb_follows_a_document_part_of_another_name():
    data = _package(
        {
            "_rels/.rels": RELATIONSHIPS.format(_relationship(1, "officeDocument", "/word/document2.xml")),
            "word/_rels/document2.xml.rels": RELATIONSHIPS.format(
                _relationship(1, "comments", "comments.xml")
            ),
            "word/document2.xml": b"d" * 2048,
            "word/comments.xml": b"c" * 1024,
            "word/document.xml": b"x" * 50_000,  # not the document the package names
        }
    )

    assert own_xml_kb(data) == 3.0

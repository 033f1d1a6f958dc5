"""Hand-built ``Document`` fixtures, as the reader gives them, for the interpreter's tests.

``seed_document()`` mirrors the seed report: it takes its text from the
script that builds the seed .docx, so both always say the same thing.
"""

from __future__ import annotations

import datetime
import importlib.util
import re
from pathlib import Path

from meetings.importer.document import Cell, Comment, Document, Hyperlink, Note, NoteRef, Paragraph, Table

REPORTS = Path(__file__).resolve().parents[3] / "fixtures" / "reports"
SEED_DOCX = REPORTS / "mag-virtual-meeting-vi-2016-08-30.docx"


def seed_builder():
    """The seed report's build script as a module: its ITEMS, FOOTNOTES, SCHEDULE, ..."""
    spec = importlib.util.spec_from_file_location("build_seed_report", REPORTS / "build_seed_report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class DocumentBuilder:
    """Adds blocks with consecutive indexes, as the reader numbers them."""

    def __init__(self):
        self.blocks: list[Paragraph | Table] = []
        self.notes: list[Note] = []
        self.comments: list[Comment] = []

    def paragraph(self, text: str = "", **fields) -> Paragraph:
        paragraph = Paragraph(index=len(self.blocks), text=text, **fields)
        self.blocks.append(paragraph)
        return paragraph

    def table(self, rows: list[list[Cell]]) -> Table:
        n_cols = max((cell.col + cell.col_span for row in rows for cell in row), default=0)
        table = Table(index=len(self.blocks), rows=rows, n_cols=n_cols)
        self.blocks.append(table)
        return table

    def document(self, **fields) -> Document:
        return Document(blocks=self.blocks, notes=self.notes, comments=self.comments, **fields)


def cell(row: int, col: int, *lines: str, col_span: int = 1, row_span: int = 1) -> Cell:
    return Cell(
        row=row,
        col=col,
        paragraphs=[Paragraph(index=0, text=line) for line in lines],
        col_span=col_span,
        row_span=row_span,
    )


def seed_document() -> Document:
    """The seed report as the reader reads it: typed numbers, two footnotes, two comments, Annex I."""
    seed = seed_builder()
    builder = DocumentBuilder()
    for line in seed.HEADER:
        builder.paragraph(line)
    anchors = dict(seed.COMMENT_ANCHORS)
    comment_texts = iter(seed.COMMENT_TEXTS)
    for position, typed in enumerate(seed.ITEMS):
        refs = []
        text = ""
        for piece in re.split(r"(\[footnoteRef:\d+\])", typed):
            mark = re.fullmatch(r"\[footnoteRef:(\d+)\]", piece)
            if mark:
                refs.append(NoteRef(kind="footnote", note_id=mark.group(1), offset=len(text)))
            else:
                text += piece
        url = seed.RECORDING_URL
        links = [Hyperlink(text=url, url=url)] if url in text else []
        paragraph = builder.paragraph(text, note_refs=refs, hyperlinks=links)
        if position in anchors:
            builder.comments.append(
                Comment(
                    comment_id=str(len(builder.comments)),
                    author=seed.COMMENT_AUTHOR,
                    initials=seed.COMMENT_INITIALS,
                    date=datetime.datetime(2016, 8, 31, 9, 0, tzinfo=datetime.UTC),
                    text=next(comment_texts),
                    anchor=anchors[position],
                    paragraph_index=paragraph.index,
                )
            )
        builder.paragraph("")
    for number, text in enumerate(seed.FOOTNOTES, start=1):
        builder.notes.append(
            Note(
                kind="footnote",
                note_id=str(number),
                mark=str(number),
                text=f" {text} ",
                urls=[text.split()[-1]],
            )
        )
    builder.paragraph("")
    builder.paragraph("")
    for line in seed.ANNEX:
        builder.paragraph(line)
    builder.table(
        [
            [cell(position // 5, position % 5, *lines) for position, lines in enumerate(seed.SCHEDULE[:5])],
            [cell(1, position, *lines) for position, lines in enumerate(seed.SCHEDULE[5:])],
        ]
    )
    return builder.document(title="IGF Virtual MAG Meeting VI: Summary Report")


def list_numbered_document() -> Document:
    """A report whose paragraph numbers come from Word list numbering (w:numPr), with a heading."""
    builder = DocumentBuilder()
    builder.paragraph("IGF Open Consultations and MAG Meeting", heading_level=1)
    builder.paragraph("12-14 July 2016")
    builder.paragraph("Opening", heading_level=2)
    builder.paragraph("The 2nd Open Consultations of the 2016 IGF preparatory cycle opened.", list_label="1.")
    builder.paragraph("It was agreed that the MAG would meet again in September.", list_label="2.")
    builder.paragraph("Workshops", heading_level=2)
    builder.paragraph("The workshop evaluation was discussed.", list_label="3.")
    builder.paragraph("A continuation of paragraph 3 without a number.")
    return builder.document()


def plain_document(*texts: str) -> Document:
    builder = DocumentBuilder()
    for text in texts:
        builder.paragraph(text)
    return builder.document()

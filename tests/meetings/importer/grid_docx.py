"""Small MAG reports whose annex is a main-session grid, written with python-docx, for the grid's
tests: the .docx goes through the reader and the interpreter as an uploaded report would.

A table is a list of rows; a cell is text (its lines joined by line breaks), a list (one paragraph
each), ``None`` (empty, or covered by a merge), ``across(text, n)`` (merged with the n - 1 cells to its
right) or ``down(text, n)`` (merged with the n - 1 cells below). Their words are written for these
tests in the reports' style.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.enum.text import WD_BREAK

HEADER = [
    "INTERNET GOVERNANCE FORUM",
    "Third MAG Meeting of the 2018 Cycle",
    "Geneva, 10–11 July 2018",
    "Summary Report",
]
ITEMS = [
    "1.\tThe MAG met in Geneva and reviewed the draft programme of the annual meeting.",
    "2.\tIt was agreed that the main sessions would be finalised by 31 July.",
]


@dataclass(frozen=True)
class Merged:
    content: str | list[str]
    across: int = 1
    down: int = 1


def across(content: str | list[str], n: int) -> Merged:
    return Merged(content, across=n)


def down(content: str | list[str], n: int) -> Merged:
    return Merged(content, down=n)


def grid_report(heading: list[str], *tables: list[list], items: list[str] = ITEMS) -> bytes:
    """A report with an "Annex I" of ``heading`` lines and the tables, a page break between two."""
    document = docx.Document()
    for line in HEADER:
        document.add_paragraph(line)
    for item in items:
        document.add_paragraph(item)
    document.add_paragraph("Annex I")
    for line in heading:
        document.add_paragraph(line)
    for number, rows in enumerate(tables):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _table(document, rows)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, rows: list[list]) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    table.style = "Table Grid"
    for row_number, row in enumerate(rows):
        for column, content in enumerate(row):
            if content is None:
                continue
            cell = table.cell(row_number, column)
            if isinstance(content, Merged):
                cell = cell.merge(table.cell(row_number + content.down - 1, column + content.across - 1))
                content = content.content
            _fill(cell, content)


def _fill(cell, content: str | list[str]) -> None:
    paragraphs = content if isinstance(content, list) else [content]
    for number, text in enumerate(paragraphs):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        lines = text.split("\n")
        for position, line in enumerate(lines):
            run = paragraph.add_run(line)
            if position < len(lines) - 1:
                run.add_break()

"""How much text one report may hold: checked between reading and saving, with a refusal naming the limit.

The save's work grows with the number of paragraphs and, within a paragraph, with its
length times its decisions (each decision's search document holds its paragraph's words).
These bounds keep the largest report that is accepted well inside a web request's time
(under ten seconds on a 2-core machine): far above any real summary report, whose
paragraphs are a few hundred to a few thousand characters.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetings.importer import ImportRefused
from meetings.importer.document import Document, Paragraph, Table
from meetings.importer.report import ParsedReport


@dataclass(frozen=True)
class TextLimits:
    paragraphs: int = 5_000  # paragraphs (agenda items, numbered or not) per report
    paragraph_chars: int = 20_000  # characters per agenda item, unnumbered paragraphs it gathers included
    report_chars: int = 1_000_000  # characters of the whole report's text


def check_document(document: Document, *, limits: TextLimits) -> None:
    """Refuse a document whose text is larger than a report may be, before it is interpreted."""
    chars = sum(_chars(block) for block in document.blocks)
    if chars > limits.report_chars:
        raise ImportRefused(
            f"the report's text is {chars:,} characters; at most {limits.report_chars:,} are imported "
            "(REPORT_MAX_CHARS)"
        )


def check_report(report: ParsedReport, *, limits: TextLimits) -> None:
    """Refuse a report with more agenda items, or a longer one, than the limits allow.

    Every agenda item counts, numbered or not: a report without numbers has one per paragraph.
    """
    if len(report.items) > limits.paragraphs:
        raise ImportRefused(
            f"the report has {len(report.items):,} paragraphs; at most {limits.paragraphs:,} "
            "are imported (REPORT_MAX_PARAGRAPHS)"
        )
    for item in report.items:
        if len(item.text) > limits.paragraph_chars:
            label = item.number or f"#{item.position}"
            raise ImportRefused(
                f"paragraph {label} is {len(item.text):,} characters long; at most "
                f"{limits.paragraph_chars:,} are imported (REPORT_MAX_PARAGRAPH_CHARS)"
            )


def _chars(block: Paragraph | Table) -> int:
    if isinstance(block, Paragraph):
        return len(block.text)
    return sum(len(paragraph.text) for row in block.rows for cell in row for paragraph in cell.paragraphs)

"""The whole import of one .docx report: read, interpret, save.

The command and the admin call these; they only check their input first.
"""

from __future__ import annotations

from meetings.importer.decisions import apply_staff_kinds
from meetings.importer.interpret import interpret_document
from meetings.importer.report import ParsedReport
from meetings.importer.save import ImportOutcome, save_report


def parse_report(data: bytes) -> ParsedReport:
    """What a .docx report says, without touching the database. Raises ImportRefused."""
    from meetings.importer.reader import read_document

    return interpret_document(read_document(data))


def import_report(
    data: bytes,
    *,
    source_name: str,
    publish: bool = False,
    replace: bool = False,
    sentence_kinds: dict[tuple[int, int], str] | None = None,
) -> ImportOutcome:
    """Read, interpret and save one report in one transaction. Raises ImportRefused.

    ``sentence_kinds`` are the Secretariat's choices from the preview: (item position, sentence
    index) → "decision", "action" or "neither".
    """
    report = parse_report(data)
    if sentence_kinds:
        apply_staff_kinds(report, sentence_kinds)
    return save_report(report, data=data, source_name=source_name, publish=publish, replace=replace)

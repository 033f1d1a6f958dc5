"""The whole import of one .docx report: read, interpret, save.

The command and the admin call these; they only check their input first.
"""

from __future__ import annotations

from meetings.importer.interpret import interpret_document
from meetings.importer.limits import TextLimits, check_document, check_report
from meetings.importer.report import ParsedReport
from meetings.importer.save import ImportOutcome, save_report


def parse_report(data: bytes) -> ParsedReport:
    """What a .docx report says, without touching the database. Raises ImportRefused.

    A report larger than the limits of ``meetings.importer.limits`` is refused.
    """
    from meetings.importer.reader import read_document

    limits = TextLimits.from_settings()
    document = read_document(data)
    check_document(document, limits=limits)
    report = interpret_document(document)
    check_report(report, limits=limits)
    return report


def import_report(
    data: bytes, *, source_name: str, publish: bool = False, replace: bool = False
) -> ImportOutcome:
    """Read, interpret and save one report in one transaction. Raises ImportRefused."""
    report = parse_report(data)
    return save_report(report, data=data, source_name=source_name, publish=publish, replace=replace)

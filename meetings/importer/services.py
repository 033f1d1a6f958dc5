"""The whole import of one .docx report, or of many: read, interpret, save.

The command and the admin call these (and ``previous_import``, what a report would replace); they
only check their input first, and never reach into the steps' modules.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from types import SimpleNamespace

from django.conf import settings
from simple_history.models import HistoricalRecords

from magportal.history import change_reason
from meetings.importer import ImportRefused
from meetings.importer.decisions import apply_staff_kinds
from meetings.importer.interpret import interpret_document
from meetings.importer.limits import TextLimits, check_document, check_report
from meetings.importer.package import Limits
from meetings.importer.provenance import read_provenance
from meetings.importer.report import ParsedReport
from meetings.importer.save import ImportOutcome, previous_import, save_report
from meetings.importer.sources import Source, collect

__all__ = [
    "BatchRow",
    "ImportOutcome",
    "collect_sources",
    "import_report",
    "import_reports",
    "parse_report",
    "previous_import",
    "read_reports",
]

logger = logging.getLogger(__name__)


def report_limits() -> Limits:
    """The bounds a report must keep: the REPORT_MAX_* settings."""
    return Limits(
        upload_bytes=settings.REPORT_MAX_UPLOAD_BYTES,
        zip_entries=settings.REPORT_MAX_ZIP_ENTRIES,
        entry_bytes=settings.REPORT_MAX_ENTRY_BYTES,
        total_bytes=settings.REPORT_MAX_TOTAL_BYTES,
    )


def text_limits() -> TextLimits:
    """How much text a report may hold: the REPORT_MAX_PARAGRAPHS, _PARAGRAPH_CHARS and _CHARS settings."""
    return TextLimits(
        paragraphs=settings.REPORT_MAX_PARAGRAPHS,
        paragraph_chars=settings.REPORT_MAX_PARAGRAPH_CHARS,
        report_chars=settings.REPORT_MAX_CHARS,
    )


def parse_report(data: bytes) -> ParsedReport:
    """What a .docx report says, without touching the database. Raises ImportRefused.

    A report larger than the limits of ``meetings.importer.limits`` is refused.
    """
    from meetings.importer.reader import read_document

    limits = text_limits()
    document = read_document(data, limits=report_limits())
    check_document(document, limits=limits)
    report = interpret_document(document)
    check_report(report, limits=limits)
    return report


def import_report(
    data: bytes,
    *,
    source_name: str,
    publish: bool = False,
    replace: bool = False,
    sentence_kinds: dict[tuple[int, int], str] | None = None,
    user=None,
    via: str = "",
) -> ImportOutcome:
    """Read, interpret and save one report in one transaction. Raises ImportRefused.

    ``sentence_kinds`` are the Secretariat's choices from the preview: (item position, sentence
    index) → "decision", "action" or "neither".

    Every historical row the import writes records ``user`` (the admin's request gives it by itself,
    through HistoryRequestMiddleware; the command from ``--user``) and, as its change reason, the file
    and ``via`` ("Imported from report.docx by manage.py import_report").
    """
    report = parse_report(data)
    if sentence_kinds:
        apply_staff_kinds(report, sentence_kinds)
        # What the decisions say again, with the Secretariat's: the grid's approval, the sessions
        # each decision changes.
        read_provenance(report)
    with _recorded_import(source_name=source_name, user=user, via=via):
        return save_report(report, data=data, source_name=source_name, publish=publish, replace=replace)


def collect_sources(paths: list[str]) -> list[Source]:
    """The reports named by files, folders (recursively) and .zip archives, each with how to read
    it or why it is refused; nothing is read yet."""
    return collect(paths)


@dataclass
class BatchRow:
    """One file of a batch import: what became of it, and why when it was refused."""

    file: str
    status: str = "refused"  # "created", "unchanged", "replaced", "refused"; "read" after a dry run
    why: str = ""
    report: ParsedReport | None = None
    outcome: ImportOutcome | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def meeting(self) -> str:
        """The meeting's title and date, as read from the report."""
        if self.report is None:
            return ""
        meeting = self.report.meeting
        return f"{meeting.title} ({meeting.date.isoformat() if meeting.date else 'no date'})"


def _failure(error: Exception, name: str) -> str:
    if isinstance(error, ImportRefused):
        return " ".join(str(error).split()) or "refused"
    # Never a traceback for one bad file: the others are still imported.
    logger.exception("importing %s failed", name)
    return "unexpected error: " + (" ".join(str(error).split()) or type(error).__name__)


def read_reports(sources: list[Source], *, step: Callable[[str], None] | None = None) -> list[BatchRow]:
    """Read and interpret every source, without the database, in the order given."""
    rows = []
    for source in sources:
        row = BatchRow(file=source.name)
        try:
            row.report = parse_report(source.data())
            row.status = "read"
            row.warnings = list(row.report.warnings)
        except Exception as error:  # each file fails alone, named in its row
            row.why = _failure(error, source.name)
        rows.append(row)
        if step:
            step(source.name)
    return rows


def in_date_order(rows: list[BatchRow]) -> list[BatchRow]:
    """The reports read by their meetings' dates (those without one after, as given), then the
    files refused."""
    read = [row for row in rows if row.report is not None]
    read.sort(key=lambda row: (row.report.meeting.date is None, row.report.meeting.date or 0))
    return read + [row for row in rows if row.report is None]


def import_reports(
    sources: list[Source],
    *,
    publish: bool = False,
    replace: bool = False,
    user=None,
    via: str = "",
    step: Callable[[str], None] | None = None,
    done: Callable[[BatchRow], None] | None = None,
) -> list[BatchRow]:
    """Import many reports, each in its own transaction, in the order of their meetings' dates.

    A report that cannot be imported is refused alone, with its reason; the others are imported.
    Each is recorded in its history as ``import_report`` records one (``user``, and its own file).
    ``step`` is called as each file is read and as each is saved (twice a file), ``done`` with each
    row once it has its outcome.
    """
    by_name = {source.name: source for source in sources}
    rows = in_date_order(read_reports(sources, step=step))
    for row in rows:
        if row.report is not None:
            try:
                with _recorded_import(source_name=row.file, user=user, via=via):
                    row.outcome = save_report(
                        row.report,
                        data=by_name[row.file].data(),
                        source_name=row.file,
                        publish=publish,
                        replace=replace,
                    )
                row.status = row.outcome.status
                row.warnings = list(row.outcome.warnings)
            except Exception as error:  # each file fails alone, named in its row
                row.status = "refused"
                row.why = _failure(error, row.file)
        if step:
            step(row.file)
        if done:
            done(row)
    return rows


@contextlib.contextmanager
def _recorded_import(*, source_name: str, user=None, via: str = "") -> Iterator[None]:
    """While an import saves: every historical row it writes records ``user`` and, as its change
    reason, the file and ``via`` ("Imported from report.docx by manage.py import_report")."""
    reason = f"Imported from {PurePath(source_name).name}" + (f" by {via}" if via else "")
    with change_reason(reason), _recorded_as(user):
        yield


@contextlib.contextmanager
def _recorded_as(user):
    """django-simple-history takes a history row's user from the request it is told of; outside a
    request (the command) this gives it one naming ``user``."""
    if user is None:
        yield
        return
    context = HistoricalRecords.context
    missing = object()
    before = getattr(context, "request", missing)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if before is missing:
            del context.request
        else:
            context.request = before

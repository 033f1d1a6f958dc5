"""The whole import of one .docx report: read, interpret, save.

The command and the admin call these (and ``previous_import``, what a report would replace); they
only check their input first, and never reach into the steps' modules.
"""

from __future__ import annotations

import contextlib
from pathlib import PurePath
from types import SimpleNamespace

from django.conf import settings
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from meetings.importer.interpret import interpret_document
from meetings.importer.package import Limits
from meetings.importer.report import ParsedReport
from meetings.importer.save import IMPORT_REASON, ImportOutcome, previous_import, save_report

__all__ = ["ImportOutcome", "import_report", "parse_report", "previous_import"]


def report_limits() -> Limits:
    """The bounds a report must keep: the REPORT_MAX_* settings."""
    return Limits(
        upload_bytes=settings.REPORT_MAX_UPLOAD_BYTES,
        zip_entries=settings.REPORT_MAX_ZIP_ENTRIES,
        entry_bytes=settings.REPORT_MAX_ENTRY_BYTES,
        total_bytes=settings.REPORT_MAX_TOTAL_BYTES,
    )


def parse_report(data: bytes) -> ParsedReport:
    """What a .docx report says, without touching the database. Raises ImportRefused."""
    from meetings.importer.reader import read_document

    return interpret_document(read_document(data, limits=report_limits()))


def import_report(
    data: bytes,
    *,
    source_name: str,
    publish: bool = False,
    replace: bool = False,
    user=None,
    via: str = "",
) -> ImportOutcome:
    """Read, interpret and save one report in one transaction. Raises ImportRefused.

    Every historical row the import writes records ``user`` (the admin's request gives it by itself,
    through HistoryRequestMiddleware; the command from ``--user``) and, as its change reason, the file
    and ``via`` ("Imported from report.docx by manage.py import_report").
    """
    report = parse_report(data)
    reason = f"Imported from {PurePath(source_name).name}" + (f" by {via}" if via else "")
    token = IMPORT_REASON.set(Truncator(reason).chars(HISTORY_REASON_LENGTH))
    try:
        with _recorded_as(user):
            return save_report(report, data=data, source_name=source_name, publish=publish, replace=replace)
    finally:
        IMPORT_REASON.reset(token)


#: django-simple-history's change reason column is this long.
HISTORY_REASON_LENGTH = 100


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

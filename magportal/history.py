"""Why the historical rows written just now were written, whichever app writes them.

An import sets its reason ("Imported from report.docx by manage.py import_report") with
``change_reason`` while it saves; every historical row written meanwhile carries it: those
django-simple-history writes row by row (through its signal), and the bulk ones, which ask
``current_change_reason()`` (the importer's rows, the grid's sessions and slots).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

#: django-simple-history's change reason column is this long.
REASON_LENGTH = 100

_REASON: contextvars.ContextVar[str | None] = contextvars.ContextVar("history_change_reason", default=None)


@contextlib.contextmanager
def change_reason(reason: str) -> Iterator[None]:
    """Every historical row written inside says ``reason`` (cut to the column's length)."""
    if len(reason) > REASON_LENGTH:
        reason = reason[: REASON_LENGTH - 1] + "…"
    token = _REASON.set(reason)
    try:
        yield
    finally:
        _REASON.reset(token)


def current_change_reason() -> str | None:
    """The reason set by the ``change_reason`` around this code, if any."""
    return _REASON.get()


@receiver(pre_create_historical_record)
def _record_change_reason(sender, history_instance, **kwargs):
    reason = _REASON.get()
    if reason and not history_instance.history_change_reason:
        history_instance.history_change_reason = reason

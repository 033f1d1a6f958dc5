"""Importing Word (.docx) summary reports.

Three steps, each in its own module:

1. ``package`` checks the file is a safe, plain .docx, and ``reader`` reads it
   into the plain dataclasses of ``document`` (no ORM, no interpretation).
2. ``interpret`` (with ``annex_schedule`` for the annex table) turns that
   document into the dataclasses of ``report``: a meeting, its agenda items,
   decisions, annotations, footnotes and the session grid, plus warnings.
3. ``save`` writes a report to the database in one transaction.
"""


class ImportRefused(Exception):
    """The file cannot be imported; the message is one line naming the problem."""

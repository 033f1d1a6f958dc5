"""A long synthetic summary report for the import benchmark: N numbered paragraphs, each with a decision.

The paragraphs read like a MAG report's (a discussion, then what was agreed) and are
numbered 1 to 500 over and over (reports repeat numbers; the importer keeps every
paragraph as its own agenda item), so the benchmark measures the save's growth with the
number of paragraphs, not the reading of numbers.
"""

from __future__ import annotations

import io

import docx

TOPICS = ("the workshop proposals", "the intersessional work", "the main sessions", "the host's logistics")


def long_report(paragraphs: int, *, revised: bool = False) -> bytes:
    """A .docx report of ``paragraphs`` numbered paragraphs; ``revised`` words each of them differently."""
    document = docx.Document()
    for line in ("IGF Virtual MAG Meeting IV", "Summary Report", "14 June 2019"):
        document.add_paragraph(line)
    for index in range(paragraphs):
        document.add_paragraph(
            f"{index % 500 + 1}.\tThe MAG discussed {TOPICS[index % len(TOPICS)]} (item {index + 1}). "
            "Members raised the balance of stakeholder groups and regions. It was agreed that the "
            f"Secretariat would circulate note {index + 1} {'after' if revised else 'before'} the next call."
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

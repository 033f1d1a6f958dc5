"""An agenda item's sentences as decisions, actions or neither: what the importer read and what
the Secretariat confirmed.

A sentence is a decision or an action when the item has a decision with its words; the
Secretariat's "neither" for a sentence the importer read otherwise is kept on the item
(``AgendaItem.not_decisions``), so a re-import does not bring it back. A kind the Secretariat
sets is staff work (``origin=staff``), which a re-import keeps too.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from meetings.importer.decisions import due_date, read_paragraph, read_sentence
from meetings.importer.report import ParsedItem
from meetings.models import AgendaItem, Decision, Origin, UpcomingMeeting

NEITHER = "neither"
KINDS = (Decision.Kind.DECISION, Decision.Kind.ACTION, NEITHER)

# Moves positions out of the way while they are renumbered under the unique constraint.
_SHIFT = 1_000_000


@dataclass(frozen=True)
class SentenceRow:
    """One sentence of an agenda item: what the importer reads in it and what it is now."""

    index: int
    text: str
    read_as: str  # "decision", "action" or "neither", as the recogniser reads it
    kind: str  # the same, as the item records it now
    set_by_staff: bool


def item_sentences(item: AgendaItem) -> list[SentenceRow]:
    """The sentences of ``item`` with the recogniser's reading and the item's decisions (one query)."""
    decisions = {decision.text: decision for decision in item.decisions.order_by("position")}
    rows = []
    for index, (sentence, reading) in enumerate(read_paragraph(item.text)):
        decision = decisions.get(sentence)
        if decision is not None:
            kind, by_staff = decision.kind, decision.origin == Origin.STAFF
        else:
            kind, by_staff = NEITHER, sentence in item.not_decisions
        rows.append(
            SentenceRow(
                index=index, text=sentence, read_as=reading.kind or NEITHER, kind=kind, set_by_staff=by_staff
            )
        )
    return rows


def preview_sentences(item: ParsedItem, *, chosen: dict[tuple[int, int], str]) -> list[dict]:
    """Each sentence of a parsed (not yet saved) item with what the importer read in it and what
    staff chose in the import preview ((item position, sentence index) → kind)."""
    found = {decision.text: decision for decision in item.decisions}
    rows = []
    for index, (sentence, reading) in enumerate(read_paragraph(item.text)):
        read_as = reading.kind or NEITHER
        decision = found.get(sentence)
        # What the import recorded, which is not the sentence's own reading when it is a repeat
        # counted once elsewhere.
        recorded = decision.kind if decision else NEITHER
        rows.append(
            {
                "index": index,
                "text": sentence,
                "read_as": read_as,
                "chosen": chosen.get((item.position, index), recorded),
                "owner": decision.owner if decision else "",
                "due_date": decision.due_date if decision else None,
            }
        )
    return rows


def next_meeting_date(item: AgendaItem) -> datetime.date | None:
    """The date of the next meeting the item's report announces, for "before the next meeting"."""
    meeting = item.meeting
    upcoming = UpcomingMeeting.objects.filter(announced_in=meeting, date__gt=meeting.date).order_by("date")
    return upcoming.values_list("date", flat=True).first()


@transaction.atomic
def set_sentence_kinds(*, item: AgendaItem, kinds: dict[str, str]) -> int:
    """Make each sentence of ``item`` named in ``kinds`` (its text → "decision", "action" or
    "neither") what the Secretariat says; return how many changed. Sentences no longer in the
    item's text are left alone."""
    unknown = sorted({kind for kind in kinds.values() if kind not in KINDS})
    if unknown:
        raise ValueError(f"unknown kind {unknown[0]!r}: a sentence is a decision, an action or neither")
    rows = {row.text: row for row in item_sentences(item)}
    decisions = {decision.text: decision for decision in item.decisions.all()}
    changed = 0
    for text, kind in kinds.items():
        row = rows.get(text)
        if row is None or row.kind == kind:
            continue
        changed += 1
        current = decisions.get(text)
        if kind == NEITHER:
            if current is not None:
                current.delete()
            if text not in item.not_decisions:
                item.not_decisions.append(text)
            continue
        item.not_decisions = [sentence for sentence in item.not_decisions if sentence != text]
        if current is None:
            current = Decision(agenda_item=item, text=text, position=_SHIFT * 2 + row.index)
            if kind == Decision.Kind.ACTION:
                reading = read_sentence(text)
                current.owner = reading.owner
                current.due_date = due_date(
                    reading.due,
                    meeting_date=item.meeting.date,
                    year=item.meeting.cycle_year,
                    next_meeting=next_meeting_date(item),
                )
        current.kind = kind
        current.origin = Origin.STAFF
        current.save()
    if changed:
        item.save(update_fields=["not_decisions"])
        _renumber(item, order=list(rows))
    return changed


def _renumber(item: AgendaItem, *, order: list[str]) -> None:
    """Number the item's decisions in the order of its sentences, those not among them after."""
    place = {text: index for index, text in enumerate(order)}
    decisions = sorted(
        item.decisions.all(), key=lambda d: (place.get(d.text, len(place)), d.position % _SHIFT, d.pk)
    )
    item.decisions.update(position=F("position") + _SHIFT * 4)
    for position, decision in enumerate(decisions, start=1):
        if decision.position != position:
            Decision.objects.filter(pk=decision.pk).update(position=position)

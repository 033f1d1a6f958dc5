"""Step 2: what a read document means as a meeting report. No ORM here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from meetings.importer import ImportRefused
from meetings.importer.annex_schedule import parse_date_range, read_schedule
from meetings.importer.decisions import classify_sentences, split_sentences
from meetings.importer.document import Document, Paragraph, Table
from meetings.importer.provenance import check_decisions_against_grid, schedule_is_approved
from meetings.importer.report import (
    ParsedAnnotation,
    ParsedFootnote,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
)
from meetings.importer.vocabulary import roman_to_int

_TYPED_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})\s?[.)](?=[\s\u00a0]|$)[\s\u00a0]*")
_LIST_LABEL = re.compile(r"^\(?(?P<number>\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})(?:[.)]\d*)*[.)]?$")
# "Annex I", "Annex 2: Schedule", "Appendix": a short line without a full stop.
_ANNEX = re.compile(r"^\s*(?:Annex|Appendix)\b[^.]{0,80}$", re.IGNORECASE)

ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_HONORIFIC = r"(?:Ms|Mr|Mrs|Dr|Prof|H\.E)\.?"


@dataclass
class _Item:
    number: str
    section: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def interpret_document(document: Document) -> ParsedReport:
    """The meeting, agenda items, decisions, notes and schedule that ``document`` records."""
    warnings: list[str] = []
    header, items, annex = _split_body(document, warnings)
    if not items:
        first = next((p.text.strip() for p in document.paragraphs if p.text.strip()), "")
        raise ImportRefused(
            f"no numbered paragraph found: {_shorten(first) or 'the document has no text'!r} "
            "is not an agenda item; a report numbers its paragraphs 1., 2., ..."
        )

    notes = {(note.kind, note.note_id): note for note in document.notes}
    parsed_items = []
    item_of_paragraph: dict[int, int] = {}
    for position, item in enumerate(items, start=1):
        texts: list[str] = []
        length = 0  # of the item's text so far, paragraphs joined by a blank line
        footnotes = []
        for paragraph in item.paragraphs:
            item_of_paragraph[paragraph.index] = position - 1
            cleaned = _clean(paragraph.text)
            start = length + 2 if texts and cleaned else length
            for ref in paragraph.note_refs:
                note = notes.get((ref.kind, ref.note_id))
                if note is None:
                    warnings.append(f"item {item.number}: {ref.kind} {ref.note_id} is cited but missing")
                    continue
                # Where the mark stood, counted in the cleaned text the item keeps.
                offset = start + min(len(_clean_prefix(paragraph.text[: ref.offset])), len(cleaned))
                footnotes.append(
                    ParsedFootnote(
                        mark=note.mark,
                        text=_clean(note.text),
                        urls=list(note.urls),
                        kind=note.kind,
                        offset=offset,
                    )
                )
            if cleaned:
                texts.append(cleaned)
                length = start + len(cleaned)
        text = "\n\n".join(texts)
        parsed_items.append(
            ParsedItem(
                position=position,
                number=item.number,
                section=item.section,
                text=text,
                footnotes=footnotes,
                decisions=classify_sentences(text),
            )
        )

    _attach_comments(document, parsed_items, item_of_paragraph, warnings)
    meeting = _read_meeting(document, header, items)
    if meeting.date is None:
        warnings.append("the meeting's date was not found in the report's heading or first paragraph")
    schedule = None
    if annex:
        default_year = meeting.cycle_year or (meeting.date.year if meeting.date else None)
        schedule = read_schedule(annex, default_year=default_year, warnings=warnings)
    report = ParsedReport(meeting=meeting, items=parsed_items, schedule=schedule, warnings=warnings)
    # Where the decisions say one thing and the report's own grid another.
    report.warnings += check_decisions_against_grid(report)
    report.schedule_approved = schedule_is_approved(report)
    return report


def item_number(paragraph: Paragraph) -> tuple[str, str] | None:
    """(printed number, text without it) when the paragraph starts an agenda item."""
    if paragraph.list_label:
        label = paragraph.list_label.strip()
        if _LIST_LABEL.match(label):
            return label.strip("().").rstrip(")"), paragraph.text
        return None
    match = _TYPED_NUMBER.match(paragraph.text)
    if match and paragraph.text[match.end() :].strip():
        return match.group("number"), paragraph.text[match.end() :]
    return None


def _split_body(document: Document, warnings: list[str]):
    """Header paragraphs, agenda items, and the annex blocks (after an "Annex" heading)."""
    header: list[Paragraph] = []
    items: list[_Item] = []
    annex: list[Paragraph | Table] = []
    section = ""
    for position, block in enumerate(document.blocks):
        if annex:
            annex.append(block)
            continue
        if isinstance(block, Table):
            later = document.blocks[position + 1 :]
            if items and not any(isinstance(b, Paragraph) and item_number(b) for b in later):
                # A table after the last item without an "Annex" heading is the annex all the same.
                annex.append(block)
            else:
                where = f"after item {items[-1].number}" if items else "before the first item"
                warnings.append(f"a table {where} is not part of any agenda item and was not imported")
            continue
        if not block.text.strip():
            continue
        numbered = item_number(block)
        if numbered:
            number, text = numbered
            items.append(_Item(number=number, section=section, paragraphs=[_with_text(block, text)]))
        elif items and _ANNEX.match(block.text.strip()):
            annex.append(block)
        elif items and block.heading_level is not None:
            section = _clean(block.text)
        elif items:
            items[-1].paragraphs.append(block)
        elif block.heading_level is not None and header:
            section = _clean(block.text)
            header.append(block)
        else:
            header.append(block)
    return header, items, annex


def _with_text(paragraph: Paragraph, text: str) -> Paragraph:
    """The paragraph without its printed number: ``text`` is the end of its text."""
    cut = len(paragraph.text) - len(text)
    return Paragraph(
        index=paragraph.index,
        text=text,
        style=paragraph.style,
        heading_level=paragraph.heading_level,
        list_label=paragraph.list_label,
        list_level=paragraph.list_level,
        note_refs=[replace(ref, offset=max(ref.offset - cut, 0)) for ref in paragraph.note_refs],
        hyperlinks=paragraph.hyperlinks,
    )


def _attach_comments(document, items: list[ParsedItem], item_of_paragraph: dict[int, int], warnings):
    item_starts = sorted(item_of_paragraph)
    for comment in document.comments:
        annotation = ParsedAnnotation(
            author=comment.author.strip(),
            initials=comment.initials.strip(),
            date=comment.date,
            text=_clean(comment.text),
            anchor=_clean(comment.anchor),
        )
        index = comment.paragraph_index
        target = item_of_paragraph.get(index) if index is not None else None
        if target is None and index is not None:
            # A comment on the heading or the annex goes to the nearest item before it.
            preceding = [i for i in item_starts if i < index]
            if preceding:
                target = item_of_paragraph[preceding[-1]]
        if target is None:
            warnings.append(
                f"comment by {annotation.author or 'unknown'} ({_shorten(annotation.text)!r}) "
                "is not on any agenda item and was not imported"
            )
            continue
        items[target].annotations.append(annotation)


def _read_meeting(document: Document, header: list[Paragraph], items: list[_Item]) -> ParsedMeeting:
    header_lines = [_clean(p.text) for p in header if _clean(p.text)]
    title = header_lines[0] if header_lines else _clean(document.title)
    first_item = _clean(" ".join(p.text for p in items[0].paragraphs))
    all_text = " ".join([*header_lines, *(_clean(p.text) for item in items for p in item.paragraphs)])

    cycle = re.search(r"\b((?:19|20)\d\d)\s+(?:IGF\s+)?(?:preparatory\s+)?cycle\b", all_text, re.IGNORECASE)
    context_year = int(cycle.group(1)) if cycle else None
    if context_year is None:
        any_year = re.search(r"\b(?:19|20)\d\d\b", " ".join(header_lines))
        context_year = int(any_year.group(0)) if any_year else None

    date = end_date = None
    for line in [*header_lines[1:], *header_lines[:1], first_item]:
        found = parse_date_range(line, default_year=context_year)
        if found:
            date, end_date = found
            break
    cycle_year = int(cycle.group(1)) if cycle else (date.year if date else None)

    return ParsedMeeting(
        title=title,
        kind=meeting_kind(title or first_item),
        number=meeting_number(title) or meeting_number_in_text(first_item),
        date=date,
        end_date=end_date,
        chair=_find_chair(all_text),
        recording_url=_find_recording(items),
        cycle_year=cycle_year,
    )


def meeting_kind(title: str) -> str:
    """A ``Meeting.Kind`` value from the words of the title."""
    lowered = title.lower()
    if "open consultation" in lowered:
        return "open_consultations"
    if re.search(r"face[\s-]to[\s-]face|in[\s-]person|physical", lowered):
        return "face_to_face"
    if re.search(r"topical|issue[\s-]specific|thematic", lowered):
        return "topical"
    if re.search(r"virtual|online|webex|zoom", lowered):
        return "virtual"
    return "other"


def meeting_number(title: str) -> int | None:
    """The meeting's number from its title: "Meeting VI" → 6, "Meeting 3", "2nd ... Meeting", "sixth"."""
    after = re.search(r"\bMeeting\s+(?:No\.?\s*|#\s*)?([IVXLC]+|\d{1,3})\b", title)
    if after:
        value = after.group(1)
        return int(value) if value.isdigit() else roman_to_int(value)
    return _ordinal(title)


def meeting_number_in_text(text: str) -> int | None:
    """ "The sixth IGF Virtual MAG Meeting ..." → 6, from the sentence naming the meeting."""
    sentence = next(iter(split_sentences(text)), "")
    match = re.search(r"\b(\w+)\s+(?:[\w()-]+\s+){0,5}(?:meeting|consultations)\b", sentence, re.IGNORECASE)
    return _ordinal(match.group(0)) if match else None


def _ordinal(text: str) -> int | None:
    numeric = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", text)
    if numeric:
        return int(numeric.group(1))
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in ORDINAL_WORDS:
            return ORDINAL_WORDS[word]
    return None


def _find_chair(text: str) -> str:
    name_token = r"(?:[A-Z][\w’'-]*\.?|de|da|van|von|la|le)"
    for sentence in split_sentences(text):
        before = re.search(r"^(.*?)\s+(?:moderated|chaired)\b.*?\bChair\b|^(.*?)\s+chaired\b", sentence)
        if before:
            words = (before.group(1) or before.group(2)).split()
            name: list[str] = []
            for word in reversed(words):
                if not re.fullmatch(name_token, word):
                    break
                name.insert(0, word)
            if name and name[0].lower() in {"the", "and"}:
                name = name[1:]
            if name:
                return " ".join(name)
        by = re.search(
            rf"\b(?:chaired|moderated)\s+by\s+((?:{_HONORIFIC}\s+)?(?:{name_token}\s+){{0,4}}[A-Z][\w’'-]+)",
            sentence,
        )
        if by:
            return by.group(1)
    return ""


def _find_recording(items: list[_Item]) -> str:
    for item in items:
        for paragraph in item.paragraphs:
            match = re.search(r"\brecording\b(.*)", paragraph.text, re.IGNORECASE | re.DOTALL)
            if not match:
                continue
            url = re.search(r"https?://[^\s<>\"']+", match.group(1))
            if url:
                return url.group(0).rstrip(".,;:)]’”")
            for link in paragraph.hyperlinks:
                if link.url.startswith(("http://", "https://")):
                    return link.url
    return ""


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _clean_prefix(text: str) -> str:
    """The start of a text as ``_clean`` leaves it (trailing space kept: more text follows)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).lstrip()


def _shorten(text: str, limit: int = 60) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"

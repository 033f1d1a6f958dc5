"""Step 2: what a read document means as a meeting report. No ORM here.

Summary reports come in many layouts: paragraphs numbered by typed numbers
or by Word lists, or not numbered at all (web-style summaries); numbers alone
on their own line before each paragraph (PDF-to-Word conversions); an
executive summary before paragraph 1; organisation and document-type lines
above the title; numbering restarting on each day of a face-to-face meeting.
Every paragraph of the body ends up in an agenda item, in order; whatever is
not kept (a table outside the annex, a page number) is named in a warning.
"""

from __future__ import annotations

import collections
import datetime
import functools
import itertools
import re
from dataclasses import dataclass, field, replace

from meetings.importer import ImportRefused
from meetings.importer.annex_schedule import TIME_RANGE, VENUE_TIME_ZONES, read_schedule
from meetings.importer.dates import MONTH, find_date_range
from meetings.importer.decisions import (
    DUE_LABELS,
    OWNER_LABELS,
    classify_sentences,
    date_actions,
    read_listed_point,
    split_sentences,
)
from meetings.importer.document import Document, Paragraph, Table
from meetings.importer.patterns import starting_pattern
from meetings.importer.provenance import check_decisions_against_grid, read_announcements, read_provenance
from meetings.importer.report import (
    ParsedAnnotation,
    ParsedDecision,
    ParsedFootnote,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
)
from meetings.importer.vocabulary import int_to_roman, roman_to_int

# A printed number holds in the model's 16 characters; longer digit runs are not paragraph numbers.
_MAX_NUMBER = 16
# "8.\t", "8. ", "12)", "(12)", "8.The" (a conversion that lost the space), "8\t" (a number and a tab),
# and typed outline numbers before a capital, "2.1 The MAG ..." ("2.5 million" is no number).
_TYPED_NUMBER = re.compile(
    r"^\s*\(?(?P<number>\d{1,16})(?:\s?[.)](?=[\s\u00a0]|$)|\.(?=[A-Z“‘\"'])|(?=\t))[\s\u00a0]*"
    r"|^\s*(?P<outline>\d{1,3}(?:\.\d{1,3}){1,3})\.?[\s\u00a0]+(?=[A-Z“‘\"'])"
)
# A paragraph numbered in capital roman numerals, as some UN reports type them: "IV. The MAG ...".
_TYPED_ROMAN = re.compile(r"^\s*\(?(?P<roman>[IVXL]{1,6})[.)][\s\u00a0]+(?=[A-Z“‘\"'])")
# "Agenda item 3: Intersessional work", "Item 4 – AOB": a number as the agenda gives it.
_AGENDA_ITEM_NUMBER = re.compile(
    r"^\s*(?:agenda\s+)?item\s+(?P<number>\d{1,3}(?:\.\d{1,3}){0,2})\s*(?:[:.)]|\s[-–—]|\t)[\s\u00a0]*(?=\S)",
    re.IGNORECASE,
)
_LIST_LABEL = re.compile(r"^\(?(?P<number>\d{1,16}|[A-Za-z]|[ivxlcIVXLC]{1,6})(?:[.)]\d*)*[.)]?$")
# A number alone on its line ("12", "12.", "(12)"), as PDF-to-Word conversions leave them.
_LONE_NUMBER = re.compile(r"^\s*\(?(?P<number>\d{1,16})\s*[.)]?\s*$")
# Page numbers a conversion leaves in the text: "Page 3", "- 3 -", "3 | Page", "Page 3 of 12", "3/12".
_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|[-–—]\s*\d+\s*[-–—]|\d+\s*\|\s*page)\s*$",
    re.IGNORECASE,
)
# A web site's address alone, without a page's path: "www.intgovforum.org", "https://www.intgovforum.org/".
_HOME_PAGE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
# Symbol's and Wingdings' bullets ("\uf0b7", "\uf0a7", ...) as text: what a conversion keeps of Word's.
_BULLET_GLYPHS = "•·▪◦●○■□➢►▶✓✔∙\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"
_BULLET = re.compile(rf"^\s*[{_BULLET_GLYPHS}\-–—*]\s+")
# A bullet alone on its line, its point's text on the next: PDF conversions that set each printed
# line and each bullet in a box of its own.
_LONE_BULLET = re.compile(rf"^\s*[{_BULLET_GLYPHS}]\s*$")
# "Annex I", "Annex 2: Schedule", "Appendix": a short line without a full stop.
_ANNEX = re.compile(r"^\s*(?:Annex|Appendix|Anexo)\b[^.]{0,80}$", re.IGNORECASE)
# A heading line naming the chair, the recording, the date or the venue, as the portal's own Word
# copies and minutes-style reports label them (in English or Spanish): "Chair: Ms. Lynn St. Amour",
# "Moderator: ...", "Co-chairs: ...", "Recording: https://...", "Date: 13/06/2017", "Venue: Geneva".
_HEADER_FIELD = re.compile(
    r"^(?P<label>(?:co-?)?chair(?:s|man|person|woman)?|chaired\s+by|moderators?|moderated\s+by|facilitators?"
    r"|presidencia|recording|grabación|(?:meeting\s+)?dates?(?:\s+and\s+time)?|fecha|when|venue|location|place"
    r"|where|platform|lugar|time|hora"
    r"|rapporteurs?|note[\s-]?takers?|minutes(?:\s+(?:taken\s+)?by)?|prepared\s+by|relator(?:a|es)?)"
    r"\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_HEADER_LABELS = {
    "presidencia": "chair",
    "recording": "recording",
    "grabación": "recording",
    "date": "date",
    "dates": "date",
    "meeting date": "date",
    "date and time": "date",
    "when": "date",
    "where": "venue",
    "platform": "venue",
    "fecha": "date",
    "venue": "venue",
    "location": "venue",
    "place": "venue",
    "lugar": "venue",
    "time": "time",
    "hora": "time",
}
# Who wrote the report ("Rapporteur:", "Minutes taken by:"): a header line, not the chair.
_WRITER_LABEL = re.compile(r"^(?:rapporteur|note|minutes|prepared|relator)", re.IGNORECASE)


def _header_label(label: str) -> str:
    """What a header field's label names: "chair", "recording", "date", "venue", "time" or "writer"."""
    if _WRITER_LABEL.match(label):
        return "writer"
    return _HEADER_LABELS.get(" ".join(label.lower().split()), "chair")


# Lines above the title that name the organisation or the kind of document, not the meeting.
_ORGANISATION = re.compile(
    r"^(?:the\s+)?(?:united\s+nations(?:\s+secretariat)?|UN|UN\s*DESA|IGF|IGF\s+secretariat"
    r"|(?:the\s+)?internet\s+governance\s+forum(?:\s*\(IGF\))?(?:\s+secretariat)?"
    r"|secretariat\s+of\s+the\s+internet\s+governance\s+forum(?:\s*\(IGF\))?"
    r"|(?:united\s+nations\s+)?department\s+of\s+economic\s+and\s+social\s+affairs(?:\s*\(DESA\))?)[.,]?$",
    re.IGNORECASE,
)
_DOCUMENT_TYPE = re.compile(
    r"^(?:(?:draft|final|provisional|revised|unofficial)\s+)?"
    r"(?:(?:meeting\s+|chair(?:man|person|woman)?[’']?s\s+|executive\s+)?summary(?:\s+report|\s+record)?|report|minutes|notes|record|informe(?:\s+resumido)?|resumen)"
    r"(?:\s*[(\[](?:draft|final|provisional|revised)[)\]])?(?:\s*[-–—:]\s*(?:draft|final))?[.:]?$",
    re.IGNORECASE,
)
# A line on the document's status or circulation: "DRAFT", "For MAG members only", "Version 2".
_STATUS = re.compile(
    r"^[\[(]?(?:draft|final|provisional|revised|unofficial|confidential|restricted|embargoed"
    r"|(?:for\s+)?(?:internal\s+use|information|comments?|review)(?:\s+only)?"
    r"|for\s+(?:the\s+)?(?:MAG|MAG\s+members|members|participants)\s+only"
    r"|not\s+for\s+(?:publication|distribution|circulation|citation)|(?:draft\s+)?version\s*\d+(?:\.\d+)*)"
    r"[\])]?[.:]?$",
    re.IGNORECASE,
)
# What a web page around a summary copied from the IGF website adds: breadcrumbs and page tools.
_WEB_PAGE = re.compile(
    r"^(?:home\s*[»›>|/]|[^»›]*\s[»›]\s[^»›]*\s[»›]\s)"
    r"|^(?:share(?:\s+this(?:\s+page|\s+article)?)?|print(?:\s+this\s+page)?|back\s+to\s+top|top\s+of\s+page"
    r"|skip\s+to\s+(?:main\s+)?content|read\s+more|e-?mail\s+this(?:\s+page)?|download(?:\s+as)?\s+pdf"
    r"|(?:tags?|categor(?:y|ies)|keywords?)\s*:.*)$",
    re.IGNORECASE,
)
# When a web page or a file was published or updated: not the meeting's date ("Posted on 10 March 2015").
_PUBLISHED = re.compile(
    r"^(?:(?:posted|published|issued|released|circulated|(?:last\s+)?(?:updated|modified|revised))(?:\s+on)?\b"
    r"|(?:date\s+of\s+)?(?:publication|issue)\b)",
    re.IGNORECASE,
)
_DOCUMENT_TYPE_NOT_HEADER = re.compile(r"^executive\s+summary", re.IGNORECASE)
# Who wrote the document, on a line of its own: "Summary prepared by the IGF Secretariat".
_WRITTEN_BY = re.compile(
    r"^(?:(?:meeting\s+)?(?:summary|report|minutes|notes)\s+)?(?:prepared|compiled|drafted|written|issued|taken|recorded)"
    r"\s+by\s+[^.]{1,80}\.?$",
    re.IGNORECASE,
)
# Headings that start the body, never part of the header.
_SECTION = re.compile(
    r"^(?:[IVX\d]+[.)]?\s+)?(?:executive\s+summary|summary\s+of\s+(?:the\s+)?(?:decisions|discussions?|outcomes?)"
    r"|key\s+(?:decisions|outcomes|points|messages|takeaways)|announcements?|decisions?\b|actions?\s+(?:items|points)"
    r"|next\s+steps|introduction|background|opening(?:\s+(?:session|remarks))?|welcome|agenda\b"
    r"|adoption\s+of\s+the\s+agenda|day\s+(?:\d+|one|two|three|four|five)\b|session\s+\d+|part\s+[IVX\d]+\b"
    r"|any\s+other\s+business|AOB\b|closing|conclusions?\b|(?:list\s+of\s+)?participants|attendance|overview"
    r"|discussions?\b|updates?\b|follow[\s-]up)",
    re.IGNORECASE,
)
# A labelled line of content, not a heading: "Participants: Ana Silva, Ben Okafor", "Next meeting: 5 May".
_LABELLED_LINE = re.compile(
    r"^(?:(?:list\s+of\s+)?participants|attendees|attendance|present|apologies|regrets|observers|absent"
    r"|next\s+(?:meeting|call)|time|agenda)\s*:\s*\S",
    re.IGNORECASE,
)
_DAY_HEADING = re.compile(
    r"^(?:day\s+(?:\d+|one|two|three|four|five)\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.I
)
_SENTENCE_END = re.compile(r"[.!?;][\"'”’)\]]*$")

_UNIT_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        [
            *_UNIT_ORDINALS,
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
ORDINAL_WORDS.update({"thirtieth": 30, "fortieth": 40})
_TENS = {"twenty": 20, "thirty": 30, "forty": 40}
_HONORIFIC = r"(?:Ms|Mr|Mrs|Dr|Prof|H\.E)\.?"
# After a number, a month's name: the number is a day ("Meeting 5 April 2016"), not the meeting's.
_MONTH_AHEAD = (
    r"(?i:(?:st|nd|rd|th)?(?:\s+of)?\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s|,|$|\d))"
)

# Where a meeting was held in person: the IGF's host cities, the UN's seats, the usual venues.
_CITIES = sorted(
    {
        *VENUE_TIME_ZONES,
        "new york",
        "geneva",
        "vienna",
        "nairobi",
        "paris",
        "berlin",
        "montreal",
        "washington",
        "brussels",
        "london",
        "the hague",
        "mexico city",
        "cairo",
        "tokyo",
        "palais des nations",
        "un headquarters",
        "united nations headquarters",
        "unhq",
        "conference room",
        "room xxi",
        "unesco",
        "itu headquarters",
        "wmo",
    },
    key=len,
    reverse=True,
)
_CITY = starting_pattern(r"\b(?:" + "|".join(re.escape(city) for city in _CITIES) + r")\b", re.IGNORECASE)
_TOPICAL = re.compile(
    r"\btopical\b|\bissue[\s-]+specific\b|\bthematic\b|\binformal\b|\bworking\s+groups?\b|\bWGs?\b"
    r"|\bNRIs?\b|national,?\s+(?:sub-?regional,?\s+)?(?:and\s+)?regional(?:\s+and\s+youth)?\s+(?:IGF\s+)?initiatives",
    re.IGNORECASE,
)
# In a sentence, a topical word counts when it names the meeting ("the NRIs' meeting", "an informal
# call"), not when the meeting only heard from them ("the MAG met online and heard the NRIs").
_TOPICAL_MEETING = re.compile(
    rf"(?:{_TOPICAL.pattern})(?:[’']s?)?(?:\W+\w+){{0,4}}?\W+(?:meetings?|calls?|sessions?|webinars?)\b",
    re.IGNORECASE,
)
_OPEN_CONSULTATIONS = re.compile(r"\bopen\s+consultations?\b", re.IGNORECASE)
_FACE_TO_FACE = re.compile(
    r"\bface[\s-]*to[\s-]*face\b|\bin[\s-]person\b|\bphysical\b|\bF2F\b", re.IGNORECASE
)
# Words that make a meeting virtual, and weaker ones that a meeting held in a city may use too
# ("with remote participation", "a call for proposals").
_VIRTUAL = starting_pattern(
    r"\bvirtual(?:ly)?\b|\bonline\b(?!\s+participa)|\b(?:conference|telephone)\s+calls?\b|\bteleconference\b"
    r"|\bwebex\b|\bzoom\b|\bwebinar\b|\bvideo[\s-]?conference\b|\bVM\s?\d{1,3}\b",
    re.IGNORECASE,
)
_VIRTUAL_WEAK = starting_pattern(
    r"\bcalls?\b(?!\s+for\b)|\bremote(?:ly)?\b(?!\s+(?:participa|hubs?|speakers?))", re.IGNORECASE
)
# Where the sentence naming the meeting turns to other meetings ("since the 2nd face-to-face ...").
_OTHER_MEETINGS = starting_pattern(
    r"\b(?:since|following|followed|after|ahead\s+of|prior\s+to|in\s+preparation|preceding|previous|last|next)\b",
    re.IGNORECASE,
)


@dataclass
class _Item:
    number: str
    section: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    # "action" or "decision" when the report lists it as one: a point under an "Action items:" or
    # "Decisions:" heading, a row of a table of actions.
    listed_as: str = ""
    title: Paragraph | None = None  # "2. Workshop evaluation" above its paragraphs, when it titles them
    # The paragraphs (by index) that go on from the line before them: printed lines a conversion cut.
    running_on: set[int] = field(default_factory=set)


@dataclass
class _Header:
    title: list[str] = field(default_factory=list)  # one to three lines
    dates: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # organisation and document-type lines
    fields: list[str] = field(default_factory=list)  # "Chair: ...", "Recording: ..."
    title_open: bool = False  # the last line read was a title line

    @property
    def lines(self) -> list[str]:
        return [*self.title, *self.dates, *self.venues]


def interpret_document(document: Document) -> ParsedReport:
    """The meeting, agenda items, decisions, notes and schedule that ``document`` records."""
    _clean.cache_clear()  # the cache serves one document's paragraphs, not the last one's
    hyphens = _Hyphenation(document)
    document = _join_broken_words(document, hyphens)
    document = _unwrap_numbered_tables(document)
    document = _attach_lone_bullets(document)
    warnings: list[str] = []
    header, items, annex = _split_body(document, warnings)
    if not items:
        first = next((p.text.strip() for p in document.paragraphs if p.text.strip()), "")
        if not first:
            raise ImportRefused("the document has no text: no paragraph to import as an agenda item")
        raise ImportRefused(
            f"the document has a heading ({_shorten(first)!r}) but no paragraph after it to import "
            "as an agenda item"
        )
    if not any(item.number for item in items):
        warnings.append(
            f"no numbered paragraph: the report's {len(items)} paragraphs were imported as unnumbered "
            "agenda items, in order"
        )

    notes = {(note.kind, note.note_id): note for note in document.notes}
    parsed_items = []
    item_of_paragraph: dict[int, int] = {}
    for position, item in enumerate(items, start=1):
        texts: list[str] = []
        points: list[bool] = []  # for each of texts: a list's point ("a. ...", a bullet)
        length = 0  # of the item's text so far, paragraphs joined by a blank line
        footnotes = []
        for paragraph in item.paragraphs:
            item_of_paragraph[paragraph.index] = position - 1
            cleaned = _clean(paragraph.text)
            # A sentence cut by a page break (a conversion from PDF) runs on with a space.
            # A list's point ("a shuttle service;" after "the following:") is a line of its own.
            runs_on = bool(
                texts
                and cleaned
                and paragraph.list_label is None
                and not _TYPED_POINT.match(cleaned)
                and (
                    (cleaned[0].islower() and not _SENTENCE_END.search(texts[-1]))
                    or paragraph.index in item.running_on  # "... chaired by Ms." / "Alice Munyua ..."
                    or _CLOSING_MARKS.fullmatch(cleaned)  # "." set apart from its line by a note's mark
                )
            )
            glue = "\n\n"
            if runs_on:  # a word broken with a hyphen at the page's end is joined again
                previous, glue = _run_on(texts[-1], cleaned, hyphens)
                length -= len(texts[-1]) - len(previous)
                texts[-1] = previous
            start = length + len(glue) if texts and cleaned else length
            for ref in paragraph.note_refs:
                note = notes.get((ref.kind, ref.note_id))
                if note is None:
                    warnings.append(
                        f"item {item.number or f'#{position}'}: {ref.kind} {ref.note_id} is cited but missing"
                    )
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
                if runs_on:
                    texts[-1] += glue + cleaned
                else:
                    texts.append(cleaned)
                    points.append(paragraph.list_label is not None or bool(_TYPED_POINT.match(cleaned)))
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
        _read_led_in_points(parsed_items[-1], texts, points)

    _typed_footnotes(parsed_items)
    for item, parsed in zip(items, parsed_items, strict=True):
        if item.listed_as and not parsed.decisions and parsed.text:
            # A point of a list of actions or decisions, in words the recogniser does not know
            # ("Secretariat to circulate the template by 15 August").
            point = read_listed_point(parsed.text) if item.listed_as == "action" else None
            parsed.decisions = [
                ParsedDecision(
                    kind=item.listed_as,
                    text=parsed.text,
                    owner=point.owner if point else "",
                    due=point.due if point else "",
                )
            ]
    _drop_repeated_decisions(
        parsed_items,
        warnings,
        listed={parsed.position for item, parsed in zip(items, parsed_items, strict=True) if item.listed_as},
    )
    _attach_comments(document, parsed_items, item_of_paragraph, warnings)
    meeting = _read_meeting(document, header, items, warnings)
    if meeting.date is None:
        warnings.append("the meeting's date was not found in the report's heading or first paragraph")
    meeting.next_meeting = _next_meeting(parsed_items, meeting)
    date_actions(
        parsed_items, meeting_date=meeting.date, year=meeting.cycle_year, next_meeting=meeting.next_meeting
    )
    schedule = None
    if annex:
        default_year = meeting.cycle_year or (meeting.date.year if meeting.date else None)
        schedule = read_schedule(
            annex,
            default_year=default_year,
            warnings=warnings,
            report_text="\n".join(item.text for item in parsed_items),
        )
        _warn_unread_annex(
            annex,
            warnings,
            schedule_read=bool(schedule and (schedule.slots or schedule.refused)),
            grid_tables=schedule.tables if schedule else 1,
        )
    report = ParsedReport(meeting=meeting, items=parsed_items, schedule=schedule, warnings=warnings)
    # Where the decisions say one thing and the report's own grid another.
    report.warnings += check_decisions_against_grid(report)
    read_provenance(report)
    return report


# A point of a list typed with its letter or roman number: "a. The Secretariat ...", "(ii) the ...".
_TYPED_POINT = re.compile(r"^\(?(?:[a-z]|[ivx]{2,4})[.)]\s")
# A paragraph that leads in a list of decisions or actions: "The following actions were agreed:",
# "The following decisions were taken:", "The MAG agreed on the following:".
_LEAD_IN = re.compile(
    r"\b(?:the\s+following\s+(?:(?P<actions>actions?|action\s+(?:items|points)|next\s+steps|follow[\s-]up\s+actions?"
    r"|tasks)|(?P<decisions>decisions?|conclusions|points|outcomes))\s+(?:were|was|have\s+been|has\s+been)\s+"
    r"(?:\w+\s+)?(?:agreed(?:\s+(?:up)?on)?|taken|reached|made|decided|adopted|identified|endorsed)"
    r"|(?:agreed|decided)\s+(?:up)?on\s+the\s+following|the\s+following\s+(?:was|were)\s+(?:agreed|decided))"
    r"(?:\s+(?:by|at|during)\s+[^:]{1,40})?\s*:$",
    re.IGNORECASE,
)


def _read_led_in_points(item: ParsedItem, texts: list[str], points: list[bool]) -> None:
    """The points listed after a lead-in ("The following decisions were taken:") are decisions or
    actions as it says, when the recogniser did not read them as one or the other; the lead-in
    itself is then no decision of its own."""
    added: list[ParsedDecision] = []
    lead_ins: set[str] = set()  # the lead-ins points came after
    kind = lead = ""
    for text, point in zip(texts, points, strict=True):
        if not point:
            lead_in = _LEAD_IN.search(text)
            kind = ("action" if lead_in.group("actions") else "decision") if lead_in else ""
            lead = split_sentences(text)[-1] if lead_in else ""
            continue
        if not kind:
            continue
        lead_ins.add(lead)
        reading = read_listed_point(_TYPED_POINT.sub("", text)) if kind == "action" else None
        read = [decision for decision in item.decisions if decision.text in split_sentences(text)]
        if read:
            for decision in read:  # "Session organisers to send ...": the owner a note names
                if decision.kind == "action" and reading:
                    decision.owner = decision.owner or reading.owner
                    decision.due = decision.due or reading.due
            continue
        added.append(
            ParsedDecision(
                kind=kind,
                text=" ".join(text.split()),
                owner=reading.owner if reading else "",
                due=reading.due if reading else "",
            )
        )
    if not lead_ins:
        return
    kept = [decision for decision in item.decisions if decision.text not in lead_ins]
    # In the order of the text: each point where it stands among the sentences the recogniser read.
    flat = " ".join(item.text.split())
    item.decisions = sorted([*kept, *added], key=lambda decision: flat.find(" ".join(decision.text.split())))


# A footnote a PDF conversion left as text: "[1] The synthesis paper is at https://...", its mark
# typed in the sentence citing it ("the synthesis paper[1]").
_TYPED_FOOTNOTE = re.compile(r"^\[(?P<mark>\d{1,3})\]\s+(?P<text>\S.*)$", re.DOTALL)
_TYPED_URL = re.compile(r"https?://[^\s<>\"']+")


def _typed_footnotes(items: list[ParsedItem]) -> None:
    """Each "[n] ..." paragraph cited once as "[n]" in an earlier (or the same) item's text becomes that
    item's footnote, and leaves the text: the mark where it stood, the paragraph where it was. One
    that is a whole item, or cited nowhere or twice, stays text."""
    for holder in items:
        blocks = holder.text.split("\n\n")
        if len(blocks) < 2:
            continue
        kept = []
        for block in blocks:
            match = _TYPED_FOOTNOTE.match(block)
            citing = None
            if match and block is not blocks[0]:
                mark = f"[{match.group('mark')}]"
                candidates = [
                    item
                    for item in items[: holder.position]
                    if (item.text if item is not holder else "\n\n".join(kept)).count(mark) == 1
                ]
                citing = candidates[-1] if candidates else None
            if citing is None:
                kept.append(block)
                continue
            if citing is holder:
                holder.text = "\n\n".join(kept)
            offset = citing.text.index(mark)
            citing.text = citing.text[:offset] + citing.text[offset + len(mark) :]
            if citing is holder:
                kept = holder.text.split("\n\n")
            for footnote in citing.footnotes:
                if footnote.offset is not None and footnote.offset > offset:
                    footnote.offset -= len(mark)
            text = _clean(match.group("text"))
            citing.footnotes.append(
                ParsedFootnote(
                    mark=match.group("mark"), text=text, urls=_TYPED_URL.findall(text), offset=offset
                )
            )
            citing.footnotes.sort(key=lambda footnote: footnote.offset or 0)
            citing.decisions = classify_sentences(citing.text)
        text = "\n\n".join(kept)
        if text != holder.text:
            holder.text = text
            holder.decisions = classify_sentences(text)


# Sections that restate the meeting's outcomes: "Summary of decisions", "Action items", "Next steps",
# an executive summary, "Conclusions", "Decisions Taken" (but not "Summary of Discussions").
_SUMMARY_SECTION = re.compile(
    r"\b(?:executive\s+summary|decisions?|action(?:s|\s+items?|\s+points?)|next\s+steps|conclusions?|"
    r"outcomes?|way\s+forward|follow[\s-]?up)\b",
    re.IGNORECASE,
)
_CONTAINED_WORDS = 6  # a point this long, its words in order inside another's, repeats it
_NEGATION = frozenset({"not", "no", "never", "without", "nor", "neither", "none", "t"})


_RepeatKey = tuple[list[str], frozenset[str], frozenset[str]]  # words, numbers, set of words


def _repeat_key(text: str) -> _RepeatKey:
    words = re.findall(r"\w+", text.lower())
    return words, frozenset(word for word in words if word.isdigit()), frozenset(words)


def _repeats(key: _RepeatKey, other: _RepeatKey) -> bool:
    """The same decision in (nearly) the same words: "... by 15 May" and "... by 15 May 2019", the
    body's sentence and the summary's without its lead-in ("After a discussion, "). Only words
    added, never changed ("the workshop on youth" is not "the workshop on gender"), none of them a
    negation, the numbers agreeing ("... close on 30 April" is not "... close on 15 May")."""
    if key[0] == other[0]:
        return True
    if not (key[1] <= other[1] or other[1] <= key[1]):
        return False
    if not (key[2] <= other[2] or other[2] <= key[2]):  # the quick test: a long summary section
        return False  # is compared with every decision kept before it
    shorter, longer = sorted((key[0], other[0]), key=len)
    if len(shorter) < _CONTAINED_WORDS:
        return False
    added = list(longer)
    remaining = iter(longer)
    for word in shorter:  # a subsequence: each word of the shorter found, in order, in the longer
        if word not in remaining:
            return False
        added.remove(word)
    return not _NEGATION.intersection(added)


def _drop_repeated_decisions(items: list[ParsedItem], warnings: list[str], *, listed: set[int]) -> None:
    """A decision or action that a summary list (or an executive summary) repeats from the body is
    counted once. The body paragraph's is kept: it is where the MAG's discussion is, with its number
    to cite, and a MAG member browsing decisions follows it to that context; the summary's point keeps
    its text as an item but not a second decision (its owner or due date fill the body's if missing).
    Two summary lists repeating each other keep the first's; a list's own points are not compared
    with each other, nor body paragraphs: a report may record the same outcome twice on purpose."""
    # The decisions kept so far, by the summary section they are in ("" for the body).
    kept: dict[str, list[tuple[ParsedItem, ParsedDecision, _RepeatKey]]] = collections.defaultdict(list)
    # A summary's points are unnumbered bullets (the numbered paragraphs under an executive summary's
    # heading are the body), or points of a list of decisions or actions.
    summaries = [
        item
        for item in items
        if _SUMMARY_SECTION.search(item.section) and (not item.number or item.position in listed)
    ]
    summary_positions = {item.position for item in summaries}
    for item in items:
        if item.position not in summary_positions:
            kept[""] += [(item, decision, _repeat_key(decision.text)) for decision in item.decisions]
    for item in summaries:
        remaining = []
        for decision in item.decisions:
            key = _repeat_key(decision.text)
            original = next(
                (
                    (other_item, other)
                    for section, entries in kept.items()
                    if section != item.section
                    for other_item, other, other_key in entries
                    if other.kind == decision.kind and _repeats(key, other_key)
                ),
                None,
            )
            if original is None:
                remaining.append(decision)
                kept[item.section].append((item, decision, key))
                continue
            other_item, other = original
            if not other.owner and decision.owner:
                other.owner = decision.owner
            if not other.due and decision.due:
                other.due = decision.due
            where = f"item {other_item.number}" if other_item.number else f"#{other_item.position}"
            warnings.append(
                f"{item.section!r}: {decision.kind} {_shorten(decision.text)!r} repeats {where}'s and "
                "was counted once"
            )
        item.decisions = remaining


def _next_meeting(items: list[ParsedItem], meeting: ParsedMeeting):
    """The date of the next meeting the report announces, for actions due "before the next meeting"."""
    if meeting.date is None or meeting.cycle_year is None:
        return None
    dates = [
        announcement.date
        for item in items
        if "next" in item.text.lower()
        for announcement in read_announcements(item.text, year=meeting.cycle_year, after=meeting.date)
        if announcement.date > meeting.date
    ]
    return min(dates, default=None)


def item_number(paragraph: Paragraph) -> tuple[str, str] | None:
    """(printed number, text without it) when the paragraph starts an agenda item."""
    if paragraph.list_label:
        label = paragraph.list_label.strip()
        if _LIST_LABEL.match(label) and len(label) <= _MAX_NUMBER + 2:
            return label.strip("().").rstrip(")"), paragraph.text
        return None
    match = _TYPED_NUMBER.match(paragraph.text)
    if match and paragraph.text[match.end() :].strip():
        return match.group("number") or match.group("outline"), paragraph.text[match.end() :]
    match = _AGENDA_ITEM_NUMBER.match(paragraph.text)
    if match and paragraph.text[match.end() :].strip():
        return match.group("number"), paragraph.text[match.end() :]
    match = _TYPED_ROMAN.match(paragraph.text)
    if match and _written_in_roman(match.group("roman")):
        rest = paragraph.text[match.end() :]
        cleaned = _clean(rest)
        # A sentence or more: "II. Preparations for the fifth meeting" is a heading, not a paragraph.
        if _words(cleaned) >= 6 and (_SENTENCE_END.search(cleaned) or cleaned.endswith(":")):
            return match.group("roman"), rest
    return None


def _written_in_roman(numeral: str) -> bool:
    """ "IV", not "IIII" nor "VX": a numeral as a report prints it."""
    value = roman_to_int(numeral)
    return value is not None and int_to_roman(value) == numeral


def _lone_number(paragraph: Paragraph) -> str | None:
    """The number of a paragraph that is only a number: "12", "12.", or a list label on an empty line."""
    if paragraph.list_label and not paragraph.text.strip():
        label = paragraph.list_label.strip()
        if _LIST_LABEL.match(label) and len(label) <= _MAX_NUMBER + 2:
            return label.strip("().").rstrip(")")
        return None
    if paragraph.list_label:
        return None
    match = _LONE_NUMBER.match(paragraph.text)
    return match.group("number") if match else None


def _sub_paragraph(paragraph: Paragraph, item: _Item) -> bool:
    """A Word list paragraph one level below the numbered paragraph ``item`` starts: at a deeper
    level of the list, or (under a typed number) lettered or in roman numerals at a level below the
    first. A list of its own at the first level ("iv." after "1.") numbers items, as the portal's
    Word copies do."""
    if paragraph.list_label is None or _is_bullet(paragraph) or not paragraph.text.strip():
        return False
    label = paragraph.list_label.strip().strip("().")
    if re.fullmatch(r"\d+(?:\.\d+)+", label):
        return False  # "2.1": a paragraph numbered in the outline, an item of its own
    top = item.paragraphs[0] if item.paragraphs else item.title
    level = paragraph.list_level or 0
    if top is not None and top.list_level is not None:
        return level > top.list_level
    return level > 0 and item.number.isdigit() and not label.isdigit()


# The last word of a printed line that a sentence cannot end on: "... the Government of", "by Ms.".
_OPEN_END = re.compile(
    r"(?:\b(?:the|a|an|of|for|and|or|nor|to|by|in|on|with|at|from|into|that|which|who|whose|as|is|are"
    r"|was|were|be|been|will|would|shall|could|its|their|his|her|our|this|these|those|than|has|have|had"
    r"|between|among|about|under|during|including|via|both|whether)"
    r"|(?<![^\W\d_])(?:Mr|Ms|Mrs|Dr|Prof|H\.E)\.)$",
    re.IGNORECASE,
)


def _cut_mid_sentence(text: str) -> bool:
    """Whether a paragraph's text stops where no sentence ends, as a printed line a PDF conversion
    made a paragraph does: on "the", "of", "by Ms.".

    Only the last words can end it: the pattern is tried on them alone, not from every character of
    the paragraph (which made this a third of the interpretation of a long report)."""
    tail = text[-_OPEN_END_TAIL:]
    match = _OPEN_END.search(tail)
    # A match at the tail's first character may be the end of a longer word cut by the slice.
    return match is not None and (match.start() > 0 or len(tail) == len(text))


#: Characters of a line's end that hold its last word and what precedes it (for the word boundary).
_OPEN_END_TAIL = 40


_LINE_END = re.compile(r"[.!?;:][\"'”’)\]]*$")


@dataclass(frozen=True)
class _PrintedLines:
    """How long a printed line is in a report whose every printed line is a paragraph (a PDF
    conversion), told by the lines that plainly go on in the next ("... agreed that the trade" /
    "session would ..."): 0 in any other report."""

    width: int = 0

    @classmethod
    def of(cls, body: list[Paragraph | Table]) -> _PrintedLines:
        plain = [
            _clean(block.text)
            for block in body
            if isinstance(block, Paragraph) and block.list_label is None and block.heading_level is None
        ]
        plain = [text for text in plain if text]
        widths = sorted(
            len(text)
            for text, following in itertools.pairwise(plain)
            if following[0].islower() and _words(text) >= 6 and not _LINE_END.search(text)
        )
        return cls(width=widths[len(widths) // 2] if len(widths) >= 3 else 0)

    def cut(self, text: str) -> bool:
        """Whether a paragraph's text stops where its sentence goes on: on a word no sentence ends
        on, or (in a report of printed lines) a line as long as the others without a full stop."""
        if _cut_mid_sentence(text):
            return True
        return bool(self.width) and len(text) >= 0.75 * self.width and not _LINE_END.search(text)


def _interrupts(paragraph: Paragraph, text: str, following: Paragraph | None) -> bool:
    """A short line that is not a sentence, between a line cut mid-sentence and the line in lower
    case that goes on with it: a page's running header or footer."""
    if not _heading_like(paragraph, text) or _cut_mid_sentence(text):
        return False
    return _runs_on_in_lower_case(following)


def _runs_on_in_lower_case(following: Paragraph | None) -> bool:
    """Whether the paragraph after a line goes on with that line's sentence: plain, in lower case
    ("participants have registered so far.")."""
    if following is None or following.list_label is not None:
        return False
    rest = _clean(following.text)
    return bool(rest) and rest[0].islower()


def _goes_on(paragraph: Paragraph) -> bool:
    """Whether a plain paragraph may be the rest of the line before it: not numbered, not a list's
    point, not a heading."""
    if paragraph.list_label is not None or paragraph.heading_level is not None or not paragraph.text.strip():
        return False
    return not (_BULLET.match(paragraph.text) or item_number(paragraph) or _lone_number(paragraph))


def _is_bullet(paragraph: Paragraph) -> bool:
    if paragraph.list_label is not None:
        return not _LIST_LABEL.match(paragraph.list_label.strip())
    return bool(_BULLET.match(paragraph.text))


def _without_bullet(paragraph: Paragraph) -> Paragraph:
    """The paragraph without its typed bullet, still a list's point (its bullet as its list label)."""
    match = _BULLET.match(paragraph.text) if paragraph.list_label is None else None
    if match is None:
        return paragraph
    return replace(_with_text(paragraph, paragraph.text[match.end() :]), list_label=match.group(0).strip())


def _words(text: str) -> int:
    return len(text.split())


def _is_prose(text: str) -> bool:
    """A sentence or more, as a paragraph of the report's body is; a heading or header line is not."""
    words = _words(text)
    return words >= 25 or (words >= 8 and bool(_SENTENCE_END.search(text)))


def _heading_like(paragraph: Paragraph, text: str) -> bool:
    """Could be a heading: styled as one, or a short line that is not a sentence."""
    if paragraph.list_label is not None or _BULLET.match(paragraph.text) or not text:
        return False
    if _LABELLED_LINE.match(text):
        return False
    if paragraph.heading_level is not None:
        return _words(text) <= 30
    if _words(text) > 14 or len(text) > 120 or _is_prose(text):
        return False
    if text.endswith((".", ";", ",")):
        return False
    return text[0].isupper() or text[0].isdigit()


def _line_kind(text: str, header: _Header) -> str:
    """What a short line above the body is: organisation, document type, date, venue, section or title."""
    if _ORGANISATION.match(text):
        return "organisation"
    if _DOCUMENT_TYPE.match(text) and not _DOCUMENT_TYPE_NOT_HEADER.match(text):
        return "document type"
    if _STATUS.match(text) or _WEB_PAGE.match(text) or _WRITTEN_BY.match(text):
        return "document type"
    if _PUBLISHED.match(text) and find_date_range(text, default_year=2000):
        return "document type"  # the page's or the file's date, not the meeting's
    if _DAY_HEADING.match(text) and (header.dates or re.match(r"^day\b", text, re.I)):
        return "section"  # "Day 2 – Wednesday, 13 July": the meeting's date is already known
    found = find_date_range(text, default_year=2000)
    if found:
        rest = text[: found[1].start()] + " " + text[found[1].end() :]
        # "Geneva, 12-14 July 2016", "Conference call, 3 March 2019": a date with where or how,
        # but not a title with its date ("Virtual MAG Meeting 5 April 2016").
        title_words = re.search(r"\b(?:meeting|consultations?|MAG|IGF|summary|report)\b", rest, re.I)
        if _words(rest) <= 6 and not title_words:
            return "date"
    if _SECTION.match(text):
        return "section"
    if _MEDIUM.match(text):
        return "venue"  # "Held via Zoom", "By teleconference": how, where a city would say where
    if (
        _CITY.search(text)
        and not re.search(r"\bmeeting|consultation|call|MAG\b", text, re.I)
        and _words(text) <= 10
    ):
        return "venue"
    return "title"


_DOCUMENT_OWNER = re.compile(r"^(?:(?:the\s+)?(?:IGF|MAG|internet\s+governance\s+forum)\s+)+", re.IGNORECASE)


def _names_document(text: str) -> bool:
    """A line naming the kind of document, maybe after whose it is: "Chairman's summary", "Summary
    Report – Draft", "MAG MEETING SUMMARY", "IGF MAG Meeting Summary – Draft"."""
    text = _DOCUMENT_OWNER.sub("", text)
    if _DOCUMENT_TYPE_NOT_HEADER.match(text):
        return False
    return bool(_DOCUMENT_TYPE.match(text) or _STATUS.match(text))


# A line saying how the meeting was held: "Held via Zoom", "By teleconference", "Online".
_MEDIUM = re.compile(
    r"^(?:(?:held|conducted|convened|hosted)\s+)?(?:(?:via|by|over|on|through|using|in)\s+)?"
    r"(?:zoom|webex|skype|adobe\s+connect|(?:ms\s+|microsoft\s+)?teams|gotomeeting|video\s*-?conference"
    r"|tele-?conference|conference\s+call|phone|telephone)\b[^.]{0,40}$"
    r"|^(?:held\s+)?(?:online|virtually|remotely)$",
    re.IGNORECASE,
)


def _add_header_line(block: Paragraph, header: _Header) -> bool:
    """Add a line to the header, or False when it starts the body instead."""
    text = _clean(block.text)
    field = _HEADER_FIELD.match(text)
    if field:
        header.title_open = False
        label = _header_label(field.group("label"))
        if label == "date":
            header.dates.append(field.group("value"))
        elif label == "venue":
            header.venues.append(field.group("value"))
        elif label in ("time", "writer"):
            header.other.append(text)  # the hours of a call, who wrote the report: not kept
        else:
            header.fields.append(text)
        return True
    if (
        item_number(block)
        or _lone_number(block)
        or _is_bullet(block)
        or _is_prose(text)
        or len(text) > 200
        or _ANNEX.match(text)
    ):
        return False
    kind = _line_kind(text, header)
    if kind == "section":
        return False
    if kind == "title" and _words(text) >= 3 and _SENTENCE_END.search(text):
        return False  # a short sentence is the body's, not a title
    if kind == "title":
        # The title's lines stand together (a date may come before them); a later short line starts
        # the body.
        if header.title and (len(header.title) >= 3 or not header.title_open):
            return False
        header.title.append(text)
        header.title_open = True
        return True
    header.title_open = False
    if kind == "date":
        header.dates.append(text)
    elif kind == "venue":
        header.venues.append(text)
    else:
        header.other.append(text)
    return True


def _header_table_lines(table: Table) -> list[Paragraph] | None:
    """The lines of a small table above the body that holds the header, or None for any other table
    (a grid of times, a list of participants)."""
    lines = [p for row in table.rows for cell in row for p in cell.paragraphs if _clean(p.text)]
    if not lines or len(table.rows) > 4 or len(lines) > 8 or table.n_cols > 3:
        return None
    if any(_is_prose(_clean(p.text)) or TIME_RANGE.search(p.text) or item_number(p) for p in lines):
        return None
    return lines


def _split_body(document: Document, warnings: list[str]):
    """The header, the agenda items, and the annex blocks (after an "Annex" heading)."""
    blocks = document.blocks
    header = _Header()
    position = 0
    # The header: the short lines above the body, the title among them; some reports set them in a
    # small table (a logo beside the title), read line by line the same way.
    while position < len(blocks) and position < 40:
        block = blocks[position]
        if isinstance(block, Table):
            lines = _header_table_lines(block) if not header.title else None
            if lines is None:
                break
            for line in lines:
                if not _add_header_line(line, header):
                    warnings.append(
                        f"the line {_shorten(line.text)!r} of the table above the report was not imported"
                    )
            position += 1
            continue
        if _clean(block.text) and not _add_header_line(block, header):
            break
        position += 1
    if not header.title and position < len(blocks) and not document.title.strip():
        # No title line above the body: a first heading is the title.
        block = blocks[position]
        if isinstance(block, Paragraph) and block.heading_level is not None and _words(block.text) <= 30:
            header.title.append(_clean(block.text))
            position += 1

    items: list[_Item] = []
    annex: list[Paragraph | Table] = []
    section = ""
    section_closed = True  # an item came after the current section heading
    open_headings: list[str] = []  # the headings of the current section, while no item is under them
    open_lines: list[str] = []  # the same headings' lines as the report prints them
    pending_number: tuple[str, Paragraph] | None = None
    last_number: int | None = None
    # Once a section has a numbered paragraph, plain paragraphs in it continue the item above; in a
    # section without one (an executive summary, a report without numbers) each is an item.
    section_numbered = False
    listing = ""  # "action" or "decision" under an "Action items" or "Decisions" heading
    section_bullets = False  # the section has bullets: its plain paragraphs are not its list
    outline = _Outline()
    contents: list[str] = []  # the table of contents' heading and lines
    in_contents = False
    agenda: _Item | None = None  # the agenda's lines, one item, while they last
    agenda_numbers: list[int] = []
    body = blocks[position:]
    numbered_ahead = _numbered_ahead(body)
    running: set[str] = set()  # the lines dropped as page headers or footers
    open_sentence = False  # the last line of an item's text stopped mid-sentence
    lines = _PrintedLines.of(body)
    for offset, block in enumerate(body):
        if annex:
            annex.append(block)
            continue
        if isinstance(block, Table):
            open_sentence = False
            minutes = _minutes_table(block)
            if minutes is not None:
                # Minutes set in a table: a row's topic is the section of its discussion, and of its
                # decisions and actions, each listed as one.
                items += [
                    _Item(number="", section=topic, paragraphs=paragraphs, listed_as=kind)
                    for topic, kind, paragraphs in minutes
                ]
                section_closed, section_numbered, section_bullets, listing = True, False, True, ""
                outline, section = _Outline(), ""
                continue
            listed = _table_of_actions(block)
            if listed is not None:
                items += [
                    _Item(
                        number="",
                        section=section,
                        paragraphs=[Paragraph(index=block.index, text=row)],
                        listed_as=kind,
                    )
                    for kind, row in listed
                ]
                section_closed = True
                section_numbered = False
                section_bullets = True  # the table is the section's list
                continue
            if items and not numbered_ahead[offset]:
                # A table after the last item without an "Annex" heading is the annex all the same.
                annex.append(block)
            else:
                where = f"after item {_label(items[-1], len(items))}" if items else "before the first item"
                # Named by its first row, so the Secretariat finds it (an agenda, a list of participants).
                first_row = " | ".join(
                    _clean(cell.text) for cell in (block.rows or [[]])[0] if _clean(cell.text)
                )
                rows = f"{len(block.rows)} row{'s' if len(block.rows) != 1 else ''}"
                named = f" ({_shorten(first_row)!r}, {rows})" if first_row else f" ({rows})"
                warnings.append(f"a table {where}{named} is not part of any agenda item and was not imported")
            continue
        text = _clean(block.text)
        if not text and (not block.list_label or _is_bullet(block)):
            continue  # an empty line, or an empty bullet
        if _PAGE_NUMBER.match(text):
            warnings.append(f"the line {text!r} looks like a page number and was not imported")
            continue
        if (
            _HOME_PAGE.match(text)
            and items
            and items[-1].paragraphs
            and not _clean(items[-1].paragraphs[-1].text).endswith(":")
        ):
            # "www.intgovforum.org" at a page's foot, not a link the sentence above leads to.
            warnings.append(
                f"the line {_shorten(text)!r} looks like a page footer (a web address alone) and was not "
                "imported"
            )
            continue
        if _WEB_PAGE.match(text) and not _is_bullet(block):
            warnings.append(
                f"the line {_shorten(text)!r} looks like the web page's navigation and was not imported"
            )
            continue
        if _repeats_header(block, text, header):
            running.add(_key(text))
            warnings.append(
                f"the line {_shorten(text)!r} repeats the report's heading (a page header or footer) "
                "and was not imported"
            )
            continue
        cut_before, open_sentence = open_sentence, False
        if (
            cut_before
            and _lone_number(block) is not None
            and block.list_label is None
            and not _next_in_line(block, body, offset, last_number)
        ):
            # "... and that the" / "3" / "IGF website would ...": the page's number, not a paragraph's.
            warnings.append(f"the line {text!r} looks like a page number and was not imported")
            open_sentence = True
            continue
        if cut_before and _interrupts(block, text, _next_paragraph(body, offset)):
            # "... schedule to the" / "IGF MAG VI – Summary Report" / "members of the MAG ...".
            warnings.append(
                f"the line {_shorten(text)!r} interrupts a sentence (a page header or footer) and was not "
                "imported"
            )
            open_sentence = True
            continue
        if cut_before and _goes_on(block):
            # The rest of a printed line cut mid-sentence ("... the Government of" / "Azerbaijan.").
            items[-1].paragraphs.append(block)
            items[-1].running_on.add(block.index)
            open_sentence = lines.cut(text)
            continue
        if (
            not items
            and agenda is None
            and not any(_DAY_HEADING.match(heading) for heading in open_headings)
            and (_HEADER_FIELD.match(text) or _names_document(text))
            and _add_header_line(block, header)
        ):
            # "Date: 9 June 2021", "Chair: ...", "Chairman's summary" under a first heading ("Summary
            # of discussions"), before any paragraph: the header's lines still, and the heading too.
            header.other += open_lines
            outline, section, open_headings, section_closed, listing = _Outline(), "", [], True, ""
            open_lines = []
            continue
        if (
            _CONTENTS_HEADING.match(text)
            or (in_contents and _contents_line(block))
            or block.style.upper().startswith("TOC")
        ):
            contents.append(text)
            in_contents = True
            continue
        in_contents = False
        if agenda is not None:
            line = _agenda_line(block, text, numbers=agenda_numbers, listed=bool(agenda.paragraphs))
            if line is not None:
                shown, number = line
                if not agenda.paragraphs:
                    items.append(agenda)
                agenda.paragraphs.append(_with_text(block, shown))
                agenda_numbers += [number] if number else []
                section_closed = True
                continue
            # The agenda ends; what follows is the body, not a part of the agenda's section.
            agenda = None
            section = outline.close_last()
        lone = _lone_number(block)
        if lone is not None:
            following = _next_paragraph(body, offset)
            if (
                pending_number is None
                and following is not None
                and _starts_item(following, lone, last_number, written=text)
            ):
                pending_number = (lone, block)
            else:
                warnings.append(f"the line {text or lone!r} looks like a page number and was not imported")
            continue
        # A heading Word numbers ("II. Preparations for IGF 2012" in a Heading style with a list).
        heading = _numbered_heading_style(block, text)
        if (
            heading is None
            and section_numbered
            and pending_number is None
            and _sub_paragraph(block, items[-1])
        ):
            # "(a) ...", a lettered point of the numbered paragraph above, as Word lists number them.
            items[-1].paragraphs.append(_with_text(block, f"{block.list_label.strip()} {block.text}"))
            open_sentence = lines.cut(text)
            continue
        numbered = item_number(block) if heading is None else None
        rank = _heading_rank(block, text)
        if numbered and pending_number is None and _heads_numbered(block, *numbered, body, offset):
            # "2. Secretariat update" above "2.1 ...": a numbered title, as "2. Workshop evaluation" is.
            heading, numbered = _clean(numbered[1]), None
            rank = rank if block.heading_level is not None else _TITLE_RANK
        if pending_number is not None:
            number, _line = pending_number
            pending_number = None
            numbered = numbered or (number, block.text)
        if numbered:
            number, rest = numbered
            listed_as = "" if section_bullets else listing
            if _titles_item(rest, body, offset):
                # "2. Workshop evaluation" above unnumbered paragraphs: the agenda item's number and title.
                title = _clean(rest)
                section = outline.open(_TITLE_RANK, title, after_item=section_closed)
                listing, section_bullets = _listing(title), False
                items.append(
                    _Item(number=number, section=section, listed_as=listing, title=_with_text(block, rest))
                )
            else:
                items.append(
                    _Item(
                        number=number,
                        section=section,
                        paragraphs=[_with_text(block, rest)],
                        listed_as=listed_as,
                    )
                )
                open_sentence = lines.cut(text)
            section_closed = True
            section_numbered = True
            last_number = int(number) if number.isdigit() else last_number
            continue
        if items and _ANNEX.match(text) and not _is_bullet(block):
            annex.append(block)
            continue
        if heading is None and (
            _heading_like(block, text)
            and (
                block.heading_level is not None
                or (_SECTION.match(text) and _words(text) <= 8)
                # A heading is never continued in lower case, as a printed line of a PDF conversion is.
                or (
                    _heading_ahead(body, offset, numbered_ahead)
                    and not _runs_on_in_lower_case(_next_paragraph(body, offset))
                )
            )
        ):
            heading = text
        if heading is not None:
            open_headings = [heading] if section_closed else [*open_headings, heading]
            open_lines = [text] if section_closed else [*open_lines, text]
            section = outline.open(rank, heading, after_item=section_closed)
            section_closed = False
            section_numbered = False
            listing = _listing(text)
            section_bullets = False
            if _AGENDA_HEADING.match(text):
                agenda, agenda_numbers = _Item(number="", section=section), []
            continue
        if section_numbered:
            # Within the numbered body: more paragraphs (and bullets) of the item above.
            items[-1].paragraphs.append(_without_bullet(block))
            open_sentence = lines.cut(text)
            continue
        # Before the first numbered paragraph, or in a report without numbers: an item of its own.
        section_bullets = section_bullets or _is_bullet(block)
        listed_as = listing if _is_bullet(block) or not section_bullets else ""
        items.append(
            _Item(number="", section=section, paragraphs=[_without_bullet(block)], listed_as=listed_as)
        )
        open_sentence = lines.cut(text)
        section_closed = True
    # A title line the pages repeat as their running header ("IGF MAG Meeting Summary – Draft"
    # above "MAG Virtual Meeting No. 4") heads the first page too, and a line naming the document
    # ("MAG MEETING SUMMARY") names no meeting: no part of the title.
    kept = [line for line in header.title if _key(line) not in running and not _names_document(line)]
    if kept and len(kept) < len(header.title):
        header.other += [line for line in header.title if line not in kept]
        header.title = kept
    for item in items:
        if not item.paragraphs and item.title is not None:
            item.paragraphs.append(item.title)  # nothing came under it after all: the line is the item
    if not section_closed:
        warnings += [
            f"the heading {_shorten(heading)!r} has no paragraph under it and was not imported"
            for heading in open_headings
        ]
    if contents:
        warnings.append(
            f"the table of contents ({len(contents)} lines, from {_shorten(contents[0])!r}) was not imported"
        )
    if pending_number is not None:
        warnings.append(
            f"the line {_clean(pending_number[1].text) or pending_number[0]!r} at the end of the body "
            "looks like a page number and was not imported"
        )
    return header, items, annex


# A table of contents: its heading, and lines ending in a page number after a tab or dot leaders
# ("2. Workshop evaluation ....... 3"), or in Word's TOC styles.
_CONTENTS_HEADING = re.compile(r"^(?:table\s+of\s+)?contents$", re.IGNORECASE)
_CONTENTS_LINE = re.compile(r"^\S.{1,150}?(?:\t|\s*\.{3,}|\s*…+)\s*\d{1,3}$")


# "Agenda", "Proposed agenda:", "Agenda of the meeting": the heading above the agenda's lines.
_AGENDA_HEADING = re.compile(
    r"^(?:(?:proposed|draft|provisional|adopted)\s+)?agenda(?:\s+(?:of|for)\s+the\s+(?:meeting|call))?\s*:?$",
    re.IGNORECASE,
)


def _agenda_line(
    paragraph: Paragraph, text: str, *, numbers: list[int], listed: bool
) -> tuple[str, int | None] | None:
    """(the line as shown, its number) for a line of an agenda: short, not a sentence, and numbered
    on from the line above; None where the body begins (a sentence, a heading, numbers from 1 again)."""
    if paragraph.heading_level is not None or not text or _words(text) > 15:
        return None
    numbered = item_number(paragraph)
    if not numbered and not _is_bullet(paragraph) and _SECTION.match(text):
        return None  # "Summary of discussions": the body's heading
    body = _clean(numbered[1] if numbered else _without_bullet(paragraph).text)
    if _is_prose(body) or (body.endswith((".", ";")) and _words(body) > 4):
        return None
    number = int(numbered[0]) if numbered and numbered[0].isdigit() else None
    if number is not None and numbers and number <= numbers[-1]:
        return None  # numbered from 1 again: the body's first paragraph
    if listed and numbers and not numbered and not _is_bullet(paragraph):
        return None  # a plain line after numbered ones: a heading of the body
    return (f"{numbered[0]}. {body}" if numbered else body), number


def _contents_line(block: Paragraph) -> bool:
    return block.style.upper().startswith("TOC") or bool(_CONTENTS_LINE.match(block.text.strip()))


# Words a page header or footer adds to the report's title: "MAG Meeting VI – Summary Report – Page 2".
_RUNNING_WORD = re.compile(
    r"summary|report|draft|final|provisional|page|of|chair(?:man)?|s|minutes|record|igf|mag|internet"
    r"|governance|forum|united|nations|secretariat|\d+"
)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _repeats_header(block: Paragraph, text: str, header: _Header) -> bool:
    """A line of the body that repeats the header, as PDF conversions leave page headers and footers
    in the text: the title (alone, or with a document type, a date or a page number), another header
    line, or the organisation's name."""
    if len(text) > 200 or block.list_label is not None or _BULLET.match(block.text) or _is_prose(text):
        return False
    if _ORGANISATION.match(text):
        return True
    key = _key(text)
    lines = [*header.title, " ".join(header.title), *header.dates, *header.venues, *header.other]
    if key in {_key(line) for line in lines} - {""}:
        return True
    title = _key(" ".join(header.title))
    if not title or title not in key:
        return False
    rest = key.replace(title, " ")
    found = find_date_range(rest, default_year=2000)
    if found:
        rest = rest[: found[1].start()] + " " + rest[found[1].end() :]
    return all(_RUNNING_WORD.fullmatch(word) for word in rest.split())


# Headings of a list of actions or of decisions: "Action items:", "Action Points", "Decisions taken".
_ACTIONS_HEADING = re.compile(
    r"^(?:[IVX\d]+[.)]?\s+)?(?:(?:summary|list|table)\s+of\s+)?(?:(?:agreed|key|follow[\s-]up)\s+)?"
    r"(?:action\s+(?:items?|points?|list)|actions?(?:\s+(?:agreed|required|arising|taken))?|to[\s-]dos?"
    r"|follow[\s-]up\s+actions?|tasks?|next\s+steps)\s*:?$",
    re.IGNORECASE,
)
_DECISIONS_HEADING = re.compile(
    r"^(?:[IVX\d]+[.)]?\s+)?(?:(?:summary|list)\s+of\s+)?(?:(?:the\s+)?(?:key|main)\s+)?"
    r"(?:decisions?(?:\s+(?:taken|made|reached|agreed))?|agreements?(?:\s+reached)?|agreed\s+(?:points|outcomes))"
    r"\s*:?$",
    re.IGNORECASE,
)
# The columns of a table of actions: what (the action), and who, when or its status.
_ACTION_COLUMN = re.compile(
    r"^(?:(?:agreed\s+|follow[\s-]up\s+)?actions?(?:\s+(?:items?|points?|required|agreed))?|tasks?|to[\s-]dos?"
    r"|decisions?(?:\s+(?:taken|made))?|what|activit(?:y|ies)|description|items?"
    r"|(?:decisions?|outcomes?)\s*(?:/|and|&)\s*(?:actions?|next\s+steps|follow[\s-]up))$",
    re.IGNORECASE,
)
# Both in one column ("Decision / Action"): a row with an owner or a date is an action.
_BOTH_COLUMN = re.compile(r"^(?:decisions?|outcomes?)\s*(?:/|and|&)", re.IGNORECASE)
# What a row is about, beside it: "Agenda item", "Topic".
_CONTEXT_COLUMN = re.compile(r"^(?:agenda\s+items?|topics?|subjects?|issues?|sessions?)$", re.IGNORECASE)
_DETAIL_COLUMN = re.compile(
    rf"^(?:{OWNER_LABELS}|{DUE_LABELS}|status|comments?|notes?|remarks?)$", re.IGNORECASE
)
_NUMBER_COLUMN = re.compile(r"^(?:no\.?|#|n[º°]\.?|ref\.?)$", re.IGNORECASE)


def _listing(heading: str) -> str:
    """ "action" or "decision" for a heading above a list of them, else ""."""
    if _ACTIONS_HEADING.match(heading):
        return "action"
    return "decision" if _DECISIONS_HEADING.match(heading) else ""


def _table_of_actions(table: Table) -> list[tuple[str, str]] | None:
    """("action" or "decision", a line) for each row of a table of actions (Action | Owner |
    Deadline) or of decisions, else None. A row reads "Circulate the call (Owner: Secretariat;
    Deadline: 22 February)"; what a row is about ("Agenda item") is said first in the brackets."""
    if len(table.rows) < 2:
        return None
    header = {cell.col: _clean(cell.text).rstrip(":") for cell in table.rows[0]}
    what = [col for col, name in header.items() if _ACTION_COLUMN.match(name)]
    details = [col for col, name in header.items() if _DETAIL_COLUMN.match(name)]
    numbers = [col for col, name in header.items() if _NUMBER_COLUMN.match(name)]
    context = [col for col, name in header.items() if _CONTEXT_COLUMN.match(name)]
    if len(context) > 1 or len(what) != 1 or not details:
        return None
    if len(what) + len(details) + len(numbers) + len(context) != len(header):
        return None
    both = bool(_BOTH_COLUMN.match(header[what[0]]))
    kind = "decision" if re.match(r"decision", header[what[0]], re.IGNORECASE) else "action"
    lines = []
    for row in table.rows[1:]:
        cells = {cell.col: _clean(cell.text) for cell in row}
        action = cells.get(what[0], "")
        if not action:
            continue
        said = [f"{header[col]}: {cells[col]}" for col in [*context, *details] if cells.get(col)]
        line = f"{action} ({'; '.join(said)})" if said else action
        if both:
            kind = "action" if any(cells.get(col) for col in details) else "decision"
        lines.append((kind, line))
    return lines


_TOPIC_COLUMN = re.compile(r"^(?:(?:agenda\s+)?items?|topics?|subjects?|issues?)$", re.IGNORECASE)
_DISCUSSION_COLUMN = re.compile(
    r"^(?:summary(?:\s+of\s+(?:the\s+)?discussions?)?|discussions?|notes?|minutes|points\s+raised"
    r"|deliberations?|key\s+points)$",
    re.IGNORECASE,
)
_DECISION_COLUMN = re.compile(
    r"^(?:decisions?(?:\s+(?:taken|made))?|outcomes?|agreed|conclusions?)$", re.IGNORECASE
)
_TASK_COLUMN = re.compile(
    r"^(?:(?:agreed\s+)?actions?(?:\s+(?:items?|points?|required|agreed))?|follow[\s-]up|next\s+steps|to[\s-]dos?)$",
    re.IGNORECASE,
)


def _minutes_table(table: Table) -> list[tuple[str, str, list[Paragraph]]] | None:
    """(topic, "" or "decision" or "action", paragraphs) for each row's discussion, decision and
    action of minutes set in a table ("Agenda item | Discussion | Action | Owner"), else None. An
    action reads "Publish the plan (Owner: Secretariat; Deadline: 20 May)"."""
    if len(table.rows) < 2:
        return None
    header = {cell.col: _clean(cell.text).rstrip(":") for cell in table.rows[0]}
    kinds: dict[int, str] = {}
    for col, name in header.items():
        if _TOPIC_COLUMN.match(name):
            kinds[col] = "topic"
        elif _DISCUSSION_COLUMN.match(name):
            kinds[col] = "discussion"
        elif _DECISION_COLUMN.match(name):
            kinds[col] = "decision"
        elif _TASK_COLUMN.match(name) or _BOTH_COLUMN.match(name):
            kinds[col] = "action" if _TASK_COLUMN.match(name) else "both"
        elif _DETAIL_COLUMN.match(name):
            kinds[col] = "detail"
        elif _NUMBER_COLUMN.match(name):
            kinds[col] = "number"
        else:
            return None
    found = list(kinds.values())
    if found.count("topic") != 1 or found.count("discussion") != 1:
        return None
    details = [col for col, kind in kinds.items() if kind == "detail"]
    rows = []
    for row in table.rows[1:]:
        cells = {cell.col: cell for cell in row}
        topic = next(
            (_clean(cells[col].text) for col, kind in kinds.items() if kind == "topic" and col in cells), ""
        )
        said = [
            f"{header[col]}: {_clean(cells[col].text)}"
            for col in details
            if col in cells and _clean(cells[col].text)
        ]
        for col, kind in kinds.items():
            paragraphs = [p for p in (cells[col].paragraphs if col in cells else []) if _clean(p.text)]
            if not paragraphs or kind not in ("discussion", "decision", "action", "both"):
                continue
            if kind == "discussion":
                rows.append((topic, "", paragraphs))
                continue
            listed = "decision" if kind == "decision" or (kind == "both" and not said) else "action"
            for paragraph in paragraphs:
                text = _clean(paragraph.text)
                if listed == "action" and said:
                    text = f"{text} ({'; '.join(said)})"
                rows.append((topic, listed, [replace(paragraph, text=text)]))
    return rows


@dataclass
class _Outline:
    """The headings above the current paragraph, outermost first, each with its rank: a day of the
    meeting first ("Day 1", "Tuesday, 13 June"), then Word's heading levels, then plain lines, then
    numbered titles. A plain line is taken to stand under a day only: whether a bold line is a
    part of the Heading above it or a topic of its own cannot be told."""

    headings: list[tuple[int, str]] = field(default_factory=list)

    def open(self, rank: int, heading: str, *, after_item: bool) -> str:
        """The section a new heading starts: under the headings above it of a higher rank (after an
        item), or added to the headings just read (one section under several lines)."""
        if after_item:
            self.headings = [
                (outer, text)
                for outer, text in self.headings
                if outer < rank and (rank != _PLAIN_RANK or outer == _DAY_RANK)
            ]
        self.headings.append((rank, heading))
        return self.section()

    def close_last(self) -> str:
        """The section once the last heading's part has ended (an agenda above the body)."""
        self.headings = self.headings[:-1]
        return self.section()

    def section(self) -> str:
        return " – ".join(text for _rank, text in self.headings)[:300]


_DAY_RANK = 0  # "Day 1", "Tuesday, 13 June": above all the other headings
_PLAIN_RANK = 10  # a plain line, below Word's heading levels
_TITLE_RANK = 11  # "2. Workshop evaluation", below the plain headings it may stand under


def _heading_rank(paragraph: Paragraph, text: str) -> int:
    if _DAY_HEADING.match(text):
        return _DAY_RANK
    return paragraph.heading_level if paragraph.heading_level is not None else _PLAIN_RANK


def _numbered_heading_style(paragraph: Paragraph, text: str) -> str | None:
    """ "II. Preparations for IGF 2012" for a paragraph in a Heading style that Word numbers."""
    if paragraph.heading_level is None or paragraph.list_label is None or _is_bullet(paragraph):
        return None
    if not text or _words(text) > 14 or _is_prose(text):
        return None
    label = paragraph.list_label.strip()
    return f"{label} {text}" if label else text


def _title_words(rest: str) -> bool:
    """Whether a numbered line's words are a title ("Workshop evaluation"), not a sentence."""
    if len(rest) > 120:
        return False
    title = _clean(rest)
    if not title or _words(title) > 8 or _SENTENCE_END.search(title) or title.endswith((",", ":")):
        return False
    if not (title[0].isupper() or title[0].isdigit()):
        return False
    # "4. The MAG discussed the budget": a sentence without its full stop
    return not re.match(r"(?:the|a|an|it|this|that|these|those|there|he|she|they|we)\b", title, re.IGNORECASE)


def _heads_numbered(
    paragraph: Paragraph, number: str, rest: str, body: list[Paragraph | Table], offset: int
) -> bool:
    """A numbered title above numbered paragraphs: above those numbered in its outline ("2.
    Secretariat update" above "2.1 The Secretariat reported ..."), or in a Heading style above any
    ("2. Update on the annual meeting" above paragraphs Word numbers on). A heading, not an item."""
    following = _next_paragraph(body, offset)
    numbered = item_number(following) if following is not None else None
    if not numbered or not _title_words(rest):
        return False
    return numbered[0].startswith(f"{number}.") or (
        paragraph.heading_level is not None and following.heading_level is None
    )


def _titles_item(rest: str, body: list[Paragraph | Table], offset: int) -> bool:
    """A numbered line that titles the unnumbered paragraphs under it ("2. Workshop evaluation")
    rather than being a paragraph: short, not a sentence, a paragraph of prose after it."""
    if not _title_words(rest):
        return False
    following = _next_paragraph(body, offset)
    if following is None or following.list_label is not None or following.heading_level is not None:
        return False
    if _BULLET.match(following.text):
        return False
    following_text = _clean(following.text)
    sentence = _words(following_text) >= 4 and bool(_SENTENCE_END.search(following_text))
    return (
        (sentence or _is_prose(following_text)) and not item_number(following) and not _lone_number(following)
    )


def _numbered_ahead(body: list[Paragraph | Table]) -> list[bool]:
    """For each block, whether a numbered paragraph comes after it (one pass from the end)."""
    ahead = [False] * len(body)
    seen = False
    for index in range(len(body) - 1, -1, -1):
        ahead[index] = seen
        block = body[index]
        if isinstance(block, Paragraph) and (item_number(block) or _lone_number(block)):
            seen = True
    return ahead


def _next_paragraph(body: list[Paragraph | Table], offset: int) -> Paragraph | None:
    for block in body[offset + 1 : offset + 4]:
        if isinstance(block, Table):
            return None
        if _clean(block.text):
            return block
    return None


def _next_in_line(
    block: Paragraph, body: list[Paragraph | Table], offset: int, last_number: int | None
) -> bool:
    """Whether a number alone on its line is the next paragraph's, written as one ("2.") above a
    sentence starting in capitals, below a line that only looked unfinished for its length ("... can
    be accessed here: https://we.tl/DG7i3EoMR8"), not one ending on "the" or "of"."""
    number = _lone_number(block)
    following = _next_paragraph(body, offset)
    text = _clean(following.text) if following is not None else ""
    above = next(
        (
            _clean(b.text)
            for b in reversed(body[max(0, offset - 3) : offset])
            if isinstance(b, Paragraph) and _clean(b.text)
        ),
        "",
    )
    return (
        last_number is not None
        and number is not None
        and number.isdigit()
        and int(number) == last_number + 1
        and _clean(block.text).endswith((".", ")"))
        and bool(text)
        and text[0].isupper()
        and not _cut_mid_sentence(above)
    )


def _starts_item(following: Paragraph, number: str, last_number: int | None, *, written: str = "") -> bool:
    """A number alone on its line numbers the paragraph after it when that paragraph starts like
    one (not a sentence running on from a page break) and the number follows on (or restarts), or
    repeats the last as reports now and then do, written as a paragraph's number ("8.", not a
    page's "8")."""
    text = _clean(following.text)
    if not text or _lone_number(following) or item_number(following):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "“\"‘'(["):
        return False
    if not number.isdigit():
        return True  # a Word list label ("a)") on an empty line: Word numbered it, not a page
    value = int(number)
    repeated = value == last_number and written.rstrip().endswith((".", ")"))
    return last_number is None or value in (last_number + 1, 1) or repeated


def _heading_ahead(body: list[Paragraph | Table], offset: int, numbered_ahead: list[bool]) -> bool:
    """A short plain line is a heading when body text follows it: a numbered paragraph, or (before
    the first number) a paragraph or bullet."""
    for index in range(offset + 1, min(offset + 4, len(body))):
        block = body[index]
        if isinstance(block, Table):
            return _table_of_actions(block) is not None
        text = _clean(block.text)
        if not text and not block.list_label:
            continue
        if item_number(block) or _lone_number(block):
            return True
        return _is_bullet(block) or not _heading_like(block, text)
    return False


def _label(item: _Item, position: int) -> str:
    return item.number or f"#{position}"


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


def _warn_unread_annex(
    annex: list[Paragraph | Table], warnings: list[str], *, schedule_read: bool, grid_tables: int = 1
) -> None:
    """Annex text that is not the schedule's heading or its table(s) is named, not dropped silently."""
    tables = [block for block in annex if isinstance(block, Table)]
    if tables and not schedule_read:
        # A table that gave no session at all (a list of participants): named, not kept.
        cells = [_clean(c.text) for row in tables[0].rows[:2] for c in row if _clean(c.text)]
        warnings.append(f"the table {_shorten(' | '.join(cells))!r} is not a schedule and was not imported")
    if not tables:
        unread = [_clean(block.text) for block in annex if _clean(block.text)]
    else:
        after = annex[annex.index(tables[0]) + 1 :]
        unread = [
            _clean(block.text) for block in after if isinstance(block, Paragraph) and _clean(block.text)
        ]
        for table in tables[grid_tables:]:
            first = next((_clean(c.text) for row in table.rows for c in row if _clean(c.text)), "")
            warnings.append(f"a second table in the annex ({_shorten(first)!r}) was not imported")
    for text in unread[:5]:
        warnings.append(
            f"the annex's line {_shorten(text)!r} is not part of the schedule and was not imported"
        )
    if len(unread) > 5:
        warnings.append(f"... and {len(unread) - 5} more lines of the annex were not imported")


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


def _read_meeting(
    document: Document, header: _Header, items: list[_Item], warnings: list[str]
) -> ParsedMeeting:
    title = _title(header.title)
    if not title:
        title = _clean(document.title)
    if not title:
        title = _shorten(" ".join(p.text for p in items[0].paragraphs), 120)
        warnings.append(f"no title line was found above the report's text; the title {title!r} is its start")
    # The first paragraph: the first numbered one that is a sentence, not a line of an agenda or a
    # list of participants above the body; or, in a summary that opens with an unnumbered paragraph
    # right under its heading ("The MAG held its third virtual meeting ..." above "1. Opening"), that one.
    numbered = [item for item in items if item.number]
    first = next(
        (item for item in _opening_paragraphs(items) if _MEETING_WORD.search(_item_text(item))),
        next(
            (item for item in numbered if _is_prose(_item_text(item))), numbered[0] if numbered else items[0]
        ),
    )
    first_item = _item_text(first)
    header_text = " ".join(header.lines)
    all_text = " ".join([header_text, *(_clean(p.text) for item in items for p in item.paragraphs)])
    # The chair is named where the report opens: its header and first paragraphs.
    opening_items = items[: items.index(first) + 3]
    opening = " ".join([header_text, *(_clean(p.text) for item in opening_items for p in item.paragraphs)])

    cycle = re.search(r"\b((?:19|20)\d\d)\s+(?:IGF\s+)?(?:preparatory\s+)?cycle\b", all_text, re.IGNORECASE)
    context_year = int(cycle.group(1)) if cycle else None
    if context_year is None:
        any_year = re.search(r"\b(?:19|20)\d\d\b", header_text)
        context_year = int(any_year.group(0)) if any_year else None

    date = end_date = None
    # Dates of the header first (a date line, then the title, then a venue line), then the first
    # paragraph, then the first paragraphs of the body.
    candidates = [*header.dates, *header.title, *header.venues, first_item]
    candidates += [_item_text(item) for item in items[:3]]
    for line in candidates:
        found = find_date_range(_without_number_before_date(line), default_year=context_year)
        if found:
            date, end_date = found[0]
            break
    published = _published_date(header)
    if date is None and context_year is None and published is not None:
        # "The MAG met on 5 March" on a page posted on 10 March 2015: that year, or the one before
        # for a day after the posting.
        for line in candidates:
            found = find_date_range(_without_number_before_date(line), default_year=published.year)
            if found:
                date, end_date = found[0]
                if date > published and not re.search(r"\b(?:19|20)\d\d\b", found[1].group(0)):
                    date, end_date = _year_before(date), _year_before(end_date) if end_date else None
                break
    cycle_year = int(cycle.group(1)) if cycle else (date.year if date else None)
    labelled = {}
    for line in header.fields:
        field = _HEADER_FIELD.match(line)
        if field:
            labelled.setdefault(_header_label(field.group("label")), field.group("value").strip())
    recording = re.search(r"https?://[^\s<>\"']+", labelled.get("recording", ""))

    number = meeting_number(title)
    for line in [*header.dates, *header.venues]:
        number = number or meeting_number(line)
    number = number or meeting_number_in_text(first_item)

    kind = meeting_kind(
        # the title as printed, with the city its date came with ("..., Geneva, 13-14 February 2008")
        title,
        context=" ".join(
            [*header.dates, *header.venues, " ".join(header.title), _naming_sentence(first_item)]
        ),
    )
    if kind == "other":
        warnings.append(
            "the kind of meeting (virtual, face-to-face, open consultations or topical) was not found in "
            "the report's heading or first paragraph; it was set to 'other'"
        )

    return ParsedMeeting(
        title=title,
        kind=kind,
        number=number,
        date=date,
        end_date=end_date,
        chair=labelled.get("chair") or _find_chair(opening),
        recording_url=recording.group(0) if recording else _find_recording(items),
        cycle_year=cycle_year,
    )


def _item_text(item: _Item) -> str:
    return _clean(" ".join(p.text for p in item.paragraphs))


# A paragraph that tells of the meeting itself: "held its third virtual meeting", "the MAG met".
_MEETING_WORD = re.compile(r"\b(?:meeting|met|call|consultations?)\b", re.IGNORECASE)


def _opening_paragraphs(items: list[_Item]) -> list[_Item]:
    """The sentences right under the report's heading, before its first numbered paragraph and
    outside any section (an executive summary has its heading)."""
    opening = []
    for item in items:
        if item.number or item.section:
            break
        if _is_prose(_item_text(item)):
            opening.append(item)
    return opening


def _published_date(header: _Header) -> datetime.date | None:
    """When the page or the file was posted or updated ("Posted on 10 March 2015"), if it says."""
    for line in header.other:
        found = find_date_range(line, default_year=None) if _PUBLISHED.match(line) else None
        if found:
            return found[0][0]
    return None


def _year_before(day: datetime.date) -> datetime.date | None:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return None


def _first_sentence(text: str) -> str:
    # A sentence naming the meeting is short; splitting the paragraph's start is enough.
    return next(iter(split_sentences(text[:1000])), "")


_TITLE_TYPE_SUFFIX = re.compile(
    r"[-–—:,|]?\s*(?:(?:draft|final)\s+)?(?:summary\s+report|summary|report|minutes)(?:\s*\((?:draft|final)\))?",
    re.IGNORECASE,
)
_TITLE_TYPE_END = re.compile(
    r"\s*[-–—:,|]?\s*(?:(?:draft|final)\s+)?(?:summary\s+report|summary|report|minutes)$", re.IGNORECASE
)
_TITLE_TYPE_PREFIX = re.compile(r"^(?:(?:draft|final)\s+)?summary(?:\s+report)?\s*[:–—-]\s*", re.IGNORECASE)


def _title(lines: list[str]) -> str:
    """The title's lines as one, without a date it ends with ("... Meeting VI, 30 August 2016",
    "... held in Geneva on 22 May 2008": the date is the meeting's, read on its own) or a "Summary
    Report" it starts or ends with."""
    title = _TITLE_TYPE_PREFIX.sub("", _clean(" ".join(lines)))
    found = find_date_range(_without_number_before_date(title), default_year=2000)
    if found:
        match = found[1]
        before = title[: match.start()].rstrip(" ,;:–—-(")
        before = re.sub(r"(?:\s+(?:held\s+)?(?:on|from|of|dated))+$", "", before, flags=re.IGNORECASE)
        after = title[match.end() :].strip(" .)")
        if _TITLE_TYPE_SUFFIX.fullmatch(after) or (_words(after) <= 4 and _CITY.match(after.strip(" ,"))):
            # "MAG Virtual Meeting – 3 April 2019 – Summary Report", "..., 9-11 October 2019, Geneva"
            after = ""
        city = re.search(r",\s*([^,]{2,40})$", before)
        if city and _CITY.fullmatch(city.group(1).strip()) and _words(before[: city.start()]) >= 2:
            before = before[: city.start()]  # "Advisory Group Meeting, Geneva, 13-14 February 2008"
        if not after and _words(before) >= 2:
            # "IGF MAG Virtual Meeting" / "Summary – 2 July 2020": no "Summary" left at its end
            title = (
                _TITLE_TYPE_END.sub("", before) if _words(_TITLE_TYPE_END.sub("", before)) >= 2 else before
            )
    return title


def _naming_sentence(text: str) -> str:
    """The first sentence of the first paragraph, up to where it turns to other meetings."""
    sentence = _first_sentence(text)
    turn = _OTHER_MEETINGS.search(sentence)
    return sentence[: turn.start()] if turn else sentence


def _kind_of(text: str, *, title: bool = True) -> str | None:
    if (_TOPICAL if title else _TOPICAL_MEETING).search(text):
        return "topical"
    strong = [
        (_OPEN_CONSULTATIONS, "open_consultations"),
        (_FACE_TO_FACE, "face_to_face"),
        (_VIRTUAL, "virtual"),
    ]
    if title:
        # A title names the meeting alone: "Virtual Open Consultations" are open consultations.
        kind = next((kind for pattern, kind in strong if pattern.search(text)), None)
    else:
        kind = _first_said(text, strong)
    if kind:
        return kind
    if _CITY.search(text):
        return "face_to_face"
    if _VIRTUAL_WEAK.search(text):
        return "virtual"
    return None


# "virtual open consultations", "the face-to-face open consultations and MAG meeting".
_BEFORE_OPEN_CONSULTATIONS = re.compile(r"\W+(?:(?:IGF|\d{4})\W+)?open\s+consultations?\b", re.IGNORECASE)


def _first_said(sentence: str, patterns: list[tuple[re.Pattern, str]]) -> str | None:
    """The kind whose words come first in the sentence naming the meeting: the meeting is said to be
    held ("met by teleconference") before what it discussed ("... to prepare the open consultations").
    A word describing the open consultations ("virtual open consultations") makes them the meeting."""
    found = [
        (match.start(), match.end(), kind)
        for pattern, kind in patterns
        if (match := pattern.search(sentence))
    ]
    if not found:
        return None
    _start, end, kind = min(found)
    if kind != "open_consultations" and _BEFORE_OPEN_CONSULTATIONS.match(sentence, end):
        return "open_consultations"
    return kind


def meeting_kind(title: str, *, context: str = "") -> str:
    """A ``Meeting.Kind`` value from what the report says: its title first, then ``context`` (the
    header's other lines and the sentence of the first paragraph that names the meeting).

    Topical comes first (an issue-specific call is topical, not virtual; an informal meeting on the
    margins of the open consultations is topical), then open consultations, then in person or
    virtual by their words, then a venue or city (a meeting in Geneva "with remote participation" is
    face-to-face), and a call or remote meeting last.
    """
    return _kind_of(title) or _kind_of(context, title=False) or "other"


def _numeral(value: str) -> int | None:
    return int(value) if value.isdigit() else roman_to_int(value)


# "Meeting VI", "Meeting 6", "Meeting No. 6", "Meeting #6", "Call 3" — but not "Meeting 5 April 2016"
# nor the first day of "Meeting 5-6 June 2016".
_DAY_RANGE_AHEAD = rf"\s*[-–—]\s*\d{{1,2}}{_MONTH_AHEAD}"
_AFTER_MEETING = re.compile(
    r"\b(?i:Meeting|Consultations?|Call|Session)\s*(?:[-–—:]\s*)?(?i:No\.?\s*|Number\s+|#\s*)?"
    rf"(?P<n>[IVXLC]+|\d{{1,3}})\b(?![.,]\d)(?!{_MONTH_AHEAD})(?!{_DAY_RANGE_AHEAD})",
)
# "Virtual Meeting 9 — 15 July 2020": a virtual meeting lasts a day, so a number and a spaced dash
# before a date are its number and its date, not a range of days.
_VIRTUAL_NUMBER_BEFORE_DATE = re.compile(
    rf"\b(?i:Meeting|Call)\s+(?P<n>\d{{1,3}})(?=\s+[-–—]\s+\d{{1,2}}{_MONTH_AHEAD})"
)


def _virtual_number_before_date(line: str) -> re.Match | None:
    return _VIRTUAL_NUMBER_BEFORE_DATE.search(line) if _VIRTUAL.search(line) else None


def _without_number_before_date(line: str) -> str:
    """``line`` without a virtual meeting's number written before its date, so that the date is read
    alone: "Virtual Meeting 9 — 15 July 2020" → "Virtual Meeting   — 15 July 2020" (spaces for the
    number keep the date where it was in ``line``)."""
    match = _virtual_number_before_date(line)
    return line[: match.start("n")] + " " * len(match.group("n")) + line[match.end("n") :] if match else line


# "Virtual Meeting - XXI", "MAG Meeting – 21 (virtual)": a numeral after a dash, at the end or before
# a bracket.
_AFTER_DASH = re.compile(r"(?:^|\s)[-–—]\s*(?P<n>[IVXLC]+|\d{1,3})\s*(?:$|[,(\[]|[-–—]\s)")
_NUMBER_SIGN = re.compile(r"\b(?:No\.|Nr\.|Number|#)\s*(?P<n>\d{1,3})\b")
# "MAG VM12": the Secretariat's short name of Virtual Meeting 12.
_VM = re.compile(r"\bVM\s?(?P<n>\d{1,3})\b")


def meeting_number(title: str) -> int | None:
    """The meeting's number from its title: "Meeting VI" → 6, "Meeting 3", "No. 6", "- XXI",
    "2nd ... Meeting", "sixth", "twenty-first"; never a date's day ("Meeting 5 April 2016")."""
    virtual = _virtual_number_before_date(title)
    if virtual:
        return int(virtual.group("n"))
    for pattern in (_AFTER_MEETING, _AFTER_DASH, _NUMBER_SIGN, _VM):
        match = pattern.search(title)
        if match:
            value = _numeral(match.group("n"))
            if value:
                return value
    return _ordinal(title)


def meeting_number_in_text(text: str) -> int | None:
    """ "The sixth IGF Virtual MAG Meeting ..." → 6, from the sentence naming the meeting."""
    sentence = _FORUM_ORDINAL.sub(" ", _first_sentence(text))
    match = re.search(
        r"\b([\w-]+)\s+(?:[\w()-]+\s+){0,5}(?:meeting|consultations|call)\b", sentence, re.IGNORECASE
    )
    return _ordinal(match.group(0)) if match else None


# "to prepare the third IGF meeting in Hyderabad", "the 12th annual IGF": the forum's number, not the
# meeting's; "the sixth IGF Virtual MAG Meeting" is the meeting's.
_FORUM_ORDINAL = re.compile(
    r"\b[\w-]+\s+(?:annual\s+)?(?:IGF|Internet\s+Governance\s+Forum)\b"
    r"(?!\s+(?:\w+\s+)?(?:MAG|virtual|advisory|open|multistakeholder|consultations?)\b)",
    re.IGNORECASE,
)


_MONTH_BEHIND = re.compile(rf"\b{MONTH}\s*$", re.IGNORECASE)


def _ordinal(text: str) -> int | None:
    for numeric in re.finditer(rf"\b(\d{{1,3}})(?:st|nd|rd|th)\b(?!{_MONTH_AHEAD})", text):
        # "Tuesday, March 5th, 2019": a day after its month, not the meeting's number.
        if not _MONTH_BEHIND.search(text, max(0, numeric.start() - 12), numeric.start()):
            return int(numeric.group(1))
    words = re.findall(r"[a-z]+", text.lower())
    for index, word in enumerate(words):
        if word in _TENS:
            following = words[index + 1] if index + 1 < len(words) else ""
            if following in _UNIT_ORDINALS:
                return _TENS[word] + ORDINAL_WORDS[following]
        if word in ORDINAL_WORDS:
            return ORDINAL_WORDS[word]
    return None


# The office an apposition names: "Chair of the Kenya IGF", "Minister of ICT", "Executive Coordinator".
_OFFICE_WORD = (
    r"(?:Chair(?:man|person|woman)?|Co-?[Cc]hair|President|Minister|Director|Coordinator|Secretary|Head"
    r"|Ambassador|Representative)"
)
_CHAIR_WORDS = ("moderated", "chaired", "presided", "facilitated", "under", "Chair")


def _find_chair(text: str) -> str:
    name_token = r"(?:[A-Z][\w’'-]*\.?|de|da|van|von|la|le)"
    person = rf"(?:{_HONORIFIC}\s+)?(?:{name_token}\s+){{0,4}}[A-Z][\w’'-]+"
    for sentence in split_sentences(text):
        # Each pattern below that names the chair needs one of these words as written: a sentence
        # without them (most) is passed over without trying the patterns' lazy parts at every word.
        if not any(word in sentence for word in _CHAIR_WORDS):
            continue
        before = re.search(r"^(.*?)\s+(?:moderated|chaired)\b.*?\bChair\b|^(.*?)\s+chaired\b", sentence)
        if before:
            subject = before.group(1) or before.group(2)
            # "Ambassador Alice Munyua, Chair of the Kenya IGF, chaired ...": the name before its office.
            apposition = re.search(
                rf"(?:^|\s)((?:{name_token}\s+)*{name_token}),[^,]*\b{_OFFICE_WORD}\b[^,]*,$", subject
            )
            if apposition:
                subject = apposition.group(1)
            words = subject.split()
            name: list[str] = []
            for word in reversed(words):
                if not re.fullmatch(name_token, word):
                    break
                name.insert(0, word)
            if name and name[0].lower() in {"the", "and"}:
                name = name[1:]
            if name:
                return " ".join(name)
        # "chaired by Mr. A", "co-chaired by Mr. A and Ms. B", "under the chairmanship of Mr. A"; a
        # meeting or call "facilitated by" someone, not a breakout discussion.
        verbs = r"chaired|moderated|presided(?:\s+over)?"
        if re.search(r"\b(?:meeting|call)\b[^.;]{0,30}\bfacilitated\s+by\b", sentence, re.IGNORECASE):
            verbs += "|facilitated"
        by = re.search(
            rf"\b(?:(?:{verbs})\s+by"
            rf"|under\s+the\s+chair(?:manship|personship)?\s+of)\s+({person})",
            sentence,
        )
        if by:
            # "chaired by MAG Chair Lynn St. Amour": the office is not part of the name.
            name = _CHAIR_OFFICE.sub("", by.group(1))
            return name + _co_chair(sentence[by.end() :], honorific=bool(re.match(_HONORIFIC, name)))
        # "The MAG Chair, Ms. Anriette Esterhuysen, opened the meeting".
        apposition = re.search(
            rf"\bChair(?:man|person|woman)?\s*,\s+({_HONORIFIC}\s+(?:{name_token}\s+){{0,4}}[A-Z][\w’'-]+"
            rf"|[A-Z][\w’'-]+(?:\s+{name_token}){{1,4}})(?=\s*(?:,|\(|\.?$))",
            sentence,
        )
        if apposition:
            return apposition.group(1)
        # "The Chair (Lynn St. Amour) opened", "MAG Chair Anriette Esterhuysen opened the call".
        named = re.search(
            rf"\bChair(?:man|person|woman)?\s*\(\s*({person})\s*\)"
            rf"|\bChair(?:man|person|woman)?\s+((?:{_HONORIFIC}\s+)?[A-Z][\w’'-]+(?:\s+{name_token}){{1,4}})"
            r"\s+(?:opened|welcomed|chaired|began|started|closed|thanked|presided|introduced|recalled)\b",
            sentence,
        )
        if named:
            return named.group(1) or named.group(2)
        # "Ambassador Janis Karklins, Chair of the MAG, opened the meeting", "Ms. Lynn St. Amour (MAG
        # Chair) opened the meeting".
        office = re.search(
            r"^(.*?)(?:,\s+(?P<comma>)|\s*\(\s*)(?:the\s+)?(?:MAG(?:'s|’s)?\s+)?Chair(?:man|person|woman)?"
            r"(?:\s+of\s+the\s+(?:MAG|Multistakeholder\s+Advisory\s+Group))?\s*(?(comma),|\))",
            sentence,
        )
        if office:
            name = []
            for word in reversed(office.group(1).split()[-5:]):
                if not re.fullmatch(name_token, word) or word.lower().strip(".") in _NOT_A_NAME:
                    break
                name.insert(0, word)
                if re.fullmatch(rf"{_HONORIFIC}|Ambassador|Amb\.", word):
                    break  # a title begins the name
            if len(name) >= 2:
                return " ".join(name)
    return ""


# Words of a header or a sentence's start that come before a name and are no part of it.
_NOT_A_NAME = {"the", "and", "meeting", "call", "summary", "report", "mag", "igf", "forum", "consultations"}
_CHAIR_OFFICE = re.compile(r"^(?:the\s+)?(?:MAG\s+)?Chair(?:man|person|woman)?\s+(?=\S)")


def _co_chair(rest: str, *, honorific: bool) -> str:
    """ " and Ms. B" when the chair's name is followed by a second chair's, as a name of the same form
    (with a title when the first has one, else two words or more)."""
    name_token = r"(?:[A-Z][\w’'-]*\.?|de|da|van|von|la|le)"
    second = (
        rf"{_HONORIFIC}\s+(?:{name_token}\s+){{0,4}}[A-Z][\w’'-]+"
        if honorific
        else rf"[A-Z][\w’'-]+(?:\s+{name_token}){{0,3}}\s+[A-Z][\w’'-]+"
    )
    match = re.match(rf"\s*(?:,\s*)?(?:and|&)\s+({second})(?![\w’'-])", rest)
    return f" and {match.group(1)}" if match else ""


_RECORDING = re.compile(r"\brecording\b(.*)", re.IGNORECASE | re.DOTALL)


def _find_recording(items: list[_Item]) -> str:
    for item in items:
        for paragraph in item.paragraphs:
            match = _RECORDING.search(paragraph.text)
            if not match:
                continue
            url = re.search(r"https?://[^\s<>\"']+", match.group(1))
            if url:
                return url.group(0).rstrip(".,;:)]’”")
            for link in paragraph.hyperlinks:
                if link.url.startswith(("http://", "https://")):
                    return link.url
    return ""


# A word broken at a line's end with a hyphen ("prepa-" / "rations", "multi-" / "stakeholder").
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LAST_LETTERS = re.compile(r"[^\W\d_]+$")
_FIRST_LETTERS = re.compile(r"[^\W\d_]+")
_BROKEN_AT_END = re.compile(r"(?<![^\W\d_]-)([^\W\d_]+)-$")
# First parts of compounds the reports write with a hyphen: kept when the document cannot tell.
_COMPOUND_FIRST = re.compile(
    r"multi|co|non|self|cross|follow|high|low|well|long|short|full|open|e|ex|semi|anti|mid|face|day|year"
    r"|one|two|three|four|five|six|first|second|third|cyber"
)


class _Hyphenation:
    """Whether a word broken at a line's end keeps its hyphen: as the document writes the word
    elsewhere ("multi-stakeholder", "preparations"); else kept when both parts are words the document
    uses elsewhere ("remote-participation"), after a compound's usual first part ("multi-",
    "follow-") or before a capital ("Asia-Pacific"), and dropped otherwise (a word a PDF conversion
    hyphenated, "prepa-rations")."""

    def __init__(self, document: Document):
        self._document = document
        self._words: collections.Counter[str] | None = None

    @property
    def words(self) -> collections.Counter[str]:
        """The words of the document, without the halves of the words broken at a line's end (a
        word broken twice the same way would else count its own halves as words used elsewhere)."""
        if self._words is None:
            texts = [paragraph.text for paragraph in self._document.paragraphs]
            words = collections.Counter(word.lower() for text in texts for word in _WORD.findall(text))
            halves: list[str] = []
            for text in texts:
                for match in _LINE_END_HYPHEN.finditer(text):
                    halves += [_LAST_LETTERS.search(text, 0, match.start()).group(0)]
                    halves += [_FIRST_LETTERS.match(text, match.end()).group(0)]
            # A word broken across two lines set as paragraphs, a page's header or number maybe
            # between them: its second half is the next line's first word in lower case.
            waiting = 0
            for text in (text.strip() for text in texts):
                if not text:
                    continue
                first = _FIRST_LETTERS.match(text)
                if waiting and first and text[0].islower():
                    halves.append(first.group(0))
                    waiting = 0
                waiting = max(0, waiting - 1)
                broken = _BROKEN_AT_END.search(text)
                if broken:
                    halves.append(broken.group(1))
                    waiting = 4
            words.subtract(half.lower() for half in halves)
            self._words = +words  # only the words still counted
        return self._words

    def keeps_hyphen(self, before: str, after: str) -> bool:
        left = re.search(r"[^\W\d_]+$", before).group(0).lower()
        right = re.match(r"[^\W\d_]+", after).group(0)
        if self.words[f"{left}-{right.lower()}"]:
            return True
        if self.words[f"{left}{right.lower()}"]:
            return False
        both_words = self.words[left] > 0 and self.words[right.lower()] > 0
        return both_words or bool(_COMPOUND_FIRST.fullmatch(left)) or right[0].isupper()


def _join_broken_words(document: Document, hyphens: _Hyphenation) -> Document:
    """The document with words broken by a hyphen and a line break inside a paragraph joined again
    (note marks kept where they stood)."""
    blocks = list(document.blocks)
    changed = False
    for position, block in enumerate(blocks):
        if not isinstance(block, Paragraph) or "\n" not in block.text:
            continue
        pieces: list[str] = []
        cuts: list[tuple[int, int]] = []  # (where in the old text, characters removed before it)
        last = removed = 0
        for match in _LINE_END_HYPHEN.finditer(block.text):
            keep = hyphens.keeps_hyphen(block.text[: match.start()], block.text[match.end() :])
            pieces += [block.text[last : match.start()], "-" if keep else ""]
            removed += len(match.group(0)) - (1 if keep else 0)
            cuts.append((match.end(), removed))
            last = match.end()
        if not cuts:
            continue
        pieces.append(block.text[last:])

        def moved(offset: int, cuts=cuts) -> int:
            before = [gone for end, gone in cuts if end <= offset]
            return offset - (before[-1] if before else 0)

        blocks[position] = replace(
            block,
            text="".join(pieces),
            note_refs=[replace(ref, offset=moved(ref.offset)) for ref in block.note_refs],
        )
        changed = True
    return replace(document, blocks=blocks) if changed else document


def _numbered_rows(table: Table) -> list[tuple[str, list[Paragraph]]] | None:
    """(number, paragraphs) for each row of a table that sets the body's numbered paragraphs in two
    columns, a number beside its text (as some conversions and templates lay a report out), else
    None: an agenda's short lines, a grid of times or a table of actions are not such a table."""
    if table.n_cols != 2 or len(table.rows) < 2:
        return None
    rows = []
    for row in table.rows:
        cells = sorted(row, key=lambda cell: cell.col)
        if len(cells) != 2:
            return None
        label, text = cells
        # The number typed, or Word's list number on an empty line.
        written = label.text.strip() or "".join(p.list_label or "" for p in label.paragraphs).strip()
        number = _LONE_NUMBER.match(written) if written else None
        paragraphs = [p for p in text.paragraphs if p.text.strip()]
        if (written and not number) or not paragraphs:
            return None
        rows.append((number.group("number") if number else "", paragraphs))
    numbered = [paragraphs for number, paragraphs in rows if number]
    sentences = [p for paragraphs in numbered for p in paragraphs if _SENTENCE_END.search(_clean(p.text))]
    if len(numbered) < 2 or len(sentences) < len(numbered):
        return None
    return rows


def _unwrap_numbered_tables(document: Document) -> Document:
    """The document with each table of numbered paragraphs (see ``_numbered_rows``) written out as
    the paragraphs it holds, each row's first one starting with its number."""
    blocks: list[Paragraph | Table] = []
    changed = False
    for block in document.blocks:
        rows = _numbered_rows(block) if isinstance(block, Table) else None
        if rows is None:
            blocks.append(block)
            continue
        changed = True
        for number, paragraphs in rows:
            first, *rest = paragraphs
            if number:
                prefix = f"{number}.\t"
                first = replace(
                    first,
                    text=prefix + first.text,
                    note_refs=[replace(ref, offset=ref.offset + len(prefix)) for ref in first.note_refs],
                )
            blocks += [first, *rest]
    return replace(document, blocks=blocks) if changed else document


def _attach_lone_bullets(document: Document) -> Document:
    """The document with each bullet alone on its line made the list label of the paragraph after it
    (the bullet's line left empty): one point, not a line holding a bullet and a paragraph."""
    blocks = list(document.blocks)
    changed = False
    for index, (block, following) in enumerate(itertools.pairwise(document.blocks)):
        if (
            isinstance(block, Paragraph)
            and isinstance(following, Paragraph)
            and block.list_label is None
            and following.list_label is None
            and _LONE_BULLET.match(block.text)
            and following.text.strip()
            and not _LONE_BULLET.match(following.text)
        ):
            blocks[index] = replace(block, text="")
            blocks[index + 1] = replace(following, list_label=block.text.strip())
            changed = True
    return replace(document, blocks=blocks) if changed else document


# Punctuation that closes what comes before it: a line of only these is the end of the line above.
_CLOSING_MARKS = re.compile(r"[.,;:!?)\]”’\"']+")


def _run_on(previous: str, following: str, hyphens: _Hyphenation) -> tuple[str, str]:
    """``previous`` and the glue before ``following``, a sentence running on after a page break: a
    space, or nothing after a word broken with a hyphen (kept or dropped) or before punctuation."""
    if _CLOSING_MARKS.match(following):
        return previous, ""
    if _URL_CUT.search(previous) and re.match(r"[a-z0-9/%~_-]", following):
        return previous, ""  # an address broken after a slash, a hyphen or an "=" runs on without a space
    if re.search(r"[^\W\d_]-$", previous) and re.match(r"[^\W\d_]", following):
        return (previous if hyphens.keeps_hyphen(previous[:-1], following) else previous[:-1]), ""
    return previous, " "


# An address a conversion broke across lines after one of its separators (never after a full stop:
# that is a sentence's end), the rest in lower case: "https://www.intgovforum.org/multilingual/⏎content/".
_URL_CUT = re.compile(r"https?://[^\s<>\"]*[/\-_=&?#]$")
_BROKEN_URL = re.compile(r"(https?://[^\s<>\"]*[/\-_=&?#])[ \t]*\n\s*(?=[a-z0-9/%~_-])")


def _join_broken_urls(text: str) -> str:
    return _BROKEN_URL.sub(r"\1", text) if "://" in text else text


@functools.lru_cache(maxsize=4096)
def _clean(text: str) -> str:
    """Runs of whitespace (no-break spaces, tabs, line breaks) as one space, none at the ends.

    Each paragraph's text is cleaned several times (to split the body, to build its item, to
    read the meeting): the cache keeps that to once.
    """
    return " ".join(_join_broken_urls(text).split())


def _clean_prefix(text: str) -> str:
    """The start of a text as ``_clean`` leaves it (trailing space kept: more text follows)."""
    cleaned = " ".join(_join_broken_urls(text).split())
    return cleaned + " " if cleaned and text[-1].isspace() else cleaned


def _shorten(text: str, limit: int = 60) -> str:
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"

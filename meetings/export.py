"""A meeting's summary report as a Word document (.docx), in the shape the importer reads.

The file is the report as the database holds it now: the heading (title, date, chair, recording
link), the agenda items under their section headings with their printed numbers (typed, so a
number printed twice stays twice), footnotes and endnotes as real Word notes with their links,
the annex grid as the day-by-time table that ``meetings.importer.annex_schedule`` reads, and,
in the Secretariat's copy only, the annotations as Word comments on the words they annotate.
Importing it again gives the same meeting, items, notes, annotations, decisions and grid.

Built with python-docx; WordprocessingML by hand only where it has no API (notes, hyperlinks).
The interface words (labels, "Annex", "Draft") follow the active language; the report's own text,
dates and grid are written as the report gives them, never translated.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from magportal import dates
from meetings.models import AgendaItem, Annotation, Footnote, Meeting
from meetings.roles import may_see_all_annotations
from meetings.selectors import by_item, is_staff_work
from schedule.models import ScheduleVersion, Slot

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NOTES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
LINK_COLOUR = "0563C1"
TITLE_STYLE = "Report Title"
CENTRED_BOLD_STYLE = "Report Centred Bold"
CENTRED_STYLE = "Report Centred"
ITEM_STYLE = "Agenda Item"
ITEM_MORE_STYLE = "Agenda Item Continued"
GRID_STYLE = "Grid Text"
GRID_HEADING_STYLE = "Grid Heading"
NOTE_STYLE, NOTE_STYLE_ID = "Footnote Text", "FootnoteText"
NOTE_REFERENCE_STYLE, NOTE_REFERENCE_ID = "Footnote Reference", "FootnoteReference"
LINK_STYLE, LINK_STYLE_ID = "Hyperlink", "Hyperlink"
STRONG_STYLE = "Strong"
# Bare web addresses in a paragraph become links; the importer reads them back the same either way.
_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_TRAILING = ".,;:!?)]}’”\"'"
_BLANK_LINE = re.compile(r"\n\s*\n")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Numbers the importer reads typed ("8."), and those it reads from a Word list label ("iv.", "8.1.").
_TYPED = re.compile(r"^\d{1,3}$")
_LABEL = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})(?:[.)]\d+)*$")


@dataclass(frozen=True)
class GridSlot:
    """One slot of the annex grid: a session at a time on a day."""

    date: datetime.date
    start: datetime.time
    end: datetime.time
    title: str
    note: str = ""
    continued: bool = False

    @property
    def minutes(self) -> int:
        return _minutes(self.end) - _minutes(self.start)


@dataclass
class Grid:
    """The annual meeting's main-session grid as the report's annex carries it."""

    title: str
    theme: str
    venue: str
    start_date: datetime.date
    end_date: datetime.date
    slots: list[GridSlot]


@dataclass
class ReportContents:
    """What one user's copy of a report holds: rows they may see, nothing else."""

    meeting: Meeting
    items: list[AgendaItem]
    footnotes: dict[int, list[Footnote]] = field(default_factory=dict)
    annotations: dict[int, list[Annotation]] = field(default_factory=dict)
    grid: Grid | None = None


# -- reading what the copy holds -----------------------------------------------------------------


def report_contents(*, meeting: Meeting, user) -> ReportContents:
    """The report of ``meeting`` as ``user`` may receive it (the caller checked the meeting itself).

    Annotations are internal: only the Secretariat's copy carries them, as Word comments; a
    circulated file cannot tell MAG-shared notes from the rest once it leaves the portal.
    """
    items = list(meeting.items.order_by("position"))
    footnotes = by_item(Footnote.objects.filter(agenda_item__meeting=meeting).order_by("kind", "pk"))
    annotations = {}
    if may_see_all_annotations(user):
        annotations = by_item(
            Annotation.objects.visible_to(user).filter(agenda_item__meeting=meeting).order_by("date", "pk")
        )
    event = meeting.event
    grid = None
    if event is not None and event.is_visible_to(user):
        slots = _annex_slots(meeting)
        if slots:
            grid = Grid(
                title=event.title,
                theme=event.theme,
                venue=event.venue,
                start_date=event.start_date,
                end_date=event.end_date,
                slots=slots,
            )
    return ReportContents(
        meeting=meeting, items=items, footnotes=footnotes, annotations=annotations, grid=grid
    )


def _annex_slots(meeting: Meeting) -> list[GridSlot]:
    """The grid this report's annex carries: the event's grid as it stands, unless a later report
    has since circulated a newer one; then the version this report circulated."""
    versions = list(
        ScheduleVersion.objects.filter(event_id=meeting.event_id)
        .order_by("-number")
        .values_list("meeting_id", "snapshot")[:1]
    )
    if versions and versions[0][0] != meeting.pk:
        own = (
            ScheduleVersion.objects.filter(event_id=meeting.event_id, meeting=meeting)
            .order_by("-number")
            .values_list("snapshot", flat=True)
            .first()
        )
        if own is not None:
            return _snapshot_slots(own)
    slots = Slot.objects.filter(session__event_id=meeting.event_id).select_related("session")
    return [
        GridSlot(
            date=slot.date,
            start=slot.start_time,
            end=slot.end_time,
            title=slot.session.title,
            note=slot.note,
            continued=slot.continued,
        )
        for slot in slots.order_by("date", "start_time", "pk")
    ]


def _snapshot_slots(snapshot: dict) -> list[GridSlot]:
    slots = [
        GridSlot(
            date=datetime.date.fromisoformat(slot["date"]),
            start=datetime.time.fromisoformat(slot["start"]),
            end=datetime.time.fromisoformat(slot["end"]),
            title=session["title"],
            note=slot.get("note", ""),
            continued=slot.get("continued", False),
        )
        for session in snapshot.get("sessions", [])
        for slot in session.get("slots", [])
    ]
    return sorted(slots, key=lambda slot: (slot.date, slot.start))


# -- the document --------------------------------------------------------------------------------


def report_docx(*, meeting: Meeting, user) -> bytes:
    """The .docx of ``meeting`` for ``user``. The caller has checked that ``user`` may see it."""
    return build_docx(report_contents(meeting=meeting, user=user))


def build_docx(contents: ReportContents) -> bytes:
    writer = _Writer(contents)
    return writer.build()


def docx_filename(meeting: Meeting) -> str:
    return f"{meeting.slug}.docx"


@functools.cache
def _template() -> bytes:
    """python-docx's default document made small, with the report's styles: its stock template
    carries 800 kB of styles Word does not need, which cost most of an export to write."""
    document = docx.Document()
    kept = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "Heading 2"}
    kept |= {"Heading 2 Char", "Header", "Header Char", "Footer", "Footer Char"}
    for style in list(document.styles):
        if style.name not in kept:
            style.delete()
    latent = document.styles.element.find(qn("w:latentStyles"))
    if latent is not None:
        document.styles.element.remove(latent)
    for r_id, relationship in list(document.part.rels.items()):
        if relationship.reltype.endswith(("/stylesWithEffects", "/customXml")):
            document.part.drop_rel(r_id)
    package = document.part.package
    for r_id, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/thumbnail"):
            package.rels.pop(r_id)

    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)
    heading = styles["Heading 2"]
    heading.font.size = Pt(12)
    heading.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)

    def paragraph_style(name, *, size=None, bold=None, centred=False, after=0, base=normal):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = base
        style.quick_style = True
        if size:
            style.font.size = Pt(size)
        if bold is not None:
            style.font.bold = bold
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(after)
        return style

    paragraph_style(TITLE_STYLE, size=14, bold=True, centred=True, after=4)
    paragraph_style(CENTRED_BOLD_STYLE, bold=True, centred=True, after=4)
    paragraph_style(CENTRED_STYLE, centred=True, after=2)
    item = paragraph_style(ITEM_STYLE, after=6)
    item.paragraph_format.left_indent = Cm(1)
    item.paragraph_format.first_line_indent = Cm(-1)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(1))
    more = paragraph_style(ITEM_MORE_STYLE, after=6)
    more.paragraph_format.left_indent = Cm(1)
    grid = paragraph_style(GRID_STYLE, size=9)
    paragraph_style(GRID_HEADING_STYLE, bold=True, base=grid)
    paragraph_style(NOTE_STYLE, size=9)
    reference = styles.add_style(NOTE_REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True
    link = styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
    link.font.underline = True
    strong = styles.add_style(STRONG_STYLE, WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True

    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4, as the UN prints
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Writer:
    def __init__(self, contents: ReportContents):
        self.contents = contents
        self.document = docx.Document(io.BytesIO(_template()))
        self.notes: dict[str, XmlPart] = {}
        self.note_counts = {"footnote": 0, "endnote": 0}
        self.next_note_id = 1
        self.literal_lists: dict[str, int] = {}

    def build(self) -> bytes:
        meeting = self.contents.meeting
        self._page(meeting)
        self._heading(meeting)
        section = ""
        for item in self.contents.items:
            if item.section and item.section != section:
                self._section_heading(item.section)
            section = item.section
            self._item(item)
        if self.contents.grid is not None:
            self._annex(self.contents.grid)
        properties = self.document.core_properties
        properties.title = _xml_text(meeting.title)
        properties.author = "IGF Secretariat"
        properties.last_modified_by = "MAG Portal"
        properties.comments = ""
        properties.revision = 1
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    # Page -------------------------------------------------------------------------------------

    def _page(self, meeting: Meeting) -> None:
        if not meeting.is_published:
            header = self.document.sections[0].header.paragraphs[0]
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(header, _("Draft — not published"), STRONG_STYLE)

    def _centred(self, text: str, style: str = CENTRED_BOLD_STYLE):
        return _paragraph(self.document, text, style)

    # Heading: the meeting's own fields --------------------------------------------------------

    def _heading(self, meeting: Meeting) -> None:
        self._centred(_one_line(meeting.title), TITLE_STYLE)
        self._centred(_date_range(meeting.date, meeting.end_date))
        self._centred(_("Summary Report"))
        if meeting.chair:
            paragraph = self._centred("", CENTRED_STYLE)
            _run(paragraph, f"{_('Chair')}: ", STRONG_STYLE)
            _run(paragraph, _one_line(meeting.chair))
        if meeting.recording_url:
            paragraph = self._centred("", CENTRED_STYLE)
            _run(paragraph, f"{_('Recording')}: ", STRONG_STYLE)
            _add_link(paragraph, meeting.recording_url, meeting.recording_url)
        self.document.add_paragraph()

    def _section_heading(self, text: str) -> None:
        _paragraph(self.document, _one_line(text), "Heading 2")

    # Agenda items -----------------------------------------------------------------------------

    def _item(self, item: AgendaItem) -> None:
        paragraphs = _paragraphs(item.text)
        joined = "\n\n".join(paragraphs)
        paragraph_starts = []
        length = 0
        for text in paragraphs:
            paragraph_starts.append(length)
            length += len(text) + 2

        # What stands at offsets of each paragraph: footnote marks, comment ranges.
        notes_at: dict[int, list[tuple[int, Footnote]]] = {}
        footnotes = self.contents.footnotes.get(item.pk, [])
        placed = not is_staff_work(item)
        for footnote in footnotes:
            offset = footnote.offset if placed and footnote.offset is not None else len(joined)
            index, local = _locate(paragraph_starts, paragraphs, min(offset, len(joined)))
            notes_at.setdefault(index, []).append((local, footnote))

        ranges = []  # (annotation, (start paragraph, offset), (end paragraph, offset))
        for annotation in self.contents.annotations.get(item.pk, []):
            span = _find_anchor(joined, annotation.anchor)
            start, end = span if span else (0, 0)
            ranges.append(
                (
                    annotation,
                    _locate(paragraph_starts, paragraphs, start),
                    _locate(paragraph_starts, paragraphs, end),
                )
            )

        run_starts: dict[tuple[int, int], object] = {}  # (paragraph, offset) -> the run beginning there
        run_ends: dict[tuple[int, int], object] = {}  # (paragraph, offset) -> the run ending there
        empty: dict[tuple[int, int], object] = {}  # (paragraph, offset) -> an empty run there
        boundaries = [(start, end) for _annotation, start, end in ranges]
        for index, text in enumerate(paragraphs):
            paragraph = _paragraph(self.document, "", ITEM_STYLE if index == 0 else ITEM_MORE_STYLE)
            if index == 0:
                self._number(paragraph, item)
            notes = sorted(notes_at.get(index, []), key=lambda pair: pair[0])
            cuts = {0, len(text)} | {local for local, _note in notes}
            for start, end in boundaries:
                cuts |= {offset for where, offset in (start, end) if where == index}
            links = []
            for match in _URL.finditer(text):
                a, b = match.start(), match.start() + len(match.group(0).rstrip(_URL_TRAILING))
                if not any(a < cut < b for cut in cuts):
                    links.append((a, b))
            for a, b in links:
                cuts |= {a, b}
            points = sorted(cuts)
            for position, point in enumerate(points):
                here = (index, point)
                following = points[position + 1] if position + 1 < len(points) else None
                # A range that covers no words, or begins or ends where no words do, holds an empty run.
                for start, end in boundaries:
                    if start == end == here:
                        if here not in empty:
                            empty[here] = _run(paragraph, "")
                    elif start == here and following is None:
                        run_starts[here] = _run(paragraph, "")
                    elif end == here and point == 0 and here not in run_ends:
                        run_ends[here] = _run(paragraph, "")
                for local, footnote in notes:
                    if local == point:
                        self._note_reference(paragraph, footnote)
                if following is not None:
                    piece = text[point:following]
                    run = (
                        _add_link(paragraph, piece, piece)
                        if (point, following) in links
                        else _run(paragraph, piece)
                    )
                    run_starts.setdefault(here, run)
                    run_ends[(index, following)] = run
        for annotation, start, end in ranges:
            if start == end:
                self._comment(annotation, empty[start], empty[start])
            else:
                self._comment(annotation, run_starts[start], run_ends[end])

    def _number(self, paragraph, item: AgendaItem) -> None:
        """The item's printed number: typed ("8.", as reports do, so a number may repeat), or, for
        a number typing cannot carry ("iv", "8.1", "b"), a Word list label that prints exactly it."""
        number = _xml_text(item.number).strip() or str(
            item.position
        )  # the report page shows the position too
        if _TYPED.match(number) or not _LABEL.match(number):
            paragraph.add_run(f"{number}.\t")
            return
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = self._literal_list(f"{number}.")

    def _literal_list(self, label: str) -> int:
        """A one-level list whose label is ``label`` itself (python-docx has no numbering API)."""
        if label in self.literal_lists:
            return self.literal_lists[label]
        numbering = self.document.part.numbering_part.element
        num_id = 900 + len(self.literal_lists)
        abstract = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{num_id}">'
            '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="none"/><w:lvlText w:val={quoteattr(label)}/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>'
        )
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # every w:abstractNum comes before the first w:num
        else:
            numbering.append(abstract)
        numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'
            )
        )
        self.literal_lists[label] = num_id
        return num_id

    def _comment(self, annotation: Annotation, first, last) -> None:
        comment = self.document.add_comment(
            [first, last] if first is not last else first,
            text=_xml_text(annotation.text),
            author=_xml_text(annotation.author),
            initials=_xml_text(annotation.initials),
        )
        # python-docx dates a new comment now; an undated annotation stays undated.
        moment = annotation.date
        comment._comment_elm.date = (
            moment.astimezone(datetime.UTC).replace(microsecond=0) if moment is not None else None
        )

    # Notes ------------------------------------------------------------------------------------

    def _notes_part(self, kind: str) -> XmlPart:
        part = self.notes.get(kind)
        if part is None:
            part = XmlPart(
                PackURI(f"/word/{kind}s.xml"),
                NOTES_CONTENT_TYPE.format(kind=kind),
                parse_xml(
                    f'<w:{kind}s xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
                    f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                    f"<w:r><w:separator/></w:r></w:p></w:{kind}>"
                    f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
                    f"</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>"
                    f"</w:{kind}s>"
                ),
                self.document.part.package,
            )
            self.document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)
            self.notes[kind] = part
        return part

    def _note_reference(self, paragraph, footnote: Footnote) -> None:
        kind = footnote.kind if footnote.kind in ("footnote", "endnote") else "footnote"
        note_id = self.next_note_id
        self.next_note_id += 1
        # Word numbers notes by citation, skipping custom marks; a mark that is not the next number
        # is typed after the reference as a custom mark (endnotes always: Word numbers them i, ii).
        custom = kind == "endnote" or footnote.mark != str(self.note_counts[kind] + 1)
        if not custom:
            self.note_counts[kind] += 1
        run = _run(paragraph, "", NOTE_REFERENCE_STYLE)
        reference = OxmlElement(f"w:{kind}Reference")
        reference.set(qn("w:id"), str(note_id))
        if custom:
            reference.set(qn("w:customMarkFollows"), "1")
        run._r.append(reference)
        if custom:
            mark = OxmlElement("w:t")
            mark.text = footnote.mark
            run._r.append(mark)
        self._note(kind, note_id, footnote, custom=custom)

    def _note(self, kind: str, note_id: int, footnote: Footnote, *, custom: bool) -> None:
        part = self._notes_part(kind)
        text = _xml_text(_one_line(footnote.text))
        # The note repeats its mark: Word's number, or nothing for a custom mark (typing it
        # would make it part of the note's text).
        mark = (
            ""
            if custom
            else f'<w:r><w:rPr><w:rStyle w:val="{NOTE_REFERENCE_ID}"/></w:rPr><w:{kind}Ref/></w:r>'
        )
        body = [mark, '<w:r><w:t xml:space="preserve"> </w:t></w:r>']
        for piece, url in _note_pieces(text, [_xml_text(str(url)) for url in footnote.urls]):
            run = (
                f'<w:r>{_LINK_PROPERTIES if url else ""}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
            )
            if url:
                r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
                body.append(f'<w:hyperlink r:id="{r_id}">{run}</w:hyperlink>')
            else:
                body.append(run)
        part.element.append(
            parse_xml(
                f'<w:{kind} xmlns:w="{W_NS}" xmlns:r="{R_NS}" w:id="{note_id}"><w:p>'
                f'<w:pPr><w:pStyle w:val="{NOTE_STYLE_ID}"/></w:pPr>{"".join(body)}</w:p></w:{kind}>'
            )
        )

    # Annex ------------------------------------------------------------------------------------

    def _annex(self, grid: Grid) -> None:
        document = self.document
        document.add_page_break()
        self._centred(f"{_('Annex')} I")
        year = grid.start_date.year
        self._centred(f"{year} IGF Main Session Schedule")
        event = grid.title if re.match(r"The\s", grid.title) else f"The {grid.title}"
        self._centred(f"{event}: ‘{grid.theme}’" if grid.theme else event, CENTRED_STYLE)
        where = _date_range(grid.start_date, grid.end_date)
        self._centred(f"{where}, {grid.venue}" if grid.venue else where, CENTRED_STYLE)
        document.add_paragraph()

        days = sorted({slot.date for slot in grid.slots})
        blocks = time_blocks(grid.slots)
        table = document.add_table(rows=1 + len(blocks), cols=1 + len(days))
        table._tbl.tblPr.style = _style_id("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rows = [(row, row.cells) for row in table.rows]
        header, header_cells = rows[0]
        _mark_header_row(header)
        _cell_lines(header_cells[0], ["Time"], bold=True)
        for column, day in enumerate(days, start=1):
            number = (day - grid.start_date).days + 1
            label = _report_date(day, with_year=day.year != year)
            _cell_lines(
                header_cells[column], [f"Day {number} – {label}" if number >= 1 else label], bold=True
            )
        for row_index, (start, end) in enumerate(blocks, start=1):
            cells = rows[row_index][1]
            _cell_lines(cells[0], [f"{start:%H:%M} – {end:%H:%M}"], bold=True)
            for column, day in enumerate(days, start=1):
                lines: list[str] = []
                for slot in grid.slots:
                    if slot.date == day and start <= slot.start < end:
                        if lines:
                            lines.append("")
                        title = _one_line(slot.title)
                        lines.append(f"(Contd.) {title}" if slot.continued else title)
                        lines.append(_duration(slot.minutes, _one_line(slot.note)))
                _cell_lines(cells[column], lines or [""])


# -- helpers -------------------------------------------------------------------------------------

_LINK_PROPERTIES = f'<w:rPr><w:rStyle w:val="{LINK_STYLE_ID}"/></w:rPr>'


def _add_link(paragraph, text: str, url: str):
    """A run of ``text`` linked to ``url`` (python-docx has no API for writing hyperlinks)."""
    r_id = paragraph.part.relate_to(_xml_text(url), RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = _run(paragraph, text, LINK_STYLE)
    paragraph._p.append(link)
    link.append(run._r)
    return run


def _style_id(name: str) -> str:
    # python-docx names a style's id after its name without spaces ("Heading 2" is "Heading2").
    return name.replace(" ", "")


def _paragraph(container, text: str, style: str):
    """A paragraph of ``style``, set by its id: looking a style up by name scans every style."""
    paragraph = container.add_paragraph()
    paragraph._p.style = _style_id(style)
    if text:
        _run(paragraph, text)
    return paragraph


def _run(paragraph, text: str, style: str | None = None):
    """A run of plain text (no tabs or breaks), without python-docx's character-by-character setter."""
    run = paragraph.add_run()
    if style:
        run._r.style = _style_id(style)
    if text:
        run._r.add_t(_xml_text(text))
    return run


def _xml_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold (pasted from elsewhere into the
    admin, they would make the whole document fail)."""
    return _NOT_XML.sub("", text)


def _mark_header_row(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)


def _cell_lines(cell, lines: list[str], *, bold: bool = False) -> None:
    style = GRID_HEADING_STYLE if bold else GRID_STYLE
    first = cell.paragraphs[0]
    first._p.style = _style_id(style)
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else _paragraph(cell, "", style)
        if line:
            _run(paragraph, line)


def _duration(minutes: int, note: str) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        amount = "1 Hour" if hours == 1 else f"{hours} Hours"
    else:
        amount = f"{minutes} minutes"
    return f"({amount} {note})" if note else f"({amount})"


def time_blocks(slots: list[GridSlot]) -> list[tuple[datetime.time, datetime.time]]:
    """The grid's rows: time blocks shared by every day, in each of which a day's sessions follow
    one another from the block's start, as the importer stacks them.

    The times at which any slot starts or ends cut the day into pieces; neighbouring pieces are
    one block when a session runs across their border, or when every day either fills both or
    leaves both empty (so the importer warns of nothing).
    """
    points = sorted({_minutes(slot.start) for slot in slots} | {_minutes(slot.end) for slot in slots})
    pieces = [
        (a, b)
        for a, b in zip(points, points[1:], strict=False)
        if any(_minutes(s.start) < b and _minutes(s.end) > a for s in slots)
    ]
    by_day: dict[datetime.date, list[GridSlot]] = {}
    for slot in slots:
        by_day.setdefault(slot.date, []).append(slot)

    def fills(day_slots: list[GridSlot], start: int, end: int) -> bool:
        inside = sorted(
            (_minutes(s.start), _minutes(s.end)) for s in day_slots if start <= _minutes(s.start) < end
        )
        if not inside:
            return True
        at = start
        for a, b in inside:
            if a != at:
                return False
            at = b
        return at == end

    blocks: list[list[int]] = []
    for a, b in pieces:
        if blocks and blocks[-1][1] == a:
            crossing = any(_minutes(s.start) < a < _minutes(s.end) for s in slots)
            if crossing or all(fills(day, blocks[-1][0], b) for day in by_day.values()):
                blocks[-1][1] = b
                continue
        blocks.append([a, b])
    return [(_from_minutes(a), _from_minutes(b)) for a, b in blocks]


def _note_pieces(text: str, urls: list[str]) -> list[tuple[str, str]]:
    """The note's text in pieces, each with the URL it links to ("" for none), so that reading the
    links back gives ``urls`` in order: an address written in the text links itself; one that is
    not links the next word."""
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for position, url in enumerate(urls):
        found = text.find(url, cursor)
        if found < 0:
            later = [text.find(u, cursor) for u in urls[position + 1 :]]
            limit = min([f for f in later if f >= 0], default=len(text))
            word = re.search(r"\S+", text[cursor:limit])
            if word is None:
                continue
            found, length = cursor + word.start(), len(word.group(0))
        else:
            length = len(url)
        if found > cursor:
            pieces.append((text[cursor:found], ""))
        pieces.append((text[found : found + length], url))
        cursor = found + length
    if cursor < len(text):
        pieces.append((text[cursor:], ""))
    return [(piece, url) for piece, url in pieces if piece]


def _paragraphs(text: str) -> list[str]:
    """An item's paragraphs as the importer keeps them: blank-line separated, spaces collapsed."""
    paragraphs = [_one_line(part) for part in _BLANK_LINE.split(text)]
    return [part for part in paragraphs if part] or [""]


def _locate(starts: list[int], paragraphs: list[str], offset: int) -> tuple[int, int]:
    """(paragraph index, offset in it) of an offset in the paragraphs joined by blank lines."""
    for index in range(len(starts) - 1, -1, -1):
        if offset >= starts[index]:
            return index, min(offset - starts[index], len(paragraphs[index]))
    return 0, 0


def _find_anchor(text: str, anchor: str) -> tuple[int, int] | None:
    words = anchor.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(word) for word in words), text)
    return (match.start(), match.end()) if match else None


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _date_range(start: datetime.date, end: datetime.date | None) -> str:
    """ "30 August 2016", "6–9 December 2016", "30 August–2 September 2016": the portal's one way
    (``magportal.dates``), in English whatever the page's language, as the reports are written."""
    with translation.override("en"):
        return dates.date_range(start, end)


def _report_date(day: datetime.date, *, with_year: bool) -> str:
    """ "6 December" (or "6 December 2017" outside the grid's year), in English as ``_date_range``."""
    with translation.override("en"):
        return dates.long_date(day) if with_year else dates.month_day(day)


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _from_minutes(value: int) -> datetime.time:
    return datetime.time(value // 60, value % 60)


__all__ = ["CONTENT_TYPE", "ReportContents", "build_docx", "docx_filename", "report_contents", "report_docx"]

"""Read a checked .docx into the plain dataclasses of ``document``.

The XML is read directly with lxml rather than through python-docx, whose
``Paragraph.text`` misses runs inside w:ins, w:fldSimple, w:smartTag and
w:sdt, and which has no footnotes, numbering labels or comment ranges. Each
part is parsed once; nothing here interprets what the text means.

What Word shows is what is read: tracked changes accepted, field results
without their instructions, list labels as Word numbers them, note marks in
citation order. Left out: text boxes and drawings, headers and footers, and
notes that nothing cites (Word does not print them).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from meetings.importer.document import (
    Cell,
    Comment,
    Document,
    Hyperlink,
    Note,
    NoteRef,
    Paragraph,
    Table,
)
from meetings.importer.package import XML_PARSER, Limits, Package, check_package, checked_xml, parse_checked
from meetings.importer.vocabulary import int_to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
APP_APPLICATION = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application"
W_ID = W + "id"
W_ABSTRACT_NUM = W + "abstractNum"
W_ABSTRACT_NUM_ID = W + "abstractNumId"
W_ANCHOR = W + "anchor"
W_AUTHOR = W + "author"
W_BASED_ON = W + "basedOn"
W_BDO = W + "bdo"
W_BODY = W + "body"
W_BR = W + "br"
W_CHAR = W + "char"
W_COMMENT = W + "comment"
W_COMMENT_RANGE_END = W + "commentRangeEnd"
W_COMMENT_RANGE_START = W + "commentRangeStart"
W_CR = W + "cr"
W_CUSTOM_MARK_FOLLOWS = W + "customMarkFollows"
W_CUSTOM_XML = W + "customXml"
W_DATE = W + "date"
W_DEFAULT = W + "default"
W_DEL = W + "del"
W_DIR = W + "dir"
W_ENDNOTE_REFERENCE = W + "endnoteReference"
W_FLD_CHAR = W + "fldChar"
W_FLD_CHAR_TYPE = W + "fldCharType"
W_FLD_SIMPLE = W + "fldSimple"
W_FOOTNOTE_REFERENCE = W + "footnoteReference"
W_FOOTNOTE_PR = W + "footnotePr"
W_ENDNOTE_PR = W + "endnotePr"
W_NUM_START = W + "numStart"
W_GRID_COL = W + "gridCol"
W_HYPERLINK = W + "hyperlink"
W_ILVL = W + "ilvl"
W_INITIALS = W + "initials"
W_INS = W + "ins"
W_INSTR = W + "instr"
W_INSTR_TEXT = W + "instrText"
W_IS_LGL = W + "isLgl"
W_LVL = W + "lvl"
W_LVL_OVERRIDE = W + "lvlOverride"
W_LVL_RESTART = W + "lvlRestart"
W_LVL_TEXT = W + "lvlText"
W_MOVE_FROM = W + "moveFrom"
W_MOVE_TO = W + "moveTo"
W_NAME = W + "name"
W_NO_BREAK_HYPHEN = W + "noBreakHyphen"
W_NUM = W + "num"
W_NUM_FMT = W + "numFmt"
W_NUM_ID = W + "numId"
W_NUM_PR = W + "numPr"
W_NUM_STYLE_LINK = W + "numStyleLink"
W_OUTLINE_LVL = W + "outlineLvl"
W_P = W + "p"
W_PTAB = W + "ptab"
W_P_PR = W + "pPr"
W_P_STYLE = W + "pStyle"
W_R = W + "r"
W_R_PR = W + "rPr"
W_SDT = W + "sdt"
W_SDT_CONTENT = W + "sdtContent"
# A text box's paragraphs (in a DrawingML shape or a VML one), as PDF conversions place text.
W_TXBX_CONTENT = W + "txbxContent"
W_DRAWING = W + "drawing"
W_PICT = W + "pict"
# Where a floating text box sits: its anchor's offsets (DrawingML), or its VML shape's style.
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WP_ANCHOR = WP + "anchor"
WP_POSITION_H = WP + "positionH"
WP_POSITION_V = WP + "positionV"
WP_POS_OFFSET = WP + "posOffset"
V_SHAPE = "{urn:schemas-microsoft-com:vml}shape"
W_SMART_TAG = W + "smartTag"
W_START = W + "start"
W_START_OVERRIDE = W + "startOverride"
W_STYLE = W + "style"
W_STYLE_ID = W + "styleId"
W_SYM = W + "sym"
W_T = W + "t"
W_TAB = W + "tab"
W_TBL = W + "tbl"
W_TBL_GRID = W + "tblGrid"
W_TBL_HEADER = W + "tblHeader"
W_TC = W + "tc"
W_TC_PR = W + "tcPr"
W_TR = W + "tr"
W_TR_PR = W + "trPr"
W_TYPE = W + "type"
W_VAL = W + "val"
W_V_MERGE = W + "vMerge"
VAL = W_VAL
MC_ALTERNATE_CONTENT = MC + "AlternateContent"
MC_CHOICE = MC + "Choice"
M_MATH = M + "oMath"
M_MATH_PARAGRAPH = M + "oMathPara"
M_T = M + "t"

# Only these reach the portal as links; anything else (javascript:, data:, file:) stays plain text.
SAFE_URL_SCHEMES = {"http", "https", "mailto"}
BARE_URL = re.compile(r"https?://[^\s<>\"'\u201c\u201d\u2018\u2019]+", re.IGNORECASE)
URL_TRAILING_PUNCTUATION = ".,;:!?)]}"
HYPERLINK_FIELD = re.compile(r"^\s*HYPERLINK\b(.*)$", re.IGNORECASE | re.DOTALL)
FIELD_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
SKIPPED_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}
MAX_NESTING = 100  # Word nests far less; deeper input is cut off rather than recursed into.


def read_document(data: bytes, *, limits: Limits | None = None) -> Document:
    """Check ``data`` is a safe .docx and read its body, notes, comments and properties."""
    package = check_package(data, limits=limits or Limits())
    return _Reader(package).read()


def safe_url(url: str) -> str:
    """``url`` if it is an http, https or mailto link (or a link within the document), else ""."""
    url = url.strip()
    if not url or any(ord(character) < 32 or character.isspace() for character in url):
        return ""
    if url.startswith("#"):
        return url
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in SAFE_URL_SCHEMES else ""


def _on(element: etree._Element | None, attribute: str = VAL) -> bool:
    """An OOXML on/off property: present and not "0"/"false"/"off"."""
    if element is None:
        return False
    return element.get(attribute, "true").lower() not in {"0", "false", "off"}


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# -- styles ------------------------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline_level: int | None = None
    num_id: str | None = None
    ilvl: int | None = None


class _Styles:
    """Paragraph styles: heading levels and list numbering, following w:basedOn."""

    def __init__(self, root: etree._Element | None = None, *, pieces: _StylePieces | None = None):
        # Only the styles the body names are read, once each: a template's styles part defines
        # hundreds (python-docx's is 350 KB, Word's often 50 KB) and a report uses a handful.
        self.elements: dict[str, etree._Element] = {}
        self.pieces = pieces
        self.styles: dict[str, _Style | None] = {}
        self.headings: dict[str, int | None] = {}
        self.numberings: dict[str, tuple[str | None, int | None]] = {}
        self._default = ""
        if root is None:
            return
        for element in root.iterchildren(W_STYLE):
            if element.get(W_TYPE, "paragraph") != "paragraph":
                continue
            style_id = element.get(W_STYLE_ID, "")
            self.elements[style_id] = element
            if _on(element, W_DEFAULT) and element.get(W_DEFAULT) is not None:
                self._default = style_id

    @property
    def default(self) -> str:
        """The default paragraph style's id."""
        return self.pieces.default if self.pieces is not None else self._default

    @classmethod
    def from_part(cls, package: Package, name: str | None) -> _Styles:
        """The styles of a part, read piece by piece where its XML allows, else whole."""
        if not name:
            return cls(None)
        data = checked_xml(package.read(name), name=name)
        pieces = _StylePieces.index(data, name=name)
        return cls(pieces=pieces) if pieces is not None else cls(parse_checked(data, name=name))

    def style(self, style_id: str) -> _Style | None:
        if style_id in self.styles:
            return self.styles[style_id]
        pieces = self.pieces
        element = pieces.element(style_id) if pieces is not None else self.elements.get(style_id)
        style = None if element is None else _read_style(element)
        self.styles[style_id] = style
        return style

    def _chain(self, style_id: str):
        seen = set()
        while style_id and style_id not in seen and len(seen) < 50:
            seen.add(style_id)
            style = self.style(style_id)
            if style is None:
                return
            yield style_id, style
            style_id = style.based_on

    def heading_level(self, style_id: str) -> int | None:
        if style_id not in self.headings:
            self.headings[style_id] = self._heading_level(style_id)
        return self.headings[style_id]

    def _heading_level(self, style_id: str) -> int | None:
        for sid, style in self._chain(style_id or self.default):
            if style.outline_level is not None:
                return style.outline_level + 1 if 0 <= style.outline_level <= 8 else None
            match = HEADING_NAME.match(style.name) or HEADING_NAME.match(sid)
            if match:
                return int(match.group(1))
        match = HEADING_NAME.match(style_id)  # no styles part: trust Word's built-in ids
        return int(match.group(1)) if match else None

    def numbering(self, style_id: str) -> tuple[str | None, int | None]:
        if style_id not in self.numberings:
            self.numberings[style_id] = next(
                (
                    (style.num_id, style.ilvl)
                    for _sid, style in self._chain(style_id or self.default)
                    if style.num_id is not None
                ),
                (None, None),
            )
        return self.numberings[style_id]


_STYLES_ROOT = re.compile(rb"<w:styles\b[^>]*>")
_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')
_DEFAULT_STYLE = re.compile(rb"""<w:style\b[^>]*\bw:default\s*=\s*["'](?:1|true|on)["'][^>]*>""")


class _StylePieces:
    """The paragraph styles of a styles part, each found and parsed only when asked for.

    Word, LibreOffice, pandoc and python-docx all write the part with the "w" prefix, one
    ``<w:style>`` after another, so a style is the piece from its ``<w:style`` to its
    ``</w:style>``. A part written otherwise (another prefix, a piece that does not parse) is
    parsed whole instead, so the result is the same either way.
    """

    def __init__(self, data: bytes, root_tag: bytes, name: str):
        self.data = data
        self.root_tag = root_tag
        self.name = name
        self._whole: etree._Element | None = None
        self.odd = False

    @classmethod
    def index(cls, data: bytes, *, name: str) -> _StylePieces | None:
        root = _STYLES_ROOT.search(data)
        if root is None or root.group(0).endswith(b"/>"):
            return None
        return cls(data, root.group(0), name)

    @functools.cached_property
    def default(self) -> str:
        for match in _DEFAULT_STYLE.finditer(self.data):
            element = self._parse(match.start())
            if element is not None and element.get(W_TYPE, "paragraph") == "paragraph":
                return element.get(W_STYLE_ID, "")
        return ""

    @functools.cached_property
    def starts(self) -> dict[str, list[int]]:
        """Where each style id's ``<w:style`` tag starts, in order: one pass over the part."""
        starts: dict[str, list[int]] = {}
        data = self.data
        count = 0
        for match in _STYLE_ID.finditer(data):
            count += 1
            start = data.rfind(b"<w:style", 0, match.start())
            starts.setdefault(match.group(1).decode("utf-8", "replace"), []).append(start)
        # Ids the pattern missed (single quotes, spaces around "=") or wrote with entities: the
        # whole parse reads them.
        self.odd = count != data.count(b"w:styleId") or any("&" in key for key in starts)
        return starts

    def element(self, style_id: str) -> etree._Element | None:
        """The last paragraph style with this id (as a whole parse keeps), or None."""
        for start in reversed(self.starts.get(style_id, [])):
            element = self._parse(start) if start >= 0 else None
            if element is None or element.get(W_STYLE_ID, "") != style_id:
                return self._from_whole(style_id)  # an id written with an entity, odd XML
            if element.get(W_TYPE, "paragraph") == "paragraph":
                return element
        return self._from_whole(style_id) if self.odd else None

    def _parse(self, start: int) -> etree._Element | None:
        opening = self.data.find(b">", start)
        if opening < 0:
            return None
        if self.data[opening - 1 : opening] == b"/":
            end = opening + 1
        else:
            end = self.data.find(b"</w:style>", opening)
            if end < 0:
                return None
            end += len(b"</w:style>")
        try:
            root = etree.fromstring(self.root_tag + self.data[start:end] + b"</w:styles>", parser=XML_PARSER)
        except etree.XMLSyntaxError:
            return None
        element = _first(root, W_STYLE)
        return element

    def _from_whole(self, style_id: str) -> etree._Element | None:
        if self._whole is None:
            self._whole = parse_checked(self.data, name=self.name)
        found = None
        for element in self._whole.iterchildren(W_STYLE):
            if element.get(W_STYLE_ID, "") == style_id and element.get(W_TYPE, "paragraph") == "paragraph":
                found = element
        return found


def _read_style(element: etree._Element) -> _Style:
    style = _Style()
    for child in element:
        if child.tag == W_NAME:
            style.name = child.get(VAL, "")
        elif child.tag == W_BASED_ON:
            style.based_on = child.get(VAL, "")
        elif child.tag == W_P_PR:
            outline = _first(child, W_OUTLINE_LVL)
            if outline is not None:
                style.outline_level = _int(outline.get(VAL))
            num_pr = _first(child, W_NUM_PR)
            if num_pr is not None:
                num_id = _first(num_pr, W_NUM_ID)
                ilvl = _first(num_pr, W_ILVL)
                style.num_id = num_id.get(VAL) if num_id is not None else None
                style.ilvl = _int(ilvl.get(VAL)) if ilvl is not None else None
    return style


# -- numbering ---------------------------------------------------------------------------------


@dataclass
class _Level:
    start: int = 0
    num_format: str = "decimal"
    text: str = ""
    legal: bool = False
    restart: int | None = None
    style: str = ""


def _level(element: etree._Element) -> _Level:
    level = _Level()
    for child in element:
        tag = child.tag
        if tag == W_START:
            level.start = _int(child.get(VAL), 0)
        elif tag == W_NUM_FMT:
            level.num_format = child.get(VAL, "decimal")
        elif tag == W_LVL_TEXT:
            level.text = child.get(VAL, "")
        elif tag == W_IS_LGL:
            level.legal = _on(child)
        elif tag == W_LVL_RESTART:
            level.restart = _int(child.get(VAL))
        elif tag == W_P_STYLE:
            level.style = child.get(VAL, "")
    return level


@dataclass
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


def _letter(number: int) -> str:
    if number < 1:
        return str(number)
    # Word goes a..z, then aa..zz, then aaa..zzz.
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_number(number: int, num_format: str) -> str:
    """A list counter as Word prints it in ``num_format``; unknown formats print as decimal."""
    if num_format == "none":
        return ""
    if num_format == "decimalZero":
        return f"{number:02d}" if 0 <= number < 10 else str(number)
    if num_format == "lowerLetter":
        return _letter(number)
    if num_format == "upperLetter":
        return _letter(number).upper()
    if num_format == "lowerRoman":
        return int_to_roman(number).lower()
    if num_format == "upperRoman":
        return int_to_roman(number)
    if num_format == "ordinal":
        return _ordinal(number)
    return str(number)


def _bullet(text: str) -> str:
    # Symbol/Wingdings bullets live in the private use area and mean nothing outside that font.
    if not text or any("\ue000" <= character <= "\uf8ff" for character in text):
        return "\u2022"
    return text


class _Numbering:
    """numbering.xml, with the counters Word keeps while it lays out the document."""

    def __init__(self, root: etree._Element | None, styles: _Styles):
        # Abstract lists are read when a paragraph first uses one: templates define dozens.
        self.abstract_elements: dict[str, etree._Element] = {}
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[tuple[str, int]] = set()
        self.styles = styles
        if root is None:
            return
        for element in root.iterchildren(W_ABSTRACT_NUM):
            self.abstract_elements[element.get(W_ABSTRACT_NUM_ID, "")] = element
        for element in root.iterchildren(W_NUM):
            abstract = _first(element, W_ABSTRACT_NUM_ID)
            num = _Num(abstract_id=abstract.get(VAL, "") if abstract is not None else "")
            for override in element.iterchildren(W_LVL_OVERRIDE):
                ilvl = _int(override.get(W_ILVL), 0)
                start = _first(override, W_START_OVERRIDE)
                if start is not None:
                    num.start_overrides[ilvl] = _int(start.get(VAL), 0)
                lvl = _first(override, W_LVL)
                if lvl is not None:
                    num.level_overrides[ilvl] = _level(lvl)
            self.nums[element.get(W_NUM_ID, "")] = num

    def levels(self, abstract_id: str) -> dict[int, _Level]:
        """The levels of an abstract list, read once ({} for an undefined one)."""
        if abstract_id not in self.abstracts:
            element = self.abstract_elements.get(abstract_id)
            self.abstracts[abstract_id] = (
                {}
                if element is None
                else {_int(lvl.get(W_ILVL), 0): _level(lvl) for lvl in element.iterchildren(W_LVL)}
            )
        return self.abstracts[abstract_id]

    def _abstract_id(self, num: _Num) -> str:
        """The abstract numbering, following a numbering style link (w:numStyleLink) once."""
        element = self.abstract_elements.get(num.abstract_id)
        link = _first(element, W_NUM_STYLE_LINK) if element is not None else None
        if link is not None and link.get(VAL, ""):
            linked_num_id, _ilvl = self.styles.numbering(link.get(VAL, ""))
            linked = self.nums.get(linked_num_id or "")
            if linked is not None and linked.abstract_id in self.abstract_elements:
                return linked.abstract_id
        return num.abstract_id

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        for ilvl, level in self.levels(self._abstract_id(num)).items():
            if level.style and level.style == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter at ``ilvl`` and return the label Word prints, or None."""
        num = self.nums.get(num_id)
        if num is None or not 0 <= ilvl <= 8:
            return None
        abstract_id = self._abstract_id(num)
        levels = dict(self.levels(abstract_id))
        levels.update(num.level_overrides)
        if ilvl not in levels:
            return None

        def start(k: int) -> int:
            if k in num.start_overrides:
                return num.start_overrides[k]
            return levels[k].start if k in levels else 0

        # Every w:num of one abstract list shares its counters, so a list continues across
        # w:num instances; a w:startOverride restarts it where that w:num is first used.
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        if (num_id, ilvl) not in self.seen:
            self.seen.add((num_id, ilvl))
            if ilvl in num.start_overrides:
                counters[ilvl] = None
        counters[ilvl] = start(ilvl) if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None

        level = levels[ilvl]
        if level.num_format == "bullet":
            return _bullet(level.text)

        def substitute(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            value = counters[k] if counters[k] is not None else start(k)
            num_format = (
                "decimal" if level.legal and k != ilvl else (levels[k].num_format if k in levels else "")
            )
            if level.legal and levels.get(k) and levels[k].num_format == "none":
                num_format = "none"
            return format_number(value, num_format or "decimal")

        return re.sub(r"%([1-9])", substitute, level.text)


# -- text of paragraphs ------------------------------------------------------------------------


class _Line:
    """The text of one paragraph being read, with what sits at offsets in it."""

    __slots__ = ("seq", "parts", "length", "note_refs", "hyperlinks", "index", "_text")

    def __init__(self, seq: int):
        self.seq = seq
        self.parts: list[str] = []
        self.length = 0
        self.note_refs: list[NoteRef] = []
        self.hyperlinks: list[tuple[int, int, str]] = []  # start, end, url
        self.index: int | None = None
        self._text: str | None = None

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)
            self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self.parts)
            self.parts = [self._text]
        return self._text


@dataclass
class _Field:
    instruction: list[str] = field(default_factory=list)
    showing: bool = False  # past w:fldChar separate: runs are the displayed result
    url: str = ""
    line: _Line | None = None
    start: int = 0


def _field_url(instruction: str) -> str:
    match = HYPERLINK_FIELD.match(instruction)
    if not match:
        return ""
    url = anchor = ""
    tokens = [quoted if quoted or not bare else bare for quoted, bare in FIELD_TOKEN.findall(match.group(1))]
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.lower() == "\\l" and position + 1 < len(tokens):
            anchor = tokens[position + 1]
            position += 2
            continue
        if token.startswith("\\"):
            position += 2 if token.lower() in {"\\o", "\\t"} else 1
            continue
        if not url:
            url = token
        position += 1
    if anchor:
        url = f"{url}#{anchor}"
    return url


class _Story:
    """Reads paragraphs of one story (the body, one note, one comment) into lines.

    Complex fields can run across paragraphs, so their state lives here.
    """

    def __init__(self, reader: _Reader, relationships: dict, *, track_comments: bool):
        self.reader = reader
        self.relationships = relationships
        self.track_comments = track_comments
        self.fields: list[_Field] = []
        self.hidden = False
        self.custom_mark: NoteRef | None = None
        # Met in the paragraph being read, read after it, with where each floats (see _text_boxes).
        self.text_boxes: list[tuple[tuple | None, etree._Element]] = []
        self.line: _Line | None = None

    # A run's children: text and the marks that stand in it.
    def run(self, run: etree._Element, depth: int) -> None:
        line = self.line
        for child in run:
            tag = child.tag
            if tag == W_T:
                text = child.text
                if not text:
                    continue
                if self.custom_mark is not None:
                    self.reader.custom_marks[(self.custom_mark.kind, self.custom_mark.note_id)] = text
                    self.custom_mark = None
                elif not self.hidden:
                    line.add(text)
            elif tag in CHARACTERS:
                if not self.hidden:
                    line.add(CHARACTERS[tag])
            elif tag == W_SYM:
                if not self.hidden:
                    line.add(_symbol(child))
            elif tag == W_INSTR_TEXT:
                if self.fields and not self.fields[-1].showing:
                    self.fields[-1].instruction.append(child.text or "")
            elif tag == W_FLD_CHAR:
                self.field_char(child)
            elif tag in (W_FOOTNOTE_REFERENCE, W_ENDNOTE_REFERENCE):
                kind = "footnote" if tag == W_FOOTNOTE_REFERENCE else "endnote"
                reference = NoteRef(kind=kind, note_id=child.get(W_ID, ""), offset=line.length)
                line.note_refs.append(reference)
                self.reader.note_order.append(reference)
                if _on(child, W_CUSTOM_MARK_FOLLOWS) and child.get(W_CUSTOM_MARK_FOLLOWS) is not None:
                    self.custom_mark = reference
            elif tag == MC_ALTERNATE_CONTENT and depth < MAX_NESTING:
                choice = _first(child, MC_CHOICE)
                if choice is not None:
                    self.run(choice, depth + 1)
            elif tag in (W_DRAWING, W_PICT):
                self.text_boxes.extend(_text_boxes(child, depth + 1))

    def _fields_changed(self) -> None:
        # Text is shown unless some open field is still in its instruction part.
        self.hidden = any(not f.showing for f in self.fields)

    def field_char(self, element: etree._Element) -> None:
        kind = element.get(W_FLD_CHAR_TYPE)
        if kind == "begin":
            self.fields.append(_Field())
            self.hidden = True
        elif kind == "separate" and self.fields:
            current = self.fields[-1]
            current.showing = True
            current.url = safe_url(_field_url("".join(current.instruction)))
            current.line = self.line
            current.start = self.line.length
            self._fields_changed()
        elif kind == "end" and self.fields:
            current = self.fields.pop()
            self._fields_changed()
            if current.url and current.line is not None:
                line = self.line
                start = current.start if current.line is line else 0
                self.add_hyperlink(line, start, current.url)

    def add_hyperlink(self, line: _Line, start: int, url: str) -> None:
        if line.length > start:
            line.hyperlinks.append((start, line.length, url))

    # Everything that may hold runs inside a paragraph.
    def inline(self, parent: etree._Element, depth: int) -> None:
        if depth > MAX_NESTING:
            return
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self.run(child, depth + 1)
            elif tag in CONTAINERS:
                self.inline(child, depth + 1)
            elif tag == W_HYPERLINK:
                start = self.line.length
                self.inline(child, depth + 1)
                target = self.relationships.get(child.get(R_ID, ""))
                url = target.target if target is not None and target.external else ""
                anchor = child.get(W_ANCHOR, "")
                if anchor:
                    url = f"{url}#{anchor}"
                url = safe_url(url)
                if url and not self.hidden:
                    self.add_hyperlink(self.line, start, url)
            elif tag == W_FLD_SIMPLE:
                start = self.line.length
                self.inline(child, depth + 1)
                url = safe_url(_field_url(child.get(W_INSTR, "")))
                if url:
                    self.add_hyperlink(self.line, start, url)
            elif tag == W_SDT:
                content = _first(child, W_SDT_CONTENT)
                if content is not None:
                    self.inline(content, depth + 1)
            elif tag in (W_COMMENT_RANGE_START, W_COMMENT_RANGE_END):
                if self.track_comments:
                    self.reader.comment_mark(child, self.line, self.line.length)
            elif tag == MC_ALTERNATE_CONTENT:
                choice = _first(child, MC_CHOICE)
                if choice is not None:
                    self.inline(choice, depth + 1)
            elif tag in (M_MATH, M_MATH_PARAGRAPH):
                self.line.add("".join(t.text or "" for t in child.iter(M_T)))


# Run content that stands for one character.
CHARACTERS = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NO_BREAK_HYPHEN: "-"}

# Elements whose runs count as the paragraph's own (insertions accepted; w:del and w:moveFrom
# are not here, so deletions are dropped).
CONTAINERS = {W_INS, W_MOVE_TO, W_SMART_TAG, W_CUSTOM_XML, W_DIR, W_BDO}


def _symbol(element: etree._Element) -> str:
    try:
        code = int(element.get(W_CHAR, ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol fonts map their glyphs at U+F0xx
        code -= 0xF000
    if code == 0xB7:
        return "\u2022"
    try:
        return chr(code) if code >= 32 else ""
    except ValueError:
        return ""


# -- the document ------------------------------------------------------------------------------


class _Reader:
    def __init__(self, package: Package):
        self.package = package
        self.lines: list[_Line] = []
        self.note_order: list[NoteRef] = []
        self.custom_marks: dict[tuple[str, str], str] = {}
        self.comment_starts: dict[str, tuple[_Line | None, int]] = {}
        self.comment_ends: dict[str, tuple[_Line | None, int]] = {}
        self.blocks: list[Paragraph | Table] = []
        self.pending: _Line | None = None
        self.pending_properties: tuple[etree._Element | None, int] = (None, 0)
        self.pending_starts: list[str] = []

    def read(self) -> Document:
        package = self.package
        main = package.main_part
        relationships = package.relationships(main)

        root = package.xml(main)
        self.story = _Story(self, relationships, track_comments=True)
        body = _first(root, W_BODY)
        if body is not None:
            self.body_blocks(body, 0)
        self.flush_pending()

        marks = self.note_marks()
        notes = self.read_notes("footnote", marks) + self.read_notes("endnote", marks)
        order = list(marks)
        notes.sort(key=lambda note: order.index((note.kind, note.note_id)))
        comments = self.read_comments()
        title, producer = self.read_properties()
        return Document(blocks=self.blocks, notes=notes, comments=comments, title=title, producer=producer)

    # -- body blocks

    def new_line(self) -> _Line:
        line = _Line(len(self.lines))
        self.lines.append(line)
        for comment_id in self.pending_starts:
            self.comment_starts.setdefault(comment_id, (line, 0))
        self.pending_starts.clear()
        return line

    def comment_mark(self, element: etree._Element, line: _Line | None, offset: int) -> None:
        comment_id = element.get(W_ID, "")
        if element.tag == W_COMMENT_RANGE_START:
            if line is None:
                self.pending_starts.append(comment_id)
            else:
                self.comment_starts.setdefault(comment_id, (line, offset))
        else:
            self.comment_ends.setdefault(comment_id, (line, offset))

    def body_blocks(self, container: etree._Element, depth: int, *, cell_index: int | None = None, out=None):
        """Read block-level content in order; in a table cell, return its paragraphs instead."""
        if depth > MAX_NESTING:
            return
        for child in container:
            tag = child.tag
            if tag == W_P:
                paragraph = self.paragraph(child, self.next_index() if cell_index is None else cell_index)
                if paragraph is not None:
                    if out is None:
                        self.blocks.append(paragraph)
                    else:
                        out.append(paragraph)
                # A text box anchored in the paragraph: its paragraphs follow it, in the same flow.
                boxes, self.story.text_boxes = self.story.text_boxes, []
                for box in _in_reading_order(boxes):
                    self.body_blocks(box, depth + 1, cell_index=cell_index, out=out)
            elif tag == W_TBL:
                self.flush_pending(out)
                if out is None:
                    table = self.table(child, len(self.blocks), depth + 1)
                    self.blocks.append(table)
                else:  # a nested table: keep its text in the enclosing cell, row by row
                    table = self.table(child, cell_index, depth + 1)
                    for row in table.rows:
                        for cell in row:
                            out.extend(cell.paragraphs)
            elif tag == W_SDT:
                content = _first(child, W_SDT_CONTENT)
                if content is not None:
                    self.body_blocks(content, depth + 1, cell_index=cell_index, out=out)
            elif tag in BLOCK_CONTAINERS:
                self.body_blocks(child, depth + 1, cell_index=cell_index, out=out)
            elif tag == W_COMMENT_RANGE_START:
                self.comment_mark(child, self.pending, self.pending.length if self.pending else 0)
            elif tag == W_COMMENT_RANGE_END:
                last = self.pending or (self.lines[-1] if self.lines else None)
                self.comment_mark(child, last, last.length if last else 0)
            elif tag == MC_ALTERNATE_CONTENT:
                choice = _first(child, MC_CHOICE)
                if choice is not None:
                    self.body_blocks(choice, depth + 1, cell_index=cell_index, out=out)

    def next_index(self) -> int:
        return len(self.blocks)

    def flush_pending(self, out: list[Paragraph] | None = None) -> None:
        """A paragraph whose mark was deleted and that no paragraph follows: keep it as it is."""
        if self.pending is not None:
            line, (properties, index) = self.pending, self.pending_properties
            self.pending = None
            paragraph = self.finish(line, properties, len(self.blocks) if out is None else index)
            (self.blocks if out is None else out).append(paragraph)

    def paragraph(self, element: etree._Element, index: int) -> Paragraph | None:
        line = self.pending if self.pending is not None else self.new_line()
        self.pending = None
        story = self.story
        story.line = line
        story.inline(element, 0)
        properties = _first(element, W_P_PR)
        if properties is not None:
            mark = _first(properties, W_R_PR)
            if mark is not None and (
                _first(mark, W_DEL) is not None or _first(mark, W_MOVE_FROM) is not None
            ):
                # A deleted paragraph mark joins this paragraph to the next one.
                self.pending = line
                self.pending_properties = (properties, index)
                return None
        return self.finish(line, properties, index)

    def finish(self, line: _Line, properties: etree._Element | None, index: int) -> Paragraph:
        style = ""
        heading = None
        num_id = None
        ilvl = None
        outline = None
        if properties is not None:
            for child in properties:
                tag = child.tag
                if tag == W_P_STYLE:
                    style = child.get(VAL, "")
                elif tag == W_NUM_PR:
                    num = _first(child, W_NUM_ID)
                    level = _first(child, W_ILVL)
                    num_id = num.get(VAL) if num is not None else None
                    ilvl = _int(level.get(VAL)) if level is not None else None
                elif tag == W_OUTLINE_LVL:
                    outline = _int(child.get(VAL))
        if outline is not None:
            heading = outline + 1 if 0 <= outline <= 8 else None
        elif style:
            heading = self.styles.heading_level(style)
        label = None
        list_level = None
        if style and (num_id is None or ilvl is None):
            style_num, style_ilvl = self.styles.numbering(style)
            if num_id is None:
                num_id = style_num
            if ilvl is None and num_id is not None:
                ilvl = style_ilvl
                if ilvl is None:
                    ilvl = self.numbering.level_for_style(num_id, style) if style else None
        if num_id is not None and num_id != "0":
            list_level = ilvl or 0
            label = self.numbering.label(num_id, list_level)
            if label is None:
                list_level = None
        line.index = index
        text = line.text
        return Paragraph(
            index=index,
            text=text,
            style=style,
            heading_level=heading,
            list_label=label,
            list_level=list_level,
            note_refs=line.note_refs,
            hyperlinks=[
                Hyperlink(text=text[start:end], url=url)
                for start, end, url in line.hyperlinks
                if text[start:end].strip()
            ],
        )

    def table(self, element: etree._Element, index: int, depth: int) -> Table:
        grid = _first(element, W_TBL_GRID)
        n_cols = len(grid.findall(W_GRID_COL)) if grid is not None else 0
        rows: list[list[Cell]] = []
        header_rows = 0
        in_header = True
        above: dict[int, Cell] = {}
        for tr in _children(element, W_TR, depth):
            row_properties = _first(tr, W_TR_PR)
            before = after = 0
            is_header = False
            if row_properties is not None:
                if _first(row_properties, W_DEL) is not None:
                    continue  # a tracked deletion of the whole row
                before = max(_int(_val(row_properties, "gridBefore"), 0), 0)
                after = max(_int(_val(row_properties, "gridAfter"), 0), 0)
                is_header = _on(_first(row_properties, W_TBL_HEADER))
            if in_header and is_header:
                header_rows += 1
            else:
                in_header = False
            row_index = len(rows)
            row: list[Cell] = []
            below: dict[int, Cell] = {}  # what a vertical merge in the next row may continue
            column = before
            for tc in _children(tr, W_TC, depth):
                cell_properties = _first(tc, W_TC_PR)
                span = 1
                merge = None
                if cell_properties is not None:
                    span = min(max(_int(_val(cell_properties, "gridSpan"), 1), 1), 1000)
                    merge_element = _first(cell_properties, W_V_MERGE)
                    if merge_element is not None:
                        merge = merge_element.get(VAL, "continue")
                paragraphs: list[Paragraph] = []
                self.body_blocks(tc, depth + 1, cell_index=index, out=paragraphs)
                self.flush_pending(paragraphs)
                upper = above.get(column)
                if merge == "continue" and upper is not None and upper.col_span == span:
                    upper.row_span += 1
                    upper.paragraphs.extend(p for p in paragraphs if p.text.strip())
                    below[column] = upper
                else:
                    cell = Cell(row=row_index, col=column, paragraphs=paragraphs, col_span=span)
                    row.append(cell)
                    below[column] = cell
                column += span
            above = below
            n_cols = max(n_cols, column + after)
            rows.append(row)
        return Table(index=index, rows=rows, header_rows=header_rows, n_cols=n_cols)

    # -- notes, comments, properties

    def story_text(
        self, element: etree._Element, relationships: dict
    ) -> tuple[str, list[tuple[int, int, str]]]:
        """The paragraphs of a note or comment joined by newlines, and its links with their spans."""
        story = _Story(self, relationships, track_comments=False)
        texts = []
        links = []
        base = 0
        for paragraph in element.iter(W_P):
            line = _Line(-1)
            story.line = line
            story.inline(paragraph, 0)
            texts.append(line.text)
            links.extend((base + start, base + end, url) for start, end, url in line.hyperlinks)
            base += len(line.text) + 1
        return "\n".join(texts), links

    # styles.xml is often the biggest part, so it is parsed only once a paragraph names a style.
    @functools.cached_property
    def styles(self) -> _Styles:
        return _Styles.from_part(self.package, self.package.related(self.package.main_part, "/styles"))

    @functools.cached_property
    def numbering(self) -> _Numbering:
        return _Numbering(self.part("/numbering"), self.styles)

    def part(self, type_suffix: str) -> etree._Element | None:
        """A part the main document relates to, parsed; None if there is none."""
        name = self.package.related(self.package.main_part, type_suffix)
        return self.package.xml(name) if name else None

    def read_notes(self, kind: str, marks: dict[tuple[str, str], str]) -> list[Note]:
        name = self.package.related(self.package.main_part, f"/{kind}s")
        if not name or not any(key[0] == kind for key in marks):
            return []
        root = self.package.xml(name)
        relationships = self.package.relationships(name)
        notes = []
        for element in root.iterchildren(W + kind):
            if element.get(W_TYPE) in SKIPPED_NOTE_TYPES:
                continue
            note_id = element.get(W_ID, "")
            if (kind, note_id) not in marks:
                continue  # never cited, so Word never prints it
            text, links = self.story_text(element, relationships)
            stripped = text.strip()
            lead = len(text) - len(text.lstrip())
            notes.append(
                Note(
                    kind=kind,
                    note_id=note_id,
                    mark=marks[(kind, note_id)],
                    text=stripped,
                    urls=_urls(stripped, [(start - lead, end - lead, url) for start, end, url in links]),
                )
            )
        return notes

    def note_marks(self) -> dict[tuple[str, str], str]:
        """Marks as Word prints them: numbered by first citation, per kind; custom marks as typed."""
        marks: dict[tuple[str, str], str] = {}
        if not self.note_order:
            return marks
        numbering = self.note_numbering()
        counters = {kind: start - 1 for kind, (_format, start) in numbering.items()}
        for reference in self.note_order:
            key = (reference.kind, reference.note_id)
            if key in marks:
                continue
            if key in self.custom_marks:
                marks[key] = self.custom_marks[key]
            else:
                counters[reference.kind] += 1
                marks[key] = format_number(counters[reference.kind], numbering[reference.kind][0])
        return marks

    def note_numbering(self) -> dict[str, tuple[str, int]]:
        """Each kind of note's number format and first number, from settings.xml (default 1, 2, 3)."""
        numbering = {"footnote": ("decimal", 1), "endnote": ("decimal", 1)}
        settings = self.part("/settings")
        if settings is None:
            return numbering
        for kind, tag in (("footnote", W_FOOTNOTE_PR), ("endnote", W_ENDNOTE_PR)):
            properties = _first(settings, tag)
            if properties is None:
                continue
            num_format = _first(properties, W_NUM_FMT)
            start = _first(properties, W_NUM_START)
            numbering[kind] = (
                num_format.get(VAL, "decimal") if num_format is not None else "decimal",
                _int(start.get(VAL), 1) if start is not None else 1,
            )
        return numbering

    def read_comments(self) -> list[Comment]:
        name = self.package.related(self.package.main_part, "/comments")
        if not name:
            return []
        root = self.package.xml(name)
        relationships = self.package.relationships(name)
        comments = []
        for element in root.iterchildren(W_COMMENT):
            comment_id = element.get(W_ID, "")
            text, _links = self.story_text(element, relationships)
            anchor, paragraph_index = self.anchor(comment_id)
            comments.append(
                Comment(
                    comment_id=comment_id,
                    author=element.get(W_AUTHOR, ""),
                    initials=element.get(W_INITIALS, ""),
                    date=_date(element.get(W_DATE)),
                    text=text.strip(),
                    anchor=anchor,
                    paragraph_index=paragraph_index,
                )
            )
        return comments

    def anchor(self, comment_id: str) -> tuple[str, int | None]:
        start = self.comment_starts.get(comment_id)
        if start is None or start[0] is None:
            return "", None
        first, first_offset = start
        end = self.comment_ends.get(comment_id)
        last, last_offset = end if end is not None and end[0] is not None else (first, first.length)
        if last.seq < first.seq or (last is first and last_offset < first_offset):
            return "", first.index
        if last is first:
            return first.text[first_offset:last_offset], first.index
        pieces = [first.text[first_offset:]]
        pieces.extend(line.text for line in self.lines[first.seq + 1 : last.seq] if line.index is not None)
        pieces.append(last.text[:last_offset])
        return "\n".join(pieces), first.index

    def read_properties(self) -> tuple[str, str]:
        package = self.package
        core = package.related("", "/core-properties") or (
            "docProps/core.xml" if "docProps/core.xml" in package.names else None
        )
        app = package.related("", "/extended-properties") or (
            "docProps/app.xml" if "docProps/app.xml" in package.names else None
        )
        title = producer = ""
        if core:
            root = package.xml(core)
            element = _first(root, DC_TITLE) if root is not None else None
            title = (element.text or "").strip() if element is not None else ""
        if app:
            root = package.xml(app)
            element = _first(root, APP_APPLICATION) if root is not None else None
            producer = (element.text or "").strip() if element is not None else ""
        return title, producer


BLOCK_CONTAINERS = {W_CUSTOM_XML, W_INS, W_MOVE_TO}


def _text_boxes(element: etree._Element, depth: int, position: tuple | None = None):
    """The outermost text boxes' contents inside a drawing or picture (a text box in a text box is
    read with its own box's paragraphs), each with where it floats, if it says (``_position``)."""
    if depth > MAX_NESTING:
        return
    for child in element:
        if child.tag == W_TXBX_CONTENT:
            yield position, child
        elif child.tag == MC_ALTERNATE_CONTENT:
            choice = _first(child, MC_CHOICE)  # the fallback repeats the choice in VML
            if choice is not None:
                yield from _text_boxes(choice, depth + 1, position)
        elif child.tag in (WP_ANCHOR, V_SHAPE):
            yield from _text_boxes(child, depth + 1, _position(child))
        else:
            yield from _text_boxes(child, depth + 1, position)


#: Boxes whose tops are closer than this (in points) are on one line, read left to right.
SAME_LINE_POINTS = 3
_VML_OFFSET = re.compile(r"(?:^|;)\s*(margin-top|margin-left|top|left)\s*:\s*(-?[\d.]+)pt", re.IGNORECASE)


def _position(shape: etree._Element) -> tuple | None:
    """Where a floating box sits, in points from what it is placed against: (what, top, left); None
    when it does not say. A PDF conversion sets each printed line in such a box, in no set order."""
    if shape.tag == WP_ANCHOR:
        offsets = {}
        for tag, axis in ((WP_POSITION_V, "top"), (WP_POSITION_H, "left")):
            placed = _first(shape, tag)
            offset = _first(placed, WP_POS_OFFSET) if placed is not None else None
            if offset is None or not (offset.text or "").strip().lstrip("-").isdigit():
                return None
            offsets[axis] = (placed.get("relativeFrom"), int(offset.text) / 12700)  # EMU per point
        (against_v, top), (against_h, left) = offsets["top"], offsets["left"]
        return (against_v, against_h), top, left
    found = {name.lower(): value for name, value in _VML_OFFSET.findall(shape.get("style", ""))}
    top, left = found.get("margin-top", found.get("top")), found.get("margin-left", found.get("left"))
    try:
        return ("vml", "vml"), float(top), float(left)
    except (TypeError, ValueError):  # not given, or not a number ("." alone)
        return None


#: A box this much higher (in points) than the one listed before it is on the next page.
NEXT_PAGE_POINTS = 100


def _in_reading_order(boxes: list[tuple[tuple | None, etree._Element]]) -> list[etree._Element]:
    """The text boxes of one paragraph line by line and, on a line, left to right ("1." before its
    text, a bullet before its point), page by page as the file lists them; as listed when any box does
    not say where it sits, or they sit against different things."""
    if len(boxes) < 2 or any(position is None for position, _box in boxes):
        return [box for _position, box in boxes]
    if len({position[0] for position, _box in boxes}) > 1:
        return [box for _position, box in boxes]
    pages: list[list[tuple[tuple, etree._Element]]] = [[]]
    for found in boxes:
        if pages[-1] and found[0][1] < pages[-1][-1][0][1] - NEXT_PAGE_POINTS:
            pages.append([])
        pages[-1].append(found)
    ordered = []
    for page in pages:
        lines: list[list[tuple[tuple, etree._Element]]] = []
        for found in sorted(page, key=lambda found: found[0][1]):
            if lines and found[0][1] - lines[-1][0][0][1] < SAME_LINE_POINTS:
                lines[-1].append(found)
            else:
                lines.append([found])
        ordered += [box for line in lines for _position, box in sorted(line, key=lambda found: found[0][2])]
    return ordered


def _first(element: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag``, like ``find`` without its path parsing (this is the hot path)."""
    return next(element.iterchildren(tag), None)


def _children(element: etree._Element, tag: str, depth: int):
    """Rows of a table or cells of a row, looking through content controls and custom XML."""
    for child in element:
        if child.tag == tag:
            yield child
        elif depth < MAX_NESTING and child.tag in (W_SDT, W_CUSTOM_XML, W_SDT_CONTENT):
            yield from _children(child, tag, depth + 1)


def _val(properties: etree._Element, name: str) -> str | None:
    element = _first(properties, W + name)
    return element.get(VAL) if element is not None else None


def _date(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    # Word writes UTC with a "Z"; some producers leave the zone out, which Word reads as UTC too.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


def _urls(text: str, links: list[tuple[int, int, str]]) -> list[str]:
    """Link targets and bare URLs of a text, in reading order, each once; a link's own text is not
    counted again as a bare URL."""
    found = [(start, url) for start, _end, url in links]
    for match in BARE_URL.finditer(text):
        url = match.group(0).rstrip(URL_TRAILING_PUNCTUATION)
        if any(start <= match.start() < end for start, end, _url in links):
            continue
        found.append((match.start(), url))
    found.sort(key=lambda item: item[0])
    seen = set()
    urls = []
    for _offset, url in found:
        if url and url not in seen:
            seen.add(url)
            urls.append(url)
    return urls

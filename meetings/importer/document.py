"""What a .docx says, read faithfully and not yet interpreted.

The reader fills these; the interpreter reads them. No Django here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class Hyperlink:
    """A link in a paragraph: ``w:hyperlink`` or a HYPERLINK field code."""

    text: str
    url: str


@dataclass
class NoteRef:
    """Where a paragraph cites a footnote or endnote."""

    kind: str  # "footnote" or "endnote"
    note_id: str  # the w:id in footnotes.xml / endnotes.xml
    offset: int  # character offset in Paragraph.text where the mark stood


@dataclass
class Paragraph:
    """One body paragraph (or one paragraph of a table cell).

    ``text`` is what Word shows with tracked insertions accepted and deletions
    dropped, including runs inside w:ins, w:hyperlink, w:fldSimple, w:smartTag
    and w:sdt; without footnote/endnote reference marks (see ``note_refs``)
    and without Word list numbering (see ``list_label``). Soft line breaks and
    tabs are kept as "\\n" and "\\t".
    """

    index: int  # position among the body's blocks, from 0 (in a table cell: the table's index)
    text: str
    style: str = ""  # style id, e.g. "Heading1", "ListParagraph"
    heading_level: int | None = None  # 1.. for headings (style or outline level), else None
    list_label: str | None = None  # for w:numPr paragraphs: the label Word would print, e.g. "8."
    list_level: int | None = None
    note_refs: list[NoteRef] = field(default_factory=list)
    hyperlinks: list[Hyperlink] = field(default_factory=list)


@dataclass
class Cell:
    """A table cell placed on the table's grid, merges resolved."""

    row: int  # first grid row, from 0
    col: int  # first grid column, from 0
    paragraphs: list[Paragraph]
    col_span: int = 1  # w:gridSpan
    row_span: int = 1  # w:vMerge restart + continues

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Table:
    """A body table; continuation cells of vertical merges are not repeated."""

    index: int  # position among the body's blocks
    rows: list[list[Cell]]
    header_rows: int = 0  # leading rows marked w:tblHeader
    n_cols: int = 0


@dataclass
class Note:
    """A footnote or endnote with the mark it is printed with."""

    kind: str  # "footnote" or "endnote"
    note_id: str
    mark: str  # as printed: "1", "2", ... or a custom mark
    text: str
    urls: list[str] = field(default_factory=list)  # hyperlinks and bare URLs, in order, without repeats


@dataclass
class Comment:
    """A Word comment with the exact text range it is anchored to."""

    comment_id: str
    author: str
    initials: str
    date: datetime.datetime | None
    text: str
    anchor: str  # text between commentRangeStart and commentRangeEnd, across paragraphs
    paragraph_index: int | None  # Paragraph.index where the range starts (None if it points nowhere)


@dataclass
class Document:
    """A whole .docx: body blocks in order, notes, comments and properties."""

    blocks: list[Paragraph | Table]
    notes: list[Note] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    title: str = ""  # docProps/core.xml dc:title, if any
    producer: str = ""  # docProps/app.xml Application, if any

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

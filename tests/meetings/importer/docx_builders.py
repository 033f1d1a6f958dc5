"""Build small .docx files in memory for importer tests.

``build_docx(body_xml=...)`` wraps WordprocessingML fragments into a complete
package (content types, relationships, optional styles, numbering, notes and
comments), so a test shows only the XML it is about::

    data = build_docx(body_xml=p(r("1.\\tText"), r_footnote(1)), footnotes_xml=footnote(1, "A note"))

Fragments use the prefixes declared in ``NAMESPACES`` (w, r, m, mc, w14).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)
STRICT_NAMESPACES = {
    W_NS: "http://purl.oclc.org/ooxml/wordprocessingml/main",
    R_NS: "http://purl.oclc.org/ooxml/officeDocument/relationships",
}
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DOCX_MAIN = CT + "document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
FIXED_DATE = (2016, 8, 31, 0, 0, 0)

# Part name, relationship type, content type, root element.
OPTIONAL_PARTS = {
    "styles": ("word/styles.xml", "styles", CT + "styles+xml", "w:styles"),
    "numbering": ("word/numbering.xml", "numbering", CT + "numbering+xml", "w:numbering"),
    "footnotes": ("word/footnotes.xml", "footnotes", CT + "footnotes+xml", "w:footnotes"),
    "endnotes": ("word/endnotes.xml", "endnotes", CT + "endnotes+xml", "w:endnotes"),
    "comments": ("word/comments.xml", "comments", CT + "comments+xml", "w:comments"),
    "settings": ("word/settings.xml", "settings", CT + "settings+xml", "w:settings"),
}
NOTE_SEPARATORS = (
    '<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    '<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
    "</w:p></w:{kind}>"
)


# -- fragments -----------------------------------------------------------------------------------


def t(text: str) -> str:
    """A w:t element, spaces kept."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text: str = "", *, inner: str = "") -> str:
    """A run with ``text`` (tabs and line breaks as w:tab and w:br) and any extra run content."""
    pieces = []
    for index, chunk in enumerate(text.split("\n")):
        if index:
            pieces.append("<w:br/>")
        for position, part in enumerate(chunk.split("\t")):
            if position:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(t(part))
    return f"<w:r>{''.join(pieces)}{inner}</w:r>"


def p(
    *content: str, style: str = "", num_id: str | int | None = None, ilvl: int | None = None, ppr: str = ""
) -> str:
    """A paragraph of run-level fragments (plain strings become runs) with optional style and list."""
    properties = ""
    if style:
        properties += f'<w:pStyle w:val="{style}"/>'
    if num_id is not None or ilvl is not None:
        properties += "<w:numPr>"
        if ilvl is not None:
            properties += f'<w:ilvl w:val="{ilvl}"/>'
        if num_id is not None:
            properties += f'<w:numId w:val="{num_id}"/>'
        properties += "</w:numPr>"
    properties += ppr
    runs = "".join(piece if piece.startswith("<") else r(piece) for piece in content)
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs}</w:p>"


def r_footnote(note_id: int | str, *, custom_mark: str = "") -> str:
    """A run citing a footnote; with ``custom_mark``, the mark Word prints instead of a number."""
    if custom_mark:
        return f'<w:r><w:footnoteReference w:customMarkFollows="1" w:id="{note_id}"/>{t(custom_mark)}</w:r>'
    return (
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{note_id}"/></w:r>'
    )


def r_endnote(note_id: int | str) -> str:
    return f'<w:r><w:endnoteReference w:id="{note_id}"/></w:r>'


def note(note_id: int | str, *paragraphs: str, kind: str = "footnote") -> str:
    """A footnote (or endnote) whose paragraphs are fragments or plain text."""
    mark = "<w:r><w:footnoteRef/></w:r>" if kind == "footnote" else "<w:r><w:endnoteRef/></w:r>"
    body = "".join(
        piece if piece.startswith("<w:p") else f"<w:p>{mark if index == 0 else ''}{r(piece)}</w:p>"
        for index, piece in enumerate(paragraphs)
    )
    return f'<w:{kind} w:id="{note_id}">{body}</w:{kind}>'


def footnote(note_id: int | str, *paragraphs: str) -> str:
    return note(note_id, *paragraphs, kind="footnote")


def endnote(note_id: int | str, *paragraphs: str) -> str:
    return note(note_id, *paragraphs, kind="endnote")


def comment(
    comment_id: int | str,
    *paragraphs: str,
    author: str = "Lynn St Amour",
    initials: str = "LSA",
    date: str = "2016-08-31T09:00:00Z",
) -> str:
    """A w:comment whose paragraphs are fragments or plain text."""
    body = "".join(piece if piece.startswith("<w:p") else f"<w:p>{r(piece)}</w:p>" for piece in paragraphs)
    attributes = f'w:id="{comment_id}" w:author={quoteattr(author)} w:initials={quoteattr(initials)}'
    if date:
        attributes += f' w:date="{date}"'
    return f"<w:comment {attributes}>{body}</w:comment>"


def comment_start(comment_id: int | str) -> str:
    return f'<w:commentRangeStart w:id="{comment_id}"/>'


def comment_end(comment_id: int | str) -> str:
    return f'<w:commentRangeEnd w:id="{comment_id}"/><w:r><w:commentReference w:id="{comment_id}"/></w:r>'


def hyperlink(text: str, *, r_id: str = "", anchor: str = "") -> str:
    attributes = (f' r:id="{r_id}"' if r_id else "") + (f' w:anchor="{anchor}"' if anchor else "")
    return f"<w:hyperlink{attributes}>{r(text)}</w:hyperlink>"


def complex_field(instruction: str, result: str) -> str:
    """A field as Word writes it: begin, instruction, separate, displayed result, end."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{escape(instruction)}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def table(*rows: str, grid: int = 0) -> str:
    columns = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"


def tr(*cells: str, header: bool = False, grid_before: int = 0) -> str:
    properties = ""
    if grid_before:
        properties += f'<w:gridBefore w:val="{grid_before}"/>'
    if header:
        properties += "<w:tblHeader/>"
    return f"<w:tr>{f'<w:trPr>{properties}</w:trPr>' if properties else ''}{''.join(cells)}</w:tr>"


def tc(*paragraphs: str, span: int = 1, vmerge: str | None = None) -> str:
    """A cell; paragraphs are fragments or plain text; ``vmerge`` is "restart" or "continue"."""
    properties = ""
    if span > 1:
        properties += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        properties += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        properties += "<w:vMerge/>"
    body = "".join(piece if piece.startswith("<w:") else p(piece) for piece in paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{properties}</w:tcPr>' if properties else ''}{body}</w:tc>"


def numbering_levels(*levels: tuple[str, str] | tuple[str, str, int], abstract_id: int = 0) -> str:
    """A w:abstractNum with levels given as (numFmt, lvlText[, start])."""
    body = ""
    for ilvl, level in enumerate(levels):
        num_format, text = level[0], level[1]
        start = level[2] if len(level) > 2 else 1
        body += (
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{num_format}"/>'
            f"<w:lvlText w:val={quoteattr(text)}/></w:lvl>"
        )
    return f'<w:abstractNum w:abstractNumId="{abstract_id}">{body}</w:abstractNum>'


def num(num_id: int, abstract_id: int = 0, *, start_override: Mapping[int, int] | None = None) -> str:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for ilvl, value in (start_override or {}).items()
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


# -- packages ------------------------------------------------------------------------------------


def zip_bytes(entries: Mapping[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of the given entries, in order, with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = compression
            archive.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()


def _relationships(entries: Iterable[tuple[str, str, str, bool]]) -> str:
    body = ""
    for r_id, rel_type, target, external in entries:
        mode = ' TargetMode="External"' if external else ""
        body += f'<Relationship Id="{r_id}" Type="{rel_type}" Target={quoteattr(target)}{mode}/>'
    return (
        XML_HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{body}</Relationships>"
    )


def docx_parts(
    body_xml: str = "",
    *,
    styles_xml: str | None = None,
    numbering_xml: str | None = None,
    footnotes_xml: str | None = None,
    endnotes_xml: str | None = None,
    comments_xml: str | None = None,
    settings_xml: str | None = None,
    links: Mapping[str, str] | None = None,
    note_links: Mapping[str, str] | None = None,
    comment_links: Mapping[str, str] | None = None,
    title: str | None = None,
    application: str | None = None,
    main_content_type: str = DOCX_MAIN,
    strict: bool = False,
) -> dict[str, bytes | str]:
    """The parts of a .docx as a dict (name -> content), to tamper with before ``zip_bytes``.

    The ``*_xml`` arguments are the children of each part's root element; ``links`` are external
    hyperlink relationships of the main part (id -> URL), ``note_links`` those of the footnotes
    and endnotes parts, ``comment_links`` those of the comments part.
    """
    rel = STRICT_REL if strict else REL
    parts: dict[str, bytes | str] = {}
    overrides = [("/word/document.xml", main_content_type)]
    document_rels = [(r_id, rel + "hyperlink", url, True) for r_id, url in (links or {}).items()]
    given = {
        "styles": styles_xml,
        "numbering": numbering_xml,
        "footnotes": footnotes_xml,
        "endnotes": endnotes_xml,
        "comments": comments_xml,
        "settings": settings_xml,
    }
    for key, content in given.items():
        if content is None:
            continue
        name, rel_type, content_type, root = OPTIONAL_PARTS[key]
        if key in ("footnotes", "endnotes"):
            content = NOTE_SEPARATORS.format(kind=key[:-1]) + content
        parts[name] = f"{XML_HEAD}<{root} {NAMESPACES}>{content}</{root.split()[0]}>"
        overrides.append(("/" + name, content_type))
        document_rels.append((f"rId{key}", rel + rel_type, name.removeprefix("word/"), False))
        part_links = (
            note_links if key in ("footnotes", "endnotes") else comment_links if key == "comments" else None
        )
        if part_links:
            rels_name = f"word/_rels/{name.removeprefix('word/')}.rels"
            parts[rels_name] = _relationships(
                (r_id, rel + "hyperlink", url, True) for r_id, url in part_links.items()
            )
    parts["word/document.xml"] = (
        f"{XML_HEAD}<w:document {NAMESPACES}><w:body>{body_xml}</w:body></w:document>"
    )
    parts["word/_rels/document.xml.rels"] = _relationships(document_rels)
    package_rels = [("rId1", rel + "officeDocument", "word/document.xml", False)]
    if title is not None:
        parts["docProps/core.xml"] = (
            f"{XML_HEAD}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title></cp:coreProperties>'
        )
        overrides.append(("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"))
        package_rels.append(
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
                False,
            )
        )
    if application is not None:
        parts["docProps/app.xml"] = (
            f"{XML_HEAD}<Properties "
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>{escape(application)}</Application></Properties>"
        )
        overrides.append(
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")
        )
        package_rels.append(("rId3", rel + "extended-properties", "docProps/app.xml", False))
    parts["_rels/.rels"] = _relationships(package_rels)
    parts["[Content_Types].xml"] = content_types(overrides)
    if strict:
        for name, content in parts.items():
            for transitional, strict_ns in STRICT_NAMESPACES.items():
                content = content.replace(transitional, strict_ns)
            parts[name] = content
    # [Content_Types].xml first, as Word writes it.
    return {"[Content_Types].xml": parts.pop("[Content_Types].xml"), **parts}


def content_types(overrides: Iterable[tuple[str, str]]) -> str:
    body = "".join(
        f'<Override PartName="{name}" ContentType="{content_type}"/>' for name, content_type in overrides
    )
    return (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        f"{body}</Types>"
    )


def build_docx(
    body_xml: str = "",
    *,
    extra_parts: Mapping[str, bytes | str] | None = None,
    omit: Iterable[str] = (),
    content_types_override: str | bytes | None = None,
    **options,
) -> bytes:
    """A complete .docx whose body holds ``body_xml``.

    ``options`` are those of ``docx_parts`` (styles_xml, numbering_xml, footnotes_xml,
    endnotes_xml, comments_xml, settings_xml, links, note_links, comment_links, title,
    application, main_content_type, strict). ``extra_parts`` adds or replaces parts, ``omit``
    leaves parts out, ``content_types_override`` replaces [Content_Types].xml as given.
    """
    parts = docx_parts(body_xml, **options)
    if content_types_override is not None:
        parts["[Content_Types].xml"] = content_types_override
    parts.update(extra_parts or {})
    for name in omit:
        parts.pop(name, None)
    return zip_bytes(parts)

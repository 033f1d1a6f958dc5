"""Whatever the bytes, ``read_document`` returns a Document or refuses with ImportRefused."""

from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.importer import ImportRefused
from meetings.importer.document import Document, Paragraph, Table
from meetings.importer.package import Limits
from meetings.importer.reader import read_document
from tests.meetings.importer.docx_builders import (
    build_docx,
    comment,
    docx_parts,
    footnote,
    p,
    zip_bytes,
)

LIMITS = Limits()
PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PART_NAMES = [
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/footnotes.xml",
    "word/comments.xml",
    "word/numbering.xml",
    "word/styles.xml",
]

text = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20)
ids = st.integers(min_value=-2, max_value=4).map(str)


def read_or_refuse(data: bytes) -> Document | None:
    try:
        document = read_document(data, limits=LIMITS)
    except ImportRefused as refusal:
        assert str(refusal)
        assert "\n" not in str(refusal)
        return None
    assert isinstance(document, Document)
    for block in document.blocks:
        assert isinstance(block, Paragraph | Table)
    return document


@st.composite
def runs(draw) -> str:
    """One inline fragment: plain, inserted, deleted, a field piece, a hyperlink, a note or comment mark."""
    content = escape(draw(text), {'"': "&quot;"})
    kind = draw(
        st.sampled_from(
            [
                "run",
                "ins",
                "del",
                "moveFrom",
                "begin",
                "instr",
                "separate",
                "end",
                "simple",
                "hyperlink",
                "footnote",
                "custom",
                "start",
                "end_comment",
                "sdt",
                "smartTag",
                "tab",
                "sym",
            ]
        )
    )
    identifier = draw(ids)
    run = f'<w:r><w:t xml:space="preserve">{content}</w:t></w:r>'
    return {
        "run": run,
        "ins": f'<w:ins w:id="{identifier}">{run}</w:ins>',
        "del": f'<w:del w:id="{identifier}"><w:r><w:delText>{content}</w:delText></w:r></w:del>',
        "moveFrom": f'<w:moveFrom w:id="{identifier}">{run}</w:moveFrom>',
        "begin": '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        "instr": f'<w:r><w:instrText xml:space="preserve">HYPERLINK "{content}"</w:instrText></w:r>',
        "separate": '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "end": '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "simple": f'<w:fldSimple w:instr="HYPERLINK &quot;{content}&quot;">{run}</w:fldSimple>',
        "hyperlink": f'<w:hyperlink r:id="rId{identifier}" w:anchor="{content}">{run}</w:hyperlink>',
        "footnote": f'<w:r><w:footnoteReference w:id="{identifier}"/></w:r>',
        "custom": f'<w:r><w:footnoteReference w:customMarkFollows="1" w:id="{identifier}"/></w:r>',
        "start": f'<w:commentRangeStart w:id="{identifier}"/>',
        "end_comment": f'<w:commentRangeEnd w:id="{identifier}"/>',
        "sdt": f"<w:sdt><w:sdtContent>{run}</w:sdtContent></w:sdt>",
        "smartTag": f"<w:smartTag>{run}</w:smartTag>",
        "tab": "<w:r><w:tab/><w:br/><w:noBreakHyphen/></w:r>",
        "sym": f'<w:r><w:sym w:char="{draw(st.sampled_from(["F0B7", "0", "ZZ", "110000", "41"]))}"/></w:r>',
    }[kind]


@st.composite
def paragraphs(draw) -> str:
    body = "".join(draw(st.lists(runs(), max_size=8)))
    style = draw(st.sampled_from(["", "Heading1", "ListParagraph"]))
    num_id = draw(st.sampled_from([None, 0, 1, 2, 7]))
    ilvl = draw(st.sampled_from([None, 0, 1, 8, 9, -1]))
    deleted_mark = draw(st.booleans())
    extra = "<w:rPr><w:del w:id='9'/></w:rPr>" if deleted_mark else ""
    return p(body, style=style, num_id=num_id, ilvl=ilvl, ppr=extra)


@st.composite
def bodies(draw) -> str:
    blocks = draw(st.lists(paragraphs(), max_size=6))
    if draw(st.booleans()):
        cells = "".join(
            f"<w:tc><w:tcPr>{merge}</w:tcPr>{paragraph}</w:tc>"
            for merge, paragraph in zip(
                draw(
                    st.lists(
                        st.sampled_from(
                            ["", '<w:vMerge w:val="restart"/>', "<w:vMerge/>", '<w:gridSpan w:val="2"/>']
                        ),
                        min_size=1,
                        max_size=3,
                    )
                ),
                draw(st.lists(paragraphs(), min_size=3, max_size=3)),
                strict=False,
            )
        )
        blocks.insert(
            draw(st.integers(0, len(blocks))), f"<w:tbl><w:tr>{cells}</w:tr><w:tr>{cells}</w:tr></w:tbl>"
        )
    return "".join(blocks)


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2.%9"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bogus"/><w:lvlText w:val="%2)"/>'
    '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="5"/></w:num>'
)


@PROPERTIES
@given(st.binary(max_size=2000))
def test_read_random_bytes_returns_or_refuses(data):
    read_or_refuse(data)


@PROPERTIES
@given(st.dictionaries(st.sampled_from(PART_NAMES + ["../x", "a.bin"]), st.binary(max_size=300), max_size=6))
def test_read_random_zips_returns_or_refuses(entries):
    read_or_refuse(zip_bytes(entries))


@PROPERTIES
@given(st.sampled_from(PART_NAMES), st.binary(max_size=300))
def test_read_a_docx_with_one_part_replaced_returns_or_refuses(name, content):
    parts = docx_parts(p("x"), footnotes_xml=footnote(1, "n"), comments_xml=comment(1, "c"))
    parts[name] = content
    read_or_refuse(zip_bytes(parts))


# Each example builds and reads a whole document: fewer of them keep CI quick.
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies(), st.lists(text, max_size=3))
def test_read_random_paragraphs_returns_a_document(body, note_texts):
    notes = "".join(footnote(n, escape(t)) for n, t in enumerate(note_texts, start=1))
    comments = "".join(comment(n, escape(t)) for n, t in enumerate(note_texts))
    data = build_docx(
        body,
        footnotes_xml=notes,
        comments_xml=comments,
        numbering_xml=NUMBERING,
        links={"rId1": "https://a.example/"},
    )
    document = read_or_refuse(data)
    assert document is not None
    assert [block.index for block in document.blocks] == list(range(len(document.blocks)))
    for note in document.notes:
        assert all(url.startswith(("http://", "https://", "mailto:", "#")) for url in note.urls)
    for paragraph in document.paragraphs:
        assert all(0 <= ref.offset <= len(paragraph.text) for ref in paragraph.note_refs)

"""Documents built to hurt: entity attacks, bad encodings, huge content, dangling ids, markup in text."""

import random
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from lxml import etree

from meetings.importer import ImportRefused
from meetings.importer.package import XML_PARSER, Limits
from meetings.importer.reader import read_document, safe_url
from tests.meetings.importer.docx_builders import (
    XML_HEAD,
    build_docx,
    comment,
    comment_end,
    comment_start,
    complex_field,
    docx_parts,
    footnote,
    hyperlink,
    p,
    r,
    r_footnote,
    zip_bytes,
)

LIMITS = Limits()
ROOT = Path(__file__).resolve().parents[3]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    + f']>\n<w:document xmlns:w="{W_NS}"><w:body>'
    + "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def refusal(data: bytes, limits: Limits = LIMITS) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_document(data, limits=limits)
    message = str(caught.value)
    assert "\n" not in message
    return message


def with_part(name: str, content: str | bytes) -> bytes:
    parts = docx_parts(p("x"))
    parts[name] = content
    return zip_bytes(parts)


# -- entities and declarations --------------------------------------------------------------------


def test_read_refuses_a_doctype():
    data = with_part("word/document.xml", XXE.replace('[<!ENTITY xxe SYSTEM "file:///etc/passwd">]', ""))
    assert refusal(data) == (
        "The part 'word/document.xml' declares a DOCTYPE or entities, which Word never writes; refused."
    )


def test_read_refuses_an_external_entity_and_never_shows_the_file():
    message = refusal(with_part("word/document.xml", XXE))
    assert message == (
        "The part 'word/document.xml' declares a DOCTYPE or entities, which Word never writes; refused."
    )
    assert "root:" not in message


def test_parser_does_not_resolve_external_entities_even_past_the_check():
    # Belt and braces: the parser itself is configured not to read files or the network.
    root = etree.fromstring(XXE.encode(), parser=XML_PARSER)
    text = "".join(root.itertext())
    assert "root:" not in text


def test_read_refuses_billion_laughs():
    assert refusal(with_part("word/document.xml", BILLION_LAUGHS)) == (
        "The part 'word/document.xml' declares a DOCTYPE or entities, which Word never writes; refused."
    )


@pytest.mark.parametrize("name", ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"])
def test_read_refuses_declarations_in_package_parts(name):
    parts = docx_parts(p("x"))
    parts[name] = parts[name].replace("?>\n", '?>\n<!DOCTYPE x [<!ENTITY e "e">]>\n', 1)
    assert refusal(zip_bytes(parts)) == (
        f"The part {name!r} declares a DOCTYPE or entities, which Word never writes; refused."
    )


def test_read_refuses_a_declaration_in_the_footnotes():
    parts = docx_parts(p(r("x"), r_footnote(1)), footnotes_xml=footnote(1, "n"))
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"].replace("?>\n", "?>\n<!doctype x>\n", 1)
    assert refusal(zip_bytes(parts)) == (
        "The part 'word/footnotes.xml' declares a DOCTYPE or entities, which Word never writes; refused."
    )


# -- encodings and well-formedness ----------------------------------------------------------------


def test_read_refuses_invalid_utf8():
    document = docx_parts(p("caf\u00e9"))["word/document.xml"].encode("utf-8").replace(b"\xc3\xa9", b"\xe9")
    position = document.index(b"\xe9")
    assert refusal(with_part("word/document.xml", document)) == (
        f"The part 'word/document.xml' is not valid UTF-8 text (bad byte at position {position})."
    )


def test_read_accepts_utf16_parts_with_a_bom():
    content = docx_parts(p("Guadalajara \u2013 M\u00e9xico"))["word/document.xml"]
    content = content.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    document = read_document(with_part("word/document.xml", content.encode("utf-16")), limits=LIMITS)
    assert [q.text for q in document.paragraphs] == ["Guadalajara \u2013 M\u00e9xico"]


def test_read_accepts_big_endian_utf16_and_keeps_text_that_names_an_encoding():
    content = docx_parts(p('Saved with encoding="UTF-16" in Guadalajara'))["word/document.xml"]
    content = content.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = with_part("word/document.xml", b"\xfe\xff" + content.encode("utf-16-be"))
    document = read_document(data, limits=LIMITS)
    assert [q.text for q in document.paragraphs] == ['Saved with encoding="UTF-16" in Guadalajara']


def test_read_accepts_utf16_declared_in_single_quotes():
    content = docx_parts(p("Encoded as encoding='UTF-16' says"))["word/document.xml"]
    content = content.replace('encoding="UTF-8"', "encoding='UTF-16'")
    data = with_part("word/document.xml", content.encode("utf-16"))
    document = read_document(data, limits=LIMITS)
    assert [q.text for q in document.paragraphs] == ["Encoded as encoding='UTF-16' says"]


def test_read_skips_xml_comments_and_processing_instructions():
    content = docx_parts(p("Before") + "<!-- a comment --><?mso-application progid?>" + p("After"))
    data = with_part("word/document.xml", content["word/document.xml"])
    document = read_document(data, limits=LIMITS)
    assert [(q.index, q.text) for q in document.paragraphs] == [(0, "Before"), (1, "After")]


def test_read_refuses_utf16_that_does_not_decode():
    data = with_part("word/document.xml", b"\xff\xfe" + "<x/>".encode("utf-16-le") + b"\x00")
    assert refusal(data) == "The part 'word/document.xml' is not valid UTF-16 text."


def test_read_refuses_xml_that_is_not_well_formed():
    message = refusal(with_part("word/document.xml", XML_HEAD + f'<w:document xmlns:w="{W_NS}"><w:body>'))
    # The parser's own words, on one line, say where.
    assert re.fullmatch(r"The part 'word/document\.xml' is not well-formed XML \(.*line \d+.*\)\.", message)


def test_read_refuses_nesting_deeper_than_the_parser_allows():
    deep = XML_HEAD + f'<w:document xmlns:w="{W_NS}"><w:body>' + "<w:sdt>" * 300 + "</w:sdt>" * 300
    deep += "</w:body></w:document>"
    message = refusal(with_part("word/document.xml", deep))
    # The parser's own words, on one line, say where.
    assert re.fullmatch(r"The part 'word/document\.xml' is not well-formed XML \(.*line \d+.*\)\.", message)


# -- size ------------------------------------------------------------------------------------------


def test_read_a_10_mb_paragraph_with_bounded_memory():
    # Random hex does not compress like a bomb; runs of 1,000 characters as Word splits long text.
    chooser = random.Random(30)
    runs = []
    total = 0
    while total < 10 * 1024 * 1024:
        text = chooser.randbytes(499).hex() + " "
        runs.append(r(text))
        total += len(text)
    data = build_docx("<w:p>" + "".join(runs) + "</w:p>")
    assert len(data) < LIMITS.upload_bytes
    tracemalloc.start()
    try:
        document = read_document(data, limits=LIMITS)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (paragraph,) = document.paragraphs
    assert len(paragraph.text) == total
    assert peak < 200 * 1024 * 1024


def test_read_100000_paragraphs_with_bounded_memory(tmp_path):
    # tracemalloc slows a read of 100,000 small allocations to a crawl, so this one is read in a
    # fresh interpreter and its peak resident memory taken from the operating system.
    path = tmp_path / "long.docx"
    path.write_bytes(
        build_docx("".join(f"<w:p><w:r><w:t>Paragraph {n}</w:t></w:r></w:p>" for n in range(100_000)))
    )
    script = (
        "import resource, sys\n"
        "from meetings.importer.package import Limits\n"
        "from meetings.importer.reader import read_document\n"
        "document = read_document(open(sys.argv[1], 'rb').read(), limits=Limits())\n"
        "print(len(document.blocks), document.blocks[0].text, document.blocks[-1].text, sep='|')\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True, cwd=ROOT
    )
    summary, peak_kb = result.stdout.splitlines()
    assert summary == "100000|Paragraph 0|Paragraph 99999"
    assert int(peak_kb) < 300 * 1024


# -- ids that point nowhere ------------------------------------------------------------------------


def test_read_note_reference_without_notes_part():
    document = read_document(build_docx(p(r("Cited"), r_footnote(99))), limits=LIMITS)
    assert [(ref.note_id, ref.offset) for ref in document.paragraphs[0].note_refs] == [("99", 5)]
    assert document.notes == []


def test_read_note_reference_to_a_missing_note_and_an_uncited_note():
    data = build_docx(
        p(r("Cited"), r_footnote(99), r(" and"), r_footnote(1)), footnotes_xml=footnote(1, "Here")
    )
    document = read_document(data, limits=LIMITS)
    # Word numbers marks by citation, so the dangling first citation still takes "1".
    assert [(n.note_id, n.mark, n.text) for n in document.notes] == [("1", "2", "Here")]


def test_read_comment_ids_that_point_nowhere():
    body = p(comment_start(5), r("no such comment"), comment_end(5), comment_end(8), r(" end"))
    comments = comment(7, "Not anchored anywhere") + comment(8, "Ends but never starts")
    document = read_document(build_docx(body, comments_xml=comments), limits=LIMITS)
    assert document.paragraphs[0].text == "no such comment end"
    assert [(c.comment_id, c.anchor, c.paragraph_index) for c in document.comments] == [
        ("7", "", None),
        ("8", "", None),
    ]


def test_read_comment_range_without_comments_part():
    document = read_document(build_docx(p(comment_start(1), r("x"), comment_end(1))), limits=LIMITS)
    assert (document.paragraphs[0].text, document.comments) == ("x", [])


def test_read_comment_that_starts_but_never_ends_runs_to_its_paragraph_end():
    body = p(r("Before "), comment_start(3), r("to the end")) + p("next")
    document = read_document(build_docx(body, comments_xml=comment(3, "open")), limits=LIMITS)
    assert [(c.anchor, c.paragraph_index) for c in document.comments] == [("to the end", 0)]


def test_read_unbalanced_field_characters():
    body = p(
        r("a"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        r("b"),
    )
    assert [q.text for q in read_document(build_docx(body), limits=LIMITS).paragraphs] == ["ab"]


# -- markup and scripts stay plain text -----------------------------------------------------------

SCRIPT = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def test_read_keeps_script_markup_as_plain_text_everywhere():
    data = build_docx(
        p(r(SCRIPT), r_footnote(1), comment_start(0), r(" javascript:alert(1)"), comment_end(0)),
        footnotes_xml=footnote(1, SCRIPT),
        comments_xml=comment(0, SCRIPT, author="<b>Eve</b>", initials="<i>"),
    )
    document = read_document(data, limits=LIMITS)
    (paragraph,) = document.paragraphs
    assert paragraph.text == SCRIPT + " javascript:alert(1)"
    assert [n.text for n in document.notes] == [SCRIPT]
    (note,) = document.comments
    assert (note.text, note.author, note.initials, note.anchor) == (
        SCRIPT,
        "<b>Eve</b>",
        "<i>",
        " javascript:alert(1)",
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "file:///etc/passwd",
    ],
)
def test_read_never_returns_unsafe_link_urls(url):
    data = build_docx(
        p(
            hyperlink("element link", r_id="rIdBad"),
            r(" "),
            complex_field(f'HYPERLINK "{url}"', "field link"),
            r(" "),
            f"<w:fldSimple w:instr='HYPERLINK \"{url}\"'>{r('simple link')}</w:fldSimple>",
            r_footnote(1),
        ),
        links={"rIdBad": url},
        footnotes_xml=footnote(1, f"<w:p>{hyperlink('note link', r_id='rIdNote')}</w:p>"),
        note_links={"rIdNote": url},
    )
    document = read_document(data, limits=LIMITS)
    (paragraph,) = document.paragraphs
    assert paragraph.text == "element link field link simple link"
    assert paragraph.hyperlinks == []
    assert [(n.text, n.urls) for n in document.notes] == [("note link", [])]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.intgovforum.org/", "https://www.intgovforum.org/"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("mailto:igf@un.org", "mailto:igf@un.org"),
        ("#annex", "#annex"),
        ("javascript:alert(1)", ""),
        ("//evil.example/", ""),
        ("", ""),
    ],
)
def test_safe_url_allows_only_web_mail_and_in_document_links(url, expected):
    assert safe_url(url) == expected

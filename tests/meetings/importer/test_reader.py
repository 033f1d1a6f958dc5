import datetime
import re
from pathlib import Path

import pytest

from meetings.importer import ImportRefused
from meetings.importer.document import Paragraph, Table
from meetings.importer.package import Limits
from meetings.importer.reader import format_number, read_document
from tests.meetings.importer.docx_builders import (
    build_docx,
    comment,
    comment_end,
    comment_start,
    complex_field,
    endnote,
    footnote,
    hyperlink,
    num,
    numbering_levels,
    p,
    r,
    r_endnote,
    r_footnote,
    table,
    tc,
    tr,
)

SEED = Path(__file__).resolve().parents[3] / "fixtures" / "reports" / "mag-virtual-meeting-vi-2016-08-30.docx"
LIMITS = Limits()


def read(data: bytes):
    return read_document(data, limits=LIMITS)


def texts(document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


@pytest.fixture(scope="module")
def seed():
    return read(SEED.read_bytes())


# -- the seed report ------------------------------------------------------------------------------


def test_seed_numbered_paragraphs_keep_typed_numbers(seed):
    numbered = [match.group(0) for p in seed.paragraphs if (match := re.match(r"\d+\.", p.text))]
    assert numbered == ["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "8.", "9."]


def test_seed_paragraph_texts_are_exact(seed):
    by_number = {p.text[:3]: p for p in seed.paragraphs}
    assert by_number["2. "].text.startswith("2. \tThe meeting opened with a short briefing")
    assert by_number["3. "].text.startswith("3.          Mr. Victor Lagunes then briefed")
    assert by_number["1.\t"].text.endswith(
        "The webex recording of the meeting can be accessed here:  https://we.tl/DG7i3EoMR8"
    )
    assert all(p.list_label is None for p in seed.paragraphs)


def test_seed_first_paragraph_cites_two_footnotes_and_links_the_recording(seed):
    first = next(p for p in seed.paragraphs if p.text.startswith("1.\t"))
    assert [(ref.kind, ref.note_id) for ref in first.note_refs] == [("footnote", "1"), ("footnote", "2")]
    assert first.text[: first.note_refs[0].offset].endswith("Open Consultations and MAG meeting")
    assert first.text[first.note_refs[1].offset :].startswith(" held on 24 August.")
    assert "[footnoteRef" not in first.text
    assert [(link.text, link.url) for link in first.hyperlinks] == [
        ("https://we.tl/DG7i3EoMR8", "https://we.tl/DG7i3EoMR8")
    ]


def test_seed_notes_have_marks_texts_and_urls(seed):
    assert [(n.kind, n.mark) for n in seed.notes] == [("footnote", "1"), ("footnote", "2")]
    assert seed.notes[0].text == (
        "Summary Report: 2nd IGF Open Consultations and MAG Meeting 12-14 July: "
        "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file"
    )
    assert seed.notes[0].urls == [
        "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file"
    ]
    assert seed.notes[1].urls == [
        "https://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "899-summary-report-mag-virtual-meeting-main-session-planning-24-august-2"
    ]


def test_seed_comments_are_anchored_in_paragraph_7_and_the_second_8(seed):
    by_index = {block.index: block for block in seed.blocks}
    eights = [p.index for p in seed.paragraphs if p.text.startswith("8.")]
    seven = next(p.index for p in seed.paragraphs if p.text.startswith("7.\t"))
    first, second = seed.comments
    assert (first.author, first.initials, second.author, second.initials) == (
        "Lynn St Amour",
        "LSA",
        "Lynn St Amour",
        "LSA",
    )
    assert first.date == datetime.datetime(2016, 8, 31, 9, 0, tzinfo=datetime.UTC)
    assert first.text == "Really just a standard conference format."
    assert second.text.startswith("We need updated proposals ASAP for these 2 WGs.")
    assert second.text.endswith("Do you want me to follow up?  Happy to.")
    assert (
        first.anchor
        == "the programme of the 1 hour plenary session should give an overall overview of the programme"
    )
    assert second.anchor == "topical and issue-specific MAG meetings would be held"
    assert (first.paragraph_index, second.paragraph_index) == (seven, eights[1])
    assert first.anchor in by_index[seven].text
    assert "Comment by" not in by_index[seven].text


def test_seed_annex_table_is_two_rows_by_five_columns(seed):
    (annex,) = seed.tables
    assert (len(annex.rows), [len(row) for row in annex.rows], annex.n_cols) == (2, [5, 5], 5)
    assert [(cell.row, cell.col) for row in annex.rows for cell in row] == [
        (row, col) for row in range(2) for col in range(5)
    ]
    assert annex.rows[0][0].paragraphs[0].text == "Time"
    assert annex.rows[0][0].paragraphs[-1].text == "10:00       \u2013 13:00"
    assert annex.rows[0][1].paragraphs[0].text == "Day 1 \u2013 6 December"
    assert annex.rows[1][0].text.strip() == "15:00 \u2013 18:00"
    assert [p.text for p in annex.rows[1][1].paragraphs if p.text.strip()] == [
        "Setting the Scene: Newcomers Orientation (1 Hour)",
        "11th IGF - Opening Ceremony (30 minutes)",
        "High-Level Opening Session",
        " (90 minutes)",
    ]
    assert all(p.index == annex.index for row in annex.rows for cell in row for p in cell.paragraphs)


def test_seed_properties_are_read(seed):
    assert (seed.title, seed.producer) == (
        "IGF Virtual MAG Meeting VI: Summary Report",
        "Microsoft Macintosh Word",
    )


def test_seed_blocks_are_indexed_in_order(seed):
    assert [block.index for block in seed.blocks] == list(range(len(seed.blocks)))
    assert isinstance(seed.blocks[-1], Table)


# -- text of runs ---------------------------------------------------------------------------------


def test_read_tracked_changes_keeps_insertions_and_drops_deletions():
    body = p(
        r("Kept "),
        f"<w:ins w:id='1' w:author='A'>{r('inserted ')}</w:ins>",
        "<w:del w:id='2' w:author='A'><w:r><w:delText>deleted </w:delText></w:r></w:del>",
        f"<w:moveTo w:id='3' w:author='A'>{r('moved here ')}</w:moveTo>",
        f"<w:moveFrom w:id='4' w:author='A'>{r('moved away ')}</w:moveFrom>",
        r("end."),
    )
    assert texts(read(build_docx(body))) == ["Kept inserted moved here end."]


def test_read_deleted_paragraph_mark_joins_the_next_paragraph():
    deleted_mark = "<w:rPr><w:del w:id='1' w:author='A'/></w:rPr>"
    body = p(r("This is a")) + p(r(" split"), ppr=deleted_mark) + p(r("Paragraph."))
    document = read(build_docx(body))
    assert [(b.index, b.text) for b in document.blocks] == [(0, "This is a"), (1, " splitParagraph.")]


def test_read_tabs_breaks_and_special_characters():
    body = p(r("a\tb\nc"), "<w:r><w:cr/><w:noBreakHyphen/><w:sym w:font='Symbol' w:char='F0B7'/></w:r>")
    assert texts(read(build_docx(body))) == ["a\tb\nc\n-\u2022"]


def test_read_smart_tags_content_controls_and_custom_xml_count():
    body = p(
        f"<w:smartTag w:uri='u' w:element='place'>{r('Guadalajara')}</w:smartTag>",
        f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{r(', ')}</w:sdtContent></w:sdt>",
        f"<w:customXml w:element='c'>{r('Mexico')}</w:customXml>",
    )
    block_sdt = f"<w:sdt><w:sdtPr/><w:sdtContent>{p('In a block control')}</w:sdtContent></w:sdt>"
    assert texts(read(build_docx(body + block_sdt))) == ["Guadalajara, Mexico", "In a block control"]


def test_read_simple_field_keeps_result_and_gives_link():
    body = p(
        r("See "),
        "<w:fldSimple w:instr=' HYPERLINK \"https://www.intgovforum.org/\" '>"
        f"{r('the IGF site')}</w:fldSimple>",
        r("."),
    )
    (paragraph,) = read(build_docx(body)).paragraphs
    assert paragraph.text == "See the IGF site."
    assert [(h.text, h.url) for h in paragraph.hyperlinks] == [
        ("the IGF site", "https://www.intgovforum.org/")
    ]


def test_read_complex_field_drops_instruction_and_gives_link():
    body = p(
        r("Go to "),
        complex_field('HYPERLINK "https://we.tl/DG7i3EoMR8" \\o "recording"', "the recording"),
        r(" or "),
        complex_field("PAGE \\* MERGEFORMAT", "7"),
    )
    (paragraph,) = read(build_docx(body)).paragraphs
    assert paragraph.text == "Go to the recording or 7"
    assert [(h.text, h.url) for h in paragraph.hyperlinks] == [("the recording", "https://we.tl/DG7i3EoMR8")]


def test_read_hyperlink_elements_external_and_anchor():
    body = p(
        hyperlink("IGF", r_id="rIdLink"),
        r(" and "),
        hyperlink("Annex I", anchor="annex"),
    )
    (paragraph,) = read(build_docx(body, links={"rIdLink": "https://intgovforum.org"})).paragraphs
    assert paragraph.text == "IGF and Annex I"
    assert [(h.text, h.url) for h in paragraph.hyperlinks] == [
        ("IGF", "https://intgovforum.org"),
        ("Annex I", "#annex"),
    ]


def test_read_hyperlink_with_unknown_relationship_keeps_text_only():
    (paragraph,) = read(build_docx(p(hyperlink("dangling", r_id="rIdMissing")))).paragraphs
    assert (paragraph.text, paragraph.hyperlinks) == ("dangling", [])


# -- headings and styles --------------------------------------------------------------------------

STYLES = (
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Heading1'><w:name w:val='heading 1'/>"
    "<w:basedOn w:val='Normal'/><w:pPr><w:outlineLvl w:val='0'/></w:pPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='MAGSection'><w:name w:val='MAG section'/>"
    "<w:basedOn w:val='Heading1'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Titre2'><w:name w:val='heading 2'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Numbered'><w:name w:val='Numbered'/>"
    "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
)


def test_read_heading_levels_from_styles_and_outline_level():
    body = (
        p("Annex I", style="Heading1")
        + p("Based on a heading", style="MAGSection")
        + p("Localised id", style="Titre2")
        + p("Outline only", ppr="<w:outlineLvl w:val='2'/>")
        + p("Body text", style="Normal")
    )
    document = read(build_docx(body, styles_xml=STYLES))
    assert [(q.text, q.style, q.heading_level) for q in document.paragraphs] == [
        ("Annex I", "Heading1", 1),
        ("Based on a heading", "MAGSection", 1),
        ("Localised id", "Titre2", 2),
        ("Outline only", "", 3),
        ("Body text", "Normal", None),
    ]


def test_read_heading_style_without_styles_part_uses_builtin_id():
    (paragraph,) = read(build_docx(p("Decisions", style="Heading2"))).paragraphs
    assert paragraph.heading_level == 2


# -- list numbering --------------------------------------------------------------------------------

NUMBERING = (
    numbering_levels(("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3)"), abstract_id=0)
    + numbering_levels(("upperRoman", "%1."), ("decimal", "%1.%2", 1), abstract_id=1)
    + num(1, 0)
    + num(2, 0, start_override={0: 1})
    + num(3, 1)
)


def labels(document) -> list[tuple[str | None, int | None]]:
    return [(q.list_label, q.list_level) for q in document.paragraphs]


def test_read_list_labels_nest_and_reset_lower_levels():
    body = (
        p("one", num_id=1, ilvl=0)
        + p("a", num_id=1, ilvl=1)
        + p("b", num_id=1, ilvl=1)
        + p("i", num_id=1, ilvl=2)
        + p("two", num_id=1, ilvl=0)
        + p("a again", num_id=1, ilvl=1)
    )
    document = read(build_docx(body, numbering_xml=NUMBERING))
    assert labels(document) == [("1.", 0), ("(a)", 1), ("(b)", 1), ("i)", 2), ("2.", 0), ("(a)", 1)]
    assert document.paragraphs[0].text == "one"


def test_read_list_continues_across_interruptions_and_restarts_with_override():
    body = (
        p("one", num_id=1, ilvl=0)
        + p("two", num_id=1, ilvl=0)
        + p("interrupting text")
        + p("three", num_id=1, ilvl=0)
        + p("restarted", num_id=2, ilvl=0)
        + p("continues", num_id=2, ilvl=0)
    )
    assert labels(read(build_docx(body, numbering_xml=NUMBERING))) == [
        ("1.", 0),
        ("2.", 0),
        (None, None),
        ("3.", 0),
        ("1.", 0),
        ("2.", 0),
    ]


def test_read_list_numbering_via_style_and_is_legal():
    legal = (
        "<w:abstractNum w:abstractNumId='5'>"
        "<w:lvl w:ilvl='0'><w:start w:val='4'/><w:numFmt w:val='upperRoman'/><w:lvlText w:val='%1.'/></w:lvl>"
        "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:isLgl/><w:numFmt w:val='decimal'/>"
        "<w:lvlText w:val='%1.%2'/></w:lvl></w:abstractNum>"
        "<w:num w:numId='9'><w:abstractNumId w:val='5'/></w:num>"
    )
    body = p("via style", style="Numbered") + p("IV", num_id=9, ilvl=0) + p("legal", num_id=9, ilvl=1)
    document = read(build_docx(body, numbering_xml=NUMBERING + legal, styles_xml=STYLES))
    assert labels(document) == [("1.", 0), ("IV.", 0), ("4.1", 1)]


def test_read_list_number_zero_removes_style_numbering():
    body = p("not numbered", style="Numbered", num_id=0)
    assert labels(read(build_docx(body, numbering_xml=NUMBERING, styles_xml=STYLES))) == [(None, None)]


def test_read_list_bullets_and_unknown_formats():
    numbering = (
        "<w:abstractNum w:abstractNumId='0'>"
        "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='bullet'/><w:lvlText w:val='\uf0b7'/></w:lvl>"
        "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='bullet'/><w:lvlText w:val='o'/></w:lvl>"
        "<w:lvl w:ilvl='2'><w:start w:val='3'/><w:numFmt w:val='chineseCountingThousand'/>"
        "<w:lvlText w:val='%3\u3001'/></w:lvl>"
        "<w:lvl w:ilvl='3'><w:start w:val='9'/><w:numFmt w:val='decimalZero'/><w:lvlText w:val='%4'/></w:lvl>"
        "<w:lvl w:ilvl='4'><w:start w:val='1'/><w:numFmt w:val='none'/><w:lvlText w:val=''/></w:lvl>"
        "</w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
    )
    body = "".join(p(f"level {level}", num_id=1, ilvl=level) for level in range(5))
    assert labels(read(build_docx(body, numbering_xml=numbering))) == [
        ("\u2022", 0),
        ("o", 1),
        ("3\u3001", 2),
        ("09", 3),
        ("", 4),
    ]


def test_read_list_with_unknown_num_id_has_no_label():
    assert labels(read(build_docx(p("x", num_id=42, ilvl=0), numbering_xml=NUMBERING))) == [(None, None)]


@pytest.mark.parametrize(
    ("number", "num_format", "label"),
    [
        (1, "decimal", "1"),
        (27, "lowerLetter", "aa"),
        (28, "upperLetter", "BB"),
        (14, "lowerRoman", "xiv"),
        (1999, "upperRoman", "MCMXCIX"),
        (7, "decimalZero", "07"),
        (12, "decimalZero", "12"),
        (3, "none", ""),
        (22, "ordinal", "22nd"),
        (5, "japaneseCounting", "5"),
    ],
)
def test_format_number_as_word_prints(number, num_format, label):
    assert format_number(number, num_format) == label


# -- tables ---------------------------------------------------------------------------------------


def test_read_table_grid_spans_merges_and_header_rows():
    body = table(
        tr(tc("Time", vmerge="restart"), tc("Day 1 and 2", span=2), header=True),
        tr(tc(vmerge="continue"), tc("Day 1"), tc("Day 2"), header=True),
        tr(tc("10:00"), tc("Opening", span=2)),
        tr(tc("15:00", "more"), tc("Late"), grid_before=1),
        grid=3,
    )
    (result,) = read(build_docx(body)).tables
    cells = [(c.row, c.col, c.row_span, c.col_span, c.text) for row in result.rows for c in row]
    assert cells == [
        (0, 0, 2, 1, "Time"),
        (0, 1, 1, 2, "Day 1 and 2"),
        (1, 1, 1, 1, "Day 1"),
        (1, 2, 1, 1, "Day 2"),
        (2, 0, 1, 1, "10:00"),
        (2, 1, 1, 2, "Opening"),
        (3, 1, 1, 1, "15:00\nmore"),
        (3, 2, 1, 1, "Late"),
    ]
    assert (result.header_rows, result.n_cols) == (2, 3)


def test_read_nested_table_text_stays_in_the_enclosing_cell():
    inner = table(tr(tc("inner a"), tc("inner b")), grid=2)
    body = table(tr(tc(p("outer"), inner, p("after"))), grid=1)
    (outer,) = read(build_docx(body)).tables
    assert [q.text for q in outer.rows[0][0].paragraphs] == ["outer", "inner a", "inner b", "after"]


# -- notes ----------------------------------------------------------------------------------------


def test_read_footnote_marks_follow_reference_order_and_custom_marks():
    body = p(
        r("First"), r_footnote(7), r(" second"), r_footnote(3), r(" starred"), r_footnote(5, custom_mark="*")
    )
    notes = (
        footnote(3, "Three.") + footnote(5, "Starred note.") + footnote(7, "Seven at http://example.org/a.")
    )
    document = read(build_docx(body, footnotes_xml=notes))
    (paragraph,) = document.paragraphs
    assert paragraph.text == "First second starred"
    assert [(ref.note_id, ref.offset) for ref in paragraph.note_refs] == [("7", 5), ("3", 12), ("5", 20)]
    assert [(n.note_id, n.mark, n.text, n.urls) for n in document.notes] == [
        ("7", "1", "Seven at http://example.org/a.", ["http://example.org/a"]),
        ("3", "2", "Three.", []),
        ("5", "*", "Starred note.", []),
    ]


def test_read_endnotes_are_numbered_apart_from_footnotes():
    body = p(r("A"), r_footnote(1), r("B"), r_endnote(1), r("C"), r_endnote(2))
    document = read(
        build_docx(
            body,
            footnotes_xml=footnote(1, "Foot."),
            endnotes_xml=endnote(1, "End one.") + endnote(2, "End two."),
        )
    )
    assert [(n.kind, n.note_id, n.mark, n.text) for n in document.notes] == [
        ("footnote", "1", "1", "Foot."),
        ("endnote", "1", "1", "End one."),
        ("endnote", "2", "2", "End two."),
    ]


def test_read_note_urls_in_order_without_repeats():
    note_body = (
        "<w:p><w:r><w:footnoteRef/></w:r>"
        + r(" See https://a.example/x, ")
        + hyperlink("the report", r_id="rIdA")
        + r(" and https://a.example/x again; ")
        + hyperlink("http://b.example/", r_id="rIdB")
        + "</w:p>"
    )
    document = read(
        build_docx(
            p(r("Cited"), r_footnote(1)),
            footnotes_xml=footnote(1, note_body),
            note_links={"rIdA": "https://report.example/file", "rIdB": "http://b.example/"},
        )
    )
    (note,) = document.notes
    assert note.text == "See https://a.example/x, the report and https://a.example/x again; http://b.example/"
    assert note.urls == ["https://a.example/x", "https://report.example/file", "http://b.example/"]


# -- comments -------------------------------------------------------------------------------------


def test_read_comment_spanning_paragraphs_with_multi_paragraph_body():
    body = (
        p("Intro")
        + p(r("Start "), comment_start(0), r("of the range"))
        + p(r("middle"))
        + p(r("end"), comment_end(0), r(" after"))
    )
    comments = comment(
        0,
        "First line.",
        "Second line.",
        author="Chengetai Masango",
        initials="CM",
        date="2016-09-01T10:30:00Z",
    )
    document = read(build_docx(body, comments_xml=comments))
    (note,) = document.comments
    assert (note.author, note.initials, note.text) == ("Chengetai Masango", "CM", "First line.\nSecond line.")
    assert note.date == datetime.datetime(2016, 9, 1, 10, 30, tzinfo=datetime.UTC)
    assert (note.anchor, note.paragraph_index) == ("of the range\nmiddle\nend", 1)


def test_read_overlapping_comments_each_keep_their_range():
    body = p(
        comment_start(1),
        r("alpha "),
        comment_start(2),
        r("beta"),
        comment_end(1),
        r(" gamma"),
        comment_end(2),
    )
    document = read(build_docx(body, comments_xml=comment(1, "one") + comment(2, "two")))
    assert [(c.comment_id, c.anchor, c.paragraph_index) for c in document.comments] == [
        ("1", "alpha beta", 0),
        ("2", "beta gamma", 0),
    ]


def test_read_comment_date_without_zone_is_utc_and_bad_date_is_none():
    comments = comment(1, "naive", date="2016-08-31T09:00:00") + comment(2, "bad", date="yesterday")
    document = read(build_docx(p(comment_start(1), r("x"), comment_end(1)), comments_xml=comments))
    assert [c.date for c in document.comments] == [
        datetime.datetime(2016, 8, 31, 9, tzinfo=datetime.UTC),
        None,
    ]
    assert [(c.anchor, c.paragraph_index) for c in document.comments] == [("x", 0), ("", None)]


def test_read_comment_in_table_cell_points_at_the_table():
    body = p("Before") + table(tr(tc(p(comment_start(4), r("in a cell"), comment_end(4)))), grid=1)
    (note,) = read(build_docx(body, comments_xml=comment(4, "cell note"))).comments
    assert (note.anchor, note.paragraph_index) == ("in a cell", 1)


# -- packages and properties ----------------------------------------------------------------------


def test_read_strict_namespaces_as_transitional():
    body = p(r("Strict text "), hyperlink("link", r_id="rIdL"), r_footnote(1))
    document = read(
        build_docx(
            body,
            footnotes_xml=footnote(1, "Strict note"),
            links={"rIdL": "https://strict.example/"},
            strict=True,
        )
    )
    (paragraph,) = document.paragraphs
    assert paragraph.text == "Strict text link"
    assert [h.url for h in paragraph.hyperlinks] == ["https://strict.example/"]
    assert [(n.mark, n.text) for n in document.notes] == [("1", "Strict note")]


def test_read_properties_title_and_application():
    document = read(build_docx(p("x"), title="MAG Meeting", application="Microsoft Office Word"))
    assert (document.title, document.producer) == ("MAG Meeting", "Microsoft Office Word")


def test_read_without_doc_props_like_google_docs():
    document = read(build_docx(p("x")))
    assert (document.title, document.producer) == ("", "")


def test_read_document_refuses_with_import_refused():
    with pytest.raises(ImportRefused, match=r"^The file is empty\.$"):
        read(b"")


def test_read_vertical_merge_continues_only_the_cell_right_above():
    body = table(
        tr(tc("A", vmerge="restart"), tc("B")),
        tr(tc("C"), grid_before=1),  # nothing at column 0 in this row
        tr(tc("stray", vmerge="continue"), tc("D")),
        grid=2,
    )
    (result,) = read(build_docx(body)).tables
    cells = [(c.row, c.col, c.row_span, c.text) for row in result.rows for c in row]
    assert cells == [(0, 0, 1, "A"), (0, 1, 1, "B"), (1, 1, 1, "C"), (2, 0, 1, "stray"), (2, 1, 1, "D")]


def test_read_note_number_format_and_start_from_settings():
    settings_xml = (
        '<w:footnotePr><w:numFmt w:val="lowerLetter"/><w:numStart w:val="3"/></w:footnotePr>'
        '<w:endnotePr><w:numFmt w:val="lowerRoman"/></w:endnotePr>'
    )
    body = p(r("A"), r_footnote(1), r("B"), r_footnote(2), r("C"), r_endnote(1))
    document = read(
        build_docx(
            body,
            settings_xml=settings_xml,
            footnotes_xml=footnote(1, "one") + footnote(2, "two"),
            endnotes_xml=endnote(1, "end"),
        )
    )
    assert [(n.kind, n.mark) for n in document.notes] == [
        ("footnote", "c"),
        ("footnote", "d"),
        ("endnote", "i"),
    ]


STYLE_PARTS = [
    *sorted((Path(__file__).resolve().parents[3] / "fixtures").rglob("*.docx")),
]


@pytest.mark.parametrize("path", STYLE_PARTS, ids=lambda path: path.name)
def test_styles_read_piece_by_piece_match_the_whole_part(path):
    from meetings.importer.package import check_package, parse_xml
    from meetings.importer.reader import W_STYLE, W_STYLE_ID, _Styles

    package = check_package(path.read_bytes(), limits=Limits())
    name = package.related(package.main_part, "/styles")
    if not name:
        pytest.skip("no styles part")
    whole = _Styles(parse_xml(package.read(name), name=name))
    pieces = _Styles.from_part(package, name)
    ids = {e.get(W_STYLE_ID, "") for e in parse_xml(package.read(name), name=name).iterchildren(W_STYLE)}

    assert [(i, pieces.heading_level(i), pieces.numbering(i)) for i in sorted(ids)] == [
        (i, whole.heading_level(i), whole.numbering(i)) for i in sorted(ids)
    ]
    assert pieces.default == whole.default


@pytest.mark.parametrize(
    "style",
    [
        '<w:style w:type="paragraph" w:styleId="Title2"><w:name w:val="heading 2"/></w:style>',
        "<w:style w:type='paragraph' w:styleId='Title2'><w:name w:val='heading 2'/></w:style>",
        '<w:style w:type="paragraph" w:styleId = "Title2"><w:name w:val="heading 2"/></w:style>',
    ],
)
def test_styles_read_piece_by_piece_whatever_the_quoting(style):
    from meetings.importer.reader import _StylePieces, _Styles

    part = (
        '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:style w:type="character" w:styleId="Title2"><w:name w:val="heading 5"/></w:style>'
        f"{style}</w:styles>"
    ).encode()

    styles = _Styles(pieces=_StylePieces.index(part, name="word/styles.xml"))

    assert (styles.heading_level("Title2"), styles.heading_level("Missing")) == (2, None)


WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def text_box(*paragraphs: str) -> str:
    """A run holding a text box as Word writes it: a DrawingML shape, with a VML copy as fallback."""
    inner = "".join(paragraphs)
    return (
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp {WPS}><wps:txbx>'
        f"<w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:rect {VML}><v:textbox><w:txbxContent>{inner}</w:txbxContent>"
        "</v:textbox></v:rect></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_text_box_paragraphs_follow_their_anchor_once():
    body = p(
        r("1.\tThe MAG met online."), text_box(p(r("2.\tThe MAG agreed to the themes.")), p(r("3.\tNo AOB.")))
    )
    body += p(r("4.\tThe meeting closed."))

    assert texts(read(build_docx(body_xml=body))) == [
        "1.\tThe MAG met online.",
        "2.\tThe MAG agreed to the themes.",
        "3.\tNo AOB.",
        "4.\tThe meeting closed.",
    ]


def test_text_box_in_an_old_vml_picture_is_read():
    body = p(
        r("Summary"),
        f"<w:r><w:pict><v:shape {VML}><v:textbox><w:txbxContent>"
        + p(r("1.\tThe MAG met."))
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>",
    )

    assert texts(read(build_docx(body_xml=body))) == ["Summary", "1.\tThe MAG met."]


WP_NS = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'


def floating_box(text: str, *, top: float, left: float, against: str = "paragraph") -> str:
    """A run holding a text box placed at ``top`` and ``left`` points, as a PDF conversion sets each
    printed line (LibreOffice's PDF import writes them so)."""
    emu = 12700
    return (
        "<w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wp:anchor {WP_NS}>'
        f'<wp:positionH relativeFrom="{against}"><wp:posOffset>{int(left * emu)}</wp:posOffset>'
        "</wp:positionH>"
        f'<wp:positionV relativeFrom="{against}"><wp:posOffset>{int(top * emu)}</wp:posOffset>'
        "</wp:positionV>"
        f"<wps:wsp {WPS}><wps:txbx><w:txbxContent>{p(r(text))}</w:txbxContent></wps:txbx></wps:wsp>"
        "</wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape {VML} style="position:absolute;margin-left:{left}pt;'
        f'margin-top:{top}pt"><v:textbox><w:txbxContent>{p(r(text))}</w:txbxContent></v:textbox>'
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_floating_boxes_read_line_by_line_and_left_to_right_page_by_page():
    boxes = [
        # A bullet set two points below its line's text, listed after it; a number listed after its line.
        floating_box("The MAG agreed to open the call.", top=288, left=108),
        floating_box("\uf0b7", top=290, left=90),
        floating_box("The Secretariat reported on the logistics.", top=389, left=108),
        floating_box("1.", top=389, left=90),
        # The next page starts at its top again.
        floating_box("It was agreed to meet again.", top=72, left=108),
        floating_box("2.", top=72, left=90),
    ]

    # The paragraph the boxes are anchored in is empty.
    assert texts(read(build_docx(body_xml=p(*boxes)))) == [
        "",
        "\uf0b7",
        "The MAG agreed to open the call.",
        "1.",
        "The Secretariat reported on the logistics.",
        "2.",
        "It was agreed to meet again.",
    ]


def test_floating_boxes_placed_against_different_things_keep_the_file_order():
    boxes = [
        floating_box("Second line", top=300, left=90, against="page"),
        floating_box("First line", top=100, left=90, against="margin"),
    ]

    assert texts(read(build_docx(body_xml=p(*boxes)))) == ["", "Second line", "First line"]


def test_floating_vml_boxes_read_in_reading_order():
    def vml_box(text, top, left):
        return (
            f'<w:r><w:pict><v:shape {VML} style="position:absolute;margin-left:{left}pt;margin-top:{top}pt">'
            f"<v:textbox><w:txbxContent>{p(r(text))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )

    body = p(vml_box("text of paragraph 1", 200, 108), vml_box("1.", 200.5, 90))

    assert texts(read(build_docx(body_xml=body))) == ["", "1.", "text of paragraph 1"]


def test_floating_vml_boxes_that_do_not_say_where_keep_the_file_order():
    def vml_box(text, style):
        return (
            f'<w:r><w:pict><v:shape {VML} style="{style}">'
            f"<v:textbox><w:txbxContent>{p(r(text))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )

    body = p(
        vml_box("First box", "position:absolute"),
        vml_box("Second box", "margin-top:.pt;margin-left:90pt"),
        vml_box("Third box", "margin-top:10pt;margin-left:90pt"),
    )

    assert texts(read(build_docx(body_xml=body))) == ["", "First box", "Second box", "Third box"]

"""A synthetic archive of MAG summary reports, as real .docx files, for load and scaling tests.

The reports take the seed report's shapes (``fixtures/reports/build_seed_report.py``):
its sentences, its comments, its footnote style and its Annex I grid, varied per
report: ten yearly cycles (2016-2025), virtual, face-to-face, open consultations
and topical meetings, 8 to 32 agenda items typed as "1.\\t" or numbered by Word
(w:numPr), section headings, Word comments, footnotes with links, and every
thirteenth report an annex grid of its year's annual meeting. About twenty agenda
items and ten decisions per report, so 300 reports are a decade of records.

Report ``index`` depends only on ``seed`` and ``index``: the same seed gives the
same bytes, and a corpus of N reports is the start of any larger one.

By hand: ``python -m benchmarks.corpus --reports 300 --out /tmp/corpus`` writes the files and imports
them into the database of ``DATABASE_URL`` (never production's); ``--no-import`` only writes them.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import io
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from meetings.importer import ImportRefused
from meetings.importer.vocabulary import MONTH_NAMES, int_to_roman, roman_to_int

FIRST_YEAR = 2016
YEARS = 10
ANNEX_EVERY = 13
DRAFT_EVERY = 20
SEED_BUILDER = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "build_seed_report.py"
ZIP_DATE = (2016, 8, 31, 9, 0, 0)
PROGRESS_EVERY = 100

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

# The annual meeting of each cycle: ordinal, venue, country, month, first day, theme.
ANNUAL_MEETINGS = {
    2016: (11, "Guadalajara", "Mexico", "December", 6, "Enabling Inclusive and Sustainable Growth"),
    2017: (12, "Geneva", "Switzerland", "December", 18, "Shape Your Digital Future!"),
    2018: (13, "Paris", "France", "November", 12, "The Internet of Trust"),
    2019: (14, "Berlin", "Germany", "November", 25, "One World, One Net, One Vision"),
    2020: (15, "Geneva", "Switzerland", "November", 9, "Internet for Human Resilience and Solidarity"),
    2021: (16, "Katowice", "Poland", "December", 6, "Internet United"),
    2022: (17, "Addis Ababa", "Ethiopia", "November", 22, "Resilient Internet for a Shared Future"),
    2023: (18, "Kyoto", "Japan", "October", 8, "The Internet We Want - Empowering All People"),
    2024: (19, "Riyadh", "Saudi Arabia", "December", 15, "Building our Multistakeholder Digital Future"),
    2025: (20, "Lillehammer", "Norway", "June", 23, "Building Digital Governance Together"),
}
CHAIRS = {
    **dict.fromkeys(range(2016, 2020), ("Ms. Lynn St. Amour", "Lynn St Amour", "LSA")),
    **dict.fromkeys(range(2020, 2022), ("Ms. Anriette Esterhuysen", "Anriette Esterhuysen", "AE")),
    2022: ("Mr. Paul Mitchell", "Paul Mitchell", "PM"),
    **dict.fromkeys(range(2023, 2026), ("Ms. Carol Roach", "Carol Roach", "CR")),
}
# Meeting kinds, weighted as the MAG's calendar is: mostly virtual meetings.
KINDS = ["virtual"] * 6 + ["face_to_face", "open_consultations"] + ["topical"] * 2
TOPICS = [
    "Intersessional Activities and NRIs",
    "Cybersecurity and Trust",
    "Access and Inclusion",
    "Data Governance",
    "Digital Cooperation",
    "Human Rights Online",
    "Emerging Technologies",
    "Sustainable Development and the Internet",
    "Youth Engagement",
    "Internet Fragmentation",
]
SESSIONS = [
    "Trade Agreements and the Internet",
    "Shaping the Future of Internet Governance",
    "Setting the Scene/Newcomers",
    "Taking Stock/Open Microphone",
    "Human Rights: Broadening the Conversation",
    "National and Regional IGFs",
    "IGF Dynamic Coalitions",
    "Gender and Access",
]
GROUPS = [
    "New Session Formats",
    "Outreach and Communications",
    "Workshop Evaluation Process",
    "Fundraising",
    "Language and Translation",
    "Working Methods",
]
SECTIONS = [
    "Host country preparations",
    "Main sessions",
    "Intersessional work",
    "MAG working groups",
    "Workshop evaluation",
    "Any other business",
]
# Sentences of the seed report that record no decision or action, with its names made placeholders
# (and its "will be circulated" told as done: a future task is an action).
BACKGROUND = [
    "The meeting opened with a short briefing from the IGF Secretariat on ongoing programming for the "
    "annual meeting.",
    "It was reported that the Secretariat was working on an initial version of the overall schedule and was "
    "communicating with community session organizers of workshops, open forums and those bringing booths "
    "to the IGF village.",
    "The host country representative then briefed the MAG on the preparations for the annual meeting.",
    "It was said that the Host Country organizing team was continuing to work with partners in their "
    "organizing efforts.",
    "Preparations for Day-0 and possible high-level host-country organized events are also well underway "
    "and further details about these plans were shared with the MAG for their feedback.",
    "The MAG reiterated their appreciation for the efforts of the host country to support the IGF.",
    "The meeting then moved to the ongoing discussions on the selection and scheduling of the thematic main "
    "sessions.",
    "Prior to the meeting, the Secretariat had circulated an updated provisional main session schedule for "
    "consideration of the MAG.",
    "The ‘{session}’ Main Session proposal, which had been updated ahead of the meeting based on previous "
    "feedback from the MAG, was discussed at some length.",
    "It was proposed that the ‘{session}’ session could be used to take forward consultative community "
    "discussions on {topic}.",
    "The Secretariat had circulated a proposed MAG Virtual Meeting schedule prior to the meeting for review "
    "and comment by the MAG.",
    "It was also noted that additional issue-specific meetings will be added to this schedule on a rolling "
    "basis as needed and requested by the MAG.",
    "The next issue-specific MAG Virtual Meeting on {topic} will take place on {day} {month}; the details "
    "for joining it were circulated by the Secretariat.",
    "The MAG was reminded that participation in these meetings is important even if not formally required.",
    "MAG members shared their views on {topic}, stressing the diversity of speakers and regional balance.",
    "The working group on {group} gave an update on its work since the last meeting.",
]
# Sentences of the seed report that record a decision or an action (as the importer reads them).
DECISIONS = [
    "It was agreed that with further planning and better diversity of speakers the ‘{session}’ session "
    "would be included as a 90-minute main session.",
    "With common agreement that all organizers of main sessions would continue to refine their programmes, "
    "the main session schedule was approved.",
    "It was agreed that the ‘{session}’ session should complement other efforts such as a dedicated booth "
    "for newcomers to the IGF.",
    "The virtual meeting schedule was approved by the MAG.",
    "There was agreement that further discussions on {topic} were needed and that dedicated MAG members "
    "should step forward to organize these sessions.",
    "It was agreed that the MAG working group on {group} would send written updates to the MAG for review.",
    "The MAG decided to hold a topical meeting on {topic} before the next full MAG meeting.",
    "The proposal of the working group on {group} was endorsed by the MAG.",
    "The Secretariat will circulate its initial provisional schedule to the MAG in the coming weeks.",
]
EXTRA_COMMENTS = [
    "Please check this against the recording before we publish.",
    "Can the Secretariat confirm the dates with the host country?",
    "This needs a follow-up on the mailing list.",
]
TYPED_SEPARATORS = ["\t", " \t", "          ", " "]


@dataclass(frozen=True)
class GeneratedReport:
    """One generated report: its file name and bytes, and what the importer should find in it."""

    index: int
    name: str
    data: bytes
    title: str
    date: datetime.date
    publish: bool
    items: int
    decisions: int
    annotations: int
    footnotes: int
    has_annex: bool


@dataclass
class CorpusOutcome:
    """What writing (and importing) a corpus did."""

    written: int = 0
    created: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)  # "name: reason", one per refused file
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the command's output."""
        counts = ", ".join(f"{value} {name}" for name, value in self.counts.items())
        rate = self.written / self.seconds if self.seconds else 0.0
        line = f"wrote {self.written} reports"
        if self.created or self.unchanged or self.failed:
            line += f"; imported {self.created}, {self.unchanged} already there, {len(self.failed)} refused"
        if counts:
            line += f" ({counts})"
        return f"{line} in {self.seconds:.1f} s ({rate:.1f} reports/s)"


def write_corpus(
    *,
    count: int,
    seed: int = 0,
    out: Path,
    import_reports: bool = True,
    progress: Callable[[CorpusOutcome], None] | None = None,
) -> CorpusOutcome:
    """Write reports 0 to ``count - 1`` of corpus ``seed`` into ``out`` and import each in turn.

    Each file is imported through the importer's public function, in its own
    transaction, as soon as it is written, so memory stays flat however many.
    """
    from meetings.importer.services import import_report

    out.mkdir(parents=True, exist_ok=True)
    outcome = CorpusOutcome()
    started = time.perf_counter()
    for report in generate_reports(count=count, seed=seed):
        (out / report.name).write_bytes(report.data)
        outcome.written += 1
        if import_reports:
            try:
                imported = import_report(report.data, source_name=report.name, publish=report.publish)
            except ImportRefused as error:
                outcome.failed.append(f"{report.name}: {error}")
            else:
                if imported.status == "unchanged":
                    outcome.unchanged += 1
                else:
                    outcome.created += 1
                    for name, value in imported.counts.items():
                        outcome.counts[name] = outcome.counts.get(name, 0) + value
        outcome.seconds = time.perf_counter() - started
        if progress is not None:
            progress(outcome)
    return outcome


def generate_reports(*, count: int, seed: int = 0):
    """Reports 0 to ``count - 1`` of the corpus ``seed``, one at a time."""
    for index in range(count):
        yield generate_report(index=index, seed=seed)


def generate_report(*, index: int, seed: int = 0) -> GeneratedReport:
    """Report ``index`` of the corpus ``seed``: the same arguments give the same bytes."""
    rng = random.Random(f"magportal-corpus-{seed}-{index}")
    year = FIRST_YEAR + index % YEARS
    number = index // YEARS + 1  # the meeting's number in its cycle, unique within the year
    kind = rng.choice(KINDS)
    date = datetime.date(year, 1, 8) + datetime.timedelta(days=(number - 1) * 11 % 350)
    end_date = date + datetime.timedelta(days=2) if kind in ("face_to_face", "open_consultations") else None
    title = _title(kind, number, rng)
    writer = _Writer(rng)
    chair, comment_author, initials = CHAIRS[year]

    writer.heading_paragraphs([title, _date_line(date, end_date), "", "Summary Report", ""])
    numbered = index % 5 in (1, 4)  # two in five lists numbered by Word, the rest typed
    sections = rng.random() < 0.4
    repeat_at = rng.randint(3, 8) if not numbered and rng.random() < 0.1 else None
    n_items = rng.randint(8, 32)
    decisions = 0
    footnote_items = set(rng.sample(range(n_items), k=min(n_items, rng.randint(0, 3))))
    comment_items = set(rng.sample(range(n_items), k=min(n_items, rng.randint(0, 3))))
    printed = 0
    for position in range(n_items):
        if sections and position % 6 == 0:
            writer.section_heading(SECTIONS[(position // 6) % len(SECTIONS)])
        if position == 0:
            sentences = _opening(kind, number, year, date, chair)
        else:
            sentences = [_fill(rng.choice(BACKGROUND), rng, date) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.53:
                sentences.insert(rng.randint(0, len(sentences)), _fill(rng.choice(DECISIONS), rng, date))
                decisions += 1
        if position != repeat_at:
            printed += 1
        note = _footnote_text(rng, year) if position in footnote_items else None
        comment = None
        if position in comment_items:
            text = rng.choice([*_seed().COMMENT_TEXTS, *EXTRA_COMMENTS])
            comment = (comment_author, initials, _comment_date(date), text)
        link = None
        if position == 0 and rng.random() < 0.5:
            link = f"https://www.intgovforum.org/en/recordings/{year}/mag-{number}"
            sentences.append("The recording of the meeting can be accessed here:")
        writer.item(printed, sentences, numbered=numbered, note=note, comment=comment, link=link)
        if rng.random() < 0.1:
            writer.plain_paragraph(_fill(rng.choice(BACKGROUND), rng, date))
    has_annex = index % ANNEX_EVERY == 3
    if has_annex:
        writer.annex(year)
    name = f"{year}-{number:03d}-{_slug_word(kind)}.docx"
    return GeneratedReport(
        index=index,
        name=name,
        data=writer.package(title=title, numbered=numbered),
        title=title,
        date=date,
        publish=index % DRAFT_EVERY != DRAFT_EVERY - 1,
        items=n_items,
        decisions=decisions,
        annotations=len(comment_items),
        footnotes=len(footnote_items),
        has_annex=has_annex,
    )


@cache
def _seed():
    """The seed report's build script as a module (its SCHEDULE and COMMENT_TEXTS)."""
    spec = importlib.util.spec_from_file_location("build_seed_report", SEED_BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _title(kind: str, number: int, rng: random.Random) -> str:
    numeral = int_to_roman(number) if number < 400 else str(number)
    assert numeral.isdigit() or roman_to_int(numeral) == number
    if kind == "virtual":
        return f"IGF Virtual Multistakeholder Advisory Group (MAG) Meeting {numeral}"
    if kind == "face_to_face":
        return f"IGF Face-to-face MAG Meeting {numeral}"
    if kind == "open_consultations":
        return f"IGF Open Consultations and MAG Meeting {numeral}"
    return f"MAG Topical Meeting {numeral} on {rng.choice(TOPICS)}"


def _slug_word(kind: str) -> str:
    return kind.replace("_", "-")


def _date_line(date: datetime.date, end_date: datetime.date | None) -> str:
    if end_date is None:
        return f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year}"
    if end_date.month == date.month:
        return f"{date.day}-{end_date.day} {MONTH_NAMES[date.month - 1]} {date.year}"
    start, end = MONTH_NAMES[date.month - 1], MONTH_NAMES[end_date.month - 1]
    return f"{date.day} {start} - {end_date.day} {end} {date.year}"


def _opening(kind: str, number: int, year: int, date: datetime.date, chair: str) -> list[str]:
    name = {
        "virtual": "IGF Virtual MAG Meeting",
        "face_to_face": "IGF face-to-face MAG Meeting",
        "open_consultations": "IGF Open Consultations and MAG Meeting",
        "topical": "topical MAG Meeting",
    }[kind]
    return [
        f"Meeting number {number} of the {year} IGF preparatory cycle, the {name}, took place on "
        f"{date.day} {MONTH_NAMES[date.month - 1]}.",
        f"{chair} moderated the meeting as Chair of the MAG.",
        "The agenda for the meeting was focused on the ongoing preparations and programming for the annual "
        "meeting and other relevant MAG related tasks and initiatives.",
    ]


def _fill(template: str, rng: random.Random, date: datetime.date) -> str:
    later = date + datetime.timedelta(days=rng.randint(7, 28))
    return template.format(
        session=rng.choice(SESSIONS),
        topic=rng.choice(TOPICS),
        group=rng.choice(GROUPS),
        day=later.day,
        month=MONTH_NAMES[later.month - 1],
    )


def _footnote_text(rng: random.Random, year: int) -> tuple[str, str]:
    document = rng.randint(100, 9999)
    label = f"Summary Report: MAG Virtual Meeting on {rng.choice(TOPICS)}:"
    return label, f"https://www.intgovforum.org/en/filedepot_download/{year}/{document}"


def _comment_date(date: datetime.date) -> str:
    return f"{date + datetime.timedelta(days=1)}T09:00:00Z"


class _Writer:
    """Builds the parts of one .docx as strings, the way Word lays them out."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.body: list[str] = []
        self.footnotes: list[str] = []
        self.footnote_links: list[str] = []
        self.comments: list[str] = []
        self.links: list[str] = []

    def heading_paragraphs(self, lines: list[str]) -> None:
        for line in lines:
            runs = _run(line, bold=True) if line else ""
            self.body.append(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{runs}</w:p>')

    def section_heading(self, text: str) -> None:
        self.body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{_run(text)}</w:p>')

    def plain_paragraph(self, text: str) -> None:
        self.body.append(f'<w:p><w:pPr><w:spacing w:after="120"/></w:pPr>{_run(text)}</w:p>')

    def item(self, printed: int, sentences: list[str], *, numbered: bool, note, comment, link) -> None:
        if numbered:
            properties = '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/>'
            properties += '</w:numPr><w:spacing w:after="120"/>'
            runs = []
        else:
            properties = '<w:spacing w:after="120"/>'
            runs = [_run(f"{printed}.{self.rng.choice(TYPED_SEPARATORS)}")]
        commented = self.rng.randrange(len(sentences)) if comment else None
        for position, sentence in enumerate(sentences):
            text = sentence + " "
            if position == commented:
                comment_id = len(self.comments)
                author, initials, date, comment_text = comment
                runs.append(f'<w:commentRangeStart w:id="{comment_id}"/>{_run(text)}')
                runs.append(f'<w:commentRangeEnd w:id="{comment_id}"/>')
                runs.append(
                    f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                    f'<w:commentReference w:id="{comment_id}"/></w:r>'
                )
                self.comments.append(
                    f'<w:comment w:id="{comment_id}" w:author="{escape(author)}" w:date="{date}" '
                    f'w:initials="{initials}"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
                    f"{_run(comment_text)}</w:p></w:comment>"
                )
            else:
                runs.append(_run(text))
            if position == 0 and note is not None:
                note_id = len(self.footnotes) + 1
                runs.append(
                    f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                    f'<w:footnoteReference w:id="{note_id}"/></w:r>'
                )
                label, url = note
                self.footnote_links.append(url)
                r_id = f"rId{len(self.footnote_links)}"
                self.footnotes.append(
                    f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                    f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                    f"{_run(' ' + label + ' ')}"
                    f'<w:hyperlink r:id="{r_id}">{_run(url, style="Hyperlink")}</w:hyperlink>'
                    "</w:p></w:footnote>"
                )
        if link:
            self.links.append(link)
            r_id = f"rIdLink{len(self.links)}"
            runs.append(f'<w:hyperlink r:id="{r_id}">{_run(link, style="Hyperlink")}</w:hyperlink>')
        self.body.append(f"<w:p><w:pPr>{properties}</w:pPr>{''.join(runs)}</w:p>")
        self.body.append("<w:p/>")

    def annex(self, year: int) -> None:
        """Annex I: the seed's main-session grid, moved to ``year``'s annual meeting."""
        ordinal, venue, country, month, first_day, theme = ANNUAL_MEETINGS[year]
        self.body.append("<w:p/>")
        self.heading_paragraphs(
            [
                "Annex I",
                "",
                f"{year} IGF Main Session Schedule",
                f"The {year} Internet Governance Forum (IGF): \u2018{theme}\u2019",
                f"{first_day}-{first_day + 3} {month} {year}, {venue}, {country}",
            ]
        )
        cells = []
        for position, paragraphs in enumerate(_seed().SCHEDULE):
            texts = [self._annex_text(text, ordinal, month, first_day) for text in paragraphs]
            cell = [f"<w:p>{_run(texts[0], bold=position < 5) if texts[0] else ''}</w:p>"]
            cell.extend(f"<w:p>{_run(text) if text else ''}</w:p>" for text in texts[1:])
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="1870" w:type="dxa"/></w:tcPr>{"".join(cell)}</w:tc>')
        rows = "".join(f"<w:tr>{''.join(cells[row * 5 : row * 5 + 5])}</w:tr>" for row in range(2))
        grid = '<w:gridCol w:w="1870"/>' * 5
        self.body.append(
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
        )

    @staticmethod
    def _annex_text(text: str, ordinal: int, month: str, first_day: int) -> str:
        text = text.replace("11th IGF", f"{ordinal}th IGF")
        for day in range(1, 5):
            text = text.replace(
                f"Day {day} – {5 + day} December", f"Day {day} – {first_day + day - 1} {month}"
            )
        return text

    def package(self, *, title: str, numbered: bool) -> bytes:
        parts = {
            "[Content_Types].xml": self._content_types(numbered),
            "_rels/.rels": _relationships(
                [
                    ("rId1", RT + "officeDocument", "word/document.xml", False),
                    (
                        "rId2",
                        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                        "docProps/core.xml",
                        False,
                    ),
                    ("rId3", RT + "extended-properties", "docProps/app.xml", False),
                ]
            ),
            "docProps/core.xml": _core_properties(title),
            "docProps/app.xml": APP_PROPERTIES,
            "word/document.xml": _part(
                "w:document", f"<w:body>{''.join(self.body)}{SECTION_PROPERTIES}</w:body>"
            ),
            "word/_rels/document.xml.rels": _relationships(self._document_relationships(numbered)),
            "word/styles.xml": STYLES,
            "word/settings.xml": SETTINGS,
        }
        if numbered:
            parts["word/numbering.xml"] = NUMBERING
        if self.footnotes:
            parts["word/footnotes.xml"] = _part("w:footnotes", FOOTNOTE_SEPARATORS + "".join(self.footnotes))
            parts["word/_rels/footnotes.xml.rels"] = _relationships(
                [(f"rId{n}", RT + "hyperlink", url, True) for n, url in enumerate(self.footnote_links, 1)]
            )
        if self.comments:
            parts["word/comments.xml"] = _part("w:comments", "".join(self.comments))
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as archive:
            for name, text in parts.items():
                entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o600 << 16
                archive.writestr(entry, text.encode())
        return output.getvalue()

    def _document_relationships(self, numbered: bool) -> list[tuple[str, str, str, bool]]:
        found = [
            ("rId1", RT + "styles", "styles.xml", False),
            ("rId2", RT + "settings", "settings.xml", False),
        ]
        if numbered:
            found.append(("rId3", RT + "numbering", "numbering.xml", False))
        if self.footnotes:
            found.append(("rId4", RT + "footnotes", "footnotes.xml", False))
        if self.comments:
            found.append(("rId5", RT + "comments", "comments.xml", False))
        found.extend((f"rIdLink{n}", RT + "hyperlink", url, True) for n, url in enumerate(self.links, 1))
        return found

    def _content_types(self, numbered: bool) -> str:
        overrides = [
            ("/word/document.xml", CT + "document.main+xml"),
            ("/word/styles.xml", CT + "styles+xml"),
            ("/word/settings.xml", CT + "settings+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        if numbered:
            overrides.append(("/word/numbering.xml", CT + "numbering+xml"))
        if self.footnotes:
            overrides.append(("/word/footnotes.xml", CT + "footnotes+xml"))
        if self.comments:
            overrides.append(("/word/comments.xml", CT + "comments+xml"))
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
            + "</Types>"
        )


def _run(text: str, *, bold: bool = False, style: str = "") -> str:
    properties = ""
    if bold or style:
        properties = "<w:rPr>"
        properties += f'<w:rStyle w:val="{style}"/>' if style else ""
        properties += "<w:b/>" if bold else ""
        properties += "</w:rPr>"
    # Typed numbers are followed by tabs, which Word stores as w:tab, not in the text.
    pieces = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(piece)}</w:t>' for piece in pieces)
    return f"<w:r>{properties}{inner}</w:r>"


def _part(root: str, content: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{root} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</{root}>'
    )


def _relationships(relationships: list[tuple[str, str, str, bool]]) -> str:
    rows = "".join(
        f'<Relationship Id="{r_id}" Type="{kind}" Target="{escape(target, {chr(34): "&quot;"})}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for r_id, kind, target, external in relationships
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELS_NS}">{rows}</Relationships>'
    )


def _core_properties(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>IGF Secretariat</dc:creator>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2016-08-31T09:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2016-08-31T09:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Office Word</Application></Properties>"
)
SECTION_PROPERTIES = (
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" '
    'w:gutter="0"/></w:sectPr>'
)
FOOTNOTE_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)
SETTINGS = _part("w:settings", '<w:defaultTabStop w:val="720"/><w:compat/>')
NUMBERING = _part(
    "w:numbering",
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
)


def _style(style_id: str, name: str, extra: str = "", kind: str = "paragraph") -> str:
    return f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{extra}</w:style>'


STYLES = _part(
    "w:styles",
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/>'
    "</w:rPr></w:rPrDefault></w:docDefaults>"
    + '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    + _style("Heading1", "heading 1", '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>')
    + _style(
        "ListParagraph", "List Paragraph", '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr>'
    )
    + _style("FootnoteText", "footnote text", '<w:basedOn w:val="Normal"/>')
    + _style("CommentText", "annotation text", '<w:basedOn w:val="Normal"/>')
    + _style(
        "FootnoteReference",
        "footnote reference",
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>',
        "character",
    )
    + _style("CommentReference", "annotation reference", "", "character")
    + _style(
        "Hyperlink", "Hyperlink", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>', "character"
    )
    + _style("TableGrid", "Table Grid", "", "table"),
)


def main(argv: Sequence[str] | None = None, *, stdout=None, stderr=None) -> int:
    """Write a synthetic archive of N reports and import each, one transaction per file; the exit status.

    For load and scaling tests: never run it against the production database.
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus",
        description="Write a synthetic archive of N summary reports as .docx files (deterministic for a "
        "seed, spread over the 2016-2025 cycles) and import each through the importer.",
    )
    parser.add_argument("--reports", type=int, required=True, metavar="N", help="how many reports")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="corpus seed (default 0)")
    parser.add_argument(
        "--out", metavar="DIR", help="where to write the .docx files (default: a temporary folder)"
    )
    parser.add_argument("--no-import", action="store_true", help="only write the files")
    args = parser.parse_args(argv)
    if args.reports < 1:
        parser.error("--reports must be at least 1")
    if args.no_import and not args.out:
        parser.error("--no-import needs --out: the files would be written and thrown away")
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        parser.error(f"--out {args.out}: exists and is not a directory")

    def progress(outcome: CorpusOutcome) -> None:
        if outcome.written % PROGRESS_EVERY == 0 and outcome.written < args.reports:
            print(f"{outcome.written}/{args.reports} reports, {outcome.seconds:.1f} s", file=stdout)

    def write(out: Path, import_reports: bool) -> CorpusOutcome:
        try:
            return write_corpus(
                count=args.reports, seed=args.seed, out=out, import_reports=import_reports, progress=progress
            )
        except OSError as error:
            parser.error(f"--out {out}: {error.strerror or error}")

    if args.out:
        outcome = write(Path(args.out), not args.no_import)
    else:
        with tempfile.TemporaryDirectory(prefix="magportal-corpus-") as folder:
            outcome = write(Path(folder), True)
    print(outcome.summary(), file=stdout)
    for failure in outcome.failed:
        print(failure, file=stderr)
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "magportal.settings")
    django.setup()
    sys.exit(main())

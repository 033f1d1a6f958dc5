"""Property: any report the importer could have saved comes back unchanged from its Word export.

Reports are generated (meeting, numbered items with repeats, sections, several paragraphs, text with
markup characters and accents, footnotes with links in the text or behind words, annotations on
any span of words, a main-session grid), saved by the real saver, exported through the real view
and read again by the importer's read and interpret steps.
"""

import datetime
import hashlib
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.importer.annex_schedule import time_zone_for
from meetings.importer.decisions import classify_sentences, date_actions
from meetings.importer.interpret import meeting_kind
from meetings.importer.report import (
    ParsedAnnotation,
    ParsedFootnote,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
    ParsedSchedule,
    ParsedSlot,
)
from meetings.importer.save import save_report
from tests.meetings.export_checks import as_held, as_imported

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Imports keep their source file; not in the working tree.
    settings.MEDIA_ROOT = tmp_path / "media"


KINDS = [("Virtual", "virtual"), ("Face-to-Face", "face_to_face"), ("Topical", "topical")]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
CHAIRS = ["", "Ms. Lynn St. Amour", "Mr. Janis Karklins", "Anriette Esterhuysen", "Mr. Chengetai Masango"]
SECTIONS = ["Programme", "Host country preparations", "Intersessional work & NRIs", "Any other business"]
SENTENCES = [
    "The MAG discussed the workshop evaluation process.",
    "It was agreed that the retreat would take place in New York.",
    "The Secretariat will circulate the draft programme.",
    "MAG members were asked to send their comments by 15 September.",
    "Further details are available at https://www.intgovforum.org/en/content/mag-2016.",
    "The meeting reviewed the intersessional activities, including the Best Practice Forums.",
    "There was broad agreement on the theme of the annual meeting.",
    "Ms. Anja Gengo briefed the MAG on the national and regional initiatives (NRIs).",
    "The ‘Youth & Gender’ session <main> was discussed at length.",
]
AUTHORS = [("Lynn St Amour", "LSA"), ("Anja Gengo", "AG"), ("Chengetai Masango", "")]
VENUES = ["Guadalajara, Mexico", "Geneva, Switzerland", "Berlin, Germany", "Paris, France"]
SESSIONS = [
    "Human Rights: Broadening the Conversation",
    "National and Regional IGFs (NRIs)",
    "Trade Agreements and the Internet",
    "Setting the Scene: Newcomers Orientation",
    "Shaping the Future of Internet Governance",
    "High-Level Opening Session",
]
BLOCKS = [(10 * 60, 13 * 60), (15 * 60, 18 * 60)]

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéñüç&<>'’", min_size=1, max_size=9).filter(
    lambda word: word.strip("'’")
)
free_sentence = st.lists(words, min_size=2, max_size=7).map(lambda w: " ".join(w).capitalize() + ".")
sentence = st.one_of(st.sampled_from(SENTENCES), free_sentence)
paragraph = st.lists(sentence, min_size=1, max_size=3).map(" ".join)


@st.composite
def items(draw):
    count = draw(st.integers(1, 6))
    number, section = 1, ""
    made = []
    mark = 0
    for position in range(1, count + 1):
        if position > 1:
            number += draw(st.sampled_from([0, 1, 1, 2]))
        if draw(st.booleans()):
            section = draw(st.sampled_from(SECTIONS))
        text = "\n\n".join(draw(st.lists(paragraph, min_size=1, max_size=2)))
        flat = " ".join(text.split())
        footnotes = []
        for n in range(draw(st.integers(0, 2))):
            mark += 1
            url = f"https://www.intgovforum.org/docs/{position}-{n}"
            in_text = draw(st.booleans())
            note_text = f"Summary Report: {draw(sentence)}" + (f" {url}" if in_text else "")
            # As the reader lists them: links and bare addresses in reading order (the export
            # links an address that is not in the text from the note's first word).
            bare = [found.rstrip(".") for found in re.findall(r"https?://\S+", note_text)]
            urls = bare if in_text else [url, *bare]
            ends = [i + 1 for i, char in enumerate(text) if char == "."] + [len(text)]
            footnotes.append(
                ParsedFootnote(
                    mark=draw(st.sampled_from([str(mark), str(mark), "*"])),
                    text=note_text,
                    urls=urls,
                    offset=draw(st.sampled_from(ends)),
                )
            )
        footnotes.sort(key=lambda note: note.offset)
        annotations = []
        tokens = flat.split(" ")
        for n in range(draw(st.integers(0, 2))):
            author, initials = draw(st.sampled_from(AUTHORS))
            start = draw(st.integers(0, len(tokens)))
            end = draw(st.integers(start, len(tokens)))
            moment = datetime.datetime(2016, 8, 31, 9, 0, tzinfo=datetime.UTC) + datetime.timedelta(
                minutes=draw(st.integers(0, 10_000)), seconds=n
            )
            annotations.append(
                ParsedAnnotation(
                    author=author,
                    initials=initials,
                    date=moment,
                    text=draw(sentence),
                    anchor=" ".join(tokens[start:end]),
                )
            )
        annotations.sort(key=lambda annotation: annotation.date)
        # Now and then a number only a Word list label prints: "iv", "8.1", "b".
        printed = draw(st.sampled_from([str(number)] * 6 + ["iv", f"{number}.1", "b"]))
        made.append(
            ParsedItem(
                position=position,
                number=printed,
                section=section,
                text=text,
                footnotes=footnotes,
                annotations=annotations,
                decisions=classify_sentences(text),
            )
        )
    # Word numbers notes 1, 2, ... in citation order, skipping custom marks.
    counter = 0
    for item in made:
        for note in item.footnotes:
            if note.mark != "*":
                counter += 1
                note.mark = str(counter)
    return made


@st.composite
def schedules(draw, year: int):
    start = datetime.date(year, 12, draw(st.integers(1, 10)))
    days = draw(st.integers(1, 4))
    venue = draw(st.sampled_from(VENUES))
    slots = []
    seen = []
    for day in range(days):
        for block_start, block_end in BLOCKS:
            at = block_start
            for minutes in draw(st.lists(st.sampled_from([30, 60, 90, 180]), max_size=3)):
                if at + minutes > block_end:
                    break
                continued = bool(seen) and draw(st.integers(0, 4)) == 0
                title = draw(st.sampled_from(seen)) if continued else draw(st.sampled_from(SESSIONS))
                slots.append(
                    ParsedSlot(
                        date=start + datetime.timedelta(days=day),
                        start=datetime.time(at // 60, at % 60),
                        end=datetime.time((at + minutes) // 60, (at + minutes) % 60),
                        title=title,
                        minutes=minutes,
                        continued=continued,
                        note=draw(st.sampled_from(["", "", "Youth Open Mic"])),
                    )
                )
                seen.append(title)
                at += minutes
    return ParsedSchedule(
        title=f"{year} IGF Main Session Schedule",
        event=f"The {year} Internet Governance Forum (IGF)",
        theme=draw(st.sampled_from(["", "Enabling Inclusive and Sustainable Growth"])),
        venue=venue,
        time_zone=time_zone_for(venue),
        start_date=start,
        end_date=start + datetime.timedelta(days=days - 1),
        slots=slots,
    )


@st.composite
def reports(draw):
    kind_word, kind = draw(st.sampled_from(KINDS))
    number = draw(st.integers(1, len(ROMAN)))
    title = f"IGF {kind_word} MAG Meeting {ROMAN[number - 1]}"
    assert meeting_kind(title) == kind
    date = draw(st.dates(datetime.date(2008, 1, 1), datetime.date(2020, 12, 20)))
    end_date = None
    if draw(st.booleans()):
        end_date = date + datetime.timedelta(days=draw(st.integers(1, 3)))
    meeting = ParsedMeeting(
        title=title,
        kind=kind,
        number=number,
        date=date,
        end_date=end_date,
        chair=draw(st.sampled_from(CHAIRS)),
        recording_url=draw(st.sampled_from(["", "https://www.youtube.com/watch?v=mag42"])),
        cycle_year=date.year,
    )
    schedule = draw(st.none() | schedules(date.year))
    made = draw(items())
    # Actions' due dates, as the interpreter gives them once the meeting's date is known.
    date_actions(made, meeting_date=date, year=date.year, next_meeting=None)
    return ParsedReport(meeting=meeting, items=made, schedule=schedule)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=reports())
def test_export_of_any_saved_report_imports_as_the_database_holds_it(client, secretariat_user, report):
    user = secretariat_user
    client.force_login(user)
    with transaction.atomic():
        data = repr(report).encode()
        meeting = save_report(
            report, data=data, source_name=f"{hashlib.sha256(data).hexdigest()[:8]}.docx"
        ).meeting

        response = client.get(f"/meetings/{meeting.slug}.docx")

        assert response.status_code == 200
        assert as_imported(response.content) == as_held(meeting, user=user, annotations=True)
        transaction.set_rollback(True)

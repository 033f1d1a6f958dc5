"""The seed report (MAG Virtual Meeting VI, 30 August 2016) as the importer reads it, and its Annex I grid.

``SEED_GRID`` is Annex I of ../shared/seed: 14 slots of 13 sessions, 6-9 December 2016.
``EARLIER_GRID`` is the provisional grid before paragraph 5's changes: the NRI session on Day 3
afternoon, no trade session, and "Shaping the Future of Internet Governance" 90 minutes on Day 4
morning only.
"""

import datetime

from meetings.importer.provenance import schedule_is_approved
from meetings.importer.report import (
    ParsedDecision,
    ParsedFootnote,
    ParsedItem,
    ParsedMeeting,
    ParsedReport,
    ParsedSchedule,
    ParsedSlot,
)
from schedule.models import Event, Session, Slot

SDGS = "Assessing the Role of Internet Governance in the Sustainable Development Goals (SDGs)"
NEWCOMERS = "Setting the Scene: Newcomers Orientation"
OPENING = "11th IGF - Opening Ceremony"
HIGH_LEVEL = "High-Level Opening Session"
GROWTH = "Sustainable Development, Internet and Inclusive Growth"
NRIS = "National and Regional IGFs (NRIs)"
RIGHTS = "Human Rights: Broadening the Conversation"
DCS = "IGF Dynamic Coalitions (DCs)"
TRADE = "Trade Agreements and the Internet"
BPFS = "IGF Best Practice Forums (BPFs) and Policy Options for Connecting the Next Billion(s)"
SHAPING = "Shaping the Future of Internet Governance"
TAKING_STOCK = "Taking Stock : Emerging Issues - Future of the IGF and IGF Retreat Consultation"
CLOSING = "11th IGF Closing Ceremony"

# (day of December, start, end, title, continued, note)
SEED_GRID = [
    (6, "10:00", "13:00", SDGS, False, ""),
    (6, "15:00", "16:00", NEWCOMERS, False, ""),
    (6, "16:00", "16:30", OPENING, False, ""),
    (6, "16:30", "18:00", HIGH_LEVEL, False, ""),
    (7, "10:00", "13:00", GROWTH, False, ""),
    (7, "15:00", "18:00", NRIS, False, ""),
    (8, "10:00", "13:00", RIGHTS, False, ""),
    (8, "15:00", "16:30", DCS, False, ""),
    (8, "16:30", "18:00", TRADE, False, ""),
    (9, "10:00", "11:30", BPFS, False, ""),
    (9, "11:30", "13:00", SHAPING, False, ""),
    (9, "15:00", "15:30", SHAPING, True, "Youth Open Mic"),
    (9, "15:30", "17:00", TAKING_STOCK, False, ""),
    (9, "17:00", "18:00", CLOSING, False, ""),
]

EARLIER_GRID = [
    row for row in SEED_GRID if row[3] not in {NRIS, TRADE} and not (row[3] == SHAPING and row[4])
] + [(8, "15:00", "18:00", NRIS, False, "")]

ITEM_5 = (
    "The ‘Trade Agreements and the Internet’ Main Session proposal, which had been updated ahead of "
    "the meeting for further review based on previous feedback from the MAG, was discussed at some "
    "length. It was agreed that with further planning and better diversity of speakers, including "
    "ensuring the inclusion of Private Sector and Government actors active in trade negotiations, "
    "that the session would be included as a 90-minute main session. Other changes to the previous "
    "main session schedule that were agreed upon were that the NRI main session would be moved to "
    "the afternoon of Day 2, and that the ‘Shaping the Future of Internet Governance’ session would "
    "be allotted a 2-hour main session on Day 4 and would provide a useful transition to the Taking "
    "Stock/Open Microphone session being held immediately after it."
)
DECISION_TRADE = (
    "It was agreed that with further planning and better diversity of speakers, including ensuring "
    "the inclusion of Private Sector and Government actors active in trade negotiations, that the "
    "session would be included as a 90-minute main session."
)
DECISION_CHANGES = (
    "Other changes to the previous main session schedule that were agreed upon were that the NRI "
    "main session would be moved to the afternoon of Day 2, and that the ‘Shaping the Future of "
    "Internet Governance’ session would be allotted a 2-hour main session on Day 4 and would provide "
    "a useful transition to the Taking Stock/Open Microphone session being held immediately after "
    "it."
)
ITEM_6 = (
    "With common agreement that all organizers of main sessions would continue to refine their "
    "programmes in-line with suggestions from their fellow MAG members, the main session schedule "
    "was approved. MAG organizers of main sessions were asked to send updates to the MAG and the "
    "Secretariat periodically on their sessions, including information for the Secretariat to "
    "publish on the IGF website and in the first version of the full annual meeting programme."
)
DECISION_APPROVED = (
    "With common agreement that all organizers of main sessions would continue to refine their "
    "programmes in-line with suggestions from their fellow MAG members, the main session schedule "
    "was approved."
)
ITEM_7 = (
    "It was agreed that the traditional ‘Setting the Scene/Newcomers’ session should complement "
    "other efforts such as a dedicated booth and other orientation activities for newcomers to the "
    "IGF and that the programme of the 1 hour plenary session should give an overall overview of the "
    "programme and offer ways for newcomers to the IGF to navigate the 4-day programme."
)
ITEM_8 = (
    "It was proposed that the traditional ‘Taking Stock/Open Microphone’ session in the afternoon of "
    "the last day of the meeting could be used to take forward consultative community discussions on "
    "the IGF retreat."
)
ITEM_9 = (
    "The Secretariat had circulated a proposed MAG Virtual Meeting schedule prior to the meeting for "
    "review and comment by the MAG. The virtual meeting schedule was approved by the MAG. The next "
    "issue-specific MAG Virtual Meeting on Intersessional Activities and NRIs will take place on 13 "
    "September and webex details for joining this meeting will be circulated shortly by the "
    "Secretariat."
)
FOOTNOTE_OPEN_CONSULTATIONS = (
    "Summary Report: 2nd IGF Open Consultations and MAG Meeting 12-14 July: "
    "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file"
)
FOOTNOTE_PLANNING = (
    "Summary Report: MAG Virtual Meeting on Main Session Planning 24 August: "
    "https://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/899-summary-report-mag-virtual-meeting-main-session-planning"
)


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def parsed_slots(grid) -> list[ParsedSlot]:
    slots = []
    for day, start, end, title, continued, note in grid:
        start_at, end_at = _time(start), _time(end)
        minutes = (end_at.hour * 60 + end_at.minute) - (start_at.hour * 60 + start_at.minute)
        slots.append(
            ParsedSlot(datetime.date(2016, 12, day), start_at, end_at, title, minutes, continued, note)
        )
    return slots


def seed_report(grid=SEED_GRID) -> ParsedReport:
    """The seed report with its decisions as the importer gives them, and the given Annex I grid."""
    report = ParsedReport(
        meeting=ParsedMeeting(
            title="IGF Virtual MAG Meeting VI",
            kind="virtual",
            number=6,
            date=datetime.date(2016, 8, 30),
            end_date=None,
            chair="Lynn St. Amour",
            recording_url="https://we.tl/DG7i3EoMR8",
            cycle_year=2016,
        ),
        items=[
            ParsedItem(
                1,
                "1",
                "",
                "The sixth IGF Virtual MAG Meeting of the 2016 cycle took place on 30 August.",
                footnotes=[
                    ParsedFootnote("1", FOOTNOTE_OPEN_CONSULTATIONS),
                    ParsedFootnote("2", FOOTNOTE_PLANNING),
                ],
            ),
            ParsedItem(
                5,
                "5",
                "",
                ITEM_5,
                decisions=[
                    ParsedDecision("decision", DECISION_TRADE),
                    ParsedDecision("decision", DECISION_CHANGES),
                ],
            ),
            ParsedItem(6, "6", "", ITEM_6, decisions=[ParsedDecision("decision", DECISION_APPROVED)]),
            ParsedItem(7, "7", "", ITEM_7, decisions=[ParsedDecision("decision", ITEM_7)]),
            ParsedItem(8, "8", "", ITEM_8, decisions=[ParsedDecision("decision", ITEM_8)]),
            ParsedItem(
                10,
                "9",
                "",
                ITEM_9,
                decisions=[
                    ParsedDecision("decision", "The virtual meeting schedule was approved by the MAG.")
                ],
            ),
        ],
        schedule=ParsedSchedule(
            title="2016 IGF Main Session Schedule",
            event="The 2016 Internet Governance Forum (IGF)",
            theme="Enabling Inclusive and Sustainable Growth",
            venue="Guadalajara, Mexico",
            time_zone="America/Mexico_City",
            start_date=datetime.date(2016, 12, 6),
            end_date=datetime.date(2016, 12, 9),
            slots=parsed_slots(grid),
        ),
    )
    report.schedule_approved = schedule_is_approved(report)
    return report


def replace_grid(event: Event, grid) -> dict[str, Session]:
    """Make the event's sessions and slots those of ``grid``, as an import would; return sessions by title.

    Sessions whose title stays keep their row, as a re-import that updates in place would.
    """
    sessions = {session.title: session for session in event.sessions.all()}
    Slot.objects.filter(session__event=event).delete()
    wanted = {row[3] for row in grid}
    for title, session in list(sessions.items()):
        if title not in wanted:
            session.delete()
            del sessions[title]
    for day, start, end, title, continued, note in grid:
        if title not in sessions:
            sessions[title] = Session.objects.create(event=event, title=title)
        Slot.objects.create(
            session=sessions[title],
            date=datetime.date(2016, 12, day),
            start_time=_time(start),
            end_time=_time(end),
            continued=continued,
            note=note,
        )
    return sessions

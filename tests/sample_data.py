# ruff: noqa: E501 -- the report's paragraphs are kept whole, as printed.
"""A meeting shaped like the sample summary report (../shared/seed), built with the factories.

Ten numbered paragraphs (8 printed twice), two footnotes with URLs on paragraph 1, the chair's two
comments on paragraphs 7 (shared with MAG members) and the second 8 (secretariat only), and seven decisions.
Its annex grid is ``tests.schedule.sample_grid.make_igf_2016_grid``.
"""

import datetime

from meetings.models import Annotation, Decision, Meeting
from schedule.models import Event
from tests.factories import make_agenda_item, make_annotation, make_decision, make_footnote, make_meeting

# (printed number, text, chair's comment)
PARAGRAPHS = [
    (
        "1",
        "The sixth IGF Virtual MAG Meeting of the 2016 IGF preparatory cycle took place on 30 August. Ms. Lynn St. Amour moderated the meeting as Chair of the MAG and the 2016 Host Country was represented by Mr. Victor Lagunes, Chief Information Officer, Office of the President of Mexico. The meeting marked the second full MAG virtual meeting since the 2nd face-to-face Open Consultations and MAG meeting and also followed-up on a topical MAG meeting on main session planning held on 24 August. The agenda for the meeting was focused on the ongoing host country preparations and programming for the annual meeting, the selection and scheduling of main/focus sessions and other relevant MAG related tasks and initiatives. The webex recording of the meeting can be accessed here: https://we.tl/DG7i3EoMR8",
        None,
    ),
    (
        "2",
        "The meeting opened with a short briefing from the IGF Secretariat on ongoing programming for the annual meeting. It was reported that the Secretariat was working on an initial version of the overall schedule and was communicating with community session organizers of workshops, open forums and those bringing booths to the IGF village, etc. The Secretariat will circulate its initial provisional schedule to the MAG in the coming weeks.",
        None,
    ),
    (
        "3",
        "Mr. Victor Lagunes then briefed the MAG on the host country preparations for the annual meeting. It was said that the Host Country organizing team was continuing to work with partners in their organizing efforts. Preparations for Day-0 and possible high-level host-country organized events are also well underway and further information and details about these plans and events will be circulated to the MAG for their feedback and views. The MAG reiterated their appreciation for the efforts of the Mexican government to support the IGF and reaffirmed their commitment to supporting the host country organizing team through their continued preparatory and organizational efforts leading up to the meeting in December.",
        None,
    ),
    (
        "4",
        "The meeting then moved to the ongoing discussions on the selection and scheduling of the thematic main sessions as well as the MAG organization of the ‘Setting the Scene/Newcomers’ session and the ‘Taking Stock/Open Microphone’ sessions. Prior to the meeting, the Secretariat had circulated an updated provisional main session schedule for consideration of the MAG, which is included herewith as Annex I.",
        None,
    ),
    (
        "5",
        "The ‘Trade Agreements and the Internet’ Main Session proposal, which had been updated ahead of the meeting for further review based on previous feedback from the MAG, was discussed at some length. It was agreed that with further planning and better diversity of speakers, including ensuring the inclusion of Private Sector and Government actors active in trade negotiations, that the session would be included as a 90-minute main session. Other changes to the previous main session schedule that were agreed upon were that the NRI main session would be moved to the afternoon of Day 2, and that the ‘Shaping the Future of Internet Governance’ session would be allotted a 2-hour main session on Day 4 and would provide a useful transition to the Taking Stock/Open Microphone session being held immediately after it.",
        None,
    ),
    (
        "6",
        "With common agreement that all organizers of main sessions would continue to refine their programmes in-line with suggestions from their fellow MAG members, the main session schedule was approved. MAG organizers of main sessions were asked to send updates to the MAG and the Secretariat periodically on their sessions, including information for the Secretariat to publish on the IGF website and in the first version of the full annual meeting programme.",
        None,
    ),
    (
        "7",
        "It was agreed that the traditional ‘Setting the Scene/Newcomers’ session should complement other efforts such as a dedicated booth and other orientation activities for newcomers to the IGF and that the programme of the 1 hour plenary session should give an overall overview of the programme and offer ways for newcomers to the IGF to navigate the 4-day programme. MAG volunteers to organize the ‘Setting the Scene/Newcomers’ session and other orientation activities aimed at welcoming newcomers agreed to work together moving forward and to report on their progress to the MAG on the mailing list and on future MAG virtual meeting calls.",
        "Really just a standard conference format.",
    ),
    (
        "8",
        "It was proposed that the traditional ‘Taking Stock/Open Microphone’ session in the afternoon of the last day of the meeting could be used to take forward consultative community discussions on the IGF retreat. There was agreement that further discussions were needed and that dedicated MAG members should step forward to organize these important sessions (in addition to those MAG members who have already volunteered to lead them).",
        None,
    ),
    (
        "8",
        "It was agreed that MAG working groups on New Session Formats/Additional Workshop’s; Outreach and Communications; and Workshop Evaluation Process would send written updates to the MAG for review and that if needed, topical and issue-specific MAG meetings would be held to help carry the work of these MAG working groups forward.",
        "We need updated proposals ASAP for these 2 WGs. I thought we were going to follow up to get updates/meetings scheduled. We need clear movement from them, if they are too busy (esp. Rasha) then we need new Chairs, as I indicated on the call. Do you want me to follow up? Happy to.",
    ),
    (
        "9",
        "The Secretariat had circulated a proposed MAG Virtual Meeting schedule prior to the meeting for review and comment by the MAG. The schedule contains dates and times for full MAG virtual general update meetings set to take place approx. every 3 weeks, rotating times by 8 hours as well as issue-specific meetings or MAG WG meetings, open to all MAG members but not obligatory. It was also noted that additional issue-specific meetings will be added to this schedule on a rolling basis as needed and requested by MAG. The virtual meeting schedule was approved by the MAG. The next issue-specific MAG Virtual Meeting on Intersessional Activities and NRIs will take place on 13 September and webex details for joining this meeting will be circulated shortly by the Secretariat. The MAG was reminded that these regular and issue-specific MAG Virtual meetings are being convened to supplement MAG planning activities given the MAG decided not to have a third physical MAG meeting, and thus participation is important even if not formally required.",
        None,
    ),
]

FOOTNOTES = [
    (
        "1",
        "Summary Report: 2nd IGF Open Consultations and MAG Meeting 12-14 July: "
        "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file",
        [
            "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
            "811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file"
        ],
    ),
    (
        "2",
        "Summary Report: MAG Virtual Meeting on Main Session Planning 24 August: "
        "https://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "899-summary-report-mag-virtual-meeting-main-session-planning-24-august-2",
        [
            "https://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
            "899-summary-report-mag-virtual-meeting-main-session-planning-24-august-2"
        ],
    ),
]

# (position of the paragraph, kind, how the decision's sentence starts)
DECISIONS = [
    (2, Decision.Kind.ACTION, "The Secretariat will circulate"),
    (5, Decision.Kind.DECISION, "It was agreed that with further planning"),
    (5, Decision.Kind.DECISION, "Other changes to the previous main session schedule"),
    (6, Decision.Kind.DECISION, "With common agreement"),
    (7, Decision.Kind.DECISION, "It was agreed that the traditional"),
    (9, Decision.Kind.ACTION, "It was agreed that MAG working groups"),
    (10, Decision.Kind.DECISION, "The virtual meeting schedule was approved"),
]


def sentence(text: str, start: str) -> str:
    """The sentence of ``text`` that begins with ``start``."""
    begin = text.index(start)
    end = text.find(". ", begin)
    return text[begin : end + 1] if end != -1 else text[begin:]


def make_sample_report(*, event: Event | None = None, **fields) -> Meeting:
    """The VIth virtual MAG meeting of 2016; ``fields`` override the meeting's (title, slug, status)."""
    defaults = {
        "title": "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI",
        "slug": "2016-virtual-mag-meeting-vi",
        "kind": Meeting.Kind.VIRTUAL,
        "number": 6,
        "date": datetime.date(2016, 8, 30),
        "cycle_year": 2016,
        "chair": "Ms. Lynn St. Amour",
        "recording_url": "https://we.tl/DG7i3EoMR8",
        "event": event,
    }
    meeting = make_meeting(**{**defaults, **fields})
    items = []
    for position, (number, text, comment) in enumerate(PARAGRAPHS, start=1):
        item = make_agenda_item(meeting=meeting, position=position, number=number, text=text)
        items.append(item)
        if comment:
            # The first comment is shared with MAG members, the second is for the secretariat only.
            visibility = Annotation.Visibility.MEMBERS if number == "7" else Annotation.Visibility.SECRETARIAT
            make_annotation(
                agenda_item=item,
                text=comment,
                anchor=text.rsplit(". ", 1)[-1],
                date=datetime.datetime(2016, 9, 2, 14, 30, tzinfo=datetime.UTC),
                visibility=visibility,
            )
    for mark, text, urls in FOOTNOTES:
        make_footnote(agenda_item=items[0], mark=mark, text=text, urls=urls)
    trade = None
    if event is not None:
        trade = event.sessions.get(title="Trade Agreements and the Internet")
    for position, kind, start in DECISIONS:
        item = items[position - 1]
        make_decision(
            agenda_item=item,
            kind=kind,
            text=sentence(item.text, start),
            session=trade if start.startswith("It was agreed that with further") else None,
        )
    return meeting

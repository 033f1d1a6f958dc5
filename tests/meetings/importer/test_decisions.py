import datetime

import pytest

from meetings.importer.decisions import (
    Reading,
    classify_sentence,
    classify_sentences,
    due_date,
    read_sentence,
    split_sentences,
)
from meetings.importer.interpret import interpret_document
from tests.meetings.importer.documents import seed_document

AUGUST_30 = datetime.date(2016, 8, 30)
SEPTEMBER_13 = datetime.date(2016, 9, 13)

# The seed report's seven decisions (paragraphs 5 twice, 6, 7, both 8s and 9)
# and its five actions: the sentences that assign work without recording an
# agreement ("will circulate", "were asked to", "agreed to work together ...
# and to report", "details ... will be circulated").
SEED_DECISIONS = [
    (
        "2",
        "action",
        "The Secretariat will circulate its initial provisional schedule to the MAG in the coming weeks.",
    ),
    (
        "3",
        "action",
        "Preparations for Day-0 and possible high-level host-country organized events are also well underway "
        "and further information and details about these plans and events will be circulated to the MAG for "
        "their feedback and views.",
    ),
    (
        "5",
        "decision",
        "It was agreed that with further planning and better diversity of speakers, including ensuring the "
        "inclusion of Private Sector and Government actors active in trade negotiations, that the session "
        "would be included as a 90-minute main session.",
    ),
    (
        "5",
        "decision",
        "Other changes to the previous main session schedule that were agreed upon were that the NRI main "
        "session would be moved to the afternoon of Day 2, and that the ‘Shaping the Future of Internet "
        "Governance’ session would be allotted a 2-hour main session on Day 4 and would provide a useful "
        "transition to the Taking Stock/Open Microphone session being held immediately after it.",
    ),
    (
        "6",
        "decision",
        "With common agreement that all organizers of main sessions would continue to refine their "
        "programmes in-line with suggestions from their fellow MAG members, the main session schedule "
        "was approved.",
    ),
    (
        "6",
        "action",
        "MAG organizers of main sessions were asked to send updates to the MAG and the Secretariat "
        "periodically on their sessions, including information for the Secretariat to publish on the IGF "
        "website and in the first version of the full annual meeting programme.",
    ),
    (
        "7",
        "decision",
        "It was agreed that the traditional ‘Setting the Scene/Newcomers’ session should complement other "
        "efforts such as a dedicated booth and other orientation activities for newcomers to the IGF and "
        "that the programme of the 1 hour plenary session should give an overall overview of the programme "
        "and offer ways for newcomers to the IGF to navigate the 4-day programme.",
    ),
    (
        "7",
        "action",
        "MAG volunteers to organize the ‘Setting the Scene/Newcomers’ session and other orientation "
        "activities aimed at welcoming newcomers agreed to work together moving forward and to report on "
        "their progress to the MAG on the mailing list and on future MAG virtual meeting calls.",
    ),
    (
        "8",
        "decision",
        "There was agreement that further discussions were needed and that dedicated MAG members should step "
        "forward to organize these important sessions (in addition to those MAG members who have already "
        "volunteered to lead them).",
    ),
    (
        "8",
        "decision",
        "It was agreed that MAG working groups on New Session Formats/Additional Workshop’s; Outreach and "
        "Communications; and Workshop Evaluation Process would send written updates to the MAG for review "
        "and that if needed, topical and issue-specific MAG meetings would be held to help carry the work "
        "of these MAG working groups forward.",
    ),
    ("9", "decision", "The virtual meeting schedule was approved by the MAG."),
    (
        "9",
        "action",
        "The next issue-specific MAG Virtual Meeting on Intersessional Activities and NRIs will take place "
        "on 13 September and webex details for joining this meeting will be circulated shortly by the "
        "Secretariat.",
    ),
]


def test_classify_sentences_seed_finds_seven_decisions_and_five_actions():
    report = interpret_document(seed_document())

    found = [(item.number, d.kind, d.text) for item in report.items for d in item.decisions]

    assert found == SEED_DECISIONS
    assert [kind for _, kind, _ in found].count("decision") == 7


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("It was agreed that the NRI session would be held on Day 2.", "decision"),
        ("It was also decided to hold the retreat in Geneva.", "decision"),
        ("The MAG decided to extend the call for workshops.", "decision"),
        ("The workshop evaluation criteria were approved.", "decision"),
        ("The proposal was adopted by the MAG.", "decision"),
        ("There was general agreement that the themes stay the same.", "decision"),
        ("By common agreement the deadline is 30 April.", "decision"),
        ("The changes agreed upon are listed in Annex II.", "decision"),
        ("It was agreed that the Secretariat will circulate a revised draft.", "decision"),
        ("It was decided that volunteers should step forward to lead the session.", "decision"),
        ("MAG members were asked to review the proposals.", "action"),
        ("The co-facilitators agreed to work together and to report back in May.", "action"),
        ("Details will be circulated shortly by the Secretariat.", "action"),
        ("Details of the venue were circulated by the Secretariat.", None),
        ("Those who have volunteered to lead them were thanked.", None),
        ("It was proposed that the session be moved to Day 3.", None),
        ("It was reported that 120 workshops were received.", None),
        ("The Secretariat briefed the MAG on the logistics.", None),
        ("The MAG thanked the host country for its support.", None),
        ("The MAG expressed their appreciation for the work of the Secretariat.", None),
        ("The Secretariat will circulate its schedule in the coming weeks.", "action"),
        ("This is needed given the MAG decided not to have a third meeting.", None),
        ("The MAG had agreed in July to keep the format.", None),
    ],
)
def test_classify_sentence_phrasings(sentence, kind):
    assert classify_sentence(sentence) == kind


# Each holds a decision word, so only the rule that proposals, reports and thanks are neither
# keeps it out of the decisions; one sentence per word of that rule.
@pytest.mark.parametrize(
    "sentence",
    [
        "It was proposed that the intersessional track, which the working group decided to pilot, "
        "continue in 2017.",
        "It was also proposed that the themes were agreed upon by written procedure.",
        "It was suggested that the outreach plan was endorsed too early, before the community was consulted.",
        "It was reported that the IGF Trust Fund's budget for 2017 was approved by its donors.",
        "It was noted that the host country decided to provide interpretation in all six UN languages.",
        "It was said that there was broad agreement in the community on the overall theme.",
        "It was recalled that the MAG agreed in 2015 to rotate the chairs of main sessions.",
        "The Chair thanked the host country, whose offer of a venue was approved by its parliament.",
        "The MAG expressed its thanks to the youth coalition, whose proposal was adopted by the NRIs.",
        "Members expressed their gratitude that the Secretariat decided to extend the deadline.",
    ],
)
def test_classify_sentence_proposal_report_or_thanks_with_a_decision_word_is_neither(sentence):
    assert classify_sentence(sentence) is None


def test_classify_sentences_proposal_beside_the_decision_it_led_to():
    text = (
        "It was proposed that the retreat, which the MAG decided to hold, take place in June. "
        "It was agreed that it would take place in July."
    )

    assert [(d.kind, d.text) for d in classify_sentences(text)] == [
        ("decision", "It was agreed that it would take place in July.")
    ]


def test_classify_sentences_keeps_order_and_kinds():
    text = (
        "It was proposed that the retreat be held in June. It was agreed that it would be held in July. "
        "The Secretariat will circulate a draft agenda."
    )

    assert [(d.kind, d.text) for d in classify_sentences(text)] == [
        ("decision", "It was agreed that it would be held in July."),
        ("action", "The Secretariat will circulate a draft agenda."),
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Ms. Lynn St. Amour chaired. Mr. Lagunes spoke.",
            ["Ms. Lynn St. Amour chaired.", "Mr. Lagunes spoke."],
        ),
        (
            "Meetings take place approx. every 3 weeks. Fine.",
            ["Meetings take place approx. every 3 weeks.", "Fine."],
        ),
        ("Formats, e.g. Flash Sessions, were new. Yes.", ["Formats, e.g. Flash Sessions, were new.", "Yes."]),
        ("The share rose to 2.5 percent. Good.", ["The share rose to 2.5 percent.", "Good."]),
        (
            "See https://www.intgovforum.org/cms/file.pdf for details. Next.",
            ["See https://www.intgovforum.org/cms/file.pdf for details.", "Next."],
        ),
        ("(Contd.) Shaping the Future continued. Then.", ["(Contd.) Shaping the Future continued.", "Then."]),
        (
            "Booths, workshops, etc. The Secretariat will reply.",
            ["Booths, workshops, etc.", "The Secretariat will reply."],
        ),
        ("It was agreed.  Then   nothing\nelse.", ["It was agreed.", "Then nothing else."]),
        ("", []),
    ],
)
def test_split_sentences_abbreviations_decimals_and_urls(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "The U.N. Secretary-General appointed them. Fine.",
            ["The U.N. Secretary-General appointed them.", "Fine."],
        ),
        (
            "See resolution No. 70/125 of the Assembly. Next.",
            ["See resolution No. 70/125 of the Assembly.", "Next."],
        ),
        ("It ends on Sept. 30 this year. Next.", ["It ends on Sept. 30 this year.", "Next."]),
        (
            "The call starts at 3 p.m. Geneva time. Next.",
            ["The call starts at 3 p.m. Geneva time.", "Next."],
        ),
        (
            "Topics, i.e. access and trust, were kept. Next.",
            ["Topics, i.e. access and trust, were kept.", "Next."],
        ),
        ("There was no. The MAG agreed.", ["There was no.", "The MAG agreed."]),
    ],
)
def test_split_sentences_abbreviations_before_numbers_and_initials(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("sentence", "owner", "due"),
    [
        ("MAG members were asked to send their comments by 15 May.", "MAG members", "15 May"),
        ("The Chair will write to the dynamic coalitions.", "Chair", ""),
        ("The host country is to confirm the venue by the end of June.", "Host country", "the end of June"),
        ("A list of the merged workshops will be provided by the Secretariat.", "Secretariat", ""),
        ("A list of the merged workshops will be provided.", "", ""),
        (
            "The working group on outreach will report before the next meeting.",
            "Working group on outreach",
            "the next meeting",
        ),
        ("Ms. Okafor agreed to draft the description.", "Ms. Okafor", ""),
        # A passive's agent with a title keeps it whole; someone who said "they would" is the owner.
        ("The notes will be circulated by Ms. Okafor.", "Ms. Okafor", ""),
        ("The draft will be circulated by Mr. Lagunes by 30 June.", "Mr. Lagunes", "30 June"),
        ("The Chair said she would send the letter.", "Chair", ""),
        ("They said they would circulate the notes.", "", ""),
        # An aside between commas is not the subject; what one told the MAG it would do is a task.
        ("Ms. Okafor, who chairs the group, will draft the description.", "Ms. Okafor", ""),
        ("The Secretariat told the MAG that it would circulate the notes.", "Secretariat", ""),
        ("The Chair asked MAG members to review the paper.", "MAG members", ""),
        ("The MAG will hold a call on 30 June to finalize the list.", "MAG", "30 June"),
        (
            "The next call will take place on 3 May and details will be circulated by the Secretariat.",
            "Secretariat",
            "",
        ),
    ],
)
def test_read_sentence_action_owner_and_due(sentence, owner, due):
    reading = read_sentence(sentence)

    assert (reading.kind, reading.owner, reading.due) == ("action", owner, due)


def test_due_date_uses_the_meeting_year_and_the_next_meeting():
    meeting = datetime.date(2016, 8, 30)
    kwargs = {"meeting_date": meeting, "year": 2016, "next_meeting": datetime.date(2016, 9, 13)}

    assert due_date("30 September", **kwargs) == datetime.date(2016, 9, 30)
    assert due_date("15 January", **kwargs) == datetime.date(2017, 1, 15)  # after an August meeting
    assert due_date("30 June 2018", **kwargs) == datetime.date(2018, 6, 30)
    assert due_date("the end of October", **kwargs) == datetime.date(2016, 10, 31)
    assert due_date("mid-November", **kwargs) == datetime.date(2016, 11, 15)
    assert due_date("the next meeting", **kwargs) == datetime.date(2016, 9, 13)
    assert due_date("the next meeting", **{**kwargs, "next_meeting": None}) is None
    assert due_date("31 February", **kwargs) is None
    assert due_date("", **kwargs) is None


def test_interpret_actions_due_before_the_next_meeting_the_report_announces():
    report = interpret_document(seed_document())
    report.items[1].text += " The Secretariat will send the draft agenda before the next meeting."

    from meetings.importer.decisions import date_actions

    report.items[1].decisions = classify_sentences(report.items[1].text)
    date_actions(
        report.items, meeting_date=report.meeting.date, year=2016, next_meeting=report.meeting.next_meeting
    )

    action = report.items[1].decisions[-1]
    assert (action.owner, action.due_date) == ("Secretariat", datetime.date(2016, 9, 13))


def test_dry_run_json_gives_each_decision_owner_due_date_and_found_by():
    document = interpret_document(seed_document()).as_json()

    decisions = [d for item in document["items"] for d in item["decisions"]]
    assert all(list(d) == ["kind", "text", "owner", "due_date", "found_by"] for d in decisions)
    assert decisions[0] == {
        "kind": "action",
        "text": SEED_DECISIONS[0][2],
        "owner": "Secretariat",
        "due_date": None,
        "found_by": "import",
    }


# A file name longer than the stretch the sentence splitter searches for the last word.
LONG_NAME = (
    "IGF2016_MAG_Virtual_Meeting_VI_Summary_Report_Final_Version_With_Annexes_And_Main_Session_Grid.docx"
)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # An initial is not an end, and the sentences after it still split.
        (
            "The note by J. Smith was approved. It was agreed to publish it. The MAG thanked him.",
            ["The note by J. Smith was approved.", "It was agreed to publish it.", "The MAG thanked him."],
        ),
        # A lower-case letter before a full stop ends its sentence.
        ("See option a. It was agreed.", ["See option a.", "It was agreed."]),
        # A sentence may begin with a number; "etc." before one does not end a sentence.
        (
            "The budget for 2016 was approved. 12 workshops were accepted.",
            ["The budget for 2016 was approved.", "12 workshops were accepted."],
        ),
        (
            "Panels, workshops, etc. 40 in all were agreed upon. The MAG met again.",
            ["Panels, workshops, etc. 40 in all were agreed upon.", "The MAG met again."],
        ),
        # "cont’d." with a typographic apostrophe, as Word writes it, is an abbreviation.
        (
            "The trade session (cont’d. Day 2) was approved. It was agreed.",
            ["The trade session (cont’d. Day 2) was approved.", "It was agreed."],
        ),
        # A word longer than the stretch searched for it still ends its sentence.
        (f"The report is {LONG_NAME}. It was agreed.", [f"The report is {LONG_NAME}.", "It was agreed."]),
    ],
)
def test_split_sentences_initials_numbers_and_long_words(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize(
    ("point", "owner", "due"),
    [
        ("Secretariat to circulate the template by 15 August", "Secretariat", "15 August"),
        ("MAG members to send comments before the next meeting", "MAG members", "the next meeting"),
        ("Circulate the call (Owner: Secretariat; Deadline: 22 February)", "Secretariat", "22 February"),
        (
            "Review the list (Responsible: Host country; Timeline: end of March)",
            "Host country",
            "end of March",
        ),
        ("Circulate the call (Status: open)", "", ""),
        ("Circulate the call to all stakeholders", "", ""),
        # Who and when in brackets without labels.
        ("Circulate the revised timeline (Secretariat, 1 June)", "Secretariat", "1 June"),
        ("Draft the call for proposals (Chair; by 10 May)", "Chair", "10 May"),
        ("Publish the list of speakers (MAG members)", "MAG members", ""),
        # Brackets that hold something else name neither.
        ("Publish the list (see the annex, page 3)", "", ""),
        ("Publish the list (they, 1 June)", "", ""),
    ],
)
def test_read_listed_point_owner_and_due_of_a_note_or_a_table_row(point, owner, due):
    from meetings.importer.decisions import read_listed_point

    reading = read_listed_point(point)

    assert (reading.owner, reading.due) == (owner, due)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # Told as history: "had" before the verb, or an earlier year, is no decision of this meeting.
        ("The MAG had unanimously agreed to rotate the chairs.", None),
        ("Last year the MAG agreed to rotate the chairs.", None),
        # No agreement, or support only some gave.
        ("No consensus was reached on the overall theme.", None),
        ("The MAG expressed limited support for the new track.", None),
        ("Agreement was reached among a few members on the theme.", None),
        ("The theme was endorsed by a few members.", None),
        # Part of the MAG agreeing is neither the MAG's decision nor, without work given, an action.
        ("Members who attended agreed to hold an extra call.", None),
        # ... and when it gives itself work, an action, still not a decision.
        ("Several members agreed to hold an extra call.", "action"),
        ("Those present agreed to hold an extra call.", "action"),
        ("The host country agreed to provide interpretation.", "action"),
        # The whole MAG, the agreed changes, a verb after "and" whose subject is the MAG.
        ("The schedule was approved by all MAG members.", "decision"),
        ("The changes agreed upon are listed in the annex.", "decision"),
        ("The agreed changes are listed in the annex.", "decision"),
        ("The agreed-upon themes are listed below.", "decision"),
        ("The MAG met and agreed to hold a call.", "decision"),
        ("The themes decided upon are listed in the annex.", "decision"),
        # What was agreed, named in a relative clause, is referred to, not decided here.
        ("The text that was agreed by the working group is attached.", None),
        ("The session that was agreed is listed in the annex.", None),
        # The minutes' labels decide, whatever follows them.
        ("Decision: the themes are final.", "decision"),
    ],
)
def test_read_sentence_neither_guard_history_minority_and_no_agreement(sentence, kind):
    assert read_sentence(sentence).kind == kind


@pytest.mark.parametrize(
    ("sentence", "owner", "due"),
    [
        ("Action: Secretariat to circulate the draft by 30 June.", "Secretariat", "30 June"),
        ("Action: the Chair to send the letter.", "Chair", ""),
        # A pronoun names no owner: the tracker shows none rather than "They".
        ("They will circulate the notes by 30 June.", "", "30 June"),
        ("It will circulate the notes by 30 June.", "", "30 June"),
        ("We will circulate the notes by 30 June.", "", "30 June"),
        ("He will send the notes.", "", ""),
        ("She will send the notes.", "", ""),
        # "it" or "she" is whoever said so; a pronoun that says so names no one.
        ("The Secretariat said that it would circulate the notes.", "Secretariat", ""),
        ("The Chair announced that she would send the letter.", "Chair", ""),
        ("They said that they would circulate the notes.", "", ""),
        ("It said that it would send the notes.", "", ""),
        ("He said that he would send the notes.", "", ""),
        ("She said that she would send the notes.", "", ""),
        ("We said that we would send the notes.", "", ""),
        # A connective before the owner is not part of their name.
        ("The MAG met, and Ms. Okafor will draft the description.", "Ms. Okafor", ""),
        ("The MAG met, then Ms. Okafor will draft the description.", "Ms. Okafor", ""),
        ("The Chair asked for volunteers to draft the description.", "Volunteers", ""),
        # When a meeting takes place is not when the task is due.
        (
            "The call will take place on 13 September and the Secretariat will circulate the notes by "
            "20 September.",
            "Secretariat",
            "20 September",
        ),
    ],
)
def test_read_sentence_action_label_pronoun_and_event_date(sentence, owner, due):
    assert read_sentence(sentence) == Reading(kind="action", owner=owner, due=due)


@pytest.mark.parametrize(
    ("due", "meeting_date", "year", "expected"),
    [
        ("the Next meeting", AUGUST_30, 2016, SEPTEMBER_13),
        ("Sept. 30", AUGUST_30, None, datetime.date(2016, 9, 30)),
        ("September 30", AUGUST_30, None, datetime.date(2016, 9, 30)),
        ("30 September", None, None, None),  # no year to read it in
        ("30 September", None, 2016, datetime.date(2016, 9, 30)),
        ("the beginning of October", AUGUST_30, None, datetime.date(2016, 10, 1)),
        ("the start of October", AUGUST_30, None, datetime.date(2016, 10, 1)),
        ("the middle of October", AUGUST_30, None, datetime.date(2016, 10, 15)),
        ("30 August", AUGUST_30, None, AUGUST_30),  # the meeting's own day stays in its year
        ("29 August", AUGUST_30, None, datetime.date(2017, 8, 29)),
    ],
)
def test_due_date_of_each_way_a_report_writes_it(due, meeting_date, year, expected):
    assert due_date(due, meeting_date=meeting_date, year=year, next_meeting=SEPTEMBER_13) == expected


@pytest.mark.parametrize(
    ("sentence", "kind", "owner"),
    [
        # "would" is a task only when someone said so (or the Secretariat, the Chair ... is its subject).
        ("The youth coalition would send the notes.", None, ""),
        ("The notes would be circulated by the Secretariat.", None, ""),
        ("The Secretariat said the notes would be circulated by the Chair.", "action", "Chair"),
        # "to be circulated" names the notes; "are to be circulated" gives the task.
        ("The notes to be circulated by the Secretariat are listed.", None, ""),
        ("The notes are to be circulated by the Secretariat.", "action", "Secretariat"),
        # A part of the MAG takes a task only by offering: "will" of some members is a view of the future.
        ("Several members volunteered to draft the paper.", "action", "Several members"),
        ("A few members offered to draft the paper.", "action", "A few members"),
        ("Some members will draft the paper.", None, ""),
        # Told as history.
        ("The Secretariat had agreed to draft the paper.", None, ""),
    ],
)
def test_read_sentence_action_would_to_be_and_a_part_of_the_mag(sentence, kind, owner):
    reading = read_sentence(sentence)

    assert (reading.kind, reading.owner) == (kind, owner)


def test_split_sentences_after_a_question_or_an_exclamation():
    text = "Was the theme agreed? The MAG agreed on it. Really! The Secretariat will circulate it."

    assert split_sentences(text) == [
        "Was the theme agreed?",
        "The MAG agreed on it.",
        "Really!",
        "The Secretariat will circulate it.",
    ]


@pytest.mark.parametrize("sentence", ["The Chair called for volunteers.", "The Chair asked for volunteers."])
def test_read_sentence_call_for_volunteers_is_their_action(sentence):
    assert read_sentence(sentence) == Reading(kind="action", owner="Volunteers")


@pytest.mark.parametrize(
    ("sentence", "kind", "owner", "due"),
    [
        # The owner as the report names it: a name beginning with an X keeps it, quotes go.
        ("Xavier Dupont will send the notes.", "action", "Xavier Dupont", ""),
        ("'The youth coalition' will send the notes.", "action", "Youth coalition", ""),
        ("Also the Chair will send the letter.", "action", "Chair", ""),
        ("The IGF Secretariat will send the letter.", "action", "Secretariat", ""),
        # What someone said about others: the others are the owners, not the one who said it.
        (
            "The Secretariat said that MAG members who would like to join will send their names.",
            "action",
            "MAG members",
            "",
        ),
        # A later task in the sentence when the first is no one's.
        (
            "Some members will draft the paper and the Secretariat will circulate it.",
            "action",
            "Secretariat",
            "",
        ),
        ("The notes still to be circulated by the Secretariat are listed.", "action", "Secretariat", ""),
        # A second task's owner begins after the "and" that ends the first task.
        (
            "Last year the MAG agreed to hold a call and the Secretariat will circulate the notes by 3 May.",
            "action",
            "Secretariat",
            "3 May",
        ),
        # A contraction is a task's "will", with a straight or a typographic apostrophe.
        ("Members'll send their comments by 12 March.", "action", "MAG members", "12 March"),
        ("The Secretariat’ll circulate the draft.", "action", "Secretariat", ""),
        # The next meeting a task is for, after "at" or "during".
        (
            "The co-facilitators will present an outline at the next virtual meeting.",
            "action",
            "Co-facilitators",
            "the next virtual meeting",
        ),
        # An adverb between the owner and the verb is not part of the owner.
        ("Several members then agreed to draft a note.", "action", "Several members", ""),
        # Who and when in brackets after the task, when the sentence names neither.
        ("The revised timeline will be circulated (Secretariat, 1 June).", "action", "Secretariat", "1 June"),
        ("The notes will be shared (see the annex).", "action", "", ""),
        ("The website will show the themes and the Secretariat will update it.", "action", "Secretariat", ""),
        ("The Chair informed members the Secretariat will circulate the notes.", "action", "Secretariat", ""),
        # A pronoun after a colon is whoever said so.
        ("The Chair said: She will send the letter.", "action", "Chair", ""),
        # An earlier year after the task, or a "by" before it, is not the task's.
        (
            "The notes will be circulated by the Secretariat, as agreed last year.",
            "action",
            "Secretariat",
            "",
        ),
        ("Proposals sent by the youth coalition will be circulated.", "action", "", ""),
        # A date after "by" is when, not who.
        ("The notes will be circulated by June 30.", "action", "", "June 30"),
        # A pronoun after an action label names no one.
        ("Action: they will circulate the notes.", "action", "", ""),
        # Hedged, background, or asked for by a part of the MAG: no task.
        ("Perhaps the Secretariat will circulate the notes.", None, "", ""),
        ("Although the Secretariat will circulate the notes, the theme is open.", None, "", ""),
        ("Some members asked the Secretariat to circulate the notes.", None, "", ""),
        # ... but a part of the MAG the task is for does not stop it.
        (
            "The Chair asked the Secretariat to circulate the notes to some members.",
            "action",
            "Secretariat",
            "",
        ),
    ],
)
def test_read_sentence_owner_when_a_name_a_pronoun_or_a_second_task_is_in_the_sentence(
    sentence, kind, owner, due
):
    assert read_sentence(sentence) == Reading(kind=kind, owner=owner, due=due)


@pytest.mark.parametrize(
    "sentence",
    [
        # A first cue that is not a decision does not stop the reading of the next one.
        "The text that was agreed by the working group is attached and the schedule was approved.",
        "No agreement was reached on the theme and the MAG decided to postpone it.",
        "The theme was agreed among some members and the schedule was approved.",
        "The theme was adopted by a few members and the schedule was approved.",
        "Members who attended agreed to hold an extra call and the MAG agreed to hold a retreat.",
        # The MAG's subject through adverbs, "and", and a hyphen for a space.
        "The MAG met and then also agreed to keep the theme.",
        "The members also agreed to keep the theme.",
        "The agreed-changes to the schedule are listed in the annex.",
        # An outcome agreed in the past, by another body, as a reason, or still to be agreed, beside one
        # decided now.
        "The schedule was approved, which the MAG had agreed upon in May.",
        "The schedule was approved, and the themes agreed upon by the CSTD were noted.",
        "The schedule was approved since the MAG agreed upon the themes.",
        "The schedule was approved and the themes should be agreed upon.",
        # The "some" of "after some discussion" is no part of the MAG (read as neither before).
        "The MAG, after some discussion, decided on the theme.",
        # Only the words before the verb are its subject: "some members" after it are not.
        "The MAG agreed to keep the theme after some members had left.",
    ],
)
def test_read_sentence_decision_after_a_cue_that_is_not_one(sentence):
    assert read_sentence(sentence) == Reading(kind="decision")


def test_read_sentence_outcome_still_to_be_agreed_is_neither():
    assert read_sentence("The themes should be agreed upon.") == Reading(kind=None)


@pytest.mark.parametrize(
    ("point", "due"),
    [
        # The due date is the value after the label's colon, even with a time in it, without its full stop.
        (
            "Circulate the call (Owner: Secretariat; Deadline: 22 February, 10:00 UTC)",
            "22 February, 10:00 UTC",
        ),
        ("Circulate the call (Owner: Secretariat; Deadline: 22 February.)", "22 February"),
    ],
)
def test_read_listed_point_due_with_a_colon_or_a_full_stop(point, due):
    from meetings.importer.decisions import read_listed_point

    assert read_listed_point(point).due == due


@pytest.mark.parametrize(
    ("due", "meeting_date", "year", "expected"),
    [
        # The meeting's date rolls a day before it into the next year; the year alone is enough without it.
        ("29 August", AUGUST_30, 2016, datetime.date(2017, 8, 29)),
        ("30 September", None, 2016, datetime.date(2016, 9, 30)),
    ],
)
def test_date_actions_reads_each_due_with_the_meeting_date_and_year(due, meeting_date, year, expected):
    from types import SimpleNamespace

    from meetings.importer.decisions import date_actions

    action = SimpleNamespace(due=due, due_date=None)

    date_actions(
        [SimpleNamespace(decisions=[action])], meeting_date=meeting_date, year=year, next_meeting=SEPTEMBER_13
    )

    assert action.due_date == expected


@pytest.mark.parametrize(
    ("sentence", "kind", "owner", "due"),
    [
        # A note-form task with no subject, then a second task's owner after "and".
        (
            "Will circulate the draft and Ms. Okafor will send it to members.",
            "action",
            "Ms. Okafor",
            "",
        ),
        # An owner whose words hold an "and" keeps them, when no other task's verb is among them.
        (
            "Volunteers for the sessions and the tracks will draft the plan and send it to members.",
            "action",
            "Volunteers for the sessions and the tracks",
            "",
        ),
        # A task after an event verb, found by the coordinated pattern.
        (
            "The working group will meet every two weeks and report back to the MAG.",
            "action",
            "Working group",
            "",
        ),
        # An instruction is a task only with a date; a future task before it keeps its owner.
        ("Members should send their scores by 28 June.", "action", "MAG members", "28 June"),
        ("Members should consider the options.", None, "", ""),
        (
            "Ms. Okafor will circulate the list and members should send their scores by 28 June.",
            "action",
            "Ms. Okafor",
            "28 June",
        ),
        # Typographic opening quotes are quotes: the owner is named without them.
        ("\u2018The youth coalition\u2019 will send the notes.", "action", "Youth coalition", ""),
        # Brackets give what the sentence lacks: a due date beside a named owner, or no owner at all.
        ("The Secretariat will circulate the notes (1 June).", "action", "Secretariat", "1 June"),
        ("The notes will be circulated (1 June).", "action", "", "1 June"),
        # A participle after a determiner describes a thing; the group's verb after it still counts.
        ("For the reduced programme the MAG agreed on three tracks.", "decision", "", ""),
        ("Members were asked to send comments on the merged proposals.", "action", "MAG members", ""),
        # The group's verb after "and" is its own, unless what came before reported or asked.
        ("The MAG discussed the proposal and agreed to include it.", "decision", "", ""),
        ("Members noted that the host had discussed it and agreed to help.", None, "", ""),
        ("The MAG discussed whether to shorten it and agreed to decide later.", None, "", ""),
    ],
)
def test_read_sentence_each_rule_at_its_edge(sentence, kind, owner, due):
    assert read_sentence(sentence) == Reading(kind=kind, owner=owner, due=due)


@pytest.mark.parametrize(
    ("point", "owner"),
    [
        ("Draft the plan (Working group on youth engagement, 1 June)", "Working group on youth engagement"),
        # More than five words in brackets are not an owner's name.
        ("Draft the plan (the working group on youth engagement, 1 June)", ""),
    ],
)
def test_read_listed_point_bracketed_owner_of_up_to_five_words(point, owner):
    from meetings.importer.decisions import read_listed_point

    assert read_listed_point(point).owner == owner


@pytest.mark.parametrize("initial", ["A", "M", "Z"])
def test_split_sentences_a_single_capital_and_a_full_stop_is_an_initial(initial):
    text = f"The report was sent by {initial}. Smith. Then members met."

    assert split_sentences(text) == [f"The report was sent by {initial}. Smith.", "Then members met."]

"""The Secretariat's choices in the import preview, applied to what the importer read
(decisions.apply_staff_kinds, as import_report calls it before saving)."""

import datetime

import pytest

from meetings.importer.decisions import apply_staff_kinds
from meetings.importer.interpret import interpret_document
from tests.meetings.importer.documents import plain_document

CIRCULATE = "The Secretariat will circulate the call for workshops by {due}."
COMMENTS = "Members will send their comments before the next meeting."


def read_report(date, cycle, due):
    """A report whose "Next steps" repeat paragraph 2's two actions: the importer counts them once,
    in paragraph 2, so the summary's points (positions 4 and 5) record nothing until staff say so."""
    circulate = CIRCULATE.format(due=due)
    return interpret_document(
        plain_document(
            f"IGF {cycle} MAG Virtual Meeting",
            date,
            f"1. The MAG met online to plan the {cycle} cycle.",
            f"2. Several members spoke. {circulate} The MAG agreed to open the call in January. {COMMENTS}",
            "3. The next MAG meeting will take place on 14 January 2020.",
            "Next steps",
            circulate,
            COMMENTS,
        )
    )


def recorded(item):
    return [(d.kind, d.text[:30], d.owner, d.due, d.due_date, d.found_by) for d in item.decisions]


@pytest.mark.parametrize(
    ("date", "cycle", "due", "due_date"),
    [
        # In the cycle's year, not the meeting's.
        ("Tuesday, 10 December 2019", 2020, "20 December", datetime.date(2020, 12, 20)),
        # A day before the meeting falls in the next year.
        ("Wednesday, 10 April 2019", 2019, "15 March", datetime.date(2020, 3, 15)),
    ],
)
def test_summary_points_staff_confirm_as_actions_are_staff_actions_with_their_owner_and_due_date(
    date, cycle, due, due_date
):
    report = read_report(date, cycle, due)
    assert [item.decisions for item in report.items[3:]] == [[], []]

    apply_staff_kinds(report, {(4, 0): "action", (5, 0): "action"})

    assert [recorded(item) for item in report.items[3:]] == [
        [("action", "The Secretariat will circulate", "Secretariat", due, due_date, "staff")],
        [("action", COMMENTS[:30], "MAG members", "the next meeting", datetime.date(2020, 1, 14), "staff")],
    ]


def test_action_staff_set_as_a_decision_keeps_no_owner_or_due_date_and_the_sentences_left_are_as_read():
    report = read_report("Tuesday, 10 December 2019", 2020, "20 December")
    paragraph = report.items[1]
    before = recorded(paragraph)

    # The second sentence only; the first (neither), third (a decision) and fourth (an action) as read.
    apply_staff_kinds(report, {(2, 1): "decision"})

    assert recorded(paragraph) == [
        ("decision", "The Secretariat will circulate", "", "", None, "staff"),
        before[1],
        before[2],
    ]
    assert [kind for kind, *_ in before] == ["action", "decision", "action"]
    assert [recorded(item) for item in report.items if item is not paragraph] == [[], [], [], []]

"""An agenda item's sentences as the Secretariat sets them (meetings.sentences)."""

import datetime

import pytest

from meetings.models import Decision, Origin, UpcomingMeeting
from meetings.sentences import item_sentences, set_sentence_kinds
from tests.factories import make_agenda_item, make_decision, make_meeting

pytestmark = pytest.mark.django_db

TEXT = (
    "The MAG met. The schedule was approved. "
    "The Secretariat will send the draft agenda before the next meeting. Members thanked the host."
)


def make_item():
    meeting = make_meeting(date=datetime.date(2016, 8, 30), cycle_year=2016)
    item = make_agenda_item(meeting=meeting, text=TEXT)
    make_decision(agenda_item=item, text="The schedule was approved.", origin=Origin.IMPORT)
    UpcomingMeeting.objects.create(
        title="MAG Virtual Meeting VII",
        date=datetime.date(2016, 9, 13),
        announced_in=meeting,
        agenda_item=item,
    )
    return item


def test_item_sentences_give_what_the_importer_reads_and_what_the_item_records():
    item = make_item()

    rows = item_sentences(item)

    assert [(row.read_as, row.kind) for row in rows] == [
        ("neither", "neither"),
        ("decision", "decision"),
        ("action", "neither"),
        ("neither", "neither"),
    ]


def test_set_sentence_kinds_adds_changes_and_removes_as_staff_work_in_sentence_order():
    item = make_item()
    action = "The Secretariat will send the draft agenda before the next meeting."

    changed = set_sentence_kinds(
        item=item,
        kinds={action: "action", "The schedule was approved.": "neither", "The MAG met.": "neither"},
    )

    assert changed == 2  # "The MAG met." was neither already
    assert [(d.kind, d.text, d.origin, d.owner, d.due_date) for d in item.decisions.order_by("position")] == [
        ("action", action, Origin.STAFF, "Secretariat", datetime.date(2016, 9, 13))
    ]
    assert item.not_decisions == ["The schedule was approved."]

    set_sentence_kinds(
        item=item, kinds={"The schedule was approved.": "decision", "Members thanked the host.": "action"}
    )

    assert [(d.position, d.kind, d.origin) for d in item.decisions.order_by("position")] == [
        (1, "decision", Origin.STAFF),
        (2, "action", Origin.STAFF),
        (3, "action", Origin.STAFF),
    ]
    assert item.not_decisions == []


def test_set_sentence_kinds_refuses_an_unknown_kind_and_changes_nothing():
    item = make_item()

    with pytest.raises(ValueError, match="unknown kind 'maybe'"):
        set_sentence_kinds(item=item, kinds={"The MAG met.": "maybe"})

    assert Decision.objects.filter(agenda_item=item).count() == 1

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import AgendaItem, Annotation, Decision, Meeting, UpcomingMeeting
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_mag_member,
    make_meeting,
    make_secretariat_user,
)

pytestmark = pytest.mark.django_db


def test_agenda_item_position_is_unique_per_meeting():
    item = make_agenda_item(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_agenda_item(meeting=item.meeting, position=1)


def test_agenda_item_numbers_may_repeat():
    meeting = make_meeting()
    make_agenda_item(meeting=meeting, position=9, number="8")
    make_agenda_item(meeting=meeting, position=10, number="8")
    assert list(meeting.items.values_list("number", flat=True)) == ["8", "8"]


def test_meeting_source_sha256_is_unique_when_set():
    make_meeting(source_sha256="a" * 64)
    make_meeting(source_sha256="")
    make_meeting(source_sha256="")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(source_sha256="a" * 64)


def test_meeting_end_date_cannot_precede_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_meeting(date=datetime.date(2016, 7, 14), end_date=datetime.date(2016, 7, 12))


def test_meeting_absolute_url_uses_slug():
    meeting = make_meeting(slug="virtual-mag-vi")
    assert meeting.get_absolute_url() == "/meetings/virtual-mag-vi/"


def test_agenda_item_absolute_url_points_at_its_anchor():
    item = make_agenda_item(meeting=make_meeting(slug="m"), position=10, number="8")
    assert item.get_absolute_url() == "/meetings/m/#item-10"


def test_decision_str_is_shortened():
    decision = make_decision(text="x" * 200)
    assert str(decision) == "x" * 79 + "…"


def test_decisions_of_drafts_are_hidden_from_anonymous_users():
    published = make_decision(agenda_item=make_agenda_item(meeting=make_meeting()))
    make_decision(agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)))
    assert list(Decision.objects.visible_to(AnonymousUser())) == [published]
    assert Decision.objects.visible_to(make_mag_member()).count() == 2


def test_agenda_items_of_drafts_are_hidden_from_anonymous_users():
    published = make_agenda_item(meeting=make_meeting())
    draft = make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT))

    assert list(AgendaItem.objects.visible_to(AnonymousUser())) == [published]
    assert sorted(AgendaItem.objects.visible_to(make_mag_member()), key=lambda i: i.pk) == [published, draft]


def test_upcoming_meetings_are_those_announced_and_not_held_yet():
    announced_in = make_meeting()
    held = make_meeting(title="MAG Virtual Meeting VII")
    waiting = UpcomingMeeting.objects.create(
        title="MAG Virtual Meeting VIII", date=datetime.date(2016, 10, 4), announced_in=announced_in
    )
    UpcomingMeeting.objects.create(
        title="MAG Virtual Meeting VII",
        date=datetime.date(2016, 9, 13),
        announced_in=announced_in,
        held_as=held,
    )

    assert list(UpcomingMeeting.objects.upcoming()) == [waiting]


def test_upcoming_meeting_announced_in_a_paragraph_of_another_meeting_is_refused():
    announced_in = make_meeting()
    elsewhere = make_agenda_item(meeting=make_meeting())
    upcoming = UpcomingMeeting(
        title="MAG Virtual Meeting VIII",
        date=datetime.date(2016, 10, 4),
        announced_in=announced_in,
        agenda_item=elsewhere,
    )

    with pytest.raises(ValidationError) as refused:
        upcoming.full_clean()

    assert refused.value.message_dict == {
        "agenda_item": ["The announcing paragraph must be a paragraph of the announcing meeting."]
    }


def test_upcoming_meeting_links_to_the_paragraph_that_announced_it():
    announced_in = make_meeting(slug="mag-meeting-vi")
    item = make_agenda_item(meeting=announced_in, position=7)
    upcoming = UpcomingMeeting(
        title="MAG Virtual Meeting VIII",
        date=datetime.date(2016, 10, 4),
        announced_in=announced_in,
        agenda_item=item,
    )
    upcoming.full_clean()

    assert upcoming.get_absolute_url() == "/meetings/mag-meeting-vi/#item-7"
    upcoming.agenda_item = None
    assert upcoming.get_absolute_url() == "/meetings/mag-meeting-vi/"


def test_annotations_visible_by_role():
    item = make_agenda_item()
    internal = make_annotation(agenda_item=item, visibility=Annotation.Visibility.SECRETARIAT)
    shared = make_annotation(agenda_item=item, visibility=Annotation.Visibility.MEMBERS)
    assert list(Annotation.objects.visible_to(AnonymousUser())) == []
    assert list(Annotation.objects.visible_to(make_mag_member())) == [shared]
    assert sorted(Annotation.objects.visible_to(make_secretariat_user()), key=lambda a: a.pk) == [
        internal,
        shared,
    ]


def test_imported_annotation_defaults_to_secretariat_only():
    assert make_annotation().visibility == Annotation.Visibility.SECRETARIAT

"""The permission matrix: every page, feed, export and admin page as each role, on published and draft data.

Each role (anonymous, an inactive account, a signed-in user with no role, MAG member, a MAG member
who is also staff without the Secretariat group, secretariat, superuser) gets the expected status
from every URL (the draft grid versions' pages among them), and no response body (HTML, Atom, JSON,
iCalendar or Word) carries anything the
role may not see: draft titles and decisions, unpublished grids, annotations beyond the role's
visibility, nor counts of them.
"""

import datetime
import io
import re
import zipfile

import pytest

from meetings.models import Annotation, Meeting
from meetings.roles import SECRETARIAT
from schedule.versions import record_schedule_version
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_mag_member,
    make_meeting,
    make_secretariat_user,
    make_session,
    make_slot,
    make_user,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "inactive", "no-role", "member", "member-staff", "secretariat", "superuser"]
#: Which column of ``urls()`` holds a role's expected status: an inactive account and a
#: signed-in user with no role are as good as signed out, a superuser sees what the secretariat
#: sees, and a MAG member with staff status reaches the admin site but none of its models.
COLUMN = {
    "anonymous": 1,
    "inactive": 1,
    "no-role": 1,
    "member": 2,
    "member-staff": 4,
    "secretariat": 3,
    "superuser": 3,
}

DRAFT_TITLE = "Zanzibar draft meeting"
DRAFT_DECISION = "It was agreed that the quokka retreat would go ahead."
DRAFT_EVENT = "Unpublished Yellowknife forum"
MEMBERS_NOTE = "Members may read this pelican note."
SECRETARIAT_NOTE = "Secretariat only: the walrus budget."
DRAFT_ACTION = "The Secretariat will count the wombats by 30 June."

#: What each role may see of the restricted texts above.
VISIBLE = {
    "anonymous": set(),
    "inactive": set(),
    "no-role": set(),
    "superuser": {DRAFT_TITLE, DRAFT_DECISION, DRAFT_ACTION, DRAFT_EVENT, MEMBERS_NOTE, SECRETARIAT_NOTE},
    "member": {DRAFT_TITLE, DRAFT_DECISION, DRAFT_ACTION, DRAFT_EVENT, MEMBERS_NOTE},
    # Staff status opens the admin's door, not the secretariat's notes.
    "member-staff": {DRAFT_TITLE, DRAFT_DECISION, DRAFT_ACTION, DRAFT_EVENT, MEMBERS_NOTE},
    "secretariat": {DRAFT_TITLE, DRAFT_DECISION, DRAFT_ACTION, DRAFT_EVENT, MEMBERS_NOTE, SECRETARIAT_NOTE},
}
RESTRICTED = [DRAFT_TITLE, DRAFT_DECISION, DRAFT_ACTION, DRAFT_EVENT, MEMBERS_NOTE, SECRETARIAT_NOTE]


@pytest.fixture
def data():
    event = make_event(slug="igf-2016", title="IGF 2016")
    session = make_session(event=event, title="Trade Agreements and the Internet")
    make_slot(session=session)
    draft_event = make_event(slug="igf-draft", title=DRAFT_EVENT, is_published=False)
    make_slot(session=make_session(event=draft_event, title="Session of the draft grid"))

    published = make_meeting(slug="published-meeting", title="Published meeting", event=event)
    item = make_agenda_item(meeting=published, text="The MAG met. The schedule was approved.")
    public_decision = make_decision(agenda_item=item, text="The schedule was approved.", session=session)
    make_annotation(agenda_item=item, text=MEMBERS_NOTE, visibility=Annotation.Visibility.MEMBERS)
    make_annotation(agenda_item=item, text=SECRETARIAT_NOTE, visibility=Annotation.Visibility.SECRETARIAT)

    draft = make_meeting(
        slug="draft-meeting", title=DRAFT_TITLE, status=Meeting.Status.DRAFT, event=draft_event
    )
    draft_item = make_agenda_item(meeting=draft, text=f"The MAG met. {DRAFT_DECISION}")
    # A draft decision shaping a session of the published grid must not show there either.
    draft_decision = make_decision(agenda_item=draft_item, text=DRAFT_DECISION, session=session)
    make_decision(
        agenda_item=item,
        kind="action",
        text="The Secretariat will publish the schedule.",
        owner="Secretariat",
        due_date=datetime.date(2016, 9, 30),
    )
    draft_actions = make_agenda_item(meeting=draft, text=f"The MAG met again. {DRAFT_ACTION}")
    make_decision(
        agenda_item=draft_actions,
        kind="action",
        text=DRAFT_ACTION,
        owner="Secretariat",
        due_date=datetime.date(2016, 6, 30),
    )
    # Each grid has a recorded version, circulated by its meeting.
    record_schedule_version(event=event, meeting=published, approved=True)
    draft_event_version = record_schedule_version(event=draft_event, meeting=draft, approved=False)
    # The draft meeting's annex also carries another grid of the published event: a draft version.
    renamed = {
        "start_date": event.start_date.isoformat(),
        "sessions": [{"id": None, "title": "Trade and the Internet", "kind": "main", "slots": []}],
    }
    draft_version = record_schedule_version(event=event, meeting=draft, approved=False, snapshot=renamed)
    return {
        "public_decision": public_decision,
        "draft_decision": draft_decision,
        "draft_event_version": draft_event_version,
        "draft_version": draft_version,
        "item": item,
    }


def readable(response) -> str:
    """A response's text; for a Word document, the text of every XML part in it (it is a zip)."""
    if not response["Content-Type"].startswith("application/vnd.openxmlformats"):
        return response.content.decode()
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        return "".join(package.read(name).decode() for name in package.namelist() if name.endswith(".xml"))


def sign_in(client, role):
    if role == "member":
        client.force_login(make_mag_member())
    elif role == "secretariat":
        client.force_login(make_secretariat_user())
    elif role == "superuser":
        client.force_login(make_user(is_staff=True, is_superuser=True))
    elif role == "no-role":
        client.force_login(make_user())
    elif role == "member-staff":
        client.force_login(make_mag_member(is_staff=True))
    elif role == "inactive":
        # A secretariat account that was switched off keeps nothing of its rights.
        client.force_login(make_user(group=SECRETARIAT, is_staff=True, is_active=False))


def urls(data):
    """(url, status for: anonymous, a MAG member, the secretariat, a MAG member with staff status)."""
    public, draft = data["public_decision"], data["draft_decision"]
    return [
        ("/", 200, 200, 200, 200),
        ("/meetings/", 200, 200, 200, 200),
        ("/meetings/?kind=virtual", 200, 200, 200, 200),
        ("/meetings/published-meeting/", 200, 200, 200, 200),
        ("/meetings/draft-meeting/", 404, 200, 200, 200),
        ("/meetings/published-meeting.docx", 200, 200, 200, 200),
        ("/meetings/draft-meeting.docx", 404, 200, 200, 200),
        ("/meetings/no-such-meeting.docx", 404, 404, 404, 404),
        ("/meetings/no-such-meeting/", 404, 404, 404, 404),
        ("/decisions/", 200, 200, 200, 200),
        ("/decisions/?q=quokka", 200, 200, 200, 200),
        ("/decisions/?q=walrus", 200, 200, 200, 200),
        ("/decisions/?meeting=draft-meeting", 200, 200, 200, 200),
        ("/decisions/?cycle_year=2016&kind=decision", 200, 200, 200, 200),
        (public.get_absolute_url(), 200, 200, 200, 200),
        (draft.get_absolute_url(), 404, 200, 200, 200),
        ("/decisions/feed/", 200, 200, 200, 200),
        ("/actions/", 200, 200, 200, 200),
        ("/actions/?status=open&owner=Secretariat&cycle_year=2016", 200, 200, 200, 200),
        ("/actions/feed/", 200, 200, 200, 200),
        ("/actions/calendar.ics", 200, 200, 200, 200),
        ("/actions/calendar.ics?owner=Secretariat", 200, 200, 200, 200),
        ("/accounts/login/", 200, 200, 200, 200),
        ("/admin/", 302, 302, 200, 200),
        ("/schedule/", 200, 200, 200, 200),
        ("/schedule/igf-2016/", 200, 200, 200, 200),
        ("/schedule/igf-2016.ics", 200, 200, 200, 200),
        ("/schedule/igf-2016.json", 200, 200, 200, 200),
        ("/schedule/igf-draft/", 404, 200, 200, 200),
        ("/schedule/igf-draft.ics", 404, 200, 200, 200),
        ("/schedule/igf-draft.json", 404, 200, 200, 200),
        ("/schedule/igf-2016/changes/", 200, 200, 200, 200),
        ("/schedule/igf-2016/versions/1/", 200, 200, 200, 200),
        ("/schedule/igf-draft/changes/", 404, 200, 200, 200),
        (data["draft_event_version"].get_absolute_url(), 404, 200, 200, 200),
        (data["draft_version"].get_absolute_url(), 404, 200, 200, 200),
        ("/schedule/igf-2016/versions/2/", 404, 404, 404, 404),
        ("/health/", 200, 200, 200, 200),
        ("/admin/meetings/meeting/", 302, 302, 200, 403),
        ("/admin/meetings/meeting/import/", 302, 302, 200, 403),
        ("/admin/meetings/annotation/", 302, 302, 200, 403),
        ("/admin/meetings/decision/", 302, 302, 200, 403),
        (f"/admin/meetings/agendaitem/{data['item'].pk}/change/", 302, 302, 200, 403),
        ("/admin/schedule/event/", 302, 302, 200, 403),
        ("/admin/schedule/scheduleversion/", 302, 302, 200, 403),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_with_the_expected_status(client, data, role):
    sign_in(client, role)
    column = COLUMN[role]

    statuses = {url: client.get(url).status_code for url, *_ in urls(data)}

    assert statuses == {row[0]: row[column] for row in urls(data)}


@pytest.mark.parametrize("role", ROLES)
def test_no_body_shows_a_role_what_it_may_not_see(client, data, role):
    sign_in(client, role)

    leaks = {}
    for url, *_ in urls(data):
        body = readable(client.get(url))
        found = sorted(text for text in RESTRICTED if text in body and text not in VISIBLE[role])
        if found:
            leaks[url] = found

    assert leaks == {}


@pytest.mark.parametrize("role", ROLES)
def test_feed_never_carries_drafts_or_annotations(client, data, role):
    sign_in(client, role)

    body = client.get("/decisions/feed/").content.decode()

    assert [text for text in RESTRICTED if text in body] == []
    assert sorted(re.findall(r"<summary[^>]*>(.*?)</summary>", body)) == [
        "The Secretariat will publish the schedule.",
        "The schedule was approved.",
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", []),
        ("inactive", []),
        ("no-role", []),
        ("member", [DRAFT_DECISION]),
        ("member-staff", [DRAFT_DECISION]),
    ],
)
def test_search_finds_and_counts_drafts_only_for_those_who_may_see_them(client, data, role, expected):
    sign_in(client, role)

    response = client.get("/decisions/", {"q": "quokka"})

    assert [d.text for d in response.context["decisions"]] == expected
    assert re.findall(r'<p class="result-count" role="status">(\d+) decision', response.content.decode()) == [
        str(len(expected))
    ]


@pytest.mark.parametrize("role", ROLES)
def test_search_never_reaches_annotations(client, data, role):
    sign_in(client, role)

    response = client.get("/decisions/", {"q": "walrus"})

    assert list(response.context["decisions"]) == []


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", []),
        ("inactive", []),
        ("no-role", []),
        ("member", [MEMBERS_NOTE]),
        ("member-staff", [MEMBERS_NOTE]),
        ("secretariat", [MEMBERS_NOTE, SECRETARIAT_NOTE]),
        ("superuser", [MEMBERS_NOTE, SECRETARIAT_NOTE]),
    ],
)
def test_report_shows_each_role_exactly_its_annotations(client, data, role, expected):
    sign_in(client, role)

    body = client.get("/meetings/published-meeting/").content.decode()

    assert re.findall(r'<p class="annotation__text">(.*?)</p>', body) == expected
    assert len(re.findall(r'<aside class="annotations"', body)) == (1 if expected else 0)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 1), ("no-role", 1), ("member", 2), ("member-staff", 2), ("secretariat", 2)],
)
def test_meeting_list_counts_only_visible_meetings(client, data, role, expected):
    sign_in(client, role)

    response = client.get("/meetings/")

    assert len(response.context["meetings"]) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", []),
        ("inactive", []),
        ("no-role", []),
        # A circulated Word file cannot keep members' and Secretariat notes apart: members get none.
        ("member", []),
        ("member-staff", []),
        ("secretariat", [MEMBERS_NOTE, SECRETARIAT_NOTE]),
        ("superuser", [MEMBERS_NOTE, SECRETARIAT_NOTE]),
    ],
)
def test_word_export_carries_annotations_only_in_the_secretariats_copy(client, data, role, expected):
    sign_in(client, role)

    body = readable(client.get("/meetings/published-meeting.docx"))

    assert [text for text in (MEMBERS_NOTE, SECRETARIAT_NOTE) if text in body] == expected
    assert ("<w:comment " in body) == bool(expected)

"""Admin history pages answer 404 for an address whose object or version id is not an id."""

import pytest
from django.urls import reverse

from tests.factories import make_agenda_item, make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/admin/meetings/meeting/{meeting}/history/abc/",
        "/admin/meetings/meeting/{meeting}/history/1.5/",
        "/admin/meetings/meeting/abc/history/",
        "/admin/meetings/meeting/abc/history/1/",
        "/admin/meetings/agendaitem/abc/history/",
        "/admin/meetings/agendaitem/{item}/history/9x/",
        "/admin/schedule/event/abc/history/",
        "/admin/meetings/meeting/999999/history/1/",
        "/admin/meetings/meeting/{meeting}/history/999999/",
    ],
)
def test_admin_history_malformed_or_unknown_id_is_not_found(client, secretariat_user, path):
    item = make_agenda_item()
    make_event()
    client.raise_request_exception = False
    client.force_login(secretariat_user)

    response = client.get(path.format(meeting=item.meeting_id, item=item.pk))

    assert response.status_code == 404


def test_admin_history_of_a_real_version_still_opens(client, secretariat_user):
    item = make_agenda_item()
    version = item.meeting.history.first()
    client.force_login(secretariat_user)

    response = client.get(
        reverse("admin:meetings_meeting_simple_history", args=[item.meeting_id, version.history_id])
    )

    assert response.status_code == 200
    assert item.meeting.title in response.text

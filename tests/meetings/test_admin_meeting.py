"""The Secretariat's meeting page: workable for a report of 60 paragraphs."""

import datetime
import re

import pytest

from meetings.models import Decision, UpcomingMeeting
from tests.factories import make_agenda_item, make_decision, make_meeting

pytestmark = pytest.mark.django_db

LONG_TITLE = "IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI"


def long_report(paragraphs: int):
    meeting = make_meeting(title=LONG_TITLE)
    for position in range(1, paragraphs + 1):
        item = make_agenda_item(
            meeting=meeting,
            position=position,
            number=str(position),
            section="Preparations for the 11th IGF" if position > 30 else "Opening",
            text=f"Paragraph {position}: the MAG discussed the main sessions of the annual meeting at "
            "length, and what the Secretariat would do next about the workshop evaluation.",
        )
        if position % 10 == 0:
            make_decision(agenda_item=item, text="It was agreed.")
            make_decision(agenda_item=item, text="The Secretariat will write.", kind=Decision.Kind.ACTION)
    return meeting


def change_page(client, meeting):
    return client.get(f"/admin/meetings/meeting/{meeting.pk}/change/").content.decode()


def test_meeting_change_page_lists_60_paragraphs_compactly_in_order(client, secretariat_user):
    meeting = long_report(60)
    client.force_login(secretariat_user)

    html = change_page(client, meeting)

    rows = re.findall(r'<tr class="form-row has_original" id="items-(\d+)">', html)
    assert len(rows) == 60
    numbers = re.findall(r'<td class="field-number"><a href="/admin/meetings/agendaitem/(\d+)/change/"', html)
    assert numbers == [str(item.pk) for item in meeting.items.order_by("position")]
    assert '<td class="field-decision_summary" title="1 decision, 1 action">1 decision, 1 action</td>' in html
    assert '<td class="field-first_words" title="Paragraph 7: the MAG discussed the main sessions' in html
    # No label repeating the meeting's title on each paragraph, and no text areas.
    assert html.count(LONG_TITLE) < 5
    assert "<textarea" not in html


def test_meeting_change_page_queries_do_not_grow_with_paragraphs(
    client, secretariat_user, django_assert_max_num_queries
):
    client.force_login(secretariat_user)
    small, large = long_report(10), long_report(60)
    change_page(client, small)

    with django_assert_max_num_queries(20):
        change_page(client, small)
    with django_assert_max_num_queries(20):
        change_page(client, large)


def test_meeting_change_page_saves_with_its_paragraph_list(client, secretariat_user):
    meeting = long_report(3)
    client.force_login(secretariat_user)
    page = client.get(f"/admin/meetings/meeting/{meeting.pk}/change/")
    form = page.context["adminform"].form
    # As the page sends it: the version the meeting was opened at too (a change form without it is refused).
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"title": "A shorter title", "date": "2016-08-30", "cycle_year": "2016"})
    inline = page.context["inline_admin_formsets"][0]
    data.update({f"items-{key}": value for key, value in _formset_data(inline)})

    response = client.post(f"/admin/meetings/meeting/{meeting.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    meeting.refresh_from_db()
    assert (meeting.title, meeting.items.count()) == ("A shorter title", 3)


def _formset_data(inline):
    formset = inline.formset
    yield from [("TOTAL_FORMS", formset.total_form_count()), ("INITIAL_FORMS", formset.initial_form_count())]
    for index, form in enumerate(formset.forms):
        yield f"{index}-id", form.instance.pk
        yield f"{index}-meeting", form.instance.meeting_id


def test_meeting_change_page_gives_the_title_a_wide_field(client, secretariat_user):
    meeting = make_meeting(title=LONG_TITLE)
    client.force_login(secretariat_user)

    html = change_page(client, meeting)

    assert '<link href="/static/css/admin.css" media="all" rel="stylesheet">' in html


def test_upcoming_meeting_change_page_refuses_a_paragraph_of_another_meeting(client, secretariat_user):
    announcing = make_meeting()
    item = make_agenda_item(meeting=announcing, position=4)
    elsewhere = make_agenda_item(meeting=make_meeting(), position=9)
    upcoming = UpcomingMeeting.objects.create(
        title="MAG Virtual Meeting VII",
        date=datetime.date(2016, 9, 13),
        announced_in=announcing,
        agenda_item=item,
    )
    client.force_login(secretariat_user)
    url = f"/admin/meetings/upcomingmeeting/{upcoming.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update({"date": "2016-09-13", "agenda_item": str(elsewhere.pk)})

    response = client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "agenda_item": ["The announcing paragraph must be a paragraph of the announcing meeting."]
    }
    upcoming.refresh_from_db()
    assert upcoming.agenda_item == item

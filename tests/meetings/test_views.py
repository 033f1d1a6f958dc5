import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from meetings.importer.services import import_report
from meetings.models import Decision, Meeting, UpcomingMeeting
from meetings.pagination import CappedPaginator
from tests.factories import (
    make_agenda_item,
    make_annotation,
    make_decision,
    make_event,
    make_footnote,
    make_meeting,
    make_session,
    make_upcoming_meeting,
)
from tests.html import by_class, page, text, texts
from tests.meetings.importer.documents import SEED_DOCX
from tests.sample_data import make_sample_report
from tests.schedule.sample_grid import make_igf_2016_grid

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def anchors(html: str) -> list[str]:
    return re.findall(r'id="(item-\d+)"', html)


def report_header(response) -> dict:
    """The report's header as shown: its line above the title, the title, and each fact with its
    value, the dates (``<time datetime>``) and the links in it."""
    (header,) = page(response).xpath(f"//header[{by_class('report__header')}]")
    return {
        "eyebrow": texts(header, "p[@class='eyebrow']"),
        "title": texts(header, "h1"),
        "facts": [
            (
                text(fact.xpath("dt")[0]),
                text(fact.xpath("dd")[0]),
                fact.xpath("dd//time/@datetime"),
                [(link.get("href"), link.get("rel")) for link in fact.xpath("dd//a")],
            )
            for fact in header.xpath("dl[@class='facts']/div")
        ],
    }


def marked(html: str) -> list[str]:
    return re.findall(r'<mark class="decision" id="decision-\d+">(.*?)</mark>', html, re.S)


@pytest.fixture
def report():
    return make_sample_report(event=make_igf_2016_grid())


# Home


def test_home_lists_published_meetings_newest_first_without_drafts(client):
    older = make_meeting(title="July meeting", date=datetime.date(2016, 7, 12))
    newer = make_meeting(title="August meeting", date=datetime.date(2016, 8, 30))
    make_meeting(title="Secret draft meeting", status=Meeting.Status.DRAFT, date=datetime.date(2016, 9, 1))

    response = client.get("/")

    assert response.status_code == 200
    assert list(response.context["meetings"]) == [newer, older]
    assert "Secret draft meeting" not in response.content.decode()


def test_home_links_the_latest_published_event_grid(client):
    day = datetime.date
    make_event(title="IGF 2015", slug="igf-2015", start_date=day(2015, 11, 10), end_date=day(2015, 11, 13))
    latest = make_event(title="IGF 2016", slug="igf-2016")
    make_event(slug="igf-2017", is_published=False, start_date=day(2017, 12, 18), end_date=day(2017, 12, 21))

    response = client.get("/")

    assert response.context["event"] == latest
    html = response.content.decode()
    assert re.findall(r'<a class="button" href="([^"]+)">Main session grid', html) == ["/schedule/igf-2016/"]


def test_home_lists_latest_decisions_of_published_meetings(client, report):
    make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)), text="Draft decision"
    )

    response = client.get("/")

    expected = list(
        Decision.objects.filter(agenda_item__meeting=report).order_by("agenda_item__position", "position")
    )
    assert list(response.context["decisions"]) == expected[:5]


# Meetings list


def test_meeting_list_groups_meetings_by_cycle_year_newest_first(client):
    make_meeting(title="Meeting of 2015", cycle_year=2015, date=datetime.date(2015, 6, 1))
    make_meeting(title="Meeting of 2016", cycle_year=2016, date=datetime.date(2016, 6, 1))

    html = client.get("/meetings/").content.decode()

    assert re.findall(r'<h2 id="cycle-(\d+)">', html) == ["2016", "2015"]
    assert html.index("Meeting of 2016") < html.index("cycle-2015") < html.index("Meeting of 2015")


def test_meeting_list_filters_by_kind(client):
    make_meeting(title="The virtual one", kind=Meeting.Kind.VIRTUAL)
    face_to_face = make_meeting(title="The face-to-face one", kind=Meeting.Kind.FACE_TO_FACE)

    response = client.get("/meetings/", {"kind": "face_to_face"})

    assert list(response.context["meetings"]) == [face_to_face]


def test_meeting_list_unknown_kind_shows_an_error_and_no_meetings(client):
    make_meeting()

    response = client.get("/meetings/", {"kind": "picnic"})

    assert response.status_code == 200
    assert list(response.context["meetings"]) == []
    assert response.context["form"].errors == {
        "kind": ["Select a valid choice. picnic is not one of the available choices."]
    }


def test_meeting_list_shows_drafts_with_a_badge_to_mag_members(client, mag_member):
    make_meeting(title="Draft meeting", status=Meeting.Status.DRAFT)
    client.force_login(mag_member)

    html = client.get("/meetings/").content.decode()

    assert re.findall(r'Draft meeting</a>\s*<span class="badge badge--draft">Draft</span>', html) != []


def test_meeting_list_counts_decisions_and_actions_of_each_meeting(client, report):
    response = client.get("/meetings/")

    assert [(m.slug, m.decision_count, m.action_count) for m in response.context["meetings"]] == [
        (report.slug, 5, 2)
    ]


# The report


def test_report_anchors_every_paragraph_by_position_and_shows_printed_numbers(client, report):
    html = client.get(report.get_absolute_url()).content.decode()

    assert anchors(html) == [f"item-{n}" for n in range(1, 11)]
    assert re.findall(r'class="paragraph__number[^"]*" href="#item-\d+"[^>]*>(\d+)\.', html) == [
        "1", "2", "3", "4", "5", "6", "7", "8", "8", "9",
    ]  # fmt: skip


def test_report_says_a_printed_number_is_used_twice_at_its_second_use(client, report):
    html = client.get(report.get_absolute_url()).content.decode()

    repeated = re.findall(r'class="paragraph__number paragraph__number--repeated" href="#(item-\d+)"', html)
    assert repeated == ["item-9"]
    assert (
        'aria-label="Paragraph 8 again: the report numbers two paragraphs 8"' in html
        and '8.<span class="paragraph__again" aria-hidden="true">again</span></a>' in html
    )


def test_report_shows_heading_date_kind_chair_recording_and_annex(client, report):
    response = client.get(report.get_absolute_url())

    assert report_header(response) == {
        "eyebrow": ["Virtual MAG meeting · 2016 cycle"],
        "title": ["IGF Virtual Multistakeholder Advisory Group (MAG) Meeting VI"],
        "facts": [
            ("Date", "30 August 2016", ["2016-08-30"], []),
            ("Chair", "Ms. Lynn St. Amour", [], []),
            (
                "Recording",
                "Recording of the meeting",
                [],
                [("https://we.tl/DG7i3EoMR8", "noopener nofollow")],
            ),
            (
                "Annex",
                "Main session grid: The 2016 Internet Governance Forum (IGF)",
                [],
                [("/schedule/igf-2016/", None)],
            ),
        ],
    }


def test_report_shows_a_date_range_for_a_meeting_of_several_days(client):
    meeting = make_meeting(date=datetime.date(2016, 7, 12), end_date=datetime.date(2016, 7, 14))

    response = client.get(meeting.get_absolute_url())

    assert report_header(response)["facts"] == [("Date", "12–14 July 2016", ["2016-07-12", "2016-07-14"], [])]


def test_report_marks_each_decision_sentence_and_links_its_page(client, report):
    response = client.get(report.get_absolute_url())
    html = response.content.decode()

    decisions = Decision.objects.filter(agenda_item__meeting=report).order_by(
        "agenda_item__position", "position"
    )
    assert marked(html) == [d.text for d in decisions]
    assert re.findall(r'<a class="decision-link" href="(/decisions/\d+/)">', html) == [
        d.get_absolute_url() for d in decisions
    ]


def test_report_escapes_imported_text_and_decisions(client):
    item = make_agenda_item(text='Before. It was agreed to <script>alert("x")</script> now. After.')
    make_decision(agenda_item=item, text='It was agreed to <script>alert("x")</script> now.')

    html = client.get(item.meeting.get_absolute_url()).content.decode()

    assert "<script>" not in html
    assert marked(html) == ["It was agreed to &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; now."]


def test_report_lists_a_decision_not_found_in_its_paragraph_below_it(client):
    item = make_agenda_item(text="The MAG met.")
    decision = make_decision(agenda_item=item, text="Reworded by staff.")

    html = client.get(item.meeting.get_absolute_url()).content.decode()

    assert marked(html) == []
    assert re.findall(r'paragraph__decisions">.*?<a href="([^"]+)">Reworded by staff.</a>', html, re.S) == [
        decision.get_absolute_url()
    ]


def test_report_links_footnote_marks_to_notes_and_back(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    notes = list(report.items.get(position=1).footnotes.order_by("pk"))

    assert re.findall(
        r'<sup class="footnote-ref" id="footnote-ref-(\d+)"><a href="#footnote-(\d+)"', html
    ) == [(str(n.pk), str(n.pk)) for n in notes]
    assert re.findall(r'<a class="footnote__back" href="#footnote-ref-(\d+)"', html) == [
        str(n.pk) for n in notes
    ]
    assert re.findall(r'<li id="footnote-(\d+)">', html) == [str(n.pk) for n in notes]


def test_report_makes_footnote_urls_links_with_noopener_nofollow(client, report):
    html = client.get(report.get_absolute_url()).content.decode()
    notes_html = html[html.index('id="notes"') :]

    assert re.findall(r'<a href="([^"]+)" rel="noopener nofollow">', notes_html) == [
        "http://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "811-summary-2nd-oc-and-mag-meeting-12-14july-finalv2/file",
        "https://www.intgovforum.org/cms/documents/igf-meeting/igf-2016/magmeetings/"
        "899-summary-report-mag-virtual-meeting-main-session-planning-24-august-2",
    ]


def test_report_links_only_http_https_and_mailto(client):
    item = make_agenda_item(text="See javascript:alert(1) and mailto:mag@example.org.")
    make_footnote(
        agenda_item=item,
        text="Cited: ftp://example.org/x and https://example.org/y).",
        urls=["javascript:alert(2)"],
    )
    item.meeting.recording_url = "javascript:alert(3)"
    item.meeting.save()

    html = client.get(item.meeting.get_absolute_url()).content.decode()

    assert re.findall(r'<a href="([^"]+)" rel="noopener nofollow">', html) == [
        "mailto:mag@example.org",
        "https://example.org/y",
    ]
    assert 'href="javascript' not in html


def test_report_links_the_annex_grid_of_its_event(client, report):
    html = client.get(report.get_absolute_url()).content.decode()

    assert (
        '<a href="/schedule/igf-2016/">Main session grid: The 2016 Internet Governance Forum (IGF)</a>'
        in html
    )


def test_report_hides_the_grid_link_of_an_unpublished_event_from_the_public(client, mag_member):
    meeting = make_meeting(event=make_event(slug="igf-draft", title="IGF draft", is_published=False))

    public = client.get(meeting.get_absolute_url())
    client.force_login(mag_member)
    member = client.get(meeting.get_absolute_url())

    assert [fact[0] for fact in report_header(public)["facts"]] == ["Date"]
    assert report_header(member)["facts"][1:] == [
        ("Annex", "Main session grid: IGF draft", [], [("/schedule/igf-draft/", None)])
    ]
    assert re.findall(r'href="(/schedule/igf-draft/)"', public.content.decode()) == []


def test_report_of_a_draft_is_not_found_for_the_public(client):
    meeting = make_meeting(status=Meeting.Status.DRAFT)

    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_report_of_a_draft_shows_a_draft_badge_to_mag_members(client, mag_member):
    meeting = make_meeting(status=Meeting.Status.DRAFT)
    client.force_login(mag_member)

    response = client.get(meeting.get_absolute_url())

    assert report_header(response)["eyebrow"] == ["Virtual MAG meeting · 2016 cycle Draft"]
    assert texts(page(response), f"//header//span[{by_class('badge--draft')}]") == ["Draft"]


def annotation_texts(html: str) -> list[str]:
    return re.findall(r'<p class="annotation__text">(.*?)</p>', html, re.S)


def test_report_shows_no_annotations_to_the_public(client, report):
    html = client.get(report.get_absolute_url()).content.decode()

    assert annotation_texts(html) == []
    assert "Lynn St Amour" not in html
    assert "Really just a standard conference format." not in html
    assert "We need updated proposals" not in html


def test_report_shows_mag_members_only_the_annotations_shared_with_them(client, report, mag_member):
    client.force_login(mag_member)

    html = client.get(report.get_absolute_url()).content.decode()

    assert annotation_texts(html) == ["Really just a standard conference format."]
    assert "We need updated proposals" not in html


def test_report_shows_the_secretariat_every_annotation_beside_its_paragraph(client, report, secretariat_user):
    client.force_login(secretariat_user)

    html = client.get(report.get_absolute_url()).content.decode()

    asides = re.findall(r'<div class="paragraph paragraph--annotated" id="(item-\d+)">.*?<aside', html, re.S)
    assert asides == ["item-7", "item-9"]
    assert [text[:30] for text in annotation_texts(html)] == [
        "Really just a standard confere",
        "We need updated proposals ASAP",
    ]
    assert re.findall(
        r'<p class="annotation__meta"><strong>(.*?)</strong> · <time datetime="([^"]+)">', html
    ) == [
        ("Lynn St Amour", "2016-09-02T14:30:00+00:00"),
        ("Lynn St Amour", "2016-09-02T14:30:00+00:00"),
    ]
    anchor = report.items.get(position=7).annotations.get().anchor
    assert re.findall(r'<blockquote class="annotation__anchor">(.*?)</blockquote>', html, re.S)[0] == anchor
    assert re.findall(r'<span class="badge badge--secretariat">(.*?)</span>', html) == ["Secretariat only"]


def test_report_escapes_annotation_text(client, secretariat_user):
    make_annotation(text="<b>bold</b>", anchor="<i>anchor</i>", author="<em>A</em>")
    client.force_login(secretariat_user)

    html = client.get(Meeting.objects.get().get_absolute_url()).content.decode()

    assert annotation_texts(html) == ["&lt;b&gt;bold&lt;/b&gt;"]
    assert "<i>anchor</i>" not in html
    assert "<em>A</em>" not in html


def test_report_shows_section_headings_once(client):
    meeting = make_meeting()
    make_agenda_item(meeting=meeting, section="Main sessions")
    make_agenda_item(meeting=meeting, section="Main sessions")
    make_agenda_item(meeting=meeting, section="Other business")

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert re.findall(r'<h3 class="section-heading">(.*?)</h3>', html) == ["Main sessions", "Other business"]


# Decisions browser


def test_decision_list_shows_newest_meeting_first_in_report_order(client):
    old_item = make_agenda_item(meeting=make_meeting(date=datetime.date(2015, 1, 1)))
    new_item = make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 1, 1)))
    old = make_decision(agenda_item=old_item)
    new_second = make_decision(agenda_item=new_item, position=2)
    new_first = make_decision(agenda_item=new_item, position=1)

    response = client.get("/decisions/")

    assert list(response.context["decisions"]) == [new_first, new_second, old]


def test_decision_list_links_each_result_to_its_paragraph_and_page(client, report):
    decision = Decision.objects.get(kind=Decision.Kind.ACTION, agenda_item__position=2)

    html = client.get("/decisions/", {"kind": "action"}).content.decode()

    assert re.findall(r'decision-row__text"><a href="([^"]+)">', html) == [
        decision.get_absolute_url(),
        Decision.objects.get(agenda_item__position=9).get_absolute_url(),
    ]
    assert re.findall(r'decision-row__links"><a href="([^"]+)">Paragraph (\d+) in the report', html) == [
        (f"{report.get_absolute_url()}#item-2", "2"),
        (f"{report.get_absolute_url()}#item-9", "8"),
    ]


def test_decision_list_filters_by_cycle_year_meeting_and_kind(client):
    meeting_2015 = make_meeting(cycle_year=2015, date=datetime.date(2015, 5, 1))
    meeting_2016 = make_meeting(cycle_year=2016)
    d2015 = make_decision(agenda_item=make_agenda_item(meeting=meeting_2015))
    d2016 = make_decision(agenda_item=make_agenda_item(meeting=meeting_2016))
    a2016 = make_decision(agenda_item=make_agenda_item(meeting=meeting_2016), kind=Decision.Kind.ACTION)

    def results(**params):
        return list(client.get("/decisions/", params).context["decisions"])

    assert results(cycle_year="2015") == [d2015]
    assert results(meeting=meeting_2016.slug) == [d2016, a2016]
    assert results(meeting=meeting_2016.slug, kind="action") == [a2016]
    assert results(cycle_year="2015", kind="action") == []


def test_decision_list_rejects_a_draft_meeting_as_if_it_did_not_exist(client):
    draft = make_meeting(status=Meeting.Status.DRAFT, title="Hidden draft")
    make_decision(agenda_item=make_agenda_item(meeting=draft))

    response = client.get("/decisions/", {"meeting": draft.slug})

    assert list(response.context["decisions"]) == []
    assert response.context["form"].errors == {
        "meeting": ["Select a valid choice. That choice is not one of the available choices."]
    }
    assert "Hidden draft" not in response.content.decode()


def test_decision_list_offers_only_years_and_meetings_the_user_may_see(client):
    make_meeting(title="Published 2016", cycle_year=2016)
    make_meeting(title="Draft 2017", cycle_year=2017, status=Meeting.Status.DRAFT)

    form = client.get("/decisions/").context["form"]

    assert list(form.fields["cycle_year"].choices)[1:] == [(2016, 2016)]
    assert [str(m) for m in form.fields["meeting"].queryset] == ["Published 2016"]


def test_decision_list_searches_decision_text(client, report):
    response = client.get("/decisions/", {"q": "virtual meeting schedule approved"})

    assert [d.text for d in response.context["decisions"]] == [
        "The virtual meeting schedule was approved by the MAG."
    ]


def make_retreat_decisions():
    """A decision saying "retreat" in an old meeting, and one only its paragraph mentions in a newer one."""
    old = make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(date=datetime.date(2015, 1, 1))),
        text="The retreat was approved.",
    )
    new = make_decision(
        agenda_item=make_agenda_item(
            meeting=make_meeting(date=datetime.date(2016, 1, 1)),
            text="A retreat was discussed. It was agreed.",
        ),
        text="It was agreed.",
    )
    return old, new


def test_decision_list_search_shows_newest_first_by_default(client):
    old, new = make_retreat_decisions()

    response = client.get("/decisions/", {"q": "retreat"})

    assert list(response.context["decisions"]) == [new, old]
    assert response.context["form"]["sort"].value() is None


@pytest.mark.needs("postgresql")  # ranking by its full-text search
def test_decision_list_search_shows_best_match_first_when_asked(client):
    old, new = make_retreat_decisions()

    response = client.get("/decisions/", {"q": "retreat", "sort": "best_match"})

    assert list(response.context["decisions"]) == [old, new]


def test_decision_list_sorted_by_best_match_without_a_search_is_newest_first(client):
    old, new = make_retreat_decisions()

    response = client.get("/decisions/", {"sort": "best_match"})

    assert list(response.context["decisions"]) == [new, old]


def test_decision_list_offers_newest_first_and_best_match_and_refuses_other_orders(client):
    make_retreat_decisions()

    offered = client.get("/decisions/").context["form"].fields["sort"].choices
    refused = client.get("/decisions/", {"sort": "oldest"})

    assert [str(label) for _, label in offered] == ["Newest first", "Best match"]
    assert list(refused.context["decisions"]) == []
    assert refused.context["form"].errors["sort"] == [
        "Select a valid choice. oldest is not one of the available choices."
    ]


def test_decision_list_shows_drafts_to_members_in_the_same_order(client, mag_member):
    draft = make_decision(
        agenda_item=make_agenda_item(
            meeting=make_meeting(date=datetime.date(2017, 1, 1), status=Meeting.Status.DRAFT)
        ),
        text="The retreat is planned.",
    )
    old, new = make_retreat_decisions()
    client.force_login(mag_member)

    listed = client.get("/decisions/")
    searched = client.get("/decisions/", {"q": "retreat"})

    assert list(listed.context["decisions"]) == [draft, new, old]
    assert list(searched.context["decisions"]) == [draft, new, old]


def test_decision_list_paginates_by_25_and_keeps_the_filters(client):
    item = make_agenda_item()
    for _ in range(26):
        make_decision(agenda_item=item, kind=Decision.Kind.ACTION)
    make_decision(agenda_item=item, kind=Decision.Kind.DECISION)

    first = client.get("/decisions/", {"kind": "action"})
    second = client.get("/decisions/", {"kind": "action", "page": "2"})

    assert len(first.context["decisions"]) == 25
    assert len(second.context["decisions"]) == 1
    assert re.findall(r'<a rel="next" href="([^"]+)"', first.content.decode()) == ["?kind=action&amp;page=2"]
    assert re.findall(r'<a rel="prev" href="([^"]+)"', second.content.decode()) == ["?kind=action&amp;page=1"]


def test_decision_list_out_of_range_page_is_not_found(client):
    make_decision()

    assert client.get("/decisions/", {"page": "7"}).status_code == 404


# One decision


def test_decision_detail_shows_kind_meeting_and_paragraph_in_context(client, report):
    decision = Decision.objects.get(agenda_item__position=9)

    html = client.get(decision.get_absolute_url()).content.decode()

    assert re.findall(r'<h1 class="decision__text">(.*?)</h1>', html) == [decision.text]
    assert '<span class="badge badge--action">Action</span>' in html
    assert f'<a href="{report.get_absolute_url()}">{report.title}</a>' in html
    assert f'<a href="{report.get_absolute_url()}#item-9">Paragraph 8</a>' in html
    assert marked(html) == [decision.text]
    assert re.findall(r'class="decision-link"', html) == []


def test_decision_detail_links_its_session_in_the_grid(client, report):
    decision = Decision.objects.get(session__isnull=False)

    html = client.get(decision.get_absolute_url()).content.decode()

    session = decision.session
    assert f'<a href="/schedule/igf-2016/#session-{session.pk}">Trade Agreements and the Internet</a>' in html


def test_decision_detail_hides_a_session_of_an_unpublished_grid_from_the_public(client):
    session = make_session(event=make_event(is_published=False), title="Secret session")
    decision = make_decision(session=session)

    html = client.get(decision.get_absolute_url()).content.decode()

    assert "Secret session" not in html


def test_decision_detail_of_a_draft_is_not_found_for_the_public(client):
    decision = make_decision(agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)))

    assert client.get(decision.get_absolute_url()).status_code == 404


# Feed


def test_feed_lists_newest_published_decisions_as_atom(client, report):
    make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)), text="Draft only"
    )

    response = client.get("/decisions/feed/")
    feed = ET.fromstring(response.content)

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    entries = feed.findall(f"{ATOM}entry")
    expected = Decision.objects.filter(agenda_item__meeting=report).order_by(
        "agenda_item__position", "position"
    )
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        f"http://testserver{d.get_absolute_url()}" for d in expected
    ]
    assert entries[0].find(f"{ATOM}title").text == f"Action, paragraph 2 of {report.title}"
    assert entries[0].find(f"{ATOM}summary").text == expected[0].text


def test_feed_names_its_author_as_atom_requires(client, report):
    feed = ET.fromstring(client.get("/decisions/feed/").content)

    assert [author.findtext(f"{ATOM}name") for author in feed.findall(f"{ATOM}author")] == ["IGF Secretariat"]


def test_favicon_is_served_as_an_icon(client):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Content-Type"]) == (200, "image/x-icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_feed_is_limited_to_50_entries(client):
    item = make_agenda_item()
    for _ in range(51):
        make_decision(agenda_item=item)

    feed = ET.fromstring(client.get("/decisions/feed/").content)

    assert len(feed.findall(f"{ATOM}entry")) == 50


def test_feed_escapes_decision_text_as_html(client):
    make_decision(text="<img src=x onerror=alert(1)>")

    feed = ET.fromstring(client.get("/decisions/feed/").content)

    assert feed.find(f"{ATOM}entry/{ATOM}summary").text == "&lt;img src=x onerror=alert(1)&gt;"


def test_feed_shows_no_drafts_even_to_the_secretariat(client, secretariat_user):
    make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)), text="Draft only"
    )
    client.force_login(secretariat_user)

    feed = ET.fromstring(client.get("/decisions/feed/").content)

    assert feed.findall(f"{ATOM}entry") == []


# Interface


def test_pages_render_in_spanish_for_a_spanish_browser(client):
    make_decision()

    html = client.get("/decisions/", headers={"accept-language": "es"}).content.decode()

    assert re.findall(r"<h1>(.*?)</h1>", html) == ["Decisiones"]
    assert '<html lang="es">' in html


def test_language_switcher_posts_to_set_language(client):
    html = client.get("/").content.decode()

    assert re.findall(r'<form class="language" action="([^"]+)" method="post">', html) == ["/i18n/setlang/"]
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/meetings/"})
    assert response.status_code == 302
    assert re.findall(r"<h1>(.*?)</h1>", client.get("/meetings/").content.decode()) == ["Reuniones"]


def test_pages_have_a_skip_link_and_no_inline_script(client, report, secretariat_user):
    client.force_login(secretariat_user)
    decision = Decision.objects.filter(agenda_item__meeting=report).first()
    for url in ["/", "/meetings/", report.get_absolute_url(), "/decisions/", decision.get_absolute_url(),
                "/accounts/login/"]:  # fmt: skip
        html = client.get(url).content.decode()
        assert re.findall(r'<a class="skip-link" href="#content">', html) == [
            '<a class="skip-link" href="#content">'
        ]
        assert re.findall(r"<script|\son\w+=", html) == [], url


def test_login_page_renders_the_sign_in_form(client):
    html = client.get("/accounts/login/").content.decode()

    assert re.findall(r'<label for="(id_\w+)">', html) == ["id_username", "id_password"]


def test_missing_page_is_not_found_in_the_site_layout(client):
    response = client.get("/meetings/no-such-meeting/")

    assert response.status_code == 404
    assert re.findall(r"<h1>(.*?)</h1>", response.content.decode()) == ["Page not found"]


def test_decision_filter_offers_meetings_of_the_chosen_cycle_year_only(client):
    older = make_meeting(title="Meeting of 2015", cycle_year=2015, date=datetime.date(2015, 5, 1))
    newer = make_meeting(title="Meeting of 2016", cycle_year=2016)

    def offered(**params):
        return client.get("/decisions/", params).context["form"]["meeting"].field.widget.choices

    default, chosen, linked = offered(), offered(cycle_year="2015"), offered(meeting=older.slug)

    assert default[1] == ("2016 cycle", [(newer.slug, "Meeting of 2016")])
    assert chosen[1] == ("2015 cycle", [(older.slug, "Meeting of 2015")])
    # A meeting named in the address stays selectable, whatever its year.
    assert linked[1] == ("2016 cycle", [(newer.slug, "Meeting of 2016"), (older.slug, "Meeting of 2015")])


def test_meeting_list_is_paginated_by_fifty(client):
    for day in range(1, 53):
        make_meeting(date=datetime.date(2016, 1, 1) + datetime.timedelta(days=day))

    first = client.get("/meetings/")
    second = client.get("/meetings/", {"page": 2})

    assert (len(first.context["meetings"]), len(second.context["meetings"])) == (50, 2)
    assert 'rel="next" href="?page=2"' in first.content.decode()


def test_report_shows_imported_footnote_marks_where_the_report_has_them(client):
    meeting = import_report(SEED_DOCX.read_bytes(), source_name="seed.docx", publish=True).meeting
    notes = list(meeting.items.get(position=1).footnotes.order_by("pk"))

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert re.findall(r'(\w+ \w+)<sup class="footnote-ref" id="footnote-ref-(\d+)">', html) == [
        ("MAG meeting", str(notes[0].pk)),
        ("session planning", str(notes[1].pk)),
    ]


def test_report_puts_footnote_marks_after_a_paragraph_edited_by_staff(client):
    meeting = import_report(SEED_DOCX.read_bytes(), source_name="seed.docx", publish=True).meeting
    item = meeting.items.get(position=1)
    item.text = "Rewritten by the Secretariat."
    item.save()

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert re.findall(r'paragraph__text">(.*?)</p>', html)[0] == (
        "Rewritten by the Secretariat."
        + "".join(
            f'<sup class="footnote-ref" id="footnote-ref-{n.pk}"><a href="#footnote-{n.pk}" '
            f'aria-label="Note {n.mark}">{n.mark}</a></sup>'
            for n in item.footnotes.order_by("pk")
        )
    )


def test_decision_list_past_the_count_limit_says_more_and_pages_on(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "count_limit", 30)
    item = make_agenda_item()
    for _ in range(60):
        make_decision(agenda_item=item)

    first = client.get("/decisions/").content.decode()
    third = client.get("/decisions/", {"page": "3"})
    third_html = third.content.decode()

    assert re.findall(r'role="status">([^<]+)</p>', first) == ["More than 30 decisions · page 1"]
    assert re.findall(r'<a rel="next" href="([^"]+)"', first) == ["?page=2"]
    assert len(third.context["decisions"]) == 10
    assert re.findall(r'<nav class="pagination".*?<span>([^<]+)</span>', third_html, re.S) == ["Page 3"]
    assert re.findall(r'<a rel="next"', third_html) == []
    assert client.get("/decisions/", {"page": "4"}).status_code == 404


def test_decision_filter_writes_the_meeting_options_escaped_with_the_chosen_one_selected(client):
    chosen = make_meeting(title='Meeting <one> & "two"', slug="meeting-one", cycle_year=2016)
    make_meeting(title="Meeting three", slug="meeting-three", cycle_year=2016, date=datetime.date(2016, 1, 1))

    html = client.get("/decisions/", {"meeting": chosen.slug}).content.decode()

    assert re.findall(r'<select name="meeting" id="id_meeting">(.*?)</select>', html, re.S) == [
        '\n  <option value="">All meetings</option>'
        '\n  <optgroup label="2016 cycle">'
        '\n  <option value="meeting-one" selected>Meeting &lt;one&gt; &amp; &quot;two&quot;</option>'
        '\n  <option value="meeting-three">Meeting three</option>'
        "\n  </optgroup>\n"
    ]


def test_decision_search_shows_the_matching_words_and_the_passage_of_the_paragraph(client):
    item = make_agenda_item(
        text="The Guadalajara host country briefed the MAG on the venue. It was agreed to meet again."
    )
    make_decision(agenda_item=item, text="It was agreed to meet again.")
    make_decision(text="It was agreed that the venue in Guadalajara stands.")

    html = client.get("/decisions/", {"q": "guadalajara"}).content.decode()

    assert re.findall(r'decision-row__text"><a href="[^"]+">(.*?)</a>', html) == [
        'It was agreed that the venue in <mark class="search-match">Guadalajara</mark> stands.',
        "It was agreed to meet again.",
    ]
    assert re.findall(r'decision-row__passage">(.*?)</p>', html) == [
        'The <mark class="search-match">Guadalajara</mark> host country briefed the MAG on the venue. '
        "It was agreed to meet again."
    ]


def test_decision_search_shows_no_passage_for_a_decision_whose_own_words_match(client):
    item = make_agenda_item(
        text="Guadalajara was discussed. It was agreed that Guadalajara hosts the meeting."
    )
    make_decision(agenda_item=item, text="It was agreed that Guadalajara hosts the meeting.")

    html = client.get("/decisions/", {"q": "guadalajara"}).content.decode()

    assert re.findall(r'decision-row__text"><a href="[^"]+">(.*?)</a>', html) == [
        'It was agreed that <mark class="search-match">Guadalajara</mark> hosts the meeting.'
    ]
    assert re.findall(r'decision-row__passage">(.*?)</p>', html) == []


def test_home_lists_announced_meetings_from_today_on_only(client):
    item = make_agenda_item()
    today = timezone.localdate()
    for title, days in (("Held yesterday", -1), ("Held today", 0), ("Next week", 7)):
        UpcomingMeeting.objects.create(
            title=title,
            date=today + datetime.timedelta(days=days),
            announced_in=item.meeting,
            agenda_item=item,
        )

    response = client.get("/")

    assert [upcoming.title for upcoming in response.context["upcoming"]] == ["Held today", "Next week"]


def test_meeting_list_counts_each_meetings_decisions_and_actions(client):
    busy = make_meeting(title="Busy meeting", date=datetime.date(2016, 9, 1))
    quiet = make_meeting(title="Quiet meeting", date=datetime.date(2016, 8, 1))
    for position in (1, 2):
        item = make_agenda_item(meeting=busy, position=position)
        make_decision(agenda_item=item, text="It was agreed.")
        make_decision(agenda_item=item, text="The Secretariat will write.", kind=Decision.Kind.ACTION)
    make_agenda_item(meeting=quiet)

    response = client.get("/meetings/")

    assert [(m.title, m.decision_count, m.action_count) for m in response.context["meetings"]] == [
        ("Busy meeting", 2, 2),
        ("Quiet meeting", 0, 0),
    ]
    assert re.findall(r"· (\d+ decisions?(?:, \d+ actions?)?)</span>", response.content.decode()) == [
        "2 decisions, 2 actions",
        "0 decisions",
    ]


def test_home_says_how_many_decisions_and_actions_each_latest_meeting_has(client):
    item = make_agenda_item(meeting=make_meeting(title="Busy meeting"))
    for _ in range(7):
        make_decision(agenda_item=item, text="It was agreed.")
    for _ in range(3):
        make_decision(agenda_item=item, text="The Secretariat will write.", kind=Decision.Kind.ACTION)
    client.cookies["django_language"] = "es"

    html = client.get("/").content.decode()

    assert "· 7 decisiones, 3 acciones</span>" in html


def test_decision_page_shows_its_paragraphs_footnote_marks_linked_to_the_report(client):
    meeting = import_report(SEED_DOCX.read_bytes(), source_name="seed.docx", publish=True).meeting
    item = meeting.items.get(position=1)
    decision = make_decision(
        agenda_item=item, text="The agenda for the meeting was focused on the annual meeting."
    )
    notes = list(item.footnotes.order_by("pk"))

    html = client.get(decision.get_absolute_url()).content.decode()

    assert re.findall(r'(\w+ \w+)<sup class="footnote-ref"><a href="([^"]+)"', html) == [
        ("MAG meeting", f"{meeting.get_absolute_url()}#footnote-{notes[0].pk}"),
        ("session planning", f"{meeting.get_absolute_url()}#footnote-{notes[1].pk}"),
    ]


# Announced meetings in the meetings list


def _announced_rows(html):
    return re.findall(
        r'<li class="meeting-row meeting-row--announced">\s*'
        r'<a class="meeting-row__title" href="([^"]+)">([^<]+)</a>',
        html,
    )


def test_meeting_list_shows_an_announced_meeting_in_date_order_marked_announced(client):
    announcing = make_meeting(title="Virtual MAG Meeting VI", date=datetime.date(2016, 8, 30))
    make_meeting(title="Virtual MAG Meeting V", date=datetime.date(2016, 8, 9))
    item = make_agenda_item(meeting=announcing, position=9)
    make_upcoming_meeting(agenda_item=item, title="Virtual MAG Meeting VII", date=datetime.date(2016, 9, 13))

    html = client.get("/meetings/").content.decode()

    titles = re.findall(r'class="meeting-row__title" href="[^"]+">([^<]+)</a>', html)
    assert titles == ["Virtual MAG Meeting VII", "Virtual MAG Meeting VI", "Virtual MAG Meeting V"]
    assert _announced_rows(html) == [(f"{announcing.get_absolute_url()}#item-9", "Virtual MAG Meeting VII")]
    assert '<span class="badge badge--announced">Announced</span>' in html
    assert '<time datetime="2016-09-13">13 September 2016</time>' in html


def test_meeting_list_links_an_announced_meeting_to_its_report_when_it_arrives(client):
    announcing = make_meeting(title="Virtual MAG Meeting VI", date=datetime.date(2016, 8, 30))
    upcoming = make_upcoming_meeting(
        agenda_item=make_agenda_item(meeting=announcing), date=datetime.date(2016, 9, 13)
    )
    held = make_meeting(title="Virtual MAG Meeting VII", date=datetime.date(2016, 9, 13))
    upcoming.held_as = held
    upcoming.save()

    html = client.get("/meetings/").content.decode()

    assert _announced_rows(html) == []
    assert (
        f'<a class="meeting-row__title" href="{held.get_absolute_url()}">Virtual MAG Meeting VII</a>' in html
    )
    assert upcoming.get_absolute_url() == held.get_absolute_url()


def test_meeting_list_keeps_an_announcement_held_as_a_draft_announced_for_the_public(client, mag_member):
    announcing = make_meeting(title="Virtual MAG Meeting VI", date=datetime.date(2016, 8, 30))
    draft = make_meeting(title="Zanzibar draft", date=datetime.date(2016, 9, 13), status=Meeting.Status.DRAFT)
    make_upcoming_meeting(
        agenda_item=make_agenda_item(meeting=announcing, position=4),
        title="Virtual MAG Meeting VII",
        date=datetime.date(2016, 9, 13),
        held_as=draft,
    )

    public = client.get("/meetings/").content.decode()
    client.force_login(mag_member)
    member = client.get("/meetings/").content.decode()

    assert _announced_rows(public) == [(f"{announcing.get_absolute_url()}#item-4", "Virtual MAG Meeting VII")]
    assert "Zanzibar" not in public
    assert _announced_rows(member) == []
    assert "Zanzibar draft" in member


def test_meeting_list_puts_each_announced_meeting_on_one_page_only(client, settings):
    for day in range(1, 61):
        make_meeting(title=f"Meeting {day}", date=datetime.date(2016, 1, 1) + datetime.timedelta(days=day))
    announcing = Meeting.objects.get(title="Meeting 30")
    for days in (
        0,
        9,
        10,
        11,
        40,
        70,
    ):  # around the first page's last meeting (Meeting 11), and past both ends
        make_upcoming_meeting(
            agenda_item=make_agenda_item(meeting=announcing, position=days + 1),
            title=f"Announced {days}",
            date=datetime.date(2016, 1, 1) + datetime.timedelta(days=days),
        )

    first = [title for _url, title in _announced_rows(client.get("/meetings/").content.decode())]
    second = [title for _url, title in _announced_rows(client.get("/meetings/?page=2").content.decode())]

    assert first == ["Announced 70", "Announced 40", "Announced 11"]
    assert second == ["Announced 10", "Announced 9", "Announced 0"]


def test_meeting_list_filtered_by_kind_shows_no_announcements(client):
    make_upcoming_meeting(date=datetime.date(2016, 9, 13))

    html = client.get("/meetings/?kind=virtual").content.decode()

    assert _announced_rows(html) == []

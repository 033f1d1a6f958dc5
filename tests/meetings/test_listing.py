"""The decisions list's order and published filter, and on PostgreSQL the trigger-kept copies behind them."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from meetings.importer.interpret import interpret_document
from meetings.importer.save import save_report
from meetings.listing import newest_first, newest_first_among_few, within_dates
from meetings.models import AgendaItem, Decision, Meeting
from meetings.search import search_decisions
from meetings.views import decisions_for_listing
from tests.factories import make_agenda_item, make_decision, make_meeting
from tests.meetings.importer.documents import seed_document

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.needs("postgresql")  # the copied columns
other_databases_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="no copied columns")

derived_fields = importlib.import_module("meetings.migrations.0012_decision_derived_fields_and_triggers")


def stale_decisions() -> list[tuple]:
    """Decisions whose copies differ from their meeting and paragraph (PostgreSQL), with both values."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT decision.id,
                   (decision.meeting_date, decision.meeting_pk, decision.item_position,
                    decision.meeting_is_published)::text,
                   (meeting.date, meeting.id, item.position, meeting.status = 'published')::text
            FROM meetings_decision decision
            JOIN meetings_agendaitem item ON item.id = decision.agenda_item_id
            JOIN meetings_meeting meeting ON meeting.id = item.meeting_id
            WHERE (decision.meeting_date, decision.meeting_pk, decision.item_position,
                   decision.meeting_is_published)
                  IS DISTINCT FROM (meeting.date, meeting.id, item.position, meeting.status = 'published')
            ORDER BY decision.id
            """
        )
        return cursor.fetchall()


def copies_of(decision: Decision) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT meeting_date, meeting_pk, item_position, meeting_is_published FROM meetings_decision"
            " WHERE id = %s",
            [decision.pk],
        )
        return cursor.fetchone()


def draft_and_published():
    draft = make_decision(agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)))
    published = make_decision()
    return draft, published


# The order and the filter, on every database


def test_newest_first_orders_by_meeting_date_then_meeting_then_paragraph_then_decision():
    old = make_decision(agenda_item=make_agenda_item(meeting=make_meeting(date=datetime.date(2015, 1, 1))))
    same_day_first = make_meeting(date=datetime.date(2016, 1, 1))
    same_day_second = make_meeting(date=datetime.date(2016, 1, 1))
    first_item = make_agenda_item(meeting=same_day_first)
    second_item = make_agenda_item(meeting=same_day_first)
    later_decision = make_decision(agenda_item=first_item, position=2)
    earlier_decision = make_decision(agenda_item=first_item, position=1)
    in_second_item = make_decision(agenda_item=second_item)
    of_later_meeting = make_decision(agenda_item=make_agenda_item(meeting=same_day_second))

    found = list(newest_first(Decision.objects.all()))

    assert found == [of_later_meeting, earlier_decision, later_decision, in_second_item, old]


def test_published_leaves_out_decisions_of_draft_meetings():
    draft, published = draft_and_published()

    assert list(Decision.objects.published()) == [published]
    assert list(Decision.objects.exclude(pk__in=Decision.objects.published())) == [draft]


def test_decisions_for_listing_shows_drafts_to_members_only(mag_member):
    draft, published = draft_and_published()

    assert list(decisions_for_listing(AnonymousUser())) == [published]
    assert sorted(decisions_for_listing(mag_member), key=lambda d: d.pk) == [draft, published]


def test_published_follows_a_meeting_published_and_unpublished():
    decision = make_decision(agenda_item=make_agenda_item(meeting=make_meeting(status=Meeting.Status.DRAFT)))
    meeting = decision.agenda_item.meeting

    meeting.status = Meeting.Status.PUBLISHED
    meeting.save()
    after_save = list(Decision.objects.published())
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)

    assert after_save == [decision]
    assert list(Decision.objects.published()) == []


def test_newest_first_follows_a_meeting_date_changed_in_bulk():
    first = make_decision(agenda_item=make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 1, 1))))
    second = make_decision(agenda_item=make_agenda_item(meeting=make_meeting(date=datetime.date(2015, 1, 1))))

    Meeting.objects.filter(pk=second.agenda_item.meeting_id).update(date=datetime.date(2017, 1, 1))

    assert list(newest_first(Decision.objects.all())) == [second, first]


# The copies (PostgreSQL)


@postgresql_only
def test_copies_are_written_with_a_new_decision():
    meeting = make_meeting(date=datetime.date(2016, 8, 30))
    decision = make_decision(agenda_item=make_agenda_item(meeting=meeting, position=4))

    assert copies_of(decision) == (datetime.date(2016, 8, 30), meeting.pk, 4, True)


@postgresql_only
def test_copies_follow_a_meeting_changed_by_save_and_by_update():
    decision = make_decision()
    meeting = decision.agenda_item.meeting

    meeting.date = datetime.date(2017, 3, 1)
    meeting.status = Meeting.Status.DRAFT
    meeting.save()
    after_save = copies_of(decision)
    Meeting.objects.filter(pk=meeting.pk).update(
        date=datetime.date(2018, 5, 2), status=Meeting.Status.PUBLISHED
    )

    assert after_save == (datetime.date(2017, 3, 1), meeting.pk, 1, False)
    assert copies_of(decision) == (datetime.date(2018, 5, 2), meeting.pk, 1, True)


@postgresql_only
def test_copies_follow_a_meeting_changed_in_the_admin(client, secretariat_user):
    decision = make_decision()
    meeting = decision.agenda_item.meeting
    client.force_login(secretariat_user)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    data = admin_form_data(client.get(url))

    response = client.post(url, {**data, "date": "2019-11-25", "status": Meeting.Status.DRAFT})

    assert response.status_code == 302
    assert copies_of(decision) == (datetime.date(2019, 11, 25), meeting.pk, 1, False)
    assert stale_decisions() == []


@postgresql_only
def test_copies_follow_a_paragraph_moved_to_another_meeting_and_renumbered():
    decision = make_decision()
    item = decision.agenda_item
    other = make_meeting(date=datetime.date(2019, 1, 1), status=Meeting.Status.DRAFT)

    item.meeting = other
    item.save()
    after_move = copies_of(decision)
    AgendaItem.objects.filter(pk=item.pk).update(position=7)

    assert after_move == (datetime.date(2019, 1, 1), other.pk, 1, False)
    assert copies_of(decision) == (datetime.date(2019, 1, 1), other.pk, 7, False)


@postgresql_only
def test_copies_follow_a_decision_moved_to_another_paragraph():
    decision = make_decision()
    other_meeting = make_meeting(date=datetime.date(2020, 2, 2))
    other_item = make_agenda_item(meeting=other_meeting, position=3)

    decision.agenda_item = other_item
    decision.save()
    after_save = copies_of(decision)
    Decision.objects.filter(pk=decision.pk).update(
        agenda_item=make_agenda_item(meeting=other_meeting, position=9)
    )

    assert after_save == (datetime.date(2020, 2, 2), other_meeting.pk, 3, True)
    assert copies_of(decision) == (datetime.date(2020, 2, 2), other_meeting.pk, 9, True)


@postgresql_only
def test_copies_of_bulk_created_decisions_and_of_rows_written_before_their_paragraph_and_meeting():
    item = make_agenda_item()
    Decision.objects.bulk_create([Decision(agenda_item=item, position=n, text="Agreed.") for n in (1, 2)])
    # Foreign keys are checked at commit: a decision may be inserted before its paragraph,
    # and a paragraph before its meeting.
    meeting_pk, item_pk = Meeting.objects.latest("pk").pk + 1, item.pk + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO meetings_decision (agenda_item_id, kind, text, position, origin, import_digest)"
            " VALUES (%s, 'decision', 'Agreed.', 1, 'staff', '')",
            [item_pk],
        )
        cursor.execute(
            "INSERT INTO meetings_agendaitem (id, meeting_id, position, number, section, text, origin,"
            " import_digest) VALUES (%s, %s, 5, '5', '', 'Agreed.', 'staff', '')",
            [item_pk, meeting_pk],
        )
    early = Decision.objects.get(agenda_item_id=item_pk)
    copies_before_meeting = copies_of(early)
    make_meeting(pk=meeting_pk, date=datetime.date(2021, 6, 1))

    assert copies_before_meeting == (None, None, None, None)
    assert copies_of(early) == (datetime.date(2021, 6, 1), meeting_pk, 5, True)
    assert stale_decisions() == []


@postgresql_only
def test_copies_follow_an_import_its_publication_and_a_replace(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    save_report(interpret_document(seed_document()), data=b"seed bytes", source_name="seed.docx")
    imported = stale_decisions()
    draft_count = Decision.objects.published().count()
    Meeting.objects.update(status=Meeting.Status.PUBLISHED)
    revised = interpret_document(seed_document())
    revised.items[4].decisions = revised.items[4].decisions[:1]

    save_report(revised, data=b"revised bytes", source_name="seed-v2.docx", replace=True)

    assert (imported, draft_count) == ([], 0)
    assert Decision.objects.published().count() == Decision.objects.count() == 11
    assert stale_decisions() == []


@postgresql_only
def test_decisions_list_walks_the_newest_first_index():
    make_decision()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")

    public = decisions_for_listing(AnonymousUser())[:26].explain()
    everyone = newest_first(Decision.objects.all())[:26].explain()

    assert "Index Scan using decision_newest_first" in public
    assert "Index Scan using decision_newest_first" in everyone


def test_decisions_filtered_by_cycle_year_include_meetings_held_outside_that_calendar_year(client):
    # A 2016-cycle meeting held in January 2017, and a 2017-cycle one held in December 2016.
    late = make_meeting(title="Late 2016 cycle", date=datetime.date(2017, 1, 20), cycle_year=2016)
    early = make_meeting(title="Early 2017 cycle", date=datetime.date(2016, 12, 10), cycle_year=2017)
    on_time = make_meeting(title="2016 cycle", date=datetime.date(2016, 6, 1), cycle_year=2016)
    for meeting in (late, early, on_time):
        make_decision(agenda_item=make_agenda_item(meeting=meeting), text=f"Decided at {meeting.title}.")

    response = client.get("/decisions/", {"cycle_year": "2016"})

    assert [d.text for d in response.context["decisions"]] == [
        "Decided at Late 2016 cycle.",
        "Decided at 2016 cycle.",
    ]


@pytest.mark.parametrize("count_limit", [1, 1000])
def test_decision_search_order_is_the_same_with_few_or_many_matches(client, monkeypatch, count_limit):
    # Past the paginator's count limit the page walks the date index; below it, the matches are
    # found by the full-text index and sorted. Either way: newest meeting first, then report order.
    monkeypatch.setattr("meetings.pagination.CappedPaginator.count_limit", count_limit)
    older = make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 5, 1)), position=1)
    newer = make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 9, 1)), position=1)
    for item, texts in ((older, ["Fundraising one.", "Fundraising two."]), (newer, ["Fundraising three."])):
        for position, text in enumerate(texts, start=1):
            make_decision(agenda_item=item, position=position, text=text)

    response = client.get("/decisions/", {"q": "fundraising"})

    assert response.context["paginator"].is_capped == (count_limit == 1)
    assert [d.text for d in response.context["decisions"]] == [
        "Fundraising three.",
        "Fundraising one.",
        "Fundraising two.",
    ]


@postgresql_only
def test_few_search_matches_are_found_by_the_full_text_index_and_a_cycle_by_its_dates():
    make_decision()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    few = newest_first_among_few(search_decisions(queryset=decisions_for_listing(AnonymousUser()), query="x"))
    cycle = within_dates(
        decisions_for_listing(AnonymousUser()),
        first=datetime.date(2016, 1, 1),
        last=datetime.date(2016, 12, 31),
    )

    assert "decision_search_document" in few[:26].explain()
    assert "Index Cond: ((meeting_date >= '2016-01-01'::date) AND (meeting_date <= '2016-12-31'::date))" in (
        cycle[:26].explain()
    )


@postgresql_only
def test_within_dates_writes_the_dates_into_the_statement():
    cycle = within_dates(
        decisions_for_listing(AnonymousUser()),
        first=datetime.date(2016, 1, 1),
        last=datetime.date(2016, 12, 31),
    )

    sql, params = cycle.query.sql_with_params()

    # Not parameters: a prepared statement's generic plan would not know them.
    assert "\"meeting_date\" >= DATE '2016-01-01'" in sql
    assert "\"meeting_date\" <= DATE '2016-12-31'" in sql
    assert not [param for param in params if isinstance(param, datetime.date)]


@postgresql_only
def test_derived_columns_triggers_installed_from_the_models():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE 'pgtrigger_%%' ORDER BY 1")
        installed = [name.rsplit("_", 1)[0] for (name,) in cursor.fetchall()]
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN"
            " ('decision_newest_first', 'decision_search_document') ORDER BY 1"
        )
        indexes = [name for (name,) in cursor.fetchall()]

    assert {
        "pgtrigger_agenda_item_decisions_insert",
        "pgtrigger_agenda_item_decisions_update",
        "pgtrigger_agenda_item_search_document",
        "pgtrigger_decision_derived_columns",
        "pgtrigger_meeting_decisions_listing",
    } <= set(installed)
    assert indexes == ["decision_newest_first", "decision_search_document"]


@postgresql_only
def test_derived_columns_stale_instance_save_writes_current_values():
    decision = make_decision()
    meeting = decision.agenda_item.meeting
    stale = Decision.objects.defer(None).get(pk=decision.pk)  # every column loaded, published True
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.DRAFT)

    stale.text = "It was agreed to meet again."
    stale.save()

    assert stale.meeting_is_published is True
    assert copies_of(decision) == (meeting.date, meeting.pk, 1, False)
    assert stale_decisions() == []


@other_databases_only
def test_derived_columns_migration_does_nothing_elsewhere():
    # A schema editor that fails on any statement: none may be attempted.
    editor = SimpleNamespace(connection=connection, execute=None)

    derived_fields.drop_sql_triggers(apps, editor)
    derived_fields.fill(apps, editor)
    derived_fields.add_search_index(apps, editor)
    derived_fields.drop_search_index(apps, editor)
    derived_fields.restore_sql_triggers(apps, editor)

    assert editor.execute is None


def admin_form_data(response) -> dict:
    """The values an admin change page would post back unchanged: its form's and its inlines'."""
    data = {}
    form = response.context["adminform"].form
    for field in form:
        if field.value() is not None and field.name not in ("source_file",):
            data[field.html_name] = field.value()
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        for inline_form in formset.forms:
            for field in inline_form:
                if field.value() is not None:
                    data[field.html_name] = field.value()
    return data

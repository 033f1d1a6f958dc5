import datetime
import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from meetings.listing import newest_first
from meetings.models import AgendaItem, Decision
from meetings.search import search_decisions
from tests.factories import make_agenda_item, make_decision, make_meeting
from tests.sample_data import make_sample_report

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.needs("postgresql")  # its full-text search
other_databases_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the fallback search")

search_indexes = importlib.import_module("meetings.migrations.0003_search_indexes")
search_document = importlib.import_module("meetings.migrations.0009_decision_search_document")


def texts(decisions) -> list[str]:
    return [decision.text for decision in decisions]


def test_search_finds_words_of_the_decision():
    make_sample_report()

    found = search_decisions(queryset=Decision.objects.all(), query="virtual meeting schedule approved")

    assert texts(found) == ["The virtual meeting schedule was approved by the MAG."]


def test_search_finds_words_only_in_the_paragraph_of_the_decision():
    item = make_agenda_item(text="The Guadalajara host country briefed the MAG. It was agreed to meet again.")
    decision = make_decision(agenda_item=item, text="It was agreed to meet again.")
    make_decision(text="It was agreed to meet again.")

    found = search_decisions(queryset=Decision.objects.all(), query="Guadalajara")

    assert list(found) == [decision]


def test_search_keeps_the_filters_of_the_queryset():
    published = make_decision(kind=Decision.Kind.ACTION, text="Circulate the schedule.")
    make_decision(kind=Decision.Kind.DECISION, text="Approve the schedule.")

    found = search_decisions(queryset=Decision.objects.filter(kind=Decision.Kind.ACTION), query="schedule")

    assert list(found) == [published]


def test_search_keeps_the_order_of_the_queryset():
    old = make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(date=datetime.date(2015, 1, 1))),
        text="The schedule was approved.",
    )
    new = make_decision(
        agenda_item=make_agenda_item(meeting=make_meeting(date=datetime.date(2016, 1, 1))),
        text="The schedule schedule was approved.",
    )
    make_decision(text="The retreat was approved.")

    found = search_decisions(queryset=newest_first(Decision.objects.all()), query="schedule")

    assert list(found) == [new, old]


def test_search_with_a_blank_query_returns_the_queryset_unchanged():
    decisions = [make_decision(), make_decision()]

    found = search_decisions(queryset=Decision.objects.order_by("pk"), query="   ")

    assert list(found) == decisions


def test_search_without_a_match_returns_nothing():
    make_sample_report()

    assert list(search_decisions(queryset=Decision.objects.all(), query="zeppelin")) == []


def test_search_treats_punctuation_and_quotes_as_text():
    make_sample_report()

    found = search_decisions(queryset=Decision.objects.all(), query="\"' (':*!&|) <-> !")

    assert list(found) == []


@postgresql_only
def test_search_on_postgresql_is_stemmed():
    make_sample_report()

    found = search_decisions(queryset=Decision.objects.all(), query="approving schedules")

    assert sorted(texts(found)) == [
        "The virtual meeting schedule was approved by the MAG.",
        "With common agreement that all organizers of main sessions would continue to refine their "
        "programmes in-line with suggestions from their fellow MAG members, the main session schedule "
        "was approved.",
    ]


@postgresql_only
def test_search_on_postgresql_ranks_a_match_in_the_decision_above_one_in_its_paragraph():
    item = make_agenda_item(text="Retreat retreat retreat. The MAG agreed to meet.")
    in_paragraph = make_decision(agenda_item=item, text="The MAG agreed to meet.")
    in_decision = make_decision(text="The retreat was approved.")

    found = search_decisions(queryset=Decision.objects.order_by("pk"), query="retreat", best_match_first=True)

    assert list(found) == [in_decision, in_paragraph]


@postgresql_only
def test_search_on_postgresql_ranks_only_when_asked():
    item = make_agenda_item(text="Retreat retreat retreat. The MAG agreed to meet.")
    in_paragraph = make_decision(agenda_item=item, text="The MAG agreed to meet.")
    in_decision = make_decision(text="The retreat was approved.")

    found = search_decisions(queryset=Decision.objects.order_by("pk"), query="retreat")

    assert list(found) == [in_paragraph, in_decision]


@postgresql_only
def test_search_on_postgresql_breaks_ties_of_rank_in_the_order_of_the_queryset():
    first, second = (
        make_decision(text="The retreat was approved."),
        make_decision(text="The retreat was approved."),
    )

    found = search_decisions(
        queryset=Decision.objects.order_by("-pk"), query="retreat", best_match_first=True
    )

    assert list(found) == [second, first]


@postgresql_only
def test_search_on_postgresql_uses_the_stored_document_index():
    make_sample_report()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    plan = search_decisions(queryset=Decision.objects.all(), query="schedule").explain()

    assert re.findall(r"Bitmap Index Scan on (\w+)", plan) == ["decision_search_document"]


@postgresql_only
def test_search_on_postgresql_finds_a_decision_whose_text_was_updated_in_bulk():
    decision = make_decision(text="The schedule was approved.")

    Decision.objects.filter(pk=decision.pk).update(text="The retreat was approved.")

    assert list(search_decisions(queryset=Decision.objects.all(), query="retreat")) == [decision]
    assert list(search_decisions(queryset=Decision.objects.all(), query="schedule")) == []


@postgresql_only
def test_search_on_postgresql_follows_an_edit_of_the_paragraph():
    item = make_agenda_item(text="The host country briefed the MAG. The schedule was approved.")
    decision = make_decision(agenda_item=item, text="The schedule was approved.")

    item.text = "The Guadalajara delegation briefed the MAG. The schedule was approved."
    item.save()
    after_save = list(search_decisions(queryset=Decision.objects.all(), query="Guadalajara"))
    AgendaItem.objects.filter(pk=item.pk).update(text="Kyoto hosted. The schedule was approved.")

    assert after_save == [decision]
    assert list(search_decisions(queryset=Decision.objects.all(), query="Kyoto")) == [decision]
    assert list(search_decisions(queryset=Decision.objects.all(), query="Guadalajara")) == []


@postgresql_only
def test_search_on_postgresql_follows_a_decision_moved_to_another_paragraph():
    decision = make_decision(
        agenda_item=make_agenda_item(text="Riyadh hosted. It was agreed."), text="It was agreed."
    )
    kyoto = make_agenda_item(text="Kyoto hosted. It was agreed.")

    decision.agenda_item = kyoto
    decision.save()

    assert list(search_decisions(queryset=Decision.objects.all(), query="Kyoto")) == [decision]
    assert list(search_decisions(queryset=Decision.objects.all(), query="Riyadh")) == []


@postgresql_only
def test_search_on_postgresql_finds_bulk_created_decisions_and_one_written_before_its_paragraph():
    item = make_agenda_item(text="Kyoto hosted. It was agreed. The retreat was approved.")
    created = Decision.objects.bulk_create(
        [
            Decision(agenda_item=item, position=1, text="It was agreed."),
            Decision(agenda_item=item, position=2),
        ]
    )
    # Foreign keys are checked at commit: a decision may be inserted before its paragraph.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO meetings_decision (agenda_item_id, kind, text, position, origin, import_digest)"
            " VALUES (%s, 'decision', 'The retreat was approved.', 1, 'staff', '')",
            [item.pk + 1],
        )
    early = Decision.objects.get(agenda_item_id=item.pk + 1)
    make_agenda_item(pk=item.pk + 1, meeting=item.meeting, text="Riyadh hosted. The retreat was approved.")

    assert (
        sorted(search_decisions(queryset=Decision.objects.all(), query="Kyoto"), key=lambda d: d.pk)
        == created
    )
    assert list(search_decisions(queryset=Decision.objects.all(), query="Riyadh")) == [early]


@postgresql_only
def test_search_on_postgresql_works_as_a_subquery():
    item = make_agenda_item(text="Kyoto hosted. It was agreed.")
    decision = make_decision(agenda_item=item, text="It was agreed.")
    make_decision(text="It was agreed.")

    found = search_decisions(queryset=Decision.objects.all(), query="Kyoto").values("pk")

    assert list(Decision.objects.filter(pk__in=found)) == [decision]


@other_databases_only
def test_search_elsewhere_needs_every_word_in_the_decision_or_its_paragraph():
    item = make_agenda_item(text="The host country briefed the MAG. The schedule was approved.")
    both = make_decision(agenda_item=item, text="The schedule was approved.")
    make_decision(text="The schedule was circulated.")

    found = search_decisions(queryset=Decision.objects.all(), query="host SCHEDULE")

    assert list(found) == [both]


@other_databases_only
def test_search_index_migration_does_nothing_elsewhere():
    # A schema editor that fails on any index operation: none may be attempted.
    editor = SimpleNamespace(connection=connection, add_index=None, remove_index=None)

    search_indexes.add_indexes(apps, editor)
    search_indexes.remove_indexes(apps, editor)

    assert (editor.add_index, editor.remove_index) == (None, None)


@other_databases_only
def test_search_document_migration_does_nothing_elsewhere():
    # A schema editor that fails on any statement: none may be attempted.
    editor = SimpleNamespace(connection=connection, execute=None, add_index=None, remove_index=None)

    search_document.add_search_document(apps, editor)
    search_document.remove_search_document(apps, editor)

    assert (editor.execute, editor.add_index, editor.remove_index) == (None, None, None)

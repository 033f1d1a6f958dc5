"""The decisions list's copies and the search documents as model fields, their triggers beside the models.

Migrations 0009 and 0010 added them on PostgreSQL as columns the models did not know, kept
by triggers written in SQL there. They are now fields (``Decision.meeting_date``,
``meeting_pk``, ``item_position``, ``meeting_is_published``, ``search_document`` and
``AgendaItem.search_document``) and the triggers are declared on the models with
django-pgtrigger. A paragraph's words are parsed once, into its own document, and added to
each of its decisions' (0009 parsed the whole paragraph again for every decision: a long
paragraph with many decisions took minutes). On other databases the fields stay empty.
"""

import importlib

import django.contrib.postgres.search
import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models

search_document_0009 = importlib.import_module("meetings.migrations.0009_decision_search_document")
listing_columns_0010 = importlib.import_module("meetings.migrations.0010_decision_listing_columns")

DROP_0009_0010 = """
DROP TRIGGER meeting_listing_update ON meetings_meeting;
DROP TRIGGER meeting_listing_insert ON meetings_meeting;
DROP TRIGGER agenda_item_listing_update ON meetings_agendaitem;
DROP TRIGGER agenda_item_listing_insert ON meetings_agendaitem;
DROP TRIGGER decision_listing_update ON meetings_decision;
DROP TRIGGER decision_listing_insert ON meetings_decision;
DROP FUNCTION meetings_meeting_update_listing();
DROP FUNCTION meetings_agendaitem_update_listing();
DROP FUNCTION meetings_decision_set_listing();
DROP TRIGGER agenda_item_search_document_update ON meetings_agendaitem;
DROP TRIGGER agenda_item_search_document_insert ON meetings_agendaitem;
DROP TRIGGER decision_search_document_update ON meetings_decision;
DROP TRIGGER decision_search_document_insert ON meetings_decision;
DROP FUNCTION meetings_agendaitem_update_search_documents();
DROP FUNCTION meetings_decision_set_search_document();
DROP FUNCTION meetings_search_document(text, text);
ALTER TABLE meetings_decision
    DROP COLUMN search_document,
    DROP COLUMN meeting_date,
    DROP COLUMN meeting_pk,
    DROP COLUMN item_position,
    DROP COLUMN meeting_is_published;
"""

# Before the triggers exist, so every value is computed once.
FILL = """
UPDATE meetings_agendaitem
SET search_document = setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B');
UPDATE meetings_decision decision
SET meeting_date = meeting.date, meeting_pk = meeting.id, item_position = item.position,
    meeting_is_published = meeting.status = 'published',
    search_document = setweight(to_tsvector('english'::regconfig, coalesce(decision.text, '')), 'A')
        || coalesce(item.search_document, ''::tsvector)
FROM meetings_agendaitem item JOIN meetings_meeting meeting ON meeting.id = item.meeting_id
WHERE item.id = decision.agenda_item_id;
"""

# GIN is PostgreSQL's: as a model index it would fail on SQLite.
SEARCH_INDEX = "CREATE INDEX decision_search_document ON meetings_decision USING gin (search_document)"


def drop_sql_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_0009_0010, params=None)


def restore_sql_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(search_document_0009.FORWARD_SQL, params=None)
        schema_editor.execute(listing_columns_0010.FORWARD_SQL, params=None)


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL, params=None)


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_INDEX, params=None)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX decision_search_document", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0011_meeting_status_cycle_year_index"),
        ("schedule", "0002_schedule_versions"),
    ]

    operations = [
        migrations.RunPython(drop_sql_triggers, restore_sql_triggers, elidable=False),
        migrations.AlterModelOptions(
            name="agendaitem",
            options={
                "base_manager_name": "objects",
                "ordering": ["meeting", "position"],
                "verbose_name": "agenda item",
                "verbose_name_plural": "agenda items",
            },
        ),
        migrations.AlterModelOptions(
            name="decision",
            options={
                "base_manager_name": "objects",
                "ordering": ["agenda_item", "position"],
                "verbose_name": "decision",
                "verbose_name_plural": "decisions",
            },
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="item_position",
            field=models.IntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="meeting_date",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="meeting_is_published",
            field=models.BooleanField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="meeting_pk",
            field=models.BigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                fields=["-meeting_date", "-meeting_pk", "item_position", "position"],
                name="decision_newest_first",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
        pgtrigger.migrations.AddTrigger(
            model_name="agendaitem",
            trigger=pgtrigger.compiler.Trigger(
                name="agenda_item_search_document",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n                    IF TG_OP = 'INSERT' OR NEW.text IS DISTINCT FROM OLD.text\n                            OR NEW.search_document IS DISTINCT FROM OLD.search_document THEN\n                        NEW.search_document := setweight(\n                            to_tsvector('english'::regconfig, coalesce(NEW.text, '')), 'B');\n                    END IF;\n                    RETURN NEW;\n                ",
                    hash="0d6d291974e71dd2f8d4486d34707849351a4496",
                    operation="INSERT OR UPDATE",
                    pgid="pgtrigger_agenda_item_search_document_61d87",
                    table="meetings_agendaitem",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="agendaitem",
            trigger=pgtrigger.compiler.Trigger(
                name="agenda_item_decisions_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n                    UPDATE meetings_decision decision\n                    SET \n    meeting_date = meeting.date, meeting_pk = meeting.id, item_position = item.position,\n    meeting_is_published = meeting.status = 'published'\n, search_document = \n    setweight(to_tsvector('english'::regconfig, coalesce(decision.text, '')), 'A')\n        || coalesce(item.search_document, ''::tsvector)\n\n                    FROM new_items item JOIN meetings_meeting meeting ON meeting.id = item.meeting_id\n                    WHERE decision.agenda_item_id = item.id;\n                    RETURN NULL;\n                ",
                    hash="0ac8038017d688a7365f8d1406a2bbc4dc430a40",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_agenda_item_decisions_insert_dda8d",
                    referencing="REFERENCING NEW TABLE AS new_items ",
                    table="meetings_agendaitem",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="agendaitem",
            trigger=pgtrigger.compiler.Trigger(
                name="agenda_item_decisions_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n                    UPDATE meetings_decision decision\n                    SET \n    meeting_date = meeting.date, meeting_pk = meeting.id, item_position = item.position,\n    meeting_is_published = meeting.status = 'published'\n, search_document = CASE\n                        WHEN previous.search_document IS DISTINCT FROM item.search_document\n                        THEN \n    setweight(to_tsvector('english'::regconfig, coalesce(decision.text, '')), 'A')\n        || coalesce(item.search_document, ''::tsvector)\n ELSE decision.search_document END\n                    FROM new_items item\n                        JOIN old_items previous ON previous.id = item.id\n                        JOIN meetings_meeting meeting ON meeting.id = item.meeting_id\n                    WHERE decision.agenda_item_id = item.id\n                        AND (previous.meeting_id IS DISTINCT FROM item.meeting_id\n                            OR previous.position IS DISTINCT FROM item.position\n                            OR previous.search_document IS DISTINCT FROM item.search_document);\n                    RETURN NULL;\n                ",
                    hash="1a25828d91786d34feee4f5db26f8adf11e35bbb",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_agenda_item_decisions_update_ae0b1",
                    referencing="REFERENCING OLD TABLE AS old_items  NEW TABLE AS new_items ",
                    table="meetings_agendaitem",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="decision",
            trigger=pgtrigger.compiler.Trigger(
                name="decision_derived_columns",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n                IF TG_OP = 'INSERT' OR NEW.agenda_item_id IS DISTINCT FROM OLD.agenda_item_id\n                    OR (NEW.meeting_date, NEW.meeting_pk, NEW.item_position, NEW.meeting_is_published)\n                        IS DISTINCT FROM\n                        (OLD.meeting_date, OLD.meeting_pk, OLD.item_position, OLD.meeting_is_published)\n                THEN\n                    -- No row (its paragraph or meeting comes later in the transaction): NULLs until then.\n                    SELECT meeting.date, meeting.id, item.position, meeting.status = 'published'\n                    INTO NEW.meeting_date, NEW.meeting_pk, NEW.item_position, NEW.meeting_is_published\n                    FROM meetings_agendaitem item JOIN meetings_meeting meeting\n                        ON meeting.id = item.meeting_id\n                    WHERE item.id = NEW.agenda_item_id;\n                END IF;\n                IF TG_OP = 'INSERT' OR NEW.agenda_item_id IS DISTINCT FROM OLD.agenda_item_id\n                    OR NEW.text IS DISTINCT FROM OLD.text\n                    OR NEW.search_document IS DISTINCT FROM OLD.search_document\n                THEN\n                    -- _DECISION_SEARCH_DOCUMENT, for the row being written.\n                    NEW.search_document :=\n                        setweight(to_tsvector('english'::regconfig, coalesce(NEW.text, '')), 'A')\n                        || coalesce(\n                            (SELECT search_document FROM meetings_agendaitem WHERE id = NEW.agenda_item_id),\n                            ''::tsvector\n                        );\n                END IF;\n                RETURN NEW;\n                ",
                    hash="1fdbf1321da12b87544156c33f6136391e066803",
                    operation="INSERT OR UPDATE",
                    pgid="pgtrigger_decision_derived_columns_082a4",
                    table="meetings_decision",
                    when="BEFORE",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="meeting",
            trigger=pgtrigger.compiler.Trigger(
                name="meeting_decisions_listing",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n                    IF TG_OP = 'INSERT' OR NEW.date IS DISTINCT FROM OLD.date\n                            OR NEW.status IS DISTINCT FROM OLD.status THEN\n                        UPDATE meetings_decision decision\n                        SET meeting_date = NEW.date, meeting_pk = NEW.id,\n                            meeting_is_published = NEW.status = 'published'\n                        FROM meetings_agendaitem item\n                        WHERE item.meeting_id = NEW.id AND decision.agenda_item_id = item.id;\n                    END IF;\n                    RETURN NULL;\n                ",
                    hash="11ca51969f678af23d2cca2f33bea2b37acd9b41",
                    operation='INSERT OR UPDATE OF "date", "status"',
                    pgid="pgtrigger_meeting_decisions_listing_18dba",
                    table="meetings_meeting",
                    when="AFTER",
                ),
            ),
        ),
        migrations.RunPython(add_search_index, drop_search_index, elidable=False),
    ]

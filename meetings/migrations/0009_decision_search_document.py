"""A stored, GIN-indexed search document per decision (PostgreSQL only), and an index for the decisions list.

On PostgreSQL, ``meetings_decision.search_document`` holds the decision's own
words (weight A) and its paragraph's (weight B) as one ``tsvector``, so
``meetings.search`` matches with one index and ranks without re-parsing any
text. Triggers keep it current on every write path, ORM or not (save,
bulk_create, QuerySet.update, the importer, raw SQL):

- a decision inserted, or its text or paragraph changed, recomputes its document;
- a paragraph inserted or its text changed recomputes the documents of its decisions.

The column is deliberately not a model field: the ORM never reads it (pages do
not carry the vector around) and never writes it (a stale instance's save cannot
put an old vector back). It replaces the two expression indexes of migration
0003, which the search no longer uses. Other databases get neither column nor
triggers; their search is the plain substring fallback.

The index on the meeting's date and pk (every database) lets the decisions list,
ordered newest meeting first, walk meetings in order and stop after a page.
"""

import importlib

from django.db import migrations, models

search_indexes_0003 = importlib.import_module("meetings.migrations.0003_search_indexes")

FORWARD_SQL = """
ALTER TABLE meetings_decision ADD COLUMN search_document tsvector;

CREATE FUNCTION meetings_search_document(decision_text text, paragraph_text text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english'::regconfig, coalesce(decision_text, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(paragraph_text, '')), 'B')
$$;

CREATE FUNCTION meetings_decision_set_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := meetings_search_document(
        NEW.text, (SELECT text FROM meetings_agendaitem WHERE id = NEW.agenda_item_id)
    );
    RETURN NEW;
END
$$;

CREATE FUNCTION meetings_agendaitem_update_search_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_decision SET search_document = meetings_search_document(text, NEW.text)
    WHERE agenda_item_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER decision_search_document_insert
    BEFORE INSERT ON meetings_decision
    FOR EACH ROW EXECUTE FUNCTION meetings_decision_set_search_document();
CREATE TRIGGER decision_search_document_update
    BEFORE UPDATE OF text, agenda_item_id ON meetings_decision
    FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text OR OLD.agenda_item_id IS DISTINCT FROM NEW.agenda_item_id)
    EXECUTE FUNCTION meetings_decision_set_search_document();

-- On insert too: foreign keys are checked at commit, so a decision may be written before its paragraph.
CREATE TRIGGER agenda_item_search_document_insert
    AFTER INSERT ON meetings_agendaitem
    FOR EACH ROW EXECUTE FUNCTION meetings_agendaitem_update_search_documents();
CREATE TRIGGER agenda_item_search_document_update
    AFTER UPDATE OF text ON meetings_agendaitem
    FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text)
    EXECUTE FUNCTION meetings_agendaitem_update_search_documents();

UPDATE meetings_decision SET search_document = meetings_search_document(meetings_decision.text, item.text)
FROM meetings_agendaitem item WHERE item.id = meetings_decision.agenda_item_id;

CREATE INDEX decision_search_document ON meetings_decision USING gin (search_document);
"""

BACKWARD_SQL = """
DROP TRIGGER agenda_item_search_document_update ON meetings_agendaitem;
DROP TRIGGER agenda_item_search_document_insert ON meetings_agendaitem;
DROP TRIGGER decision_search_document_update ON meetings_decision;
DROP TRIGGER decision_search_document_insert ON meetings_decision;
DROP FUNCTION meetings_agendaitem_update_search_documents();
DROP FUNCTION meetings_decision_set_search_document();
DROP FUNCTION meetings_search_document(text, text);
ALTER TABLE meetings_decision DROP COLUMN search_document;
"""


def add_search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD_SQL, params=None)
    search_indexes_0003.remove_indexes(apps, schema_editor)


def remove_search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    search_indexes_0003.add_indexes(apps, schema_editor)
    schema_editor.execute(BACKWARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_meeting_import_values")]

    operations = [
        migrations.RunPython(add_search_document, remove_search_document, elidable=False),
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["-date", "-id"], name="meeting_date_pk"),
        ),
    ]

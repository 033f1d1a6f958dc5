"""The decisions list's order and filter copied onto each decision (PostgreSQL only).

The decisions browser lists decisions newest meeting first, then in the order of
the report (meeting date desc, meeting pk desc, paragraph position, decision
position), and shows the public only decisions of published meetings. Those
values live on the meeting and the paragraph, so every list and search had to
join each candidate decision to its paragraph and meeting before it could sort
or filter: thousands of rows for a common word. On PostgreSQL this migration
copies them onto ``meetings_decision``:

- ``meeting_date``, ``meeting_pk``: the meeting's date and primary key;
- ``item_position``: the paragraph's position in the report;
- ``meeting_is_published``: whether the meeting is published;

and indexes them in the list's order (``decision_newest_first``), so a page is
a walk of one index that stops after 26 rows, with or without the published
filter (signed-in members see drafts too).

Triggers keep the copies current on every write path, ORM or not (save,
bulk_create, QuerySet.update, the admin, the importer and its --replace):

- a decision inserted or moved to another paragraph reads its paragraph and meeting;
- a paragraph inserted, moved to another meeting or renumbered rewrites its decisions;
- a meeting inserted, or its date or status changed, rewrites the decisions of its paragraphs.

As the search document of migration 0009, the columns are deliberately not
model fields: the ORM never writes them, so a stale instance's save cannot put
an old date or status back, and no write path has to remember to fill them.
``meetings.listing`` reads them. Other databases (the embedded SQLite) get
nothing and keep sorting and filtering through the joins: they need only be
correct.
"""

from django.db import migrations

FORWARD_SQL = """
ALTER TABLE meetings_decision
    ADD COLUMN meeting_date date,
    ADD COLUMN meeting_pk bigint,
    ADD COLUMN item_position integer,
    ADD COLUMN meeting_is_published boolean;

CREATE FUNCTION meetings_decision_set_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- No row (the paragraph or meeting is written later in the transaction): NULLs until it is.
    SELECT meeting.date, meeting.id, item.position, meeting.status = 'published'
    INTO NEW.meeting_date, NEW.meeting_pk, NEW.item_position, NEW.meeting_is_published
    FROM meetings_agendaitem item JOIN meetings_meeting meeting ON meeting.id = item.meeting_id
    WHERE item.id = NEW.agenda_item_id;
    RETURN NEW;
END
$$;

CREATE FUNCTION meetings_agendaitem_update_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_decision
    SET meeting_date = meeting.date, meeting_pk = meeting.id, item_position = NEW.position,
        meeting_is_published = meeting.status = 'published'
    FROM meetings_meeting meeting
    WHERE meeting.id = NEW.meeting_id AND meetings_decision.agenda_item_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION meetings_meeting_update_listing() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE meetings_decision
    SET meeting_date = NEW.date, meeting_pk = NEW.id, item_position = item.position,
        meeting_is_published = NEW.status = 'published'
    FROM meetings_agendaitem item
    WHERE item.meeting_id = NEW.id AND meetings_decision.agenda_item_id = item.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER decision_listing_insert
    BEFORE INSERT ON meetings_decision
    FOR EACH ROW EXECUTE FUNCTION meetings_decision_set_listing();
CREATE TRIGGER decision_listing_update
    BEFORE UPDATE OF agenda_item_id ON meetings_decision
    FOR EACH ROW WHEN (OLD.agenda_item_id IS DISTINCT FROM NEW.agenda_item_id)
    EXECUTE FUNCTION meetings_decision_set_listing();

-- On insert too: foreign keys are checked at commit, so a decision may be written before its paragraph,
-- and a paragraph before its meeting.
CREATE TRIGGER agenda_item_listing_insert
    AFTER INSERT ON meetings_agendaitem
    FOR EACH ROW EXECUTE FUNCTION meetings_agendaitem_update_listing();
CREATE TRIGGER agenda_item_listing_update
    AFTER UPDATE OF meeting_id, position ON meetings_agendaitem
    FOR EACH ROW WHEN (OLD.meeting_id IS DISTINCT FROM NEW.meeting_id OR OLD.position IS DISTINCT FROM NEW.position)
    EXECUTE FUNCTION meetings_agendaitem_update_listing();
CREATE TRIGGER meeting_listing_insert
    AFTER INSERT ON meetings_meeting
    FOR EACH ROW EXECUTE FUNCTION meetings_meeting_update_listing();
CREATE TRIGGER meeting_listing_update
    AFTER UPDATE OF date, status ON meetings_meeting
    FOR EACH ROW WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION meetings_meeting_update_listing();

UPDATE meetings_decision
SET meeting_date = meeting.date, meeting_pk = meeting.id, item_position = item.position,
    meeting_is_published = meeting.status = 'published'
FROM meetings_agendaitem item JOIN meetings_meeting meeting ON meeting.id = item.meeting_id
WHERE item.id = meetings_decision.agenda_item_id;

-- The list's ORDER BY, column for column: a page walks it and stops. Not partial on the published
-- flag, so that signed-in members (drafts too) walk it as well; the public filters as it walks.
CREATE INDEX decision_newest_first
    ON meetings_decision (meeting_date DESC, meeting_pk DESC, item_position, position);
"""

BACKWARD_SQL = """
DROP TRIGGER meeting_listing_update ON meetings_meeting;
DROP TRIGGER meeting_listing_insert ON meetings_meeting;
DROP TRIGGER agenda_item_listing_update ON meetings_agendaitem;
DROP TRIGGER agenda_item_listing_insert ON meetings_agendaitem;
DROP TRIGGER decision_listing_update ON meetings_decision;
DROP TRIGGER decision_listing_insert ON meetings_decision;
DROP FUNCTION meetings_meeting_update_listing();
DROP FUNCTION meetings_agendaitem_update_listing();
DROP FUNCTION meetings_decision_set_listing();
ALTER TABLE meetings_decision
    DROP COLUMN meeting_date,
    DROP COLUMN meeting_pk,
    DROP COLUMN item_position,
    DROP COLUMN meeting_is_published;
"""


def add_listing_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FORWARD_SQL, params=None)


def remove_listing_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(BACKWARD_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0009_decision_search_document")]

    operations = [
        migrations.RunPython(add_listing_columns, remove_listing_columns, elidable=False),
    ]

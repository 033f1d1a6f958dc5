"""GIN indexes for the full-text search of decisions and agenda items (PostgreSQL only).

The indexes are on the expression ``meetings.search.text_vector()`` compiles to,
so that ``search_decisions`` can use them. Other databases have no such index
type and search without one; the model state is unchanged either way.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    "Decision": GinIndex(SearchVector("text", config="english"), name="decision_text_search"),
    "AgendaItem": GinIndex(SearchVector("text", config="english"), name="agenda_item_text_search"),
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in INDEXES.items():
        schema_editor.add_index(apps.get_model("meetings", model_name), index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in INDEXES.items():
        schema_editor.remove_index(apps.get_model("meetings", model_name), index)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_role_groups")]

    operations = [migrations.RunPython(add_indexes, remove_indexes, elidable=False)]

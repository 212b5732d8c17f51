"""The full-text index: a GIN index on PostgreSQL, an FTS5 table on SQLite."""
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from articles.search.backends import GIN_INDEX, SQLITE_DROP, SQLITE_SCHEMA, search_vector


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), GinIndex(search_vector(), name=GIN_INDEX))
    elif vendor == "sqlite":
        for statement in SQLITE_SCHEMA:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), GinIndex(search_vector(), name=GIN_INDEX))
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_search_tokens")]
    operations = [migrations.RunPython(create, drop)]

"""Search reads stored vectors on PostgreSQL instead of tokenising every match (issue 15).

Adds `search_document` and `search_head` with the trigger that keeps them, fills them for
the articles already stored (a slice of ids at a time, so a large archive is not one
enormous statement), indexes them, and drops the expression index of 0015, which the
stored `search_document` replaces. SQLite keeps its FTS5 table: nothing to do there.
"""
from django.db import migrations

from articles.search import pg_schema
from articles.search.backends import GIN_INDEX, search_vector

SLICE = 5000


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in pg_schema.CREATE:
        schema_editor.execute(statement)
    Article = apps.get_model("articles", "Article")
    last = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for start in range(0, last + 1, SLICE):
        schema_editor.execute(pg_schema.FILL, [start, start + SLICE])
    schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    for statement in pg_schema.INDEXES:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from django.contrib.postgres.indexes import GinIndex

    for statement in pg_schema.DROP:
        schema_editor.execute(statement)
    schema_editor.add_index(apps.get_model("articles", "Article"), GinIndex(search_vector(), name=GIN_INDEX))


class Migration(migrations.Migration):
    dependencies = [("articles", "0027_listing_indexes")]
    operations = [migrations.RunPython(create, drop)]

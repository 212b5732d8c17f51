"""A source's published articles, newest first, from one index (PostgreSQL; see 0020).

A source's page counts its articles and lists the newest twenty. At 1,000,000 articles the
largest outlet has 60,000: the count read them from the table through the plain
`source_id` index (48,753 heap blocks, 224 ms at p50 cold) because the index does not
know which are published. This one does, so the count reads only the index (the
visibility map, after VACUUM) and the page its first twenty entries.
SQLite cannot index NULLS LAST; its archives are small.
"""
from django.db import migrations

NAME = "article_source_latest_first"
DEFINITION = "(source_id, published_at DESC NULLS LAST, id DESC) WHERE is_published"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON articles_article {DEFINITION}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0028_stored_search_vectors")]
    operations = [migrations.RunPython(create, drop)]

"""The readers' order (latest first, undated last) over published articles, on PostgreSQL.

The home page, feeds, source pages and the API read their first rows from it instead of
sorting the archive. SQLite cannot index NULLS LAST (and sorts a small archive quickly),
so the index exists on PostgreSQL only, outside the model state.
"""
from django.db import migrations

INDEX = "article_latest_first"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article (published_at DESC NULLS LAST, id DESC) '
            "WHERE is_published"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_story_words")]
    operations = [migrations.RunPython(create, drop)]

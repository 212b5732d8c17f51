"""Search finds words inside words and ranks by title, lead and density (issue 13).

Adds the grams and lead columns, re-indexes every analysed article from the tokens it
already has (folded now: full-width, case and traditional characters are one; no
segmenting again), and replaces the index on each database with the weighted one of
articles.search.backends.
"""
from importlib import import_module

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from articles.search.backends import GIN_INDEX, SQLITE_DROP, SQLITE_REBUILD, SQLITE_SCHEMA, search_vector
from articles.search.index import index_text

CHUNK = 500


def drop_old_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


def reindex(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    rows = Article.objects.exclude(search_title="", search_body="").only("title", "body", "search_title", "search_body")
    batch = []
    for article in rows.order_by("pk").iterator(chunk_size=CHUNK):
        found = index_text(
            article.title, article.body[: settings.MAX_ARTICLE_CHARS], article.search_title.split(), article.search_body.split()
        )
        article.search_title, article.search_body = found.title, found.body
        article.search_title_grams, article.search_lead, article.search_body_grams = (
            found.title_grams, found.lead, found.body_grams
        )
        batch.append(article)
        if len(batch) >= CHUNK:
            Article.objects.bulk_update(batch, FIELDS)
            batch = []
    if batch:
        Article.objects.bulk_update(batch, FIELDS)


FIELDS = ["search_title", "search_body", "search_title_grams", "search_lead", "search_body_grams"]


def create_new_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), GinIndex(search_vector(), name=GIN_INDEX))
    elif vendor == "sqlite":
        for statement in SQLITE_SCHEMA + SQLITE_REBUILD:
            schema_editor.execute(statement)


def no_op(apps, schema_editor):
    """Going back leaves the old columns' tokens folded, which the old index reads as well."""


def create_old_index(apps, schema_editor):
    import_module("articles.migrations.0003_search_index").create(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0014_digest_structure")]
    operations = [
        migrations.RunPython(drop_old_index, create_old_index),
        migrations.AddField("article", "search_title_grams", models.TextField(blank=True, default="", editable=False)),
        migrations.AddField("article", "search_lead", models.TextField(blank=True, default="", editable=False)),
        migrations.AddField("article", "search_body_grams", models.TextField(blank=True, default="", editable=False)),
        migrations.RunPython(reindex, no_op),
        migrations.RunPython(create_new_index, drop_old_index),
    ]

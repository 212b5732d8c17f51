"""The full-text index: a GIN index on PostgreSQL, an FTS5 table on SQLite.

The schema as it was then, frozen here: 0015_search_subwords_weighted replaces it with the
one in articles.search.backends.
"""
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

GIN_INDEX = "article_search_gin"
FTS_TABLE = "articles_article_fts"


def search_vector() -> SearchVector:
    return SearchVector("search_title", weight="A", config="simple") + SearchVector(
        "search_body", weight="B", config="simple"
    )


SQLITE_SCHEMA = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        search_title, search_body, content='articles_article', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_article_fts_ai AFTER INSERT ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_article_fts_ad AFTER DELETE ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_title, search_body)
        VALUES ('delete', old.id, old.search_title, old.search_body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_article_fts_au AFTER UPDATE OF search_title, search_body
        ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_title, search_body)
        VALUES ('delete', old.id, old.search_title, old.search_body);
        INSERT INTO {FTS_TABLE}(rowid, search_title, search_body) VALUES (new.id, new.search_title, new.search_body);
    END""",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


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

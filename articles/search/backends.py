"""The full-text index on each database, behind one small interface.

PostgreSQL: `to_tsvector('simple', …)` over the jieba tokens (the `simple` configuration
does no stemming, so a token is matched whole), a GIN index on that same expression, and
`websearch_to_tsquery`. SQLite: an FTS5 table over the same token columns, kept in step
by triggers. Both take a `ParsedQuery` and return article ids with a rank, best first.
"""
from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F

from .query import ParsedQuery, to_fts5, to_websearch

MAX_HITS = 1000
FTS_TABLE = "articles_article_fts"
GIN_INDEX = "article_search_gin"


def search_vector() -> SearchVector:
    """The indexed expression; the GIN index is built from this very expression."""
    return SearchVector("search_title", weight="A", config="simple") + SearchVector(
        "search_body", weight="B", config="simple"
    )


class PostgresBackend:
    def ranked_ids(self, parsed: ParsedQuery, queryset) -> list[tuple[int, float]]:
        query = SearchQuery(to_websearch(parsed), search_type="websearch", config="simple")
        rows = (
            queryset.annotate(search_document=search_vector())
            .filter(search_document=query)
            .annotate(rank=SearchRank(search_vector(), query))
            .order_by("-rank", F("published_at").desc(nulls_last=True))
            .values_list("pk", "rank")[:MAX_HITS]
        )
        return list(rows)


class SqliteBackend:
    def ranked_ids(self, parsed: ParsedQuery, queryset) -> list[tuple[int, float]]:
        with connection.cursor() as cursor:
            # bm25 is lower for better matches; a title hit weighs five body hits.
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, 5.0, 1.0) AS score FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s",
                [to_fts5(parsed), MAX_HITS],
            )
            hits = {pk: -score for pk, score in cursor.fetchall()}
        allowed = set(queryset.filter(pk__in=list(hits)).values_list("pk", flat=True))
        return sorted(((pk, rank) for pk, rank in hits.items() if pk in allowed), key=lambda h: -h[1])


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


# --- schema, used by the migration --------------------------------------------------

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

"""The full-text index on each database, behind one small interface.

Three weighted columns on both: the title (words and grams), the lead (words and grams of
the body's start) and the body (words and grams); see `articles.search.index`. A word
matched whole also matches its grams, so whole-word matches count twice and rank above
matches inside longer words.

PostgreSQL: stored tsvectors of those columns (`simple` configuration: no stemming, a
token is matched whole) with GIN indexes, read a bounded number of rows per query and
ranked by `ts_rank` divided by 1 + log(length), so that a long digest's many passing
mentions do not outweigh a story about the word: `articles.search.postgres`.
SQLite: a contentless FTS5 table over the same three columns, kept in step by triggers,
ranked by bm25 (which normalises by length itself). Both take a `ParsedQuery` and return
`Matches`: article ids with a rank, best first or newest first, and the total.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL

from .query import ParsedQuery, to_fts5

MAX_HITS = 500
FTS_TABLE = "articles_article_fts"
GIN_INDEX = "article_search_gin"  # the expression index before the stored vectors (0015)
ORDERS = ("relevance", "newest")
# bm25 column weights: title, lead, body.
SQLITE_WEIGHTS = (8.0, 3.0, 1.0)


@dataclass
class Matches:
    """Article ids best first (or newest first) with a rank, and how many match in all:
    exact, or the database's estimate when `estimated`."""

    ranked: list[tuple[int, float]]
    total: int
    estimated: bool = False


def search_vector() -> SearchVector:
    """The weighted vector as an expression, as migration 0015 indexed it; the stored
    `search_document` column (articles.search.pg_schema) holds exactly this.

    Grams come before words in each column: PostgreSQL keeps positions only up to 16,383,
    and a word of three or four characters is found as grams in a row, so the grams get
    the positions first (a body's grams reach that limit at about 16,000 characters).
    """
    return (
        SearchVector("search_title_grams", "search_title", weight="A", config="simple")
        + SearchVector("search_lead", weight="B", config="simple")
        + SearchVector("search_body_grams", "search_body", weight="C", config="simple")
    )


def _newest(queryset):
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")


class PostgresBackend:
    def matches(self, parsed: ParsedQuery, queryset, order: str = "relevance") -> Matches:
        from .postgres import matches

        return matches(parsed, queryset, order)


class SqliteBackend:
    """FTS5 at the embedded default's scale: every match is read, the total is exact."""

    def matches(self, parsed: ParsedQuery, queryset, order: str = "relevance") -> Matches:
        match = to_fts5(parsed)
        matching = queryset.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match]))
        if order == "newest":
            newest = list(_newest(matching).values_list("pk", flat=True)[:MAX_HITS])
            total = len(newest) if len(newest) < MAX_HITS else matching.count()
            return Matches([(pk, 0.0) for pk in newest], total)
        weights = ", ".join(str(w) for w in SQLITE_WEIGHTS)
        with connection.cursor() as cursor:
            # bm25 is lower for better matches.
            cursor.execute(
                f"SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s",
                [match, MAX_HITS],
            )
            hits = {pk: -score for pk, score in cursor.fetchall()}
        allowed = set(queryset.filter(pk__in=list(hits)).values_list("pk", flat=True))
        ranked = sorted(((pk, rank) for pk, rank in hits.items() if pk in allowed), key=lambda h: -h[1])
        total = len(ranked) if len(hits) < MAX_HITS else matching.count()
        return Matches(ranked, total)


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


# --- schema, used by the migrations and after every migrate on SQLite ----------------

_COLUMNS = "title, lead, body"


def _values(row: str) -> str:
    return (
        f"{row}.search_title_grams || ' ' || {row}.search_title, {row}.search_lead, "
        f"{row}.search_body_grams || ' ' || {row}.search_body"
    )


SQLITE_SCHEMA = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        {_COLUMNS}, content='', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_article_fts_ai AFTER INSERT ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_values("new")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_article_fts_ad AFTER DELETE ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_values("old")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS articles_article_fts_au AFTER UPDATE OF
        search_title, search_title_grams, search_lead, search_body, search_body_grams ON articles_article BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_values("old")});
        INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_values("new")});
    END""",
]
# Fills the index from the articles' columns (a contentless table cannot 'rebuild').
SQLITE_REBUILD = [
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')",
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) SELECT id, {_values('articles_article')} FROM articles_article",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_article_fts_ai",
    "DROP TRIGGER IF EXISTS articles_article_fts_ad",
    "DROP TRIGGER IF EXISTS articles_article_fts_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

"""The stored search vectors on PostgreSQL, kept by the database itself (issue 15).

Two tsvector columns beside the token columns, outside Django's model state (as the FTS5
table is on SQLite), so loading an article never reads them:

- `search_document`: title (weight A), lead (B) and body (C), exactly the expression the
  index was built on before (`backends.search_vector`), so matching and ranking read a
  stored vector instead of tokenising every match again;
- `search_head`: the title and the lead only, small enough to stay in the table's own
  pages: the cheap signal that picks the candidates of a query that matches half the
  archive (see `articles.search.postgres`).

A trigger fills both whenever an article's token columns are written (the analysis, the
re-tag, the corpus generator's bulk inserts), so no code path can forget them. Each has a
GIN index; ANALYZE gathers each word's share of the articles from them, which the search
reads to tell a common word from a rare one.
"""
from __future__ import annotations

DOCUMENT = "search_document"
HEAD = "search_head"
DOCUMENT_INDEX = "article_search_document_gin"
HEAD_INDEX = "article_search_head_gin"
TRIGGER = "articles_article_search_vectors"
FUNCTION = "articles_article_search_vectors"
TOKEN_COLUMNS = "search_title, search_title_grams, search_lead, search_body, search_body_grams"

_HEAD_EXPRESSION = (
    "setweight(to_tsvector('simple', coalesce({row}.search_title_grams, '') || ' ' "
    "|| coalesce({row}.search_title, '')), 'A')"
    " || setweight(to_tsvector('simple', coalesce({row}.search_lead, '')), 'B')"
)
_BODY_EXPRESSION = (
    "setweight(to_tsvector('simple', coalesce({row}.search_body_grams, '') || ' ' "
    "|| coalesce({row}.search_body, '')), 'C')"
)

CREATE = [
    f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {DOCUMENT} tsvector",
    f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {HEAD} tsvector",
    f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.{HEAD} := {_HEAD_EXPRESSION.format(row="NEW")};
        NEW.{DOCUMENT} := NEW.{HEAD} || {_BODY_EXPRESSION.format(row="NEW")};
        RETURN NEW;
    END $$""",
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON articles_article",
    f"""CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF {TOKEN_COLUMNS} ON articles_article
        FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()""",
]
# Fills the columns of the articles stored before the trigger, a slice of ids at a time.
FILL = (
    f"UPDATE articles_article AS a SET {HEAD} = {_HEAD_EXPRESSION.format(row='a')}, "
    f"{DOCUMENT} = {_HEAD_EXPRESSION.format(row='a')} || {_BODY_EXPRESSION.format(row='a')} "
    "WHERE a.id >= %s AND a.id < %s"
)
INDEXES = [
    f"CREATE INDEX IF NOT EXISTS {DOCUMENT_INDEX} ON articles_article USING gin ({DOCUMENT})",
    f"CREATE INDEX IF NOT EXISTS {HEAD_INDEX} ON articles_article USING gin ({HEAD})",
    # The word shares the search reads (pg_stats.most_common_elems) come from ANALYZE.
    "ANALYZE articles_article",
]
# How well the planner knows each word's share of the articles: ANALYZE keeps the 10 ×
# target most common lexemes of a tsvector column. At the default target (100: 1,000
# lexemes) the rarest one kept held 12 % of the articles, at 100,000 as at 1,000,000, so
# any rarer word or gram (京东 at 6 %, the 网金 of 互联网金融) was guessed at half that, and
# a phrase's chain of grams multiplied out 5-45× below its real matches: the total a reader
# was told (约 9,600 篇 where 43,000 match) and the search's choice of read followed. At 1000
# the 10,000 kept reach down to 1.7 %.
STATISTICS_TARGET = 1000


def statistics(target: int) -> list[str]:
    """The statements setting both vectors' statistics target (-1: the server's default)."""
    return [f"ALTER TABLE articles_article ALTER COLUMN {column} SET STATISTICS {target}"
            for column in (DOCUMENT, HEAD)]


DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON articles_article",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
    f"DROP INDEX IF EXISTS {DOCUMENT_INDEX}",
    f"DROP INDEX IF EXISTS {HEAD_INDEX}",
    f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {DOCUMENT}",
    f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {HEAD}",
]

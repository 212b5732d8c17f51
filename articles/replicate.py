"""Grow a synthetic archive by copying its analysed articles in SQL (PostgreSQL only).

Building 1,000,000 articles through the analysis takes about five hours on two cores;
measuring pages and search at that size needs the rows, not new text. A copy is what
it says: the same title, body and analysis as its original (so tags, events, search
columns and stories are those the analysis made), under a new id, a publication date
moved on by a whole number of days and hours per round and wrapped into the archive's
own span (so the archive keeps its years and grows denser), another source of the
archive (the next one, round by round), outside any newsletter issue. Its derived rows
are copied with it in the same transaction: topic tags, organisation mentions, timeline
events with their topic and organisation links, story-grouping words, MinHash bands,
stories (a copied story's main article is the copy of its main article, reprints point
to copies), the stored search vectors (what the table's trigger would compute from the
same token columns, so it is off for the copy); the topic counts are brought up to date
by `summaries_sync`. The search's GIN indexes are dropped while rows are copied and
built again at the end (a row at a time they cost 5 ms of the 7 ms a copy took): the
archive is a benchmark's, offline while it grows, and search answers slowly meanwhile. What a copy is not:
new text. Search matches, tags and events grow in proportion, and every copied event is a
reprint of its original's (the same sentence), so timelines show it once.
"""
from __future__ import annotations

from django.db import connection, transaction

from keywords.summaries import summaries_sync

from .cache import content_changed
from .models import Article, Source
from .search import pg_schema

SUMMARY_CHUNK = 2000


def replicate_round(*, round_number: int, originals_up_to: int, limit: int) -> list[int]:
    """Copy the first `limit` articles with id ≤ `originals_up_to`, with their derived rows,
    as round `round_number`; returns the copies' ids."""
    sources = list(Source.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT min(published_at), max(published_at) FROM articles_article WHERE id <= %s",
                       [originals_up_to])
        first, last = cursor.fetchone()
        span = max(1, int((last - first).total_seconds())) if first and last else 1
        # A shift of 37 days and 5 hours a round: no two rounds put a copy on its original's day.
        shift = round_number * (37 * 86400 + 5 * 3600)
        for table in ("replica_articles", "replica_events", "replica_stories", "replica_sources"):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(
            "CREATE TEMP TABLE replica_articles ON COMMIT DROP AS "
            "SELECT id AS old, nextval(pg_get_serial_sequence('articles_article', 'id')) AS new "
            "FROM (SELECT id FROM articles_article WHERE id <= %s ORDER BY id LIMIT %s) chosen",
            [originals_up_to, limit],
        )
        cursor.execute("ALTER TABLE replica_articles ADD PRIMARY KEY (old)")
        cursor.execute("CREATE TEMP TABLE replica_sources (old bigint PRIMARY KEY, new bigint) ON COMMIT DROP")
        if sources:
            rows = [(pk, sources[(i + round_number) % len(sources)]) for i, pk in enumerate(sources)]
            cursor.execute("INSERT INTO replica_sources VALUES " + ", ".join(["(%s, %s)"] * len(rows)),
                           [v for row in rows for v in row])
        cursor.execute(f"ALTER TABLE articles_article DISABLE TRIGGER {pg_schema.TRIGGER}")
        _copy_stories(cursor)
        _copy_articles(cursor, first, span, shift)
        # The foreign keys are checked now (stories and articles point to each other), so
        # the table has no pending events and its trigger can be switched back on.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE articles_article ENABLE TRIGGER {pg_schema.TRIGGER}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        _copy_derived(cursor)
        cursor.execute("SELECT new FROM replica_articles ORDER BY new")
        ids = [row[0] for row in cursor.fetchall()]
        for start in range(0, len(ids), SUMMARY_CHUNK):
            summaries_sync(article_ids=ids[start:start + SUMMARY_CHUNK])
    content_changed()
    return ids


def replicate_to(target: int, *, progress=None) -> int:
    """Copy rounds of the archive as it is now (its articles are the originals of every
    round) until it holds `target` articles; returns how many it holds."""
    originals_up_to = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    count = Article.objects.count()
    if count >= target or not originals_up_to:
        return count
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks under a caller's transaction
        cursor.execute(f"DROP INDEX IF EXISTS {pg_schema.DOCUMENT_INDEX}")
        cursor.execute(f"DROP INDEX IF EXISTS {pg_schema.HEAD_INDEX}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    try:
        round_number = 0
        while count < target:
            round_number += 1
            copied = replicate_round(round_number=round_number, originals_up_to=originals_up_to,
                                     limit=target - count)
            count += len(copied)
            if progress:
                progress(round_number, len(copied), count)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for statement in pg_schema.INDEXES:  # the two GIN indexes, then ANALYZE
                cursor.execute(statement)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return count


def _copy_stories(cursor) -> None:
    """A new story for every story whose main article is copied, its main the copy."""
    cursor.execute(
        "CREATE TEMP TABLE replica_stories ON COMMIT DROP AS "
        "SELECT s.id AS old, nextval(pg_get_serial_sequence('articles_story', 'id')) AS new, m.new AS main "
        "FROM articles_story s JOIN replica_articles m ON m.old = s.main_id"
    )
    cursor.execute("ALTER TABLE replica_stories ADD PRIMARY KEY (old)")
    cursor.execute("INSERT INTO articles_story (id, created_at, updated_at, main_id) "
                   "SELECT new, now(), now(), main FROM replica_stories")


def _copy_articles(cursor, first, span: int, shift: int) -> None:
    overrides = {
        "id": "m.new",
        "published_at": ("CASE WHEN a.published_at IS NULL THEN NULL ELSE %s + make_interval(secs => "
                         "mod((extract(epoch FROM a.published_at - %s))::bigint + %s, %s)) END"),
        "source_id": "src.new",
        "publication_id": "NULL",
        "document_id": "NULL",
        "position": "0",
        "story_id": "st.new",
        "reprint_of_id": "original.new",
        "created_at": "now()",
        "updated_at": "now()",
    }
    columns = [f.column for f in Article._meta.concrete_fields] + [pg_schema.DOCUMENT, pg_schema.HEAD]
    values = [overrides.get(c, f"a.{c}") for c in columns]
    cursor.execute(
        f"INSERT INTO articles_article ({', '.join(columns)}) SELECT {', '.join(values)} "
        "FROM articles_article a JOIN replica_articles m ON m.old = a.id "
        "LEFT JOIN replica_sources src ON src.old = a.source_id "
        "LEFT JOIN replica_stories st ON st.old = a.story_id "
        "LEFT JOIN replica_articles original ON original.old = a.reprint_of_id",
        [first, first, shift, span],
    )


def _copy_derived(cursor) -> None:
    def copy(table: str, columns: list[str], *, article: str = "article_id") -> None:
        cursor.execute(
            f"INSERT INTO {table} ({article}, {', '.join(columns)}) "
            f"SELECT m.new, {', '.join('t.' + c for c in columns)} FROM {table} t "
            f"JOIN replica_articles m ON m.old = t.{article}"
        )

    copy("keywords_articletopic", ["topic_id", "mentions", "title_mentions", "in_title", "score", "strength"])
    copy("keywords_articleorganisation", ["organisation_id", "mentions"])
    copy("articles_articleband", ["band", "value"])
    cursor.execute(
        "INSERT INTO articles_storyword (article_id, word, published_at) "
        "SELECT m.new, w.word, coalesce(a.published_at, w.published_at) FROM articles_storyword w "
        "JOIN replica_articles m ON m.old = w.article_id JOIN articles_article a ON a.id = m.new"
    )
    cursor.execute(
        "CREATE TEMP TABLE replica_events ON COMMIT DROP AS "
        "SELECT e.id AS old, nextval(pg_get_serial_sequence('keywords_timelineevent', 'id')) AS new, m.new AS article "
        "FROM keywords_timelineevent e JOIN replica_articles m ON m.old = e.article_id"
    )
    cursor.execute("ALTER TABLE replica_events ADD PRIMARY KEY (old)")
    event_columns = ["sentence", "date_text", "happened_on", "precision", "is_forecast", "key", "position",
                     "topic_count", "year"]
    cursor.execute(
        f"INSERT INTO keywords_timelineevent (id, article_id, {', '.join(event_columns)}) "
        f"SELECT r.new, r.article, {', '.join('e.' + c for c in event_columns)} FROM keywords_timelineevent e "
        "JOIN replica_events r ON r.old = e.id"
    )
    for table, column in (("keywords_timelineevent_topics", "topic_id"),
                          ("keywords_timelineevent_organisations", "organisation_id")):
        cursor.execute(
            f"INSERT INTO {table} (timelineevent_id, {column}) SELECT r.new, l.{column} FROM {table} l "
            "JOIN replica_events r ON r.old = l.timelineevent_id"
        )

"""Search on PostgreSQL over the stored vectors, reading a bounded number of rows per query.

Why it is shaped this way (EXPLAIN ANALYZE at 30,000 articles, BENCHMARKS.md): the GIN
index found 14,126 matches of 跨境电商 in 21 ms, then ranking tokenised every match again
(`to_tsvector` in `ts_rank`, 18.5 s, sorting rows of all the search columns on disk), and
for 的 the planner scanned the table tokenising every article to test it (62 s). Now:

1. The planner estimates the matches from the stored column's statistics (ANALYZE keeps
   each word's share of the articles), without running the query.
2. The candidates are found with the query *relaxed*: each phrase's tokens all present,
   not necessarily in a row. GIN answers that exactly from the index alone, so deciding
   a match reads no vector. Expected to be at most MAX_HITS (`backends.MAX_HITS`), they
   are all read; else the newest NEWEST_CANDIDATES, and for relevance the newest
   HEAD_CANDIDATES whose title or lead holds the query (the small `search_head` vector):
   an article about the word says so there. See `_newest_ids` for how they are read.
3. Only these candidates are checked against the exact query (phrases in a row,
   exclusions), read by primary key, and ranked by `ts_rank` over the stored vector.
   Where the relaxed query is the exact one (each word one lexeme, no exclusion) the
   check is dropped: the candidates matched it already.
4. When all the candidates were read the total is exact; else it is the planner's
   estimate, and said to be one (约 39,000 篇).

So a word nearly every article holds (的, 发展) reads about as many rows as a rare one,
and no query checks or ranks more than MAX_HITS + HEAD_CANDIDATES vectors.
"""
from __future__ import annotations

from typing import NamedTuple

from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVectorExact,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import ExpressionWrapper, F, Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Exact

from ..counting import estimated_rows
from . import backends
from .backends import Matches
from .pg_schema import DOCUMENT, HEAD
from .query import Clause, ParsedQuery, ways

HEAD_CANDIDATES = 200
# Newest matches read when the planner expects more than MAX_HITS (the feed shows 50).
NEWEST_CANDIDATES = 200
# Where the walk takes over from the bitmap: at share² > WALK_COST × limit / archive. Fitted
# on the benchmark's 25 queries with the planner's estimates near the real matches
# (`pg_schema.STATISTICS_TARGET`), each read both ways: the bitmap over the newest window
# was the faster up to 10-16 % of the archive at 1,000,000 articles and 30-45 % at 100,000
# (BENCHMARKS.md, "Search estimates"); this puts the turn at 14 % and 45 %. (A value of 10
# and a cap of 20,000 had served estimates 5-45× too low; with true ones they sent
# 传统企业电商化, 2 % of 1,000,000, down the walk: 203 ms against 95 through the bitmap.)
WALK_COST = 100
# Past this many expected matches the bitmap could outgrow SEARCH_WORK_MEM and turn lossy,
# and then every row on its lossy pages has its vector read to be checked again (at the
# default 4 MB, 119,065 rows from 33,398 lossy pages for 大数据 at 1,000,000: 2.4 s). At
# 64 MB it holds about a million pages exactly; the largest bitmap the rule above chooses
# at 1,000,000 articles is 141,000 rows.
BITMAP_MAX_ROWS = 500_000
SEARCH_WORK_MEM = "64MB"  # per search transaction (see `matches`)
# The newest window read first holds this many times the articles that, at the expected
# share of matches, would hold the matches needed (see `_newest_ids`).
WINDOW_MARGIN = 4
# ts_rank's weights for D, C, B, A: body, lead, title (D is unused).
WEIGHTS = [0.05, 0.2, 0.5, 1.0]
# Divide the rank by 1 + log(length), so a long digest's passing mentions do not win.
NORMALISATION = 1


def _column(name: str) -> RawSQL:
    return RawSQL(f'"articles_article"."{name}"', [], output_field=SearchVectorField())


def _parts(clause: Clause, search_type: str) -> list[SearchQuery]:
    """One query per way of writing each of the clause's phrases (whole words, grams)."""
    return [SearchQuery(" ".join(way), search_type=search_type, config="simple")
            for phrase in clause.alternatives for way in ways(phrase)]


def _any(clause: Clause, search_type: str) -> SearchQuery:
    query = None
    for part in _parts(clause, search_type):
        query = part if query is None else query | part
    return query


def exact_query(parsed: ParsedQuery) -> SearchQuery:
    """Every required clause, each phrase in a row, no excluded clause."""
    query = None
    for c in parsed.required:
        query = _any(c, "phrase") if query is None else query & _any(c, "phrase")
    for c in parsed.excluded:
        # None of its ways, each negated alone: Django negates a single SearchQuery, but
        # not a combination of them (`~(a | b)` raised TypeError, a 500 for `跨境电商 -亚马逊`).
        for part in _parts(c, "phrase"):
            query = query & ~part
    return query


def relaxed_query(parsed: ParsedQuery) -> SearchQuery:
    """Every required clause with its phrases' tokens anywhere: a superset of the exact
    matches that a GIN index decides alone. Exclusions wait for the exact check."""
    query = None
    for c in parsed.required:
        query = _any(c, "plain") if query is None else query & _any(c, "plain")
    return query


def _relaxed_is_exact(relaxed: SearchQuery, exact: SearchQuery) -> Exact:
    """True when the relaxed query is the exact one (no phrase of several lexemes, no
    exclusion): the candidates then match already, and checking them would read every
    candidate's body vector out of line for nothing. Both sides are constants, so the
    database folds this when it plans the query, and the vector test drops out."""
    return Exact(ExpressionWrapper(relaxed, SearchQueryField()), ExpressionWrapper(exact, SearchQueryField()))


def _newest(queryset):
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")


def _set(**values: str) -> None:
    """Planner settings for the rest of the transaction (names and values are ours)."""
    with connection.cursor() as cursor:
        cursor.execute("; ".join(f"SET LOCAL {name} = {value}" for name, value in values.items()))


def _newest_ids(matching, limit: int, expected: int, archive: Archive) -> list[int]:
    """The newest `limit` ids of a match, read the cheaper of two ways.

    A walk down the latest-first index reads each row's vector to test it (out of line: a
    dozen pages a row) and stops after `limit` matches, so it reads about limit / share
    rows: cheap for a word most articles hold. The GIN bitmap reads no vector (the relaxed
    query needs no positions) and, over the newest window below, about WINDOW_MARGIN ×
    limit rows, but its index scan grows with every match in the archive. Which is the
    cheaper was measured, not modelled: the walk is taken where share² > WALK_COST × limit
    / archive (the planner does not count the vector's pages and would walk for rarer
    words too), and past BITMAP_MAX_ROWS whatever the share.

    A bitmap expected to hold many more matches than `limit` is first read over the newest
    part of the archive only (`_window_start`): the date index's bitmap ANDed with the
    words', so only that part's matches are read; the whole bitmap only if it held fewer
    than `limit`. At 1,000,000 articles the whole bitmap of 产业带 read 47,670 rows (0.2 s).
    """
    bitmap = expected <= BITMAP_MAX_ROWS and expected * expected <= WALK_COST * limit * archive.rows
    since = _window_start(matching.model, WINDOW_MARGIN * limit * archive.rows // expected, archive) \
        if bitmap and expected > WINDOW_MARGIN * limit else None
    if bitmap:  # nor a sequential scan, which would read every vector
        _set(enable_indexscan="off", enable_seqscan="off")
    ids: list[int] = []
    if since is not None:
        ids = list(_newest(matching.filter(published_at__gte=since)).values_list("pk", flat=True)[:limit])
    if len(ids) < limit:
        ids = list(_newest(matching).values_list("pk", flat=True)[:limit])
    if bitmap:
        _set(enable_indexscan="on", enable_seqscan="on")
    return ids


def _window_start(model, rows: int, archive: Archive):
    """The date from which the newest `rows` published articles start (None: the whole
    archive), from the planner's statistics of the date column: the window is a guess
    that the caller checks (too few matches in it, and the whole bitmap is read), so a
    percentile of ANALYZE's sample serves, with no row read. Reading it off the
    latest-first index with OFFSET read every entry it skipped: 13-41 ms a query at
    1,000,000 articles. That read is kept for an archive not yet analysed."""
    if archive.dates is not None and archive.rows:
        null_share, common, bounds = archive.dates
        rest = max(0.0, 1.0 - null_share - sum(share for _, share in common))
        return newest_start(rows / archive.rows, common, bounds, rest)
    dated = model.objects.filter(is_published=True, published_at__isnull=False)
    # The order of the index `article_latest_first`, so it is read alone (index-only).
    newest = dated.order_by(F("published_at").desc(nulls_last=True), "-pk").values_list("published_at", flat=True)
    return next(iter(newest[rows:rows + 1]), None)


def newest_start(share: float, common: list[tuple], bounds: list, bounds_share: float):
    """The value from which the newest `share` of a column's rows start, from its statistics
    as pg_stats gives them: its most `common` values with their shares, and the ascending
    `bounds` of equal buckets holding `bounds_share` of the rows between them. None when
    that is the whole column. (Pure: no query.)"""
    # A bucket's rows are at or after its lower bound. Counting the rows at or after each
    # point, newest first, the first point whose count completes the share is the start:
    # the rows of a bucket above a common value inside it are not counted, so the window
    # errs wide, never narrow.
    each = bounds_share / (len(bounds) - 1) if len(bounds) > 1 else 0.0
    points = [*common, *((low, each) for low in bounds[:-1])]
    seen = 0.0
    for value, part in sorted(points, key=lambda point: point[0], reverse=True):
        seen += part
        if seen >= share:
            return value
    return None


class Archive(NamedTuple):
    """What choosing a read needs of the whole archive: its size (the planner's count of
    rows) and its date column's statistics, (null share, [(value, share)] of the most
    common, histogram bounds), None before the first ANALYZE."""

    rows: int
    dates: tuple | None


def _archive() -> Archive:
    """Both in one round trip, once per search (its two reads of candidates share them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.reltuples, s.null_frac, (s.most_common_vals::text)::timestamptz[], s.most_common_freqs, "
            "(s.histogram_bounds::text)::timestamptz[] FROM pg_class AS c LEFT JOIN pg_stats AS s "
            "ON s.schemaname = current_schema() AND s.tablename = c.relname AND s.attname = 'published_at' "
            "WHERE c.oid = 'articles_article'::regclass"
        )
        rows, null_share, common, common_shares, bounds = cursor.fetchone()
    dates = None
    if null_share is not None:
        dates = (null_share, list(zip(common or [], common_shares or [], strict=True)), bounds or [])
    return Archive(max(0, int(rows)), dates)


def matches(parsed: ParsedQuery, queryset, order: str = "relevance") -> Matches:
    relaxed, exact = relaxed_query(parsed), exact_query(parsed)
    matching = queryset.alias(search_document=_column(DOCUMENT)).filter(search_document=relaxed)
    with transaction.atomic():
        # Parallel workers cost more to start than these bounded reads take (2 cores). A
        # bitmap kept exact needs no match's vector read again: at the default 4 MB one of
        # 113,000 matches (在线交易, 1,000,000 articles) went a third lossy, 2.4 s; 0.6 s here.
        _set(max_parallel_workers_per_gather="0", work_mem=f"'{SEARCH_WORK_MEM}'")
        expected, archive = estimated_rows(matching), _archive()
        # Every match when the planner expects no more than MAX_HITS; else the newest few.
        depth = backends.MAX_HITS if expected <= backends.MAX_HITS else min(NEWEST_CANDIDATES, backends.MAX_HITS)
        candidates = _newest_ids(matching, depth, expected, archive)
        complete = len(candidates) < depth
        if order == "relevance" and not complete:
            about = queryset.alias(search_head=_column(HEAD)).filter(search_head=relaxed)
            candidates += _newest_ids(about, HEAD_CANDIDATES, estimated_rows(about), archive)
        # The candidates are read by primary key: let the planner AND no bitmap of every
        # match in the archive (30,564 rows for `B2B 平台 企业 发展`) into a lookup of 400.
        _set(enable_bitmapscan="off")
        checked = queryset.model.objects.filter(pk__in=set(candidates)).filter(
            _relaxed_is_exact(relaxed, exact) | Q(SearchVectorExact(_column(DOCUMENT), exact))
        )
        if order == "relevance":
            rank = SearchRank(_column(DOCUMENT), exact, weights=WEIGHTS, normalization=NORMALISATION)
            rows = checked.annotate(rank=rank).order_by("-rank", F("published_at").desc(nulls_last=True), "-pk")
            ranked = list(rows.values_list("pk", "rank"))
        else:
            ranked = [(pk, 0.0) for pk in _newest(checked).values_list("pk", flat=True)]
    if complete:
        return Matches(ranked, len(ranked))
    return Matches(ranked, max(expected, len(ranked)), estimated=True)

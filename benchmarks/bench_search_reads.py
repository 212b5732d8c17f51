"""How PostgreSQL search reads each benchmark query's matches, and what each way costs.

For every query of `bench_site.py` (20 realistic, 5 common-word), on the archive named by
DATABASE_URL: the planner's estimate of the relaxed matches (what the search decides by,
and tells readers as 约 N 篇), their real number (counted through the GIN bitmap), and
the whole search's time in-process three ways: always the bitmap over the newest window,
always the walk down the date index, and the rule of `articles.search.postgres`
(`WALK_COST`, `BITMAP_MAX_ROWS`). Best of `--repeat` runs each. Use it to fit the rule
again after a change to the estimates or the reads (BENCHMARKS.md, "Search estimates").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_pages1m REDIS_URL=redis://127.0.0.1:6379/12 \\
      .venv/bin/python benchmarks/bench_search_reads.py

Counting takes seconds for the common words at 1,000,000 articles (`--no-count` skips
it). Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from articles.counting import estimated_rows  # noqa: E402
from articles.search import SearchFilters, filtered, postgres, search_articles  # noqa: E402
from articles.search.pg_schema import DOCUMENT  # noqa: E402
from articles.search.query import parse_query  # noqa: E402
from benchmarks.bench_site import COMMON, SEARCHES  # noqa: E402
from keywords.dictionary import current_vocabulary  # noqa: E402

RULE = (postgres.WALK_COST, postgres.BITMAP_MAX_ROWS)
WAYS = {"bitmap": (10**12, 10**12), "walk": (RULE[0], 0), "rule": RULE}


def best_time(query: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        search_articles(query)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def counted(matching) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        return matching.count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-count", action="store_true", help="leave out the real number of matches")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("the two ways to read matches are PostgreSQL's: set DATABASE_URL")
    vocabulary = current_vocabulary()
    published = filtered(SearchFilters())
    print(f"{postgres._archive().rows} articles; rule: WALK_COST {RULE[0]}, BITMAP_MAX_ROWS {RULE[1]}")
    print("| query | planner's estimate | matches | bitmap | walk | rule |")
    print("| --- | --- | --- | --- | --- | --- |")
    for query in SEARCHES + COMMON:
        parsed = parse_query(query, vocabulary.segmenter.tokens, vocabulary.synonyms)
        matching = published.alias(search_document=postgres._column(DOCUMENT)).filter(
            search_document=postgres.relaxed_query(parsed))
        real = "" if args.no_count else f"{counted(matching):,}"
        times = []
        for walk_cost, bitmap_max in WAYS.values():
            postgres.WALK_COST, postgres.BITMAP_MAX_ROWS = walk_cost, bitmap_max
            times.append(f"{best_time(query, args.repeat):.0f} ms")
        postgres.WALK_COST, postgres.BITMAP_MAX_ROWS = RULE
        print(f"| {query} | {estimated_rows(matching):,} | {real} | " + " | ".join(times) + " |")


if __name__ == "__main__":
    main()

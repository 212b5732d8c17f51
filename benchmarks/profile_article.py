"""Where one article's pipeline run spends its time: its SQL statements and its Python.

Run (the database named by DATABASE_URL is emptied first, so give it one of its own; without
DATABASE_URL an SQLite file in DATA_DIR is used):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_throughput \\
      .venv/bin/python benchmarks/profile_article.py --articles 300

Stores `--articles` synthetic articles (as bench_ingest plans them) and runs each through
`articles.pipeline.article_process`, then runs `--profiled` more under a query log and
cProfile (with `--per-task N`, N > 1: through `articles.pipeline_batch.articles_process`,
N at a time, as the site's task runs them): prints the mean number of statements per article by kind and table, the
slowest statements, and the functions with the most cumulative time. Asserts nothing.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Job  # noqa: E402
from articles.pipeline import article_process  # noqa: E402
from articles.pipeline_batch import articles_process  # noqa: E402
from benchmarks.unanalysed import plan_articles, write_unanalysed  # noqa: E402
from keywords.models import KeywordYear, Topic, TopicAlias, YearKeyword  # noqa: E402
from keywords.seed import load_2013  # noqa: E402

_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.I)


def statement_kind(sql: str) -> str:
    verb = sql.split(None, 1)[0].upper()
    if verb in ("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT"):
        return verb
    table = _TABLE.search(sql)
    return f"{verb} {table.group(1) if table else '?'}"


def store(count: int, seed: int) -> list[int]:
    return write_unanalysed(plan_articles(count, seed))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--profiled", type=int, default=20)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--per-task", type=int, default=1, help="articles per run; 1: one at a time")
    args = parser.parse_args()

    def run_all(article_ids: list[int]) -> None:
        if args.per_task == 1:
            for article_id in article_ids:
                article_process(article_id=article_id)
            return
        for start in range(0, len(article_ids), args.per_task):
            articles_process(article_ids=article_ids[start:start + args.per_task])

    call_command("migrate", verbosity=0)
    Article.objects.all().delete()
    Job.objects.all().delete()
    load_2013(Topic, TopicAlias, KeywordYear, YearKeyword)
    ids = store(args.articles + args.profiled, args.seed)
    run_all(ids[: args.articles])

    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        profiler.enable()
        run_all(ids[args.articles:])
        profiler.disable()
        took = time.perf_counter() - started
    n = args.profiled
    print(f"{connection.vendor}: {n} articles after {args.articles}: {took / n * 1000:.0f} ms and "
          f"{len(queries) / n:.1f} statements per article")
    kinds = Counter(statement_kind(q["sql"]) for q in queries)
    seconds = Counter()
    for q in queries:
        seconds[statement_kind(q["sql"])] += float(q["time"])
    print("| statement | per article | ms per article |")
    print("| --- | --- | --- |")
    for kind, number in kinds.most_common():
        print(f"| {kind} | {number / n:.1f} | {seconds[kind] / n * 1000:.1f} |")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(35)
    stats.print_callees("article_group|_analysis_save|_grouping_save|_save$|_group$")
    print(out.getvalue())


if __name__ == "__main__":
    main()

"""A full re-tag of a larger archive through real workers: the rate to extrapolate to 100,000.

Run on an archive built beforehand (the database is not emptied; the rows a re-tag writes
are replaced by the re-tag itself):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_ingest_retag REDIS_URL=redis://127.0.0.1:6379/12 \\
      .venv/bin/python manage.py generate_corpus --articles 5000 --pipeline 0
    DATABASE_URL=... REDIS_URL=... .venv/bin/python benchmarks/bench_retag.py --workers 1 2

Two re-tags per worker count, as the site starts them (`topics_retag_start`, the job the
admin and `manage.py retag` start): one after nothing changed, and one after a new alias
(`--alias`, on the first topic of the 2013 list) that changes the tags of the articles
that use it. Prints seconds, articles per second and the time 100,000 articles would take
at that rate (an extrapolation, said as such). Asserts nothing.
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
if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
    sys.exit("bench_retag needs DATABASE_URL (PostgreSQL, an archive built by generate_corpus) and REDIS_URL")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from articles.models import Article, Job  # noqa: E402
from benchmarks.bench_ingest import wait_while, worker_processes  # noqa: E402
from keywords.models import ArticleTopic, Topic, TopicAlias  # noqa: E402
from keywords.services import topics_retag_start  # noqa: E402


def retag(workers: int, log_dir: Path) -> tuple[float, str]:
    with worker_processes(workers, log_dir) as (_, processes):
        started = time.perf_counter()
        with transaction.atomic():  # the job is sent when its row is committed
            job = topics_retag_start(reason="bench_retag")
        wait_while(Job.objects.filter(pk=job.pk, status__in=Job.OPEN).exists, processes, log_dir)
        took = time.perf_counter() - started
    job.refresh_from_db()
    return took, job.get_status_display()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--alias", default="电商平台")
    args = parser.parse_args()
    count = Article.objects.count()
    if not count:
        sys.exit("no articles: build the archive first (manage.py generate_corpus)")
    topic = Topic.objects.order_by("pk").first()
    log_dir = Path(os.environ.get("DATA_DIR", "/tmp")) / "bench-retag-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for workers in args.workers:
        took, status = retag(workers, log_dir)
        rows.append((f"nothing changed, {workers} worker(s) ({status})", took))
        TopicAlias.objects.filter(text=args.alias).delete()
        before = ArticleTopic.objects.filter(topic=topic).count()
        TopicAlias.objects.create(topic=topic, text=args.alias)
        took, status = retag(workers, log_dir)
        after = ArticleTopic.objects.filter(topic=topic).count()
        rows.append((f"alias {args.alias} added to {topic.term} ({before} → {after} tags), {workers} worker(s) "
                     f"({status})", took))
        TopicAlias.objects.filter(text=args.alias).delete()
        retag(workers, log_dir)  # back as it was, for the next worker count (not measured)
    print(f"{count} articles")
    print("| re-tag | seconds | articles/s | 100,000 articles at this rate (extrapolated) |")
    print("| --- | --- | --- | --- |")
    for name, seconds in rows:
        rate = count / seconds
        print(f"| {name} | {seconds:.1f} | {rate:.1f} | {100_000 / rate / 60:.0f} min |")


if __name__ == "__main__":
    main()

"""Ingestion throughput: articles per second through the real pipeline, with 1 and 2 workers.

Run (PostgreSQL and Redis; the database named by DATABASE_URL is emptied first, so give it
a database of its own):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_ingest REDIS_URL=redis://127.0.0.1:6379/9 \\
      .venv/bin/python benchmarks/bench_ingest.py --articles 1000 --workers 1 2

or on top of an archive, as the site ingests in its fourth year (`--on-archive` keeps what
the database holds; give it a copy, `createdb -T b2b_pages100k b2b_ingest100k`: the new
articles stay, and the re-tag goes through the whole archive):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/b2b_ingest100k REDIS_URL=redis://127.0.0.1:6379/9 \\
      .venv/bin/python benchmarks/bench_ingest.py --articles 1000 --workers 1 2 --on-archive

Articles are planned by `articles.synthetic` (the seeds' and the development corpus's
sentences, as `generate_corpus` does), written unanalysed, and then sent to real `celery
worker` processes as the pipeline's task (analysis, tags, events, search index, story
grouping, with their database writes): `--per-task N` articles per `articles_process`
task, as the site's queue sends them (articles.pipeline_batch), or with `--per-task 1`
one `article_analyse` task per article. Measured in the same run, as baselines: bare
segmentation of the same texts and the text analysis alone, in this process. Then a full
re-tag (the job `manage.py retag` and a topic edit start) through the same workers. Peak
RSS of each worker is read from /proc. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")
if not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")):
    sys.exit("bench_ingest needs DATABASE_URL (PostgreSQL, emptied first) and REDIS_URL")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from articles.models import Article, Job  # noqa: E402
from b2bwatch.celery import app as celery_app  # noqa: E402
from benchmarks.unanalysed import plan_articles, write_unanalysed  # noqa: E402
from keywords.dictionary import current_vocabulary  # noqa: E402
from keywords.models import KeywordYear, Topic, TopicAlias, YearKeyword  # noqa: E402
from keywords.seed import load_2013  # noqa: E402
from keywords.services import topics_retag_start  # noqa: E402
from keywords.text.analysis import analyse_text  # noqa: E402

TASK = "keywords.tasks.article_analyse"  # one article
BATCH_TASK = "articles.tasks.articles_process"  # several


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the process's peak resident set so far (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def empty_archive() -> None:
    Article.objects.all().delete()
    Job.objects.all().delete()


@contextmanager
def worker_processes(count: int, log_dir: Path, code: Path = ROOT):
    """`count` solo-pool workers on a queue of their own, running the checkout `code`;
    yields (queue, processes)."""
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CELERY_QUEUE": queue}
    processes = []
    for n in range(count):
        log = (log_dir / f"{queue}-{n}.log").open("w")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "b2bwatch", "worker", "--loglevel=WARNING", "--pool=solo",
             "--without-gossip", "--without-mingle", "--without-heartbeat", f"--hostname=w{n}-{queue}@%h"],
            cwd=code, env=env, stdout=log, stderr=subprocess.STDOUT))
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        time.sleep(8)  # workers import Django and the vocabulary before the clock starts
        yield queue, processes
    finally:
        celery_app.conf.task_default_queue = previous
        for proc in processes:
            proc.terminate()
        for proc in processes:
            proc.wait(timeout=30)


def wait_while(busy, processes, log_dir: Path) -> list[float]:
    """Poll until `busy()` is false; the workers' peak RSS meanwhile."""
    peaks = [0.0] * len(processes)
    while busy():
        time.sleep(0.25)
        peaks = [max(p, peak_rss_mb(proc.pid)) for p, proc in zip(peaks, processes, strict=True)]
        if any(proc.poll() is not None for proc in processes):
            sys.exit(f"a worker stopped; see {log_dir}")
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--per-task", type=int, default=50, help="articles per task; 1: the one-article task")
    parser.add_argument("--on-archive", action="store_true",
                        help="keep the database's articles; the new ones are added on top (each run its own)")
    parser.add_argument("--no-retag", action="store_true", help="leave out the full re-tag (minutes on an archive)")
    parser.add_argument("--code", default=str(ROOT),
                        help="the checkout the workers run (another commit, for a before/after)")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not args.on_archive:
        empty_archive()
    load_2013(Topic, TopicAlias, KeywordYear, YearKeyword)
    planned = plan_articles(args.articles, args.seed)
    count = len(planned)
    vocabulary = current_vocabulary()
    print(f"{count} planned articles, mean {sum(len(a.body) for a in planned) / count:.0f} characters; "
          f"database {settings.DATABASES['default']['NAME']}, {Article.objects.count()} articles in it")

    rows = []
    started = time.perf_counter()
    for a in planned:
        vocabulary.segmenter.tokens(a.title)
        vocabulary.segmenter.tokens(a.body)
    rows.append(("segmentation only (baseline, in-process)", time.perf_counter() - started, "", count))
    started = time.perf_counter()
    for a in planned:
        analyse_text(vocabulary, a.title, a.body, published=a.published_at.date())
    rows.append(("text analysis only (in-process)", time.perf_counter() - started, "", count))

    log_dir = Path(os.environ.get("DATA_DIR", "/tmp")) / "bench-ingest-logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    for n, workers in enumerate(args.workers):
        if args.on_archive:  # new articles each time, on top of what the runs before left
            ids = write_unanalysed(planned if n == 0 else plan_articles(args.articles, args.seed + n))
        else:
            empty_archive()
            ids = write_unanalysed(planned)
        with worker_processes(workers, log_dir, Path(args.code)) as (queue, processes):
            started = time.perf_counter()
            if args.per_task > 1:
                for start in range(0, len(ids), args.per_task):
                    celery_app.send_task(BATCH_TASK, args=[ids[start:start + args.per_task]], queue=queue)
            else:
                for article_id in ids:
                    celery_app.send_task(TASK, args=[article_id], queue=queue)
            peaks = wait_while(Article.objects.filter(pk__in=ids, analysed_at__isnull=True).exists,
                               processes, log_dir)
            took = time.perf_counter() - started
        rows.append((f"pipeline task ({args.per_task} per task), {workers} worker(s)", took,
                     " / ".join(f"{p:.0f}" for p in peaks), len(ids)))

    for workers in [] if args.no_retag else args.workers:
        everything = Article.objects.count()
        with worker_processes(workers, log_dir, Path(args.code)) as (_, processes):
            started = time.perf_counter()
            with transaction.atomic():  # the job is sent when its row is committed
                job = topics_retag_start(reason="bench_ingest")
            peaks = wait_while(Job.objects.filter(pk=job.pk, status__in=Job.OPEN).exists,
                               processes, log_dir)
            took = time.perf_counter() - started
        job.refresh_from_db()
        rows.append((f"full re-tag job ({job.get_status_display()}, {everything} articles), {workers} worker(s)",
                     took, " / ".join(f"{p:.0f}" for p in peaks), everything))

    baseline = rows[0][1]
    print("| step | seconds | articles/s | × baseline time per article | worker peak RSS (MB) |")
    print("| --- | --- | --- | --- | --- |")
    for name, seconds, rss, articles in rows:
        print(f"| {name} | {seconds:.1f} | {articles / seconds:.1f} | {seconds / baseline * count / articles:.1f}× "
              f"| {rss} |")


if __name__ == "__main__":
    main()

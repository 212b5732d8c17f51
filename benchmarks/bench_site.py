"""The site under load as an operator runs it (issue 15): gunicorn with DEBUG off and the
Redis cache, loaded from this second process over loopback, each page type's p50/p95 cold
(cache cleared before every request) and warm, next to a trivial view (robots.txt)
measured in the same run, each kind's warm throughput (requests per second, one client,
back to back) with its ratio to the trivial view's, and the web process's peak memory
after each kind with how much that kind grew it.

Run against a database filled by `manage.py generate_corpus --articles N`:
  DATABASE_URL=postgres://…/b2b_scale REDIS_URL=redis://127.0.0.1:6379/15 \\
    .venv/bin/python benchmarks/bench_site.py --port 18400 --rounds 10
The Redis database in REDIS_URL is flushed for the cold figures: give it one of its own.
Prints figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import redis

ROOT = Path(__file__).resolve().parents[1]
# What readers of a B2B news site type (issue 15 asks for 20): the year's keywords, the
# companies and the trade's other words, one phrase and one exclusion.
SEARCHES = ["跨境电商", "大数据", "互联网金融", "在线交易", "产业带", "线上线下结合", "传统企业电商化", "B2B社交营销",
            "自贸区", "为效果付费", "阿里巴巴", "慧聪网", "京东", "供应链金融", "外贸", "移动互联网", "物流",
            "中小企业", '"电商平台" 交易额', "跨境电商 -亚马逊"]
# Words most of the archive holds, alone, together and as a choice (issue 15).
COMMON = ["的", "电子商务", "发展", "B2B 平台 企业 发展", "企业 OR 平台 OR 发展 OR 市场 OR 服务 OR 电商"]


def pages(topic: str, article: int, year: int, source: str, publication: int) -> list[tuple[str, list[str]]]:
    return [
        ("trivial view", ["/robots.txt"]),
        ("home", ["/"]),
        ("topic", [f"/topics/{quote(topic)}/"]),
        ("topic by relevance", [f"/topics/{quote(topic)}/?sort=relevance"]),
        ("year", [f"/years/{year}/"]),
        ("article", [f"/articles/{article}/"]),
        ("timeline", ["/timeline/"]),
        ("search", [f"/search/?q={quote(q)}" for q in SEARCHES]),
        ("search, common words", [f"/search/?q={quote(q)}" for q in COMMON]),
        ("search API (never cached)", [f"/api/search?q={quote(q)}" for q in SEARCHES + COMMON]),
        ("search feed (newest first)", [f"/search/feed.rss?q={quote(q)}" for q in SEARCHES]),
        ("feeds", ["/feeds/latest.rss", f"/topics/{quote(topic)}/feed.rss"]),
        ("API list", ["/api/articles", f"/api/topics/{quote(topic)}/articles"]),
        # The other page types: each is a reader's or a crawler's way in too.
        ("archive, first and 500th page", ["/articles/", "/articles/?page=500"]),
        ("topic and year indexes", ["/topics/", "/years/"]),
        ("topic timeline", [f"/topics/{quote(topic)}/timeline/"]),
        ("source", [f"/sources/{quote(source)}/"]),
        ("newsletter issue", [f"/publications/{publication}/"]),
        ("other feeds", [f"/years/{year}/feed.atom", f"/sources/{quote(source)}/feed.rss",
                         f"/sources/{quote(source)}/issues.rss", "/feeds/topics.opml"]),
        ("sitemap: index, first and 100th file of articles", ["/sitemap.xml", "/sitemap-articles.xml",
                                                              "/sitemap-articles.xml?p=100"]),
    ]


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    """The gunicorn worker's peak resident memory (VmHWM; VmRSS for the current one), or the
    master's if no child."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    target = children[0] if children else pid
    for line in Path(f"/proc/{target}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def throughput(conn: http.client.HTTPConnection, paths: list[str], requests: int) -> float:
    """Warm requests per second, one client back to back, cycling over the kind's paths
    (each served once first so every one is cached)."""
    for path in paths:
        timed(conn, path)
    started = time.perf_counter()
    for i in range(requests):
        timed(conn, paths[i % len(paths)])
    return requests / (time.perf_counter() - started)


def timed(conn: http.client.HTTPConnection, path: str) -> float:
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    took = (time.perf_counter() - started) * 1000
    if response.status != 200:
        print(f"  {path}: HTTP {response.status}", file=sys.stderr)
    return took


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18400)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--skip", nargs="*", default=[], help="page kinds to leave out, e.g. search")
    parser.add_argument("--queries", type=int, default=0, help="only the first N queries of each search row")
    parser.add_argument("--only", nargs="*", default=[], help="page kinds to measure (the trivial view always is)")
    parser.add_argument("--burst", type=int, default=200, help="warm requests per kind for its throughput")
    parser.add_argument("--code", default=str(ROOT), help="the checkout to serve (another branch, for a before/after)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import models

    from articles.models import Article, Publication, Source
    from keywords.models import Topic

    topic = Topic.objects.get(term="跨境电商").slug
    tagged = Article.objects.published().filter(topic_tags__isnull=False)
    article = tagged.order_by("-pk").values_list("pk", flat=True)[0]
    year = 2013
    # The outlet with the most articles, and the newest published issue of a newsletter.
    source = Source.objects.annotate(n=models.Count("articles")).order_by("-n").first().slug
    publication = Publication.objects.filter(is_published=True).order_by("-pk").values_list("pk", flat=True)[0]
    count = Article.objects.count()
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "b2bwatch.wsgi", "-b", f"127.0.0.1:{args.port}", "-w", "1",
         "--timeout", "300"], cwd=args.code, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    cache = redis.Redis.from_url(os.environ["REDIS_URL"])
    try:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=300)
        for _ in range(100):
            try:
                timed(conn, "/robots.txt")
                break
            except OSError:
                time.sleep(0.2)
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=300)
        start_rss = rss_mb(server.pid)
        print(f"{count} articles; web worker after start {start_rss:.0f} MB; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        print("| page | cold p50 | cold p95 | cold p99 | warm p50 | warm p95 | warm p99 | warm req/s | "
              "req/s / trivial | cold p50 / trivial | peak RSS after | peak grew by |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        trivial = trivial_rps = None
        for name, paths in pages(topic, article, year, source, publication):
            if name in args.skip or (args.only and name != "trivial view" and name not in args.only):
                continue
            if args.queries and name.startswith("search"):
                paths = paths[: args.queries]
            cold, warm = [], []
            peak_before = rss_mb(server.pid)
            # The slow kinds get fewer rounds (each search query is its own request).
            rounds = args.rounds if name != "timeline" and not name.startswith("search") else max(1, args.rounds // 4)
            for _ in range(rounds):
                for path in paths:
                    cache.flushdb()
                    cold.append(timed(conn, path))
                    warm.append(timed(conn, path))
            rps = throughput(conn, paths, args.burst)
            p50 = statistics.median(cold)
            trivial = trivial or p50
            trivial_rps = trivial_rps or rps
            peak = rss_mb(server.pid)
            print(f"| {name} | {p50:.0f} ms | {percentile(cold, 95):.0f} ms | {percentile(cold, 99):.0f} ms | "
                  f"{statistics.median(warm):.1f} ms | {percentile(warm, 95):.1f} ms | {percentile(warm, 99):.1f} ms | "
                  f"{rps:.0f} | {rps / trivial_rps:.2f}× | {p50 / trivial:.0f}× | {peak:.0f} MB | "
                  f"{peak - peak_before:.0f} MB |", flush=True)
        print(f"web worker at the end: {rss_mb(server.pid, 'VmRSS'):.0f} MB resident, peak "
              f"{rss_mb(server.pid):.0f} MB; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

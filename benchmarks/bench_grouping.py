"""Story grouping per article as the archive grows: bounded candidates against the window.

Run: .venv/bin/python benchmarks/bench_grouping.py [sizes…] [--sample N]
(default sizes 2000 20000; SQLite in a temporary folder, or the PostgreSQL database named
by DATABASE_URL, which is emptied first: give it a database of its own.)

Builds a corpus of generated articles (8-16 clauses recombined from the seed documents,
numbers and percentages included, 2% planted reprints) spread over the same 60 days at
every size, so a 7-day window holds ten times as many articles at 20,000 as at 2,000. The
corpus is written in bulk with the derived data the pipeline stores (search tokens,
MinHash bands, story words); then `article_group`, the real service, runs on a sample of
new articles in the middle of the range. Next to it, in the same run: the candidate query
the grouping used before (the full-text index by the 8 "rarest" tokens, unknown ones
counted rarest, over the window) and a primary-key fetch. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DATABASE_URL"):
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-grouping-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from articles.dedup.bands import band_hashes, to_bytes  # noqa: E402
from articles.dedup.fingerprint import exact_hash  # noqa: E402
from articles.dedup.minhash import signature_values  # noqa: E402
from articles.dedup.stories import STORED_WORDS, WINDOW, rare_words, story_words  # noqa: E402
from articles.grouping import article_group  # noqa: E402
from articles.models import Article, ArticleBand, Story, StoryWord  # noqa: E402
from articles.search.index import index_text  # noqa: E402
from chinese_text.dates import CHINA  # noqa: E402
from keywords.text.segmenter import Segmenter  # noqa: E402
from keywords.text.weights import word_weights  # noqa: E402
from tests.articles.dedup.labelled import reprint, seed_sentences  # noqa: E402

START = datetime(2015, 1, 1, tzinfo=CHINA)
SPAN = timedelta(days=60)
SEGMENTER = Segmenter()


def clause_pool() -> list[str]:
    sentences = [s for prefix in ("000", "002", "003", "004") for s in seed_sentences(prefix)]
    return sorted({c for s in sentences for c in re.split(r"[，；：。！？]", s) if 6 <= len(c) <= 60})


def text(rng: random.Random, pool: list[str]) -> tuple[str, str]:
    clauses = rng.sample(pool, rng.randint(8, 16))
    return clauses[0][:40], "".join(c + ("。" if k % 3 == 2 else "，") for k, c in enumerate(clauses[1:]))


def build(n: int, rng: random.Random, pool: list[str], *, around: datetime | None = None) -> list[Article]:
    """n analysed articles with their derived rows, in bulk; dates across SPAN (or near `around`)."""
    bodies: list[tuple[str, str]] = []
    for _ in range(n):
        if bodies and rng.random() < 0.02:
            title, body = rng.choice(bodies)
            bodies.append((title, reprint(body, rng)))
        else:
            bodies.append(text(rng, pool))
    rows, derived = [], []
    for title, body in bodies:
        when = around + timedelta(minutes=rng.randint(-600, 600)) if around else START + SPAN * rng.random()
        title_tokens, body_tokens = SEGMENTER.tokens(title), SEGMENTER.tokens(body)
        index = index_text(title, body, title_tokens, body_tokens)
        values = signature_values(f"{title}\n{body}")
        rows.append(Article(
            title=title, body=body, published_at=when, is_published=True, analysed_at=when,
            search_title=index.title, search_body=index.body, search_title_grams=index.title_grams,
            search_lead=index.lead, search_body_grams=index.body_grams,
            content_hash=exact_hash(body), minhash=to_bytes(values),
        ))
        derived.append((values, story_words(index.title.split(), index.body.split())))
    articles = Article.objects.bulk_create(rows, batch_size=500)
    weights = word_weights()
    ArticleBand.objects.bulk_create(
        (ArticleBand(article=a, band=b, value=v) for a, (values, _) in zip(articles, derived, strict=True)
         for b, v in enumerate(band_hashes(values))), batch_size=2000,
    )
    StoryWord.objects.bulk_create(
        (StoryWord(article=a, word=w[:40], published_at=a.published_at)
         for a, (_, words) in zip(articles, derived, strict=True) for w in rare_words(words, weights, STORED_WORDS)),
        batch_size=2000,
    )
    return articles


def old_candidates(article: Article) -> int:
    """The candidate query the grouping ran before: full text, "rarest" tokens, whole window."""
    from articles.search.backends import backend
    from articles.search.query import any_of_words

    weights = word_weights()
    words = story_words(article.search_title.split(), article.search_body.split())
    rarest = sorted({w for w in words if not w.isdigit()}, key=lambda w: (-weights[w], w))[:8]
    window = WINDOW + timedelta(days=1)
    nearby = Article.objects.exclude(pk=article.pk).filter(
        published_at__range=(article.published_at - window, article.published_at + window)
    )
    ids = [pk for pk, _ in backend().matches(any_of_words(rarest), nearby).ranked[:200]]
    return len(list(Article.objects.filter(pk__in=ids).select_related("source")))


def timed_each(fn, items) -> tuple[float, list]:
    times, results = [], []
    for item in items:
        start = time.perf_counter()
        results.append(fn(item))
        times.append(time.perf_counter() - start)
    return median(times) * 1000, results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 20000])
    parser.add_argument("--sample", type=int, default=40)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    rng, pool = random.Random(13), clause_pool()
    print(f"database: {connection.vendor}; corpus over {SPAN.days} days, story window ±{WINDOW.days} days; "
          f"sample {args.sample} new articles per size; medians in ms per article")
    print(f"{'articles':>9} {'in window':>9} {'pk fetch':>9} {'old cand.':>10} {'old found':>9} "
          f"{'group now':>10} {'new cand.':>9} {'in story':>8}")
    have = 0
    for size in sorted(args.sizes):
        start = time.perf_counter()
        build(size - have, rng, pool)
        have = size
        built = time.perf_counter() - start
        middle = START + SPAN / 2
        sample = build(args.sample, rng, pool, around=middle)
        window = WINDOW + timedelta(days=1)
        in_window = Article.objects.filter(published_at__range=(middle - window, middle + window)).count()
        pk_ms, _ = timed_each(lambda a: Article.objects.filter(pk=a.pk).first(), sample)
        try:
            old_ms, found = timed_each(old_candidates, sample)
            old_found = f"{median(found):.0f}"
        except Exception as exc:  # noqa: BLE001 - the old query may be gone from a newer search package
            old_ms, old_found = float("nan"), type(exc).__name__
        from articles.grouping import _story_candidates
        from articles.story_members import story_item

        _, new_found = timed_each(lambda a: len(_story_candidates(a, story_item(a))), sample)
        group_ms, stories = timed_each(lambda a: article_group(article_id=a.pk), sample)
        joined = sum(1 for s in stories if s is not None)
        print(f"{size:>9} {in_window:>9} {pk_ms:>9.2f} {old_ms:>10.1f} {old_found:>9} "
              f"{group_ms:>10.1f} {median(new_found):>9.0f} {joined:>4}/{len(sample)}")
        print(f"          (corpus built in bulk in {built:.0f} s; {Story.objects.count()} stories)")
        Article.objects.filter(pk__in=[a.pk for a in sample]).delete()
        Story.objects.filter(articles=None).delete()
        have += 0


if __name__ == "__main__":
    main()

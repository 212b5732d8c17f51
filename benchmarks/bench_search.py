"""Search relevance on the seeds: precision@5 on what each query is about, and recall of
every article that contains the query (issue 13's queries).

Run on a database holding the seeds (SQLite by default, PostgreSQL with DATABASE_URL):
  DATA_DIR=/tmp/bench .venv/bin/python manage.py migrate
  DATA_DIR=/tmp/bench .venv/bin/python manage.py import --samples --publish
  DATA_DIR=/tmp/bench .venv/bin/python benchmarks/bench_search.py
Queries and labels: benchmarks/data/search_queries.json. Results are taken from the
backend over all published articles (not one per story), so story grouping does not
hide what the search found. P@5 counts the labelled articles among the first
min(5, labelled) results; recall is over the articles whose folded title and body
contain the query, or any name of the topic the query names. `--engine-only` skips the
re-ordering by what articles are about (articles.search.ranking), to show the database
engine's own order. Prints figures, asserts nothing.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles import search  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.search.query import parse_query  # noqa: E402
from chinese_text.normalise import fold  # noqa: E402
from keywords.dictionary import current_vocabulary  # noqa: E402
from keywords.models import Topic  # noqa: E402

QUERIES = Path(__file__).with_name("data") / "search_queries.json"


def topic_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for topic in Topic.objects.prefetch_related("aliases"):
        forms = [fold(topic.term), *(fold(a.text) for a in topic.aliases.all())]
        for form in forms:
            names[form] = forms
    return names


def main() -> None:
    if "--engine-only" in sys.argv and hasattr(search, "RERANK_DEPTH"):
        search.RERANK_DEPTH = 0
    labels = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    vocabulary = current_vocabulary()
    extra = [vocabulary.synonyms] if hasattr(vocabulary, "synonyms") else []
    names = topic_names()
    published = Article.objects.published()
    texts = {pk: fold(f"{title}\n{body}") for pk, title, body in published.values_list("pk", "title", "body")}
    titles = dict(published.values_list("pk", "title"))
    print(f"{connection.vendor}: {len(texts)} published articles")
    print(f"{'query':<10} {'P@5':>5} {'recall':>12}  first five (* = about)")
    sums = [0.0, 0.0]
    for row in labels:
        q = row["q"]
        wanted = names.get(fold(q), [fold(q)])
        containing = {pk for pk, text in texts.items() if any(w in text for w in wanted)}
        parsed = parse_query(q, vocabulary.segmenter.tokens, *extra)
        ranked = [pk for pk, _ in search.ranked_ids(parsed, published)]
        about = {pk for pk, title in titles.items() if title in row["about"]}
        k = min(5, len(about)) or 5
        top = ranked[:k]
        precision = sum(pk in about for pk in top) / k
        recall = len(containing & set(ranked)) / len(containing) if containing else 1.0
        sums[0] += precision
        sums[1] += recall
        shown = " | ".join(("*" if pk in about else "") + titles[pk][:12] for pk in ranked[:5])
        print(f"{q:<10} {precision:5.2f} {len(containing & set(ranked)):>3}/{len(containing):<3}{recall:5.2f}  {shown}")
    n = len(labels)
    print(f"{'mean':<10} {sums[0] / n:5.2f} {sums[1] / n:12.2f}")


if __name__ == "__main__":
    main()

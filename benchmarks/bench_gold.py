"""Tags and search on the gold set of public texts (issue 13, point 6).

Run on an empty database (SQLite by default, PostgreSQL with DATABASE_URL):
  DATA_DIR=/tmp/gold .venv/bin/python manage.py migrate
  DATA_DIR=/tmp/gold .venv/bin/python benchmarks/bench_gold.py
Texts and labels: tests/fixtures/gold_news/ (README.md there says where each text comes
from and how it was labelled, by reading, before this code ran on it), and a second part
read in place from ../shared/corpus when it is there (`gold_shared.py`: the development
corpus's news, which may not be copied into the repository). Each text goes in
as a captured web page through the project's own doors: `document_create` → parse →
`article_process` (analysis: tags, strengths; search index; grouping), with tasks run in-process.
Then it prints, for tags, precision and recall of *about* and of *in the topic's sense*
(any tag, right when the label is about or mentions), overall and per topic; for search,
precision@5 on the queries with an article about them, recall of the articles that
contain the query string, and nDCG@10 on the graded labels. Prints figures, asserts
nothing (tests/keywords/gold/test_news_gold.py keeps the floor). The second part's
texts are all off the site's field (old web pages, 新闻联播 stories): its tags and *about*
that the labels do not bear out are counted apart.
"""
from __future__ import annotations

import json
import math
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

from benchmarks.gold_shared import DIGESTS, PAGES, shared_articles  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "gold_news"
ORIGIN = "gold_news/"  # each document's origin: gold_news/<id>
ABOUT, MENTIONS = "about", "mentions"
# The publisher a crawler would name for each source repository (the laws: 法律法规文本).
SOURCE_NAMES = {"fuyaonews/fuyaonews-open-dataset": "扶摇资讯", "ZhouYNF/platform-1": "中国政府网",
                DIGESTS[0]: "新闻联播", PAGES[0]: "网页"}


@cache
def gold_committed() -> dict[str, dict]:
    """The first part: the texts committed in articles.jsonl."""
    lines = (GOLD / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


@cache
def gold_articles() -> dict[str, dict]:
    """Every gold text: the committed ones, then those read in place ({} without ../shared/corpus)."""
    return {**gold_committed(), **shared_articles()}


def is_shared(gid: str) -> bool:
    return gid not in gold_committed()


@cache
def gold_labels() -> dict:
    return json.loads((GOLD / "labels.json").read_text(encoding="utf-8"))


def captured_page(row: dict) -> bytes:
    """The text as a crawler's capture of one page: front matter, then the paragraphs."""
    name = SOURCE_NAMES.get(row["origin"]["repository"], "法律法规文本")
    head = [f"title: {row['title']}", f"time: {row['date']}", f"name: {name}"]
    if not row["date"]:  # a page without a date says none
        head.remove("time: ")
    if row["origin"]["url"]:
        head.insert(1, f"url: {row['origin']['url']}")
    return ("---\n" + "\n".join(head) + "\n---\n" + row["text"] + "\n").encode("utf-8")


def gold_load() -> None:
    """Store, parse and analyse every gold text once (`gold_article_ids` maps them back).

    A text already stored (the same bytes) is not stored again, so a second run measures
    what the first one loaded. Parsing and analysis run in on-commit callbacks: in
    autocommit at once, in a test when its capture of them ends.
    """
    from articles.services import document_create
    from b2bwatch.celery import app as celery_app

    eager, celery_app.conf.task_always_eager = celery_app.conf.task_always_eager, True
    try:
        for gid, row in gold_articles().items():
            document_create(data=captured_page(row), filename=f"{gid}.md", origin=ORIGIN + gid, structure="article")
    finally:
        celery_app.conf.task_always_eager = eager


def gold_article_ids() -> dict[int, str]:
    """Article pk → gold id, for the published articles the gold texts became."""
    from articles.models import Article

    rows = Article.objects.published().filter(document__origin__startswith=ORIGIN)
    return {pk: origin.removeprefix(ORIGIN) for pk, origin in rows.values_list("pk", "document__origin")}


@dataclass
class Counts:
    predicted: int = 0
    right: int = 0
    labelled: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else float("nan")

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else float("nan")


@dataclass
class TagScore:
    about: Counts = field(default_factory=Counts)
    sense: Counts = field(default_factory=Counts)  # any tag; right when labelled about or mentions
    per_topic: dict[str, tuple[Counts, Counts]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def tag_score(ids: dict[int, str]) -> TagScore:
    from keywords.models import ArticleTopic

    labels = gold_labels()
    label = {(t["id"], t["topic"]): t["label"] for t in labels["tags"]}
    tagged = {(ids[pk], term): strength for pk, term, strength in ArticleTopic.objects.filter(
        article_id__in=ids).values_list("article_id", "topic__term", "strength")}
    score = TagScore(per_topic={term: (Counts(), Counts()) for term in labels["topics"]})
    loaded = set(ids.values())
    for gid in sorted(loaded):
        title = gold_articles()[gid]["title"][:18]
        for term in labels["topics"]:
            expected, strength = label.get((gid, term), "not"), tagged.get((gid, term))
            topic_about, topic_sense = score.per_topic[term]
            for counts in (score.about, topic_about):
                counts.predicted += strength == ABOUT
                counts.right += strength == ABOUT and expected == ABOUT
                counts.labelled += expected == ABOUT
                counts.found += expected == ABOUT and strength == ABOUT
            for counts in (score.sense, topic_sense):
                counts.predicted += strength is not None
                counts.right += strength is not None and expected != "not"
                counts.labelled += expected != "not"
                counts.found += expected != "not" and strength is not None
            if (strength or "not") != expected:
                score.errors.append(f"{gid} {title} · {term}: tagged {strength or '—'}, label {expected}")
    return score


@dataclass
class QueryScore:
    q: str
    kind: str
    precision_at_5: float | None  # None when no article is about the query
    containing: int
    containing_found: int
    ndcg_at_10: float | None  # None when no article is relevant
    first: list[str]


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def search_score(ids: dict[int, str]) -> list[QueryScore]:
    from articles.models import Article
    from articles.search import ranked_ids
    from articles.search.query import parse_query
    from chinese_text.normalise import fold
    from keywords.dictionary import current_vocabulary

    vocabulary = current_vocabulary()
    published = Article.objects.published().filter(pk__in=ids)
    texts = {pk: fold(f"{title}\n{body}") for pk, title, body in published.values_list("pk", "title", "body")}
    scores = []
    for query in gold_labels()["queries"]:
        relevance = {pk: query["relevance"].get(gid, 0) for pk, gid in ids.items()}
        parsed = parse_query(query["q"], vocabulary.segmenter.tokens, vocabulary.synonyms)
        ranked = [pk for pk, _ in ranked_ids(parsed, published)]
        about = [pk for pk, grade in relevance.items() if grade == 2]
        k = min(5, len(about))
        precision = sum(relevance[pk] == 2 for pk in ranked[:k]) / k if k else None
        containing = {pk for pk, text in texts.items() if fold(query["q"]) in text}
        ideal = dcg(sorted(relevance.values(), reverse=True)[:10])
        ndcg = dcg([relevance[pk] for pk in ranked[:10]]) / ideal if ideal else None
        first = [("**" if relevance[pk] == 2 else "*" if relevance[pk] else "") + ids[pk] for pk in ranked[:5]]
        scores.append(QueryScore(query["q"], query["kind"], precision, len(containing),
                                 len(containing & set(ranked)), ndcg, first))
    return scores


def mean(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else float("nan")


def search_summary(scores: list[QueryScore]) -> dict[str, float]:
    containing = sum(s.containing for s in scores)
    return {
        "p_at_5": mean(s.precision_at_5 for s in scores),
        "recall": sum(s.containing_found for s in scores) / containing if containing else float("nan"),
        "ndcg_at_10": mean(s.ndcg_at_10 for s in scores),
    }


def figures(c: Counts) -> str:
    return (f"precision {c.precision:.3f} ({c.right}/{c.predicted}), "
            f"recall {c.recall:.3f} ({c.found}/{c.labelled})")


def report(ids: dict[int, str]) -> tuple[TagScore, list[QueryScore]]:
    from django.db import connection

    tags, queries = tag_score(ids), search_score(ids)
    sources = defaultdict(int)
    for gid in ids.values():
        sources[gold_articles()[gid]["origin"]["repository"]] += 1
    print(f"{connection.vendor}: {len(ids)} gold articles loaded ({dict(sources)})")
    print(f"tags  in the topic's sense: {figures(tags.sense)}")
    print(f"      about:                {figures(tags.about)}")
    for term, (about, sense) in tags.per_topic.items():
        print(f"  {term:<8} sense {figures(sense)} · about {figures(about)}")
    print("  tags that disagree with the label:")
    for line in tags.errors:
        print("   ", line)
    shared = {pk: gid for pk, gid in ids.items() if is_shared(gid)}
    if shared:
        first = tag_score({pk: gid for pk, gid in ids.items() if pk not in shared})
        print(f"  first part ({len(ids) - len(shared)} committed texts): sense {figures(first.sense)} · "
              f"about {figures(first.about)}")
        off = tag_score(shared)
        print(f"  second part ({len(shared)} corpus news texts, off the site's field): {off.sense.predicted} tags, "
              f"{off.sense.predicted - off.sense.right} where the label is not; {off.about.predicted} about, "
              f"{off.about.predicted - off.about.right} where the label is not about; "
              f"labelled in sense {off.sense.labelled}, found {off.sense.found}")
    else:
        print("  second part (corpus news read in place) not loaded: ../shared/corpus is absent")
    print(f"search {'query':<10} {'kind':<9} {'P@5':>5} {'contains found':>15} {'nDCG@10':>8}  "
          "first five (** about, * relevant)")
    for s in queries:
        p = "  -  " if s.precision_at_5 is None else f"{s.precision_at_5:5.2f}"
        n = "   -    " if s.ndcg_at_10 is None else f"{s.ndcg_at_10:8.3f}"
        print(f"       {s.q:<10} {s.kind:<9} {p} {s.containing_found:>7}/{s.containing:<7} {n}  {' '.join(s.first)}")
    summary = search_summary(queries)
    print(f"search mean P@5 on about-queries {summary['p_at_5']:.3f}, recall of containing articles "
          f"{summary['recall']:.3f}, mean nDCG@10 {summary['ndcg_at_10']:.3f}")
    return tags, queries


def main() -> None:
    import django

    django.setup()
    gold_load()
    report(gold_article_ids())


if __name__ == "__main__":
    main()

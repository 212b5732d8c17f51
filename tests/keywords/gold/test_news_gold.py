"""Tags and search on the gold set of public texts (tests/fixtures/gold_news), on the
suite's database (SQLite by default, PostgreSQL with DATABASE_URL).

The figures are printed here and by benchmarks/bench_gold.py, and recorded in
BENCHMARKS.md with every miss explained; the floors sit just under what was measured
(a regression guard; the issue's targets for tags and search are met). Loading the
415 texts through the whole pipeline takes about a minute of CPU, two to three minutes on
SQLite and six to seven on PostgreSQL on the shared two-core machine, hence the `gold` mark
(`-m "not gold"` leaves it out of a quick local run).
"""
from __future__ import annotations

import hashlib
import re

import pytest

from benchmarks.bench_gold import gold_article_ids, gold_articles, gold_labels, gold_load, report, search_summary

KINDS = {"about", "mentions", "not"}


def test_every_label_names_a_gold_article_a_topic_and_a_kind():
    labels, articles = gold_labels(), gold_articles()
    assert len(articles) >= 300
    for row in labels["tags"]:
        assert row["id"] in articles and row["topic"] in labels["topics"] and row["label"] in KINDS, row
        assert row["label"] != "not" or row.get("note"), row  # a string that occurs out of sense says why
    for query in labels["queries"]:
        assert set(query["relevance"]) <= articles.keys() and set(query["relevance"].values()) <= {1, 2}, query["q"]


def test_every_gold_article_has_its_origin_licence_and_unchanged_text():
    for gid, row in gold_articles().items():
        origin = row["origin"]
        assert origin["repository"] and origin["path"] and re.fullmatch(r"[0-9a-f]{40}", origin["commit"]), gid
        assert row["licence"] and row["committable"] is True, gid
        assert hashlib.sha256(f"{row['title']}\n{row['text']}".encode()).hexdigest() == row["sha256"], gid


@pytest.mark.gold
@pytest.mark.django_db
def test_tags_and_search_on_the_gold_set_stay_at_least_as_good_as_measured(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        gold_load()
    ids = gold_article_ids()
    tags, queries = report(ids)
    search = search_summary(queries)
    assert len(ids) == 413  # 415 texts, two of them the same bytes as another (stored once)
    assert tags.sense.precision >= 0.97 and tags.sense.recall >= 0.965
    assert tags.about.precision >= 0.95 and tags.about.recall >= 0.95  # five about tags: each one counts
    assert search["p_at_5"] >= 0.9 and search["recall"] >= 0.98 and search["ndcg_at_10"] >= 0.87

"""Keyword discovery on the seeds and the development corpus: the top suggestions, to judge by reading.

Run: .venv/bin/python benchmarks/bench_discovery.py [--top 20]
Material: the four seeds and, from ../shared/corpus (only what its README allows), the 49
development web pages (cleaned text and date) and the four digests. Every text goes
through the site's own segmenter (the 2013 topics and the seed organisations in its
dictionary) and becomes the search tokens analysis stores, as in the database. Two
measures: the year 2015 as 查看某年上升的词 computes it (dated texts only, up to that
year), and every text pooled as one year (the undated report and textbook included).
Prints the suggestions; judging them (a term or not) is done by reading (BENCHMARKS.md).
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

from articles.ingest import parse_document  # noqa: E402
from articles.search.index import index_text  # noqa: E402
from keywords.seed import KEYWORDS_2013  # noqa: E402
from keywords.text.organisations import SEED_ORGANISATIONS, dictionary_words  # noqa: E402
from keywords.text.segmenter import Segmenter  # noqa: E402

SHARED = ROOT.parent / "shared"
TOPIC_FORMS = {form for term, _, aliases, _ in KEYWORDS_2013 for form in (term, *aliases)}
ORGANISATION_FORMS = {form for org in SEED_ORGANISATIONS for form in org.forms}


def texts() -> list[tuple[int | None, str, str]]:
    """(year or None, title, body) of every item of the material."""
    out = []
    paths = sorted((SHARED / "seeds").glob("00*.txt")) + sorted((SHARED / "corpus" / "digests").glob("*.md"))
    for path in paths:
        parsed = parse_document(path.read_bytes(), filename=path.name)
        for item in parsed.items:
            when = item.published_at or parsed.published_at
            out.append((when.year if when else None, item.title, item.body))
    pages = SHARED / "corpus" / "webpages"
    for path in sorted((pages / "cleaned").glob("*.txt")):
        stated = (pages / "date" / path.name).read_text(encoding="utf-8").strip()[:4]
        body = path.read_text(encoding="utf-8")
        out.append((int(stated) if stated.isdigit() else None, body.split("\n", 1)[0][:60], body))
    return out


def year_candidates(segmenter, material, year: int | None, top: int) -> tuple[int, list]:
    """What keywords.discovery.year_candidates does, without the database: the year's texts
    cut with tags, earlier years' as stored tokens (`year` None: every text as one year)."""
    from keywords.text.discovery import TermCounter
    from keywords.text.weights import word_weights

    counter = TermCounter(existing=TOPIC_FORMS | ORGANISATION_FORMS)
    texts = 0
    for when, title, body in material:
        if year is None or when == year:
            text = f"{title}\n{body}"
            counter.add(text, segmenter.tagged(text))
            texts += 1
    for when, title, body in material:
        if year is not None and when is not None and when < year:
            index = index_text(title, body, segmenter.tokens(title), segmenter.tokens(body))
            counter.add_earlier(f"{index.title} {index.body}".split())
            texts += 1
    return texts, counter.candidates(top=top, background=word_weights())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    segmenter = Segmenter(TOPIC_FORMS | dictionary_words(SEED_ORGANISATIONS))
    material = texts()
    started = time.perf_counter()
    for label, year in (("2015", 2015), ("pooled", None)):
        count, found = year_candidates(segmenter, material, year, args.top)
        print(f"{label}: {count} texts; top {args.top}:")
        print("  " + " ".join(c.term for c in found))
    print(f"{len(material)} texts, {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

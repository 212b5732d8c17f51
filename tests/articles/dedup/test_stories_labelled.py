"""Story grouping measured on a hand-labelled set: 56 reports of 28 events of 2013-2015,
each outlet's own text, with look-alikes (one company's two announcements in a week, two
cities' pilots, one ministry's two notices) that must stay apart."""
import itertools
import json
from datetime import datetime, timedelta
from pathlib import Path

from articles.dedup.minhash import group_reprints
from articles.dedup.stories import SIMILARITY, WINDOW, StoryItem, group_stories
from keywords.text.weights import word_weights

from .test_stories import report

LABELLED = json.loads((Path(__file__).parent / "stories_labelled.json").read_text(encoding="utf-8"))["items"]


def labelled_items() -> list[StoryItem]:
    return [
        report(row["key"], row["title"], row["text"], datetime.fromisoformat(row["published_at"]), row["outlet"])
        for row in LABELLED
    ]


def pair_scores(items: list[StoryItem], **options) -> tuple[float, float, list]:
    """Precision and recall over pairs of reports put in one story."""
    story_of = {row["key"]: row["story"] for row in LABELLED}
    truth = {frozenset(p) for p in itertools.combinations(story_of, 2) if story_of[p[0]] == story_of[p[1]]}
    reprints = group_reprints([(item.key, item.text) for item in items])
    stories = group_stories(items, reprint_groups=reprints, weights=word_weights(), **options)
    found = {frozenset(p) for s in stories for p in itertools.combinations([i.key for i in s.items], 2)}
    hits = len(found & truth)
    return hits / max(len(found), 1), hits / len(truth), sorted(sorted(p) for p in found - truth)


def test_story_grouping_precision_and_recall_on_the_labelled_set():
    items = labelled_items()
    precision, recall, wrong = pair_scores(items)
    print(f"\nstories: {len(items)} reports of {len({r['story'] for r in LABELLED})} events; "
          f"threshold {SIMILARITY}, window {WINDOW.days} days: precision {precision:.3f} recall {recall:.3f}")
    for pair in wrong:
        print("  put together wrongly:", pair)
    print("  sweep (threshold, window days: precision recall):")
    for threshold, days in itertools.product((0.2, 0.25, 0.28, 0.3, 0.35), (3, 7)):
        p, r, _ = pair_scores(items, threshold=threshold, window=timedelta(days=days))
        print(f"    {threshold:.2f} {days}: {p:.3f} {r:.3f}")
    assert precision >= 0.85 and recall >= 0.9


def test_one_companys_two_announcements_in_a_week_are_two_stories():
    items = [i for i in labelled_items() if i.key.startswith(("e15-", "e17-"))]  # 京东's results, then 京小贷
    stories = group_stories(items, weights=word_weights())
    assert sorted(sorted(i.key[:3] for i in s.items) for s in stories) == [["e15"] * 3, ["e17"]]

"""Precision and recall of `extract_events` against dated sentences an editor checked."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from keywords.text.events import extract_events

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"
PUBLISHED = {"000": date(2013, 12, 19), "002": None, "003": None, "004": date(2015, 4, 30)}


def load_gold() -> list[tuple[str, str, str, str, bool]]:
    rows = []
    for line in (Path(__file__).parent / "events.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            seed, fragment, when, precision, forecast = line.split("\t")
            rows.append((seed, fragment, when, precision, forecast == "1"))
    return rows


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def score() -> tuple[float, float, list, list]:
    gold = load_gold()
    expected = {row for row in gold if row[2] != "-"}
    predicted = set()
    for seed in sorted({row[0] for row in gold}):
        fragments = {row[1] for row in gold if row[0] == seed}
        for event in extract_events(seed_text(seed), published=PUBLISHED[seed]):
            for fragment in fragments:
                if fragment in event.sentence:
                    predicted.add((seed, fragment, event.when.isoformat(), event.precision, event.is_forecast))
    hits = predicted & expected
    precision = len(hits) / max(len(predicted), 1)
    recall = len(hits) / max(len(expected), 1)
    return precision, recall, sorted(predicted - expected), sorted(expected - predicted)


@pytest.mark.skipif(not SEEDS.exists(), reason="seed corpus not present")
def test_events_gold_set_precision_and_recall_are_at_least_0_9():
    precision, recall, wrong, missed = score()
    print(f"\nevents gold set: precision {precision:.3f} recall {recall:.3f} ({len(load_gold())} rows)")
    for row in wrong:
        print("  unexpected:", row)
    for row in missed:
        print("  missed:    ", row)
    assert precision >= 0.9 and recall >= 0.9

"""Precision and recall of organisation mentions in seed paragraphs an editor checked."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from keywords.text.organisations import SEED_ORGANISATIONS, dictionary_words, find_organisations
from keywords.text.segmenter import ENGINES, Segmenter


@pytest.mark.parametrize("engine", ENGINES)
def test_organisations_gold_set_precision_and_recall_are_at_least_0_9(engine):
    cases = json.loads((Path(__file__).parent / "organisations.json").read_text(encoding="utf-8"))
    segmenter = Segmenter(dictionary_words(SEED_ORGANISATIONS), engine=engine)
    hits = predicted = expected = 0
    for case in cases:
        found = {m.name for m in find_organisations(segmenter.tokens(case["text"]), case["text"], SEED_ORGANISATIONS)}
        gold = set(case["expected"])
        hits, predicted, expected = hits + len(found & gold), predicted + len(found), expected + len(gold)
        if found != gold:
            print(f"  {case['text'][:20]}… unexpected {sorted(found - gold)} missed {sorted(gold - found)}")
    precision, recall = hits / max(predicted, 1), hits / max(expected, 1)
    print(f"\norganisations gold set ({engine}): precision {precision:.3f} recall {recall:.3f} ({expected} mentions)")
    assert precision >= 0.9 and recall >= 0.9

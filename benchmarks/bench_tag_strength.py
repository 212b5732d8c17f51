"""Tag strength on the seeds: how often *about* and *mentions* agree with an editor.

Run: .venv/bin/python benchmarks/bench_tag_strength.py
Labels: tests/keywords/gold/strengths.json, one per topic an editor gave a seed item
(tests/keywords/gold/topics.json), each `about` or `mentions`, written by reading the
items before the rule in keywords/text/strength.py existed. A tag the editor did not
give counts as wrong for either strength. The seeds are what the rule was chosen on, so
these are development figures, not a held-out score. Prints figures; asserts nothing
(tests/keywords/gold/test_strengths_gold.py holds the floor).
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

from articles.ingest import parse_document  # noqa: E402
from keywords.seed import KEYWORDS_2013  # noqa: E402
from keywords.text.organisations import SEED_ORGANISATIONS, dictionary_words  # noqa: E402
from keywords.text.segmenter import ENGINES, Segmenter  # noqa: E402
from keywords.text.strength import ABOUT, MENTIONS  # noqa: E402
from keywords.text.tagging import Tagger, TopicForms  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "keywords" / "gold" / "strengths.json"
TERMS = [term for term, *_ in KEYWORDS_2013]
TOPICS = [TopicForms(i, (term, *aliases)) for i, (term, _, aliases, _) in enumerate(KEYWORDS_2013)]


@dataclass
class StrengthScore:
    predicted: dict[str, int] = field(default_factory=lambda: {ABOUT: 0, MENTIONS: 0})
    right: dict[str, int] = field(default_factory=lambda: {ABOUT: 0, MENTIONS: 0})
    labelled_about_tagged: int = 0
    errors: list[str] = field(default_factory=list)

    def precision(self, strength: str) -> float:
        return self.right[strength] / max(self.predicted[strength], 1)

    @property
    def about_recall(self) -> float:
        """Of the labelled *about* tags the tagger found, the share it calls *about*."""
        return self.right[ABOUT] / max(self.labelled_about_tagged, 1)


@cache
def seed_items() -> dict[tuple[str, int], tuple[str, str]]:
    items = {}
    for path in sorted(SEEDS.glob("00*.txt")):
        parsed = parse_document(path.read_bytes(), filename=path.name)
        for index, item in enumerate(parsed.items, start=1):
            items[(path.name[:3], item.position or index)] = (item.title, item.body)
    return items


def gold() -> dict[tuple[str, int, str], str]:
    rows = json.loads(GOLD.read_text(encoding="utf-8"))
    return {(r["seed"], r["position"], r["topic"]): r["strength"] for r in rows}


def score(engine: str = ENGINES[0]) -> StrengthScore:
    words = [f for t in TOPICS for f in t.forms] + sorted(dictionary_words(SEED_ORGANISATIONS))
    segmenter, tagger = Segmenter(words, engine=engine), Tagger(TOPICS)
    labels, result = gold(), StrengthScore()
    for (seed, position), (title, body) in seed_items().items():
        for match in tagger.tag(title, segmenter.tokens(title), body, segmenter.tokens(body)):
            topic = TERMS[match.key]
            expected = labels.get((seed, position, topic), "not")
            result.predicted[match.strength] += 1
            result.labelled_about_tagged += expected == ABOUT
            if expected == match.strength:
                result.right[match.strength] += 1
            else:
                result.errors.append(f"{seed}/{position} {title[:16]} · {topic}: {match.strength}, editor {expected}")
    return result


def main() -> None:
    for engine in ENGINES:
        s = score(engine)
        print(f"{engine}: about precision {s.precision(ABOUT):.3f} ({s.right[ABOUT]}/{s.predicted[ABOUT]}), "
              f"mentions precision {s.precision(MENTIONS):.3f} ({s.right[MENTIONS]}/{s.predicted[MENTIONS]}), "
              f"about recall among found tags {s.about_recall:.3f} ({s.right[ABOUT]}/{s.labelled_about_tagged})")
        for line in s.errors:
            print("   ", line)


if __name__ == "__main__":
    main()

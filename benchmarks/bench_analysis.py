"""Per-article analysis throughput against bare jieba, and rjieba as a replacement.

Run: .venv/bin/python benchmarks/bench_analysis.py [repeats]
The whole analysis segments once (Segmenter.tokens) and reuses the tokens for tagging,
organisations and search tokens; events work on the raw text. The target is at least half
the speed of bare `jieba.lcut`. rjieba (jieba-rs) is measured with the same user
dictionary (its `Jieba.add_word`) for speed and for how many tokens differ from jieba.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import difflib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jieba  # noqa: E402

from keywords.text.events import extract_events  # noqa: E402
from keywords.text.organisations import SEED_ORGANISATIONS, dictionary_words, find_organisations  # noqa: E402
from keywords.text.segmenter import Segmenter, word_variants  # noqa: E402
from keywords.text.tagging import Tagger, TopicForms  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOLD = Path(__file__).resolve().parents[1] / "tests" / "keywords" / "gold"
KEYWORDS_2013 = [("在线交易",), ("互联网金融",), ("大数据",), ("线上线下结合", "O2O"),
                 ("跨境电商", "跨境电子商务"), ("传统企业电商化",), ("B2B社交营销",),
                 ("自贸区", "自由贸易试验区"), ("为效果付费", "P4P"), ("产业带",)]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, texts: list[str], repeats: int) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        for text in texts:
            fn(text)
    return time.perf_counter() - start


def main(repeats: int = 3) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024 * repeats
    topics = [TopicForms(i, forms) for i, forms in enumerate(KEYWORDS_2013)]
    words = {f for forms in KEYWORDS_2013 for f in forms} | dictionary_words(SEED_ORGANISATIONS)
    rss_before = rss_mb()
    segmenter = Segmenter(words)
    segmenter.tokens("预热")  # jieba loads its dictionary lazily
    print(f"RSS after loading the segmenter: {rss_mb():.0f} MB (before: {rss_before:.0f} MB)")
    tagger = Tagger(topics)
    jieba.lcut("预热")

    def analyse(text: str) -> None:
        tokens = segmenter.tokens(text)
        title = text[:60]
        tagger.tag(title, segmenter.tokens(title), text, tokens)
        find_organisations(tokens, text, SEED_ORGANISATIONS)
        extract_events(text, published=None)
        " ".join(tokens)  # search tokens are the same tokens

    bare = kb / timed(jieba.lcut, texts, repeats)
    whole = kb / timed(analyse, texts, repeats)
    print(f"bare jieba.lcut:      {bare:8.1f} KB/s")
    print(f"whole analysis:       {whole:8.1f} KB/s  ({whole / bare:.2f} of bare jieba)")

    try:
        import rjieba
    except ImportError:
        print("rjieba not installed")
        return
    rj = rjieba.Jieba()
    for word in words:
        for variant in word_variants(word):
            rj.add_word(variant, rj.suggest_freq(variant), None)  # like jieba: just enough to keep it whole
    fast = kb / timed(rj.cut, texts, repeats)
    differing = total = 0
    for text in texts:
        a, b = segmenter.tokens(text), [t for t in rj.cut(text) if t.strip()]
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        differing += len(a) - same
        total += len(a)
    # Quality on what the tokens feed: topic mention counts per seed and the organisations gold set.
    def mentions(tokens: list[str], text: str) -> dict[int, int]:
        return {m.key: m.mentions for m in tagger.tag("", [], text, tokens)}

    topic_diffs = sum(mentions(segmenter.tokens(t), t) != mentions(rj.cut(t), t) for t in texts)
    cases = json.loads((GOLD / "organisations.json").read_text(encoding="utf-8"))
    org_misses = {name: 0 for name in ("jieba", "rjieba")}
    for case in cases:
        for name, cut in (("jieba", segmenter.tokens), ("rjieba", rj.cut)):
            found = {m.name for m in find_organisations(cut(case["text"]), case["text"], SEED_ORGANISATIONS)}
            org_misses[name] += len(found ^ set(case["expected"]))
    print(f"seeds whose topic tags differ (jieba vs rjieba): {topic_diffs} of {len(texts)}; "
          f"organisations gold-set errors: {org_misses}")
    print(f"rjieba with user dict:{fast:8.1f} KB/s  ({fast / bare:.1f}x bare jieba), "
          f"{100 * differing / max(total, 1):.2f} % of jieba's tokens differ")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

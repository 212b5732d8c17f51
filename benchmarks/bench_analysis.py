"""Per-article analysis throughput against bare jieba, with either segmenter engine.

Run: .venv/bin/python benchmarks/bench_analysis.py [repeats]
The whole analysis segments once (Segmenter.tokens) and reuses the tokens for tagging,
organisations and search tokens; events work on the raw text. The target is at least half
the speed of bare `jieba.lcut`, measured in the same run. Both engines (rjieba, the
default, and jieba) get the same user dictionary; the script also prints how many tokens
they cut differently and each one's resident memory after loading, in a fresh process.
Prints figures; asserts nothing. The quality of each engine is in tests/keywords/gold.
"""
from __future__ import annotations

import difflib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from articles.ingest.titles import derive_title  # noqa: E402
from keywords.seed import KEYWORDS_2013  # noqa: E402
from keywords.text.events import extract_events  # noqa: E402
from keywords.text.organisations import SEED_ORGANISATIONS, dictionary_words, find_organisations  # noqa: E402
from keywords.text.segmenter import ENGINES, Segmenter  # noqa: E402
from keywords.text.tagging import Tagger, TopicForms  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
TOPICS = [TopicForms(i, (term, *aliases)) for i, (term, _, aliases, _) in enumerate(KEYWORDS_2013)]
WORDS = sorted({f for t in TOPICS for f in t.forms} | dictionary_words(SEED_ORGANISATIONS))

# Run in a fresh interpreter: what a worker holds once its vocabulary is loaded.
_RSS_PROBE = """
import sys; sys.path.insert(0, {root!r})
def rss():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:")) / 1024
before = rss()
from keywords.text.segmenter import Segmenter
Segmenter({words!r}, engine={engine!r}).tokens("预热")
print(f"{{before:.0f}} {{rss():.0f}}")
"""


def timed(fn, texts: list[str], repeats: int) -> float:
    start = time.perf_counter()
    for _ in range(repeats):
        for text in texts:
            fn(text)
    return time.perf_counter() - start


def analysis(segmenter: Segmenter):
    tagger = Tagger(TOPICS)

    def analyse(text: str) -> None:
        tokens = segmenter.tokens(text)
        title = derive_title(text)
        tagger.tag(title, segmenter.tokens(title), text, tokens)
        find_organisations(tokens, text, SEED_ORGANISATIONS)
        extract_events(text, published=None)
        " ".join(tokens)  # search tokens are the same tokens

    return analyse


def differing_tokens(a: Segmenter, b: Segmenter, texts: list[str]) -> float:
    differing = total = 0
    for text in texts:
        x, y = a.tokens(text), b.tokens(text)
        same = sum(block.size for block in difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
        differing, total = differing + len(x) - same, total + len(x)
    return 100 * differing / max(total, 1)


def main(repeats: int = 3) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024 * repeats
    segmenters = {engine: Segmenter(WORDS, engine=engine) for engine in ENGINES}
    for segmenter in segmenters.values():
        segmenter.tokens("预热")  # dictionaries load lazily
    jieba.lcut("预热")

    print(f"{len(texts)} seeds, {kb / repeats:.0f} KB, {repeats} repeats")
    bare = kb / timed(jieba.lcut, texts, repeats)
    print(f"  bare jieba.lcut (baseline)      {bare:9.1f} KB/s  1.00")
    for engine, segmenter in segmenters.items():
        cut = kb / timed(segmenter.tokens, texts, repeats)
        whole = kb / timed(analysis(segmenter), texts, repeats)
        print(f"  {engine:7} segmentation only      {cut:9.1f} KB/s  {cut / bare:5.2f}")
        print(f"  {engine:7} whole analysis         {whole:9.1f} KB/s  {whole / bare:5.2f}")
    print(f"  tokens cut differently by the two engines: {differing_tokens(*segmenters.values(), texts):.2f} %")
    for engine in ENGINES:
        probe = _RSS_PROBE.format(root=str(ROOT), words=WORDS, engine=engine)
        before, after = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                       check=True).stdout.split()
        print(f"  resident memory with the {engine} segmenter loaded: {after} MB (interpreter alone: {before} MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

"""Reprint grouping at scale: MinHash LSH against comparing every pair.

Run: .venv/bin/python benchmarks/bench_dedup.py [articles] [subset]
Builds a synthetic corpus of short Chinese articles (8-16 clauses recombined from the
seed documents, 2% of them planted reprints with small edits), indexes and queries it
with LSH, then times both methods on a subset, where all pairs are still affordable,
and extrapolates all-pairs to the whole corpus (it grows with n², LSH with n). Prints
figures; asserts nothing.
"""
from __future__ import annotations

import random
import re
import sys
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.dedup.fingerprint import content_key, jaccard, shingles  # noqa: E402
from articles.dedup.minhash import THRESHOLD, K, ReprintIndex, signature  # noqa: E402
from tests.articles.dedup.labelled import reprint, seed_sentences  # noqa: E402

PLANTED_SHARE = 0.02


def corpus(n: int, seed: int = 100) -> tuple[list[str], dict[int, int]]:
    """Texts, and for each planted reprint the index of its original."""
    rng = random.Random(seed)
    # Clauses, not sentences: the seeds hold ~1,500 sentences, so 100,000 articles drawn
    # from them would share whole sentences by the thousand and be near-duplicates in fact.
    sentences = [s for prefix in ("000", "002", "003", "004") for s in seed_sentences(prefix)]
    pool = sorted({c for s in sentences for c in re.split(r"[，；：。！？]", s) if 6 <= len(c) <= 60})
    texts: list[str] = []
    planted: dict[int, int] = {}
    for i in range(n):
        if i > 10 and rng.random() < PLANTED_SHARE:
            original = rng.randrange(i)
            while original in planted:
                original = rng.randrange(i)
            planted[i] = original
            texts.append(reprint(texts[original], rng))
        else:
            clauses = rng.sample(pool, rng.randint(8, 16))
            texts.append("".join(c + ("。" if k % 3 == 2 else "，") for k, c in enumerate(clauses)))
    return texts, planted


def lsh_pairs(texts: list[str]) -> tuple[set[tuple[int, int]], float, float]:
    start = time.perf_counter()
    signatures = [signature(t) for t in texts]
    hashed = time.perf_counter() - start
    index = ReprintIndex()
    start = time.perf_counter()
    pairs = set()
    for i, (text, sig) in enumerate(zip(texts, signatures, strict=True)):
        for j, _ in _query(index, sig):
            pairs.add((j, i))
        index.add(i, text, values=sig.hashvalues)
    return pairs, hashed, time.perf_counter() - start


def _query(index: ReprintIndex, sig):
    """Query by a ready signature (the benchmark hashes once, up front)."""
    for key in index._lsh.query(sig):  # noqa: SLF001 - benchmark only
        score = sig.jaccard(index._signatures[key])  # noqa: SLF001
        if score >= index.threshold:
            yield key, score


def all_pairs(texts: list[str]) -> tuple[set[tuple[int, int]], float]:
    start = time.perf_counter()
    sets = [shingles(content_key(t), K) for t in texts]
    pairs = {(i, j) for (i, a), (j, b) in combinations(enumerate(sets), 2) if jaccard(a, b) >= THRESHOLD}
    return pairs, time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    subset = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
    start = time.perf_counter()
    texts, planted = corpus(n)
    chars = sum(map(len, texts)) / n
    print(f"corpus: {n:,} articles, mean {chars:.0f} characters, {len(planted):,} planted reprints "
          f"({time.perf_counter() - start:.1f} s to build)")

    pairs, hashed, indexed = lsh_pairs(texts)
    truth = {(o, r) for r, o in planted.items()}
    found = len(truth & pairs)
    family = list(range(n))
    for r, o in sorted(planted.items()):
        family[r] = family[o]
    stray = sum(1 for i, j in pairs if family[i] != family[j])
    print(f"LSH, {n:,} articles: signatures {hashed:.1f} s, index+query {indexed:.1f} s, "
          f"total {hashed + indexed:.1f} s ({(hashed + indexed) / n * 1e3:.2f} ms per article)")
    print(f"  pairs reported {len(pairs):,}; planted reprints found {found:,}/{len(truth):,} "
          f"({found / max(1, len(truth)):.3f}); pairs outside a planted family {stray:,} "
          "(recombined texts that share most of their sentences)")

    sub = texts[:subset]
    lsh_sub, sub_hashed, sub_indexed = lsh_pairs(sub)
    naive_sub, naive_time = all_pairs(sub)
    lsh_time = sub_hashed + sub_indexed
    comparisons = subset * (subset - 1) // 2
    print(f"subset of {subset:,}: LSH {lsh_time:.2f} s, all pairs ({comparisons:,} comparisons) {naive_time:.2f} s, "
          f"ratio {naive_time / lsh_time:.1f}x; pairs: LSH {len(lsh_sub)}, exact {len(naive_sub)}, "
          f"agreeing {len(lsh_sub & naive_sub)}")
    scale = (n / subset) ** 2
    print(f"all pairs extrapolated to {n:,}: {naive_time * scale / 3600:.1f} h "
          f"({n * (n - 1) // 2:,} comparisons) against {hashed + indexed:.0f} s with LSH")


if __name__ == "__main__":
    main()

"""Keyword discovery: terms that rose in a year, for editors to review.

Input is already-segmented text (the tokens analysis stored), grouped by year, so
discovery sees exactly the words tagging and search see. A term scores high when it is
frequent this year, concentrated in few of all documents (IDF over the whole corpus) and
rarer in earlier years (growth). A small corpus cannot tell a rising term from a word
every text uses (虽然, 如何, 政策), so the word's rarity in Chinese at large (`background`,
jieba's IDF table) weighs in too, and the commonest words are left out. Example
sentences come from raw sentences passed in `sentences_by_year`; without them candidates
have no examples.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_STOP_FILE = Path(__file__).with_name("stopwords.txt")
STOP_WORDS = frozenset(
    w.strip() for w in _STOP_FILE.read_text(encoding="utf-8").split() if w.strip() and not w.startswith("#")
)
MIN_BACKGROUND = 6.0  # an IDF below this is a word of every text: 发展, 虽然, 如何, 创新, 重点
_NOT_A_TERM = re.compile(r"^[\W_]+$|^[0-9０-９.,%％]+[A-Za-z%％]?$|^[0-9]+(年|月|日|亿|万|元|个|家|倍)?$", re.UNICODE)


@dataclass(frozen=True)
class Candidate:
    term: str
    count: int  # occurrences in `year`
    earlier_count: int  # occurrences in all years before `year`
    document_frequency: int  # documents of `year` containing it
    score: float
    examples: list[str] = field(default_factory=list)


def is_term(token: str) -> bool:
    """Worth showing an editor: not a stop word, a single character, a number or punctuation."""
    token = token.strip()
    return len(token) > 1 and token not in STOP_WORDS and not _NOT_A_TERM.match(token)


def candidate_terms(
    docs_by_year: dict[int, list[list[str]]],
    year: int,
    *,
    existing: set[str],
    top: int = 30,
    sentences_by_year: dict[int, list[str]] | None = None,
    min_count: int = 2,
    background: Mapping[str, float] | None = None,
) -> list[Candidate]:
    """The `top` terms of `year` by score; `existing` (the year's keywords and aliases) are left out.

    `background[term]` is a term's IDF in Chinese at large, for every term.
    """
    skip = {e.lower() for e in existing}
    all_docs = sum(len(docs) for docs in docs_by_year.values())
    corpus_df: Counter[str] = Counter()
    for docs in docs_by_year.values():
        for doc in docs:
            corpus_df.update(set(doc))
    this_year: Counter[str] = Counter()
    year_df: Counter[str] = Counter()
    for doc in docs_by_year.get(year, []):
        this_year.update(doc)
        year_df.update(set(doc))
    earlier: Counter[str] = Counter()
    for y, docs in docs_by_year.items():
        if y < year:
            for doc in docs:
                earlier.update(doc)
    year_total = max(sum(this_year.values()), 1)
    earlier_total = sum(earlier.values())

    scored = []
    for term, n in this_year.items():
        if n < min_count or term.lower() in skip or not is_term(term):
            continue
        if background is not None and background[term] < MIN_BACKGROUND:
            continue
        rarity = background[term] / 10 if background is not None else 1.0
        tf = n / year_total * 10_000  # per ten thousand tokens
        idf = math.log((1 + all_docs) / (1 + corpus_df[term])) + 1
        # Growth: this year's rate against earlier years' (smoothed so a new word is not infinite).
        growth = (tf + 1) / (earlier[term] / earlier_total * 10_000 + 1) if earlier_total else 1.0
        spread = math.log1p(year_df[term])  # a word in many of the year's articles beats one long article
        scored.append((round(math.log1p(tf) * idf * math.log1p(growth) * spread * rarity, 4), term))
    scored.sort(key=lambda s: (-s[0], s[1]))
    sentences = (sentences_by_year or {}).get(year, [])
    return [
        Candidate(term, this_year[term], earlier[term], year_df[term], score,
                  [s for s in sentences if term in s][:3])
        for score, term in scored[:top]
    ]

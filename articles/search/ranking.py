"""What an article is about, for ordering search results (pure: no Django).

The database's engine finds the matches and a first order (bm25 on SQLite, ts_rank on
PostgreSQL; both count each of a topic's names as a separate rare word and saturate
quickly, so one mention in a short item can outrank twelve in a story). The first
RERANK_DEPTH of them are then ordered here, the same way on both databases, from the
stored index columns (already folded and cut, so nothing is segmented or folded again):

- the title: a match there says the article is about it;
- the lead (the body's first LEAD_CHARS characters): a story says its subject first;
- density: mentions per thousand characters of body, with short bodies counted as
  MIN_BODY_CHARS long, so a long digest of many stories does not outrank the story
  and a one-line item does not outrank an article that keeps coming back to the word;
- whole words: a match that is a word of its own ranks above one inside a longer word.

A mention is the query's grams in a row in the stored grams (see `index.grams`), which is
exactly where the folded text contains it. Each required clause of the query scores on
its own and the scores add up.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .query import ParsedQuery

RERANK_DEPTH = 200
MIN_BODY_CHARS = 1000
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.0
DENSITY_WEIGHT = 1.0
WHOLE_WORD_WEIGHT = 0.5


@dataclass(frozen=True)
class Candidate:
    """An article's stored search columns (space-separated tokens)."""

    key: int
    title_grams: str
    lead: str
    body_grams: str
    words: str  # the title's and the body's words


def _tokens_in_a_row(sequences: list[str]) -> re.Pattern | None:
    """Any of the token `sequences`, each in a row, as whole tokens of a column."""
    parts = sorted({s for s in sequences if s}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(re.escape(p) for p in parts) + r")(?!\S)")


@dataclass(frozen=True)
class _Clause:
    mention: re.Pattern
    whole_word: re.Pattern | None


def _clauses(parsed: ParsedQuery) -> list[_Clause]:
    out = []
    for clause in parsed.required:
        mention = _tokens_in_a_row([" ".join(p.grams or p.words) for p in clause.alternatives])
        single_words = [p.words[0] for p in clause.alternatives if len(p.words) == 1]
        if mention is not None:
            out.append(_Clause(mention, _tokens_in_a_row(single_words)))
    return out


def _count(pattern: re.Pattern, column: str) -> int:
    return sum(1 for _ in pattern.finditer(column))


def about_score(clauses: list[_Clause], candidate: Candidate) -> float:
    length = candidate.body_grams.count(" ") + 1 if candidate.body_grams else 0
    score = 0.0
    for c in clauses:
        per_thousand = 1000 * _count(c.mention, candidate.body_grams) / max(length, MIN_BODY_CHARS)
        score += TITLE_WEIGHT * min(_count(c.mention, candidate.title_grams), 1)
        score += LEAD_WEIGHT * min(_count(c.mention, candidate.lead), 2) / 2
        score += DENSITY_WEIGHT * math.log1p(per_thousand)
        if c.whole_word is not None and c.whole_word.search(candidate.words):
            score += WHOLE_WORD_WEIGHT
    return score


def rerank(parsed: ParsedQuery, candidates: list[Candidate]) -> list[tuple[int, float]]:
    """The candidates best first (ties keep the engine's order)."""
    clauses = _clauses(parsed)
    scored = [(c.key, about_score(clauses, c)) for c in candidates]
    return sorted(scored, key=lambda kv: -kv[1])

"""What an article is about, for ordering search results (pure: no Django).

The database's engine finds the matches and a first order (bm25 on SQLite, ts_rank on
PostgreSQL; both count each of a topic's names as a separate rare word and saturate
quickly, so one mention in a short item can outrank twelve in a story). The first
RERANK_DEPTH of them are then ordered here, the same way on both databases, by
`keywords.text.strength.about_score`: the signs the tags' rule reads (the title, the
lead, the density), graded, so that "about" means one thing in tags and in search. Its
inputs are read from the stored index columns (already folded and cut, so nothing is
segmented or folded again): a mention is the query's grams in a row in the stored grams
(see `index.grams`), which is exactly where the folded text contains it, and its place
is counted in grams, one per character of Chinese text. Beyond that, a match that is a
word of its own ranks above one inside a longer word. Each required clause of the query
scores on its own and the scores add up.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from keywords.text.strength import about_score

from .query import ParsedQuery

RERANK_DEPTH = 200
WHOLE_WORD_WEIGHT = 0.5


@dataclass(frozen=True)
class Candidate:
    """An article's stored search columns (space-separated tokens)."""

    key: int
    title_grams: str
    body_grams: str
    words: str  # the title's and the body's words


def _tokens_in_a_row(sequences: list[str]) -> re.Pattern | None:
    """Any of the token `sequences`, each in a row, ending a token of a column; `_starts`
    keeps the ones that also begin one. (A look-behind for the start in the pattern would
    cost the regex engine its fast scan for the literal text: 22 ms against 2.4 ms for a
    four-word query's 200 candidates.)"""
    parts = sorted({s for s in sequences if s}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile(r"(?:" + "|".join(re.escape(p) for p in parts) + r")(?!\S)")


def _starts(pattern: re.Pattern, column: str) -> Iterator[int]:
    """Where the pattern matches as whole tokens, left to right, without overlaps: a match
    inside a token is passed over and the search resumes at its next character."""
    at = 0
    while (match := pattern.search(column, at)) is not None:
        start = match.start()
        if start and not column[start - 1].isspace():
            at = start + 1
            continue
        yield start
        at = match.end()


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
    return sum(1 for _ in _starts(pattern, column))


def _places(pattern: re.Pattern, grams: str) -> list[int]:
    """Where each match starts, counted in grams (one pass over the column)."""
    places, at, counted = [], 0, 0
    for start in _starts(pattern, grams):
        counted += grams.count(" ", at, start)
        at = start
        places.append(counted)
    return places


def candidate_score(clauses: list[_Clause], candidate: Candidate) -> float:
    length = candidate.body_grams.count(" ") + 1 if candidate.body_grams else 0
    score = 0.0
    for c in clauses:
        places = _places(c.mention, candidate.body_grams)
        score += about_score(title_mentions=_count(c.mention, candidate.title_grams), body_offsets=places,
                             listed=[False] * len(places), body_chars=length)
        if c.whole_word is not None and next(_starts(c.whole_word, candidate.words), None) is not None:
            score += WHOLE_WORD_WEIGHT
    return score


def rerank(parsed: ParsedQuery, candidates: list[Candidate]) -> list[tuple[int, float]]:
    """The candidates best first (ties keep the engine's order)."""
    clauses = _clauses(parsed)
    scored = [(c.key, candidate_score(clauses, c)) for c in candidates]
    return sorted(scored, key=lambda kv: -kv[1])

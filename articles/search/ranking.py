"""What an article is about, for ordering search results (pure: no Django).

The database's engine finds the matches and a first order (bm25 on SQLite, ts_rank on
PostgreSQL; both count each of a topic's names as a separate rare word and saturate
quickly, so one mention in a short item can outrank twelve in a story). The first
RERANK_DEPTH of them are then ordered here, the same way on both databases, by:

- the title: a match there says the article is about it;
- the lead (the body's first LEAD_CHARS characters): a story says its subject first;
- density: mentions per thousand characters of body, with short bodies counted as
  MIN_BODY_CHARS long, so a long digest of many stories does not outrank the story
  and a one-line item does not outrank an article that keeps coming back to the word;
- whole words: a match that is a word of its own ranks above one inside a longer word.

Each required clause of the query scores on its own and the scores add up.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from chinese_text.normalise import fold

from .index import LEAD_CHARS
from .query import ParsedQuery

RERANK_DEPTH = 200
MIN_BODY_CHARS = 1000
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.0
DENSITY_WEIGHT = 1.0
WHOLE_WORD_WEIGHT = 0.5


@dataclass(frozen=True)
class Candidate:
    key: int
    title: str
    body: str
    words: frozenset[str]  # the article's folded word tokens (title and body)


def _pattern(forms: list[str]) -> re.Pattern:
    """Any of `forms` in folded text; Latin forms only as whole words."""
    parts = sorted({f for f in forms if f}, key=len, reverse=True)
    return re.compile(
        "|".join(rf"(?<![a-z0-9]){re.escape(f)}(?![a-z0-9])" if f.isascii() else re.escape(f) for f in parts)
    )


def clause_forms(parsed: ParsedQuery) -> list[tuple[re.Pattern, set[str]]]:
    """Per required clause: a pattern for its forms, and the forms that are one word each."""
    out = []
    for clause in parsed.required:
        forms = ["".join(p.text.split()) for p in clause.alternatives]
        single = {p.words[0] for p in clause.alternatives if len(p.words) == 1}
        if any(forms):
            out.append((_pattern(forms), single))
    return out


def about_score(parsed_forms: list[tuple[re.Pattern, set[str]]], candidate: Candidate) -> float:
    title, body = fold(candidate.title), fold(candidate.body)
    score = 0.0
    for pattern, single in parsed_forms:
        in_title = len(pattern.findall(title))
        in_lead = len(pattern.findall(body[:LEAD_CHARS]))
        per_thousand = 1000 * len(pattern.findall(body)) / max(len(body), MIN_BODY_CHARS)
        score += TITLE_WEIGHT * min(in_title, 1) + LEAD_WEIGHT * min(in_lead, 2) / 2
        score += DENSITY_WEIGHT * math.log1p(per_thousand)
        score += WHOLE_WORD_WEIGHT * bool(single & candidate.words)
    return score


def rerank(parsed: ParsedQuery, candidates: list[Candidate]) -> list[tuple[int, float]]:
    """The candidates best first (ties keep the engine's order)."""
    forms = clause_forms(parsed)
    scored = [(c.key, about_score(forms, c)) for c in candidates]
    return sorted(scored, key=lambda kv: -kv[1])

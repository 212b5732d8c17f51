"""Counting a topic's mentions in an article and scoring its relevance.

A mention is a whole token equal to the term or an alias, so a keyword inside a longer
word (大数据库) is not one. Latin-only aliases (P4P, O2O) are matched in the raw text,
case-insensitively, on word boundaries, because jieba splits Latin text on its own rules.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class TopicForms:
    """A topic as the tagger sees it: an id and the surface forms that mention it."""

    key: int
    forms: tuple[str, ...]


@dataclass(frozen=True)
class TopicMatch:
    key: int
    mentions: int
    title_mentions: int
    score: float

    @property
    def in_title(self) -> bool:
        return self.title_mentions > 0


def is_latin(form: str) -> bool:
    return not _CJK.search(form)


def _latin_pattern(forms: list[str]) -> re.Pattern | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)


class Tagger:
    """Finds every topic's mentions in pre-segmented text."""

    def __init__(self, topics: list[TopicForms]):
        self._token_forms: dict[str, set[int]] = {}
        latin: dict[int, list[str]] = {}
        for topic in topics:
            for form in topic.forms:
                if is_latin(form):
                    latin.setdefault(topic.key, []).append(form)
                else:
                    self._token_forms.setdefault(form.lower(), set()).add(topic.key)
        self._latin = {key: _latin_pattern(forms) for key, forms in latin.items()}

    def _positions(self, tokens: list[str], text: str) -> dict[int, list[float]]:
        """Relative positions (0..1) of each topic's mentions."""
        found: dict[int, list[float]] = {}
        n = max(len(tokens), 1)
        for i, token in enumerate(tokens):
            for key in self._token_forms.get(token.lower(), ()):
                found.setdefault(key, []).append(i / n)
        length = max(len(text), 1)
        for key, pattern in self._latin.items():
            for m in pattern.finditer(text):
                found.setdefault(key, []).append(m.start() / length)
        return found

    def topics_in(self, tokens: list[str], text: str) -> set[int]:
        """The topics a passage (a sentence of a timeline event) mentions."""
        return set(self._positions(tokens, text))

    def tag(self, title: str, title_tokens: list[str], body: str, body_tokens: list[str]) -> list[TopicMatch]:
        in_title = self._positions(title_tokens, title)
        in_body = self._positions(body_tokens, body)
        matches = []
        for key in in_title.keys() | in_body.keys():
            title_n = len(in_title.get(key, ()))
            positions = in_body.get(key, [])
            matches.append(
                TopicMatch(
                    key=key,
                    mentions=title_n + len(positions),
                    title_mentions=title_n,
                    score=relevance(title_n, positions, len(body_tokens)),
                )
            )
        return sorted(matches, key=lambda m: (-m.score, m.key))


def relevance(title_mentions: int, body_positions: list[float], body_tokens: int) -> float:
    """A score that grows with a title mention, the density of body mentions and how
    early the first one comes; comparable across articles of different lengths."""
    body_n = len(body_positions)
    density = body_n * 1000 / max(body_tokens, 1)  # mentions per thousand tokens
    early = 1.0 - min(body_positions) if body_positions else 0.0
    score = 3.0 * min(title_mentions, 1) + math.log1p(body_n) + math.log1p(density) + 0.5 * early
    return round(score, 4)

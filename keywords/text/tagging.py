"""Finding a topic's mentions in an article, scoring its relevance and its strength.

A mention is a whole token, or a run of adjacent tokens, equal to the term or an alias,
so a keyword inside a longer word (大数据库) is not one; a form jieba cut out of other
words (产业带来, 以产业带城市) is not one either (`boundaries`), nor a form inside one of the
topic's *not-phrases*, which editors keep for wordings that are not the topic
(线上线下结合的方式 is a meeting's format, 中国-东盟自贸区 an agreement). Latin-only aliases
(P4P, O2O) are matched in the raw text, case-insensitively, on word boundaries, because
jieba splits Latin text on its own rules. Each tag is *about* the topic or *mentions* it
(`strength`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from chinese_text.sentences import split_sentences

from .boundaries import crosses_a_likelier_word
from .segmenter import token_offsets
from .strength import MENTIONS, in_field, is_heading, is_list_sentence, sentence_at, strength

_CJK = re.compile(r"[\u3400-\u9fff]")
MAX_RUN = 4  # tokens joined to make one form (线上/线下/结合 when jieba cut it so)


@dataclass(frozen=True)
class TopicForms:
    """A topic as the tagger sees it: an id, the surface forms that mention it and the
    phrases holding a form that are not the topic."""

    key: int
    forms: tuple[str, ...]
    not_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicMatch:
    key: int
    mentions: int
    title_mentions: int
    score: float
    strength: str = MENTIONS

    @property
    def in_title(self) -> bool:
        return self.title_mentions > 0


@dataclass
class _Found:
    """One topic's mentions in one text: where each starts and what form it was."""

    offsets: list[int] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)


def is_latin(form: str) -> bool:
    return not _CJK.search(form)


def _pattern(forms: list[str], *, word_bounded: bool) -> re.Pattern | None:
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    if word_bounded:
        return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])", re.IGNORECASE)
    return re.compile(alternatives, re.IGNORECASE)


def _latin_pattern(forms: list[str]) -> re.Pattern | None:
    return _pattern(forms, word_bounded=True)


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
        self._not = {t.key: _pattern(list(t.not_phrases), word_bounded=False) for t in topics if t.not_phrases}

    def _found(self, tokens: list[str], text: str) -> dict[int, _Found]:
        """Each topic's mentions: the longest run of tokens at each place that is a form."""
        found: dict[int, _Found] = {}
        offsets = token_offsets(text, tokens)
        i = 0
        while i < len(tokens):
            start, run, hit = offsets[i], "", None
            for j in range(i, min(i + MAX_RUN, len(tokens))):
                if start is None or offsets[j] != start + len(run):
                    break
                run += tokens[j]
                if run.lower() in self._token_forms:
                    hit = (j, run)
            before = tokens[i - 1] if i else ""
            after = tokens[hit[0] + 1] if hit and hit[0] + 1 < len(tokens) else ""
            if hit is None or crosses_a_likelier_word(hit[1], before, after):
                i += 1
                continue
            for key in self._token_forms[hit[1].lower()]:
                found.setdefault(key, _Found()).offsets.append(start)
                found[key].forms.append(hit[1])
            i = hit[0] + 1
        for key, pattern in self._latin.items():
            for m in pattern.finditer(text):
                found.setdefault(key, _Found()).offsets.append(m.start())
                found[key].forms.append(m.group(0))
        return self._without_not_phrases(found, text)

    def _without_not_phrases(self, found: dict[int, _Found], text: str) -> dict[int, _Found]:
        kept: dict[int, _Found] = {}
        for key, mentions in found.items():
            pattern = self._not.get(key)
            spans = [m.span() for m in pattern.finditer(text)] if pattern else []
            for at, form in zip(mentions.offsets, mentions.forms, strict=True):
                if not any(a <= at and at + len(form) <= b for a, b in spans):
                    kept.setdefault(key, _Found()).offsets.append(at)
                    kept[key].forms.append(form)
        return kept

    def topics_in(self, tokens: list[str], text: str) -> set[int]:
        """The topics a passage (a sentence of a timeline event) mentions."""
        return set(self._found(tokens, text))

    def tag(self, title: str, title_tokens: list[str], body: str, body_tokens: list[str]) -> list[TopicMatch]:
        in_title = self._found(title_tokens, title)
        in_body = self._found(body_tokens, body)
        sentences = split_sentences(body)
        starts = [s.start for s in sentences]
        named: dict[int, set[int]] = {}  # sentence index -> topics named in it
        forms: dict[int, list[str]] = {}  # sentence index -> the forms found in it
        for key, mentions in in_body.items():
            for at, form in zip(mentions.offsets, mentions.forms, strict=True):
                named.setdefault(sentence_at(starts, at), set()).add(key)
                forms.setdefault(sentence_at(starts, at), []).append(form)
        field_ok = in_field(title_tokens + body_tokens)
        length = max(len(body), 1)
        matches = []
        for key in in_title.keys() | in_body.keys():
            title_n = len(in_title[key].offsets) if key in in_title else 0
            mentions = in_body.get(key, _Found())
            where = [sentence_at(starts, at) for at in mentions.offsets]
            listed = [is_list_sentence(sentences[i].text, len(named[i])) for i in where]
            heading = any(is_heading(sentences[i].text, forms[i]) for i in where)
            matches.append(
                TopicMatch(
                    key=key,
                    mentions=title_n + len(mentions.offsets),
                    title_mentions=title_n,
                    score=relevance(title_n, [at / length for at in mentions.offsets], len(body_tokens)),
                    strength=strength(title_mentions=title_n, body_offsets=mentions.offsets, listed=listed,
                                      body_chars=len(body), field=field_ok, heading=heading),
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

"""Finding a topic's mentions in an article, scoring its relevance and its strength.

A mention is a literal occurrence of the term or an alias in the folded text (full-width,
case and traditional forms folded as search folds them), judged against jieba's cut of
the same text (`boundaries.Cut`): jieba's cuts inside the form do not matter (线/上线/下,
大/数据分析, 网络/金融服务 are still mentions), but a form inside a longer word (大数据库),
cut out of a word that crosses its edge (加大/数据) or read across a likelier word (产业带来,
以产业带城市) is not one. Nor is a form that is part of the name of a public body or an
agreement, or an item of a list of bodies (大数据发展管理局, 自由贸易区协定, 公安、大数据等部门:
`names`), nor a form inside one of the topic's *not-phrases*, which editors keep for
wordings that are not the topic (线上线下结合的方式 is a meeting's format, 中国-东盟自贸区 an
agreement). Latin-only aliases (P4P, O2O) are matched case-insensitively on word
boundaries, because jieba splits Latin text on its own rules. Each tag is *about* the
topic or *mentions* it (`strength`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from chinese_text.normalise import fold, fold_in_place
from chinese_text.sentences import split_sentences

from .boundaries import Cut
from .names import MAX_LIST_WORDS, MAX_NAME_WORDS, names_a_body
from .strength import MENTIONS, in_field, is_articled, is_heading, is_list_sentence, sentence_at, strength

_CJK = re.compile(r"[\u3400-\u9fff]")
NAME_WINDOW = MAX_NAME_WORDS + MAX_LIST_WORDS + 2  # words after a form that can make it a name


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
        self._forms: dict[str, set[int]] = {}  # folded form -> topics
        latin: dict[int, list[str]] = {}
        for topic in topics:
            for form in topic.forms:
                if is_latin(form):
                    latin.setdefault(topic.key, []).append(fold(form))
                else:
                    self._forms.setdefault(fold(form), set()).add(topic.key)
        self._chinese = _pattern(list(self._forms), word_bounded=False)
        self._latin = {key: _latin_pattern(forms) for key, forms in latin.items()}
        self._not = {t.key: _pattern([fold(n) for n in t.not_phrases], word_bounded=False)
                     for t in topics if t.not_phrases}

    def _found(self, tokens: list[str], text: str) -> dict[int, _Found]:
        """Each topic's mentions: the longest form at each place that stands as a word in
        jieba's cut and is not part of a body's or an agreement's name."""
        found: dict[int, _Found] = {}
        folded = fold_in_place(text)  # Ｐ４Ｐ is P4P, 大數據 is 大数据, at the same offsets
        if self._chinese is not None:
            cut, at = Cut(text, tokens), 0
            while (m := self._chinese.search(folded, at)) is not None:
                if not cut.stands(m.start(), m.end()) or names_a_body(cut.words_after(m.end(), NAME_WINDOW)):
                    at = m.start() + 1  # a shorter form may start further on (自贸区 in 各自贸区)
                    continue
                for key in self._forms[m.group(0)]:
                    found.setdefault(key, _Found()).offsets.append(m.start())
                    found[key].forms.append(text[m.start():m.end()])
                at = m.end()
        for key, pattern in self._latin.items():
            for m in pattern.finditer(folded):
                found.setdefault(key, _Found()).offsets.append(m.start())
                found[key].forms.append(text[m.start():m.end()])
        return self._without_not_phrases(found, folded)

    def _without_not_phrases(self, found: dict[int, _Found], folded: str) -> dict[int, _Found]:
        kept: dict[int, _Found] = {}
        for key, mentions in found.items():
            pattern = self._not.get(key)
            spans = [m.span() for m in pattern.finditer(folded)] if pattern else []
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
        field_ok, articled = in_field(title_tokens + body_tokens), is_articled(body)
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
                                      body_chars=len(body), field=field_ok, heading=heading,
                                      articled=articled),
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

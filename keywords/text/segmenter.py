"""One segmenter for everything that cuts Chinese text into words.

Tagging, search indexing and search queries all go through `Segmenter`, built from the
same user dictionary, so an index and the queries against it can never be cut
differently.

Two engines sit behind it, with the same dictionary, algorithm and part-of-speech tags:
rjieba (the jieba-rs bindings), the default, and jieba itself. On the seeds rjieba cuts
about 25 times faster and 0.14 % of tokens differ; the gold sets of topics, organisations
and timeline events score the same with either (tests/keywords/gold, BENCHMARKS.md).
Changing the engine changes search tokens, so the corpus is re-tagged after a change.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

ENGINES = ("rjieba", "jieba")


def word_variants(word: str) -> set[str]:
    """The spellings the dictionary must know for one word.

    jieba's dictionary is case-sensitive; adding the lower and upper case forms lets
    `b2b社交营销` stay one token just like `B2B社交营销`.
    """
    return {word, word.lower(), word.upper()}


class Segmenter:
    """A jieba-compatible tokenizer with the site's user dictionary added."""

    def __init__(self, user_words: Iterable[str] = (), *, engine: str = "rjieba"):
        if engine not in ENGINES:
            raise ValueError(f"unknown segmenter engine {engine!r}; choose one of {', '.join(ENGINES)}")
        self.engine = engine
        self.user_words = frozenset(w.strip() for w in user_words if w and w.strip())
        words = sorted(variant for word in self.user_words for variant in word_variants(word))
        # Each word gets a frequency just high enough to keep it whole (what jieba's
        # add_word does without one), which leaves longer everyday words (产业/带动) intact.
        # Each engine is imported by the processes that build it: jieba and its
        # part-of-speech tables are large, and most processes never use them.
        if engine == "rjieba":
            import rjieba

            self._rjieba = rjieba.Jieba()
            for word in words:
                self._rjieba.add_word(word, self._rjieba.suggest_freq(word), None)
        else:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            self._jieba = jieba.Tokenizer()
            self._posseg: jieba.posseg.POSTokenizer | None = None
            for word in words:
                self._jieba.add_word(word)

    def tokens(self, text: str) -> list[str]:
        """Words of `text`, whitespace dropped."""
        cut = self._rjieba.cut(text) if self.engine == "rjieba" else self._jieba.lcut(text)
        return [t for t in cut if t.strip()]

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """Words with their part-of-speech flags (jieba's tag set), cut with the same dictionary.

        Slower than `tokens`, so only organisation suggestions use it.
        """
        if self.engine == "rjieba":
            pairs = self._rjieba.tag(text)
        else:
            if self._posseg is None:
                import jieba.posseg

                self._posseg = jieba.posseg.POSTokenizer(self._jieba)
            pairs = [(pair.word, pair.flag) for pair in self._posseg.cut(text)]
        return [(word, flag) for word, flag in pairs if word.strip()]


def token_offsets(text: str, tokens: list[str]) -> list[int | None]:
    """Where each token starts in `text` (None if it cannot be placed).

    Tokens are the text's words in order, so one walk through the text finds them all
    without segmenting again.
    """
    offsets, pos = [], 0
    for token in tokens:
        found = text.find(token, pos)
        offsets.append(found if found >= 0 else None)
        if found >= 0:
            pos = found + len(token)
    return offsets

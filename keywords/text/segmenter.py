"""One segmenter for everything that cuts Chinese text into words.

Tagging, search indexing and search queries all go through `Segmenter`, built from the
same user dictionary, so an index and the queries against it can never be cut
differently.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)


def word_variants(word: str) -> set[str]:
    """The spellings jieba must know for one dictionary word.

    jieba's dictionary is case-sensitive; adding the lower and upper case forms lets
    `b2b社交营销` stay one token just like `B2B社交营销`.
    """
    return {word, word.lower(), word.upper()}


class Segmenter:
    """A jieba tokenizer with the site's user dictionary added."""

    def __init__(self, user_words: Iterable[str] = ()):
        self._tokenizer = jieba.Tokenizer()
        self._tagger: jieba.posseg.POSTokenizer | None = None
        self.user_words = frozenset(w.strip() for w in user_words if w and w.strip())
        for word in sorted(self.user_words):
            for variant in word_variants(word):
                # Without a frequency jieba suggests one just high enough to keep the
                # word whole, which leaves longer everyday words (产业/带动) intact.
                self._tokenizer.add_word(variant)

    def tokens(self, text: str) -> list[str]:
        """Words of `text`, whitespace dropped."""
        return [t for t in self._tokenizer.lcut(text) if t.strip()]

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """Words with jieba's part-of-speech flags, cut with the same dictionary.

        Three times slower than `tokens`, so only organisation suggestions use it.
        """
        if self._tagger is None:
            self._tagger = jieba.posseg.POSTokenizer(self._tokenizer)
        return [(pair.word, pair.flag) for pair in self._tagger.cut(text) if pair.word.strip()]


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

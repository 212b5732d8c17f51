"""Whether a topic's form, found in the text, is a word where it stands.

Forms are found by their literal occurrence, then judged against jieba's cut of the
same text. Where jieba's cut crosses an edge of the form, a token holds part of the form
and part of its neighbour (大/数据分析, 加大/数据, 大/数据库): the form stands only when that
token is a compound of two words of two or more characters each, one inside the form and
one outside (数据|分析, 数据|管理), which jieba merely did not split; when either part is a
single character, that character is bound into a word with its neighbour (加大, 扩大,
数据库) and the form is read across a likelier word (`splits_a_word`). Cuts inside the
form do not matter (线/上线/下 is still 线上线下).

The user dictionary keeps each form whole, so jieba sometimes also cuts a whole form out
of text where the writer meant other words: 电商产业带来了 is 产业/带来, 以产业带城市 is "let
the industry drive the city" (以A带B). A form whose edges are jieba's is rejected when:
- the token right after it is one character that, with the form's last character, makes
  a word of jieba's general dictionary at least `MIN_FREQ` common (产业带/动 is 产业/带动,
  产业带/来 is 产业/带来), and the rest of the form is a word too; the same on the left
  (庞/大数据 is 庞大/数据). A neighbour of two or more characters is a word jieba chose,
  so 产业带/上线 stays a mention though 带上 is a word;
- it stands in the 以A<verb>B construction: the token 以 just before, a one-character
  verb at its end and a noun right after (以/产业带/城市; 以/产业带/为 and 产业带/企业 stay
  mentions).
"""
from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from functools import cache

import jieba
import jieba.posseg

from .segmenter import token_offsets

MIN_FREQ = 100  # in jieba's dictionary: 带动 1138, 带领 1893, 庞大 1582; 产业带 itself is 5


@cache
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and part-of-speech tags, loaded once per process."""
    jieba.setLogLevel(logging.WARNING)  # importing jieba sets its logger to DEBUG
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def _freq(word: str) -> int:
    return _dictionary()[0].get(word) or 0


def part_of_speech(word: str) -> str:
    """jieba's part-of-speech tag for a word of its dictionary, '' for others."""
    return _dictionary()[1].get(word, "")


def crosses_a_likelier_word(form: str, before: str, after: str) -> bool:
    """The form, between the tokens `before` and `after`, is better read as other words."""
    if len(form) < 3:  # a two-character form leaves one character: no word to read instead
        return False
    least = max(MIN_FREQ, _freq(form) + 1)
    if len(after) == 1 and _freq(form[:-1]) and _freq(form[-1] + after) >= least:
        return True
    if len(before) == 1 and _freq(form[1:]) and _freq(before + form[0]) >= least:
        return True
    return _in_yi_construction(form, before, after)


def _in_yi_construction(form: str, before: str, after: str) -> bool:
    """以A带B: the form's last character is the verb, and a noun follows."""
    return (
        before == "以"
        and bool(_freq(form[:-1]))
        and part_of_speech(form[-1]).startswith("v")
        and part_of_speech(after).startswith("n")
    )


def splits_a_word(token: str, at: int) -> bool:
    """A form's edge falls at `at` inside `token`: reading the form there splits a word,
    unless the token is two words of two or more characters each (数据|分析 is big-data
    analysis; 数据|库 and 加|大 are words). A token jieba's dictionary does not hold (市大 in
    市大/数据中心) is its guess at an unknown word, not a word the form would split."""
    if not _freq(token):
        return False
    head, tail = token[:at], token[at:]
    return not (len(head) >= 2 and len(tail) >= 2 and _freq(head) and _freq(tail))


class Cut:
    """jieba's cut of a text, placed: which token covers a character, what follows a span."""

    def __init__(self, text: str, tokens: list[str]):
        placed = [(at, token) for token, at in zip(tokens, token_offsets(text, tokens), strict=True) if at is not None]
        self.text = text
        self.tokens = [token for _, token in placed]
        self.starts = [at for at, _ in placed]
        self.ends = [at + len(token) for at, token in placed]

    def _covering(self, offset: int) -> int | None:
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None

    def stands(self, start: int, end: int) -> bool:
        """The form at text[start:end] is a word there: not inside a longer token, not cut
        out of a word that crosses its edge, not read across a likelier word."""
        i, j = self._covering(start), self._covering(end - 1)
        left = i is not None and self.starts[i] < start
        right = j is not None and self.ends[j] > end
        if i is not None and i == j and (left or right):
            return False  # one token holds the form and more: a longer word (大数据库)
        text = self.text
        if left and splits_a_word(self.tokens[i], start - self.starts[i]):
            return False
        if right and splits_a_word(self.tokens[j], end - self.starts[j]):
            return False
        before = self.tokens[i - 1] if i and not left else ""
        after = self.tokens[j + 1] if j is not None and not right and j + 1 < len(self.tokens) else ""
        return not crosses_a_likelier_word(text[start:end], before, after)

    def words_after(self, end: int, n: int) -> list[str]:
        """Up to `n` words from `end` on: the rest of a token that crosses it, then whole tokens."""
        j = self._covering(end - 1) if end else None
        if j is not None and self.ends[j] > end:
            return [self.text[end:self.ends[j]], *self.tokens[j + 1:j + n]]
        k = bisect_left(self.starts, end)
        return self.tokens[k:k + n]

"""Whether a topic's form, found as whole tokens, is a word where it stands.

The user dictionary keeps each form whole, so jieba sometimes cuts a form out of text
where the writer meant other words: 电商产业带来了 is 产业/带来, 以产业带城市 is "let the
industry drive the city" (以A带B). A found form is rejected when:
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
from functools import cache

import jieba
import jieba.posseg

MIN_FREQ = 100  # in jieba's dictionary: 带动 1138, 带领 1893, 庞大 1582; 产业带 itself is 5


@cache
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's word frequencies and part-of-speech tags, loaded once per process."""
    jieba.setLogLevel(logging.WARNING)  # importing jieba sets its logger to DEBUG
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def _freq(word: str) -> int:
    return _dictionary()[0].get(word) or 0


def _tag(word: str) -> str:
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
        and _tag(form[-1]).startswith("v")
        and _tag(after).startswith("n")
    )

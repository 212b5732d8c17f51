"""How much a word says about a text: its rarity in Chinese at large.

jieba ships an IDF table of about 270,000 words computed on a general corpus. A batch of
a few articles is too small to learn rarity from, and the table needs no corpus of ours:
公司 or 发布 weigh little, 慧聪网 or 客户端 much.
"""
from __future__ import annotations

from functools import cache

# The table's largest value is 13.9. A word it lacks is a new name or coinage (敦煌网,
# 诚e赊, 互联网+): rarer than anything it holds.
UNKNOWN = 15.0


class WordWeights(dict):
    """Word → inverse document frequency; a word the table lacks weighs `UNKNOWN`."""

    def __missing__(self, word: str) -> float:
        return UNKNOWN


@cache
def word_weights() -> WordWeights:
    """The table, loaded once per process (0.4 s, about 37 MB); imported here, not at the
    top, so that web processes, which never group stories, do not carry jieba.analyse
    (+95 MB)."""
    import jieba.analyse

    return WordWeights(jieba.analyse.TFIDF().idf_freq)

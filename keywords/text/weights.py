"""How much a word says about a text: its rarity in Chinese at large.

jieba ships an IDF table of about 270,000 words computed on a general corpus. A batch of
a few articles is too small to learn rarity from, and the table needs no corpus of ours:
公司 or 发布 weigh little, 慧聪网 or 客户端 much.
"""
from __future__ import annotations

from functools import cache

import jieba.analyse


@cache
def word_weights() -> dict[str, float]:
    """Word → inverse document frequency, loaded once per process."""
    return jieba.analyse.TFIDF().idf_freq

"""One folding of text for matching: what the index stores and the query asks must agree.

`fold` is for comparing and indexing, never for display: NFKC turns full-width letters,
digits and punctuation (`Ｐ４Ｐ`, `，`) into their ordinary forms, Latin letters are
lower-cased, and traditional characters become simplified ones (OpenCC's `t2s`, the
project's reference converter: about 13 ms per million characters, against 370 ms for
zhconv), so `Ｐ４Ｐ`, `P4P` and `p4p` are one word, and so are 數據 and 数据.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_NOT_WORD = re.compile(r"[^\w\u3400-\u9fff]")
_TO_SIMPLIFIED = opencc.OpenCC("t2s")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold(text: str) -> str:
    """Full-width and compatibility forms to ordinary ones, lower case, simplified characters."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _TO_SIMPLIFIED.convert(text) if _CJK.search(text) else text


def fold_in_place(text: str) -> str:
    """`fold`, when folding keeps every character in its place (so an offset found in the
    result points at the same character of `text`); else lower case only."""
    folded = fold(text)
    return folded if len(folded) == len(text) else text.lower()


def fold_each(words: list[str]) -> list[str]:
    """`fold` for many words at once (one conversion call, not one per word)."""
    if not words:
        return []
    folded = fold("\n".join(words)).split("\n")
    return folded if len(folded) == len(words) else [fold(w) for w in words]


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """`fold`, then only letters, digits and CJK: for matching a title printed twice.
    Cached: a contents list compares each of its titles with every line of the body."""
    return _NOT_WORD.sub("", fold(text))

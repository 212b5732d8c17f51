"""One folding of text for matching: what the index stores and the query asks must agree.

`fold` is for comparing and indexing, never for display: NFKC turns full-width letters,
digits and punctuation (`Ｐ４Ｐ`, `，`) into their ordinary forms, and Latin letters are
lower-cased, so `Ｐ４Ｐ`, `P4P` and `p4p` are one word.
"""
from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\u3400-\u9fff]")


def fold(text: str) -> str:
    """Full-width and compatibility forms to ordinary ones, Latin letters lower-cased."""
    return unicodedata.normalize("NFKC", text or "").lower()


def key(text: str) -> str:
    """`fold`, then only letters, digits and CJK: for matching a title printed twice."""
    return _NOT_WORD.sub("", fold(text))

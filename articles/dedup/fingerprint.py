"""Text normalisation for comparing reprints, and the exact-duplicate hash.

Reprints differ in what does not change the text: full-width or half-width digits and
letters (ＡＢＣ１２３), Chinese or ASCII punctuation, spaces and line breaks put in by a
CMS or a PDF. Normalising strips all of that, so what is left is the words themselves,
and two captures of one article hash the same.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_KEEP_CATEGORIES = ("L", "N")  # letters (CJK included) and digits; punctuation, symbols, spaces go
_URL = re.compile(r"(?:https?://|www\.)[\w\-.~:/?#@!$&'*+,;=%]+", re.IGNORECASE)
# 【亿邦动力网讯】, (中国电子商务研究中心讯), 【2B哥说】 at the start of the text or of a paragraph
_BYLINE = re.compile(r"(?m)^\s*[【\[(（][^】\])）\n]{2,24}?讯[】\])）]")
# （来源：…）, (本文转载自…), （以上内容摘自…）: the reprinting outlet's attribution
_ATTRIBUTION = re.compile(r"[(（][^()（）\n]{0,12}(?:来源|转载|摘自|转自)[^()（）\n]{0,80}[)）]")
_CREDIT_LINE = re.compile(r"(?m)^\s*(?:责任编辑|编辑|来源|作者|原标题)\s*[：:].{0,60}$")


def strip_boilerplate(text: str) -> str:
    """Drop what one outlet adds to another's text: URLs, bylines, attributions, editor credits.

    These say who carried the text, not what it says, and on a short brief a byline and a
    source URL are enough shingles to push a verbatim reprint below any useful threshold.
    """
    for pattern in (_URL, _ATTRIBUTION, _BYLINE, _CREDIT_LINE):
        text = pattern.sub(" ", text)
    return text


def normalise(text: str) -> str:
    """NFKC (full-width → half-width, compatibility forms), lower case, letters and digits only."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in _KEEP_CATEGORIES)


def content_key(text: str) -> str:
    """What two reprints of one text have in common: the normalised text without boilerplate."""
    return normalise(strip_boilerplate(unicodedata.normalize("NFKC", text)))


def exact_hash(text: str, *, key: str | None = None) -> str:
    """A hex digest equal for texts that differ only in width, case, punctuation, spacing and bylines;
    "" for a text with nothing left to compare (no letter or digit once normalised), which is no
    one's reprint. `key`: the text's `content_key`, when the caller has it already."""
    key = content_key(text) if key is None else key
    return hashlib.sha1(key.encode("utf-8")).hexdigest() if key else ""


def shingles(normalised: str, k: int) -> set[str]:
    """The set of k-character substrings; a text shorter than k is its own single shingle."""
    if len(normalised) <= k:
        return {normalised} if normalised else set()
    return {normalised[i:i + k] for i in range(len(normalised) - k + 1)}


def jaccard(a: set, b: set) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)

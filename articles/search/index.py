"""What the full-text index stores for an article: words, sub-word grams and the lead.

Pure code (no Django), shared by the analysis that fills the index and by the query
parser, so the two always agree. Three layers, all folded by `chinese_text.normalise.fold`:

- words: jieba's tokens, as tagging cut them (a whole-word match ranks highest);
- grams: every two adjacent CJK characters of the text, and every run of Latin letters and
  digits whole. A word of two or more characters is in a text exactly when its grams
  follow each other there, so 线上线下 is found where jieba cut 线/上线/下, and 数据 inside
  大数据分析. Grams alone never decide the order: they only add recall;
- lead: the words and grams of the body's first LEAD_CHARS characters, weighted above the
  body, because a story says what it is about at its start and a digest does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chinese_text.normalise import fold, fold_each

LEAD_CHARS = 200
# Runs of CJK characters, and runs of Latin letters/digits (underscore is not a letter).
_RUNS = re.compile(r"[\u3400-\u9fff]+|[^\W_\u3400-\u9fff]+")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
# Kept in word tokens: letters, digits, CJK, and the joiners jieba keeps inside a word.
_WORDLIKE = re.compile(r"[\w\u3400-\u9fff]")


def search_words(tokens: list[str]) -> list[str]:
    """The tokens worth indexing or searching: folded, punctuation dropped."""
    return [t for t in fold_each(tokens) if _WORDLIKE.search(t)]


def grams(text: str) -> list[str]:
    """The text's sub-word layer, in order: CJK character bigrams and whole Latin runs.

    A single CJK character between two non-CJK marks is kept as itself, so a query's grams
    and an article's grams are always made the same way.
    """
    out: list[str] = []
    for run in _RUNS.findall(fold(text)):
        if _CJK_CHAR.match(run) and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


@dataclass(frozen=True)
class IndexText:
    """The article's search columns, as stored (space-separated tokens)."""

    title: str
    body: str
    title_grams: str
    lead: str
    body_grams: str


def index_text(title: str, body: str, title_tokens: list[str], body_tokens: list[str]) -> IndexText:
    """The search columns of an article from its text and the tokens its analysis cut."""
    body_words = search_words(body_tokens)
    lead_words, used = [], 0
    for word in body_words:
        if used >= LEAD_CHARS:
            break
        lead_words.append(word)
        used += len(word)
    return IndexText(
        title=" ".join(search_words(title_tokens)),
        body=" ".join(body_words),
        title_grams=" ".join(grams(title)),
        lead=" ".join(lead_words + grams(body[:LEAD_CHARS])),
        body_grams=" ".join(grams(body)),
    )

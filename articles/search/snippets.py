"""Highlighted snippets cut from the original text, the same on every database.

A search snippet marks what the search matched: the query's words wherever they occur,
inside longer words too, since the index finds them there (Latin words only whole).
An article's keyword highlighting marks the tagger's tokens instead: the 产业 inside 产业带
is not a mention of 产业.
"""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from chinese_text.normalise import fold, fold_in_place
from keywords.text.segmenter import token_offsets


def term_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Character spans in `text` of the search terms (folded), longest term first."""
    wanted = sorted({fold(t) for t in terms if t.strip()}, key=len, reverse=True)
    if not wanted:
        return []
    pattern = "|".join(
        rf"(?<![a-z0-9]){re.escape(t)}(?![a-z0-9])" if t.isascii() else re.escape(t) for t in wanted
    )
    return [m.span() for m in re.finditer(pattern, fold_in_place(text))]


def token_spans(text: str, tokens: list[str], terms: set[str]) -> list[tuple[int, int]]:
    """Character spans in `text` of the tokens that are search terms.

    The stored tokens are the text's words in order (lower-cased, punctuation dropped),
    so walking them through the text finds each one's place without segmenting again.
    """
    offsets = token_offsets(fold_in_place(text), tokens)
    return [(at, at + len(t)) for t, at in zip(tokens, offsets, strict=True) if at is not None and t in terms]


def snippet(text: str, terms: list[str], *, width: int = 120) -> SafeString:
    """A window of `text` around the first match, each match in <mark>."""
    spans = term_spans(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    out, pos = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    body = " ".join("".join(out).split())
    return mark_safe(("…" if start > 0 else "") + body + ("…" if end < len(text) else ""))


def highlighted_paragraphs(text: str, tokens: list[str], terms: list[str]) -> list[SafeString]:
    """The text's paragraphs with every word that is one of `terms` in <mark>."""
    spans = token_spans(text, tokens, {fold(t) for t in terms})
    out: list[SafeString] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        parts, pos = [], start
        for s, e in spans:
            if s >= start and e <= end:
                parts.append(escape(text[pos:s]))
                parts.append(f'<mark class="kw">{escape(text[s:e])}</mark>')
                pos = e
        parts.append(escape(text[pos:end]))
        if line.strip():
            out.append(mark_safe("".join(parts).strip()))
        start = end + 1
    return out

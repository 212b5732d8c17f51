"""Highlighted snippets cut from the original text, the same on every database.

Highlights follow the index's tokens, not substrings: a search for 产业 must not light
up the 产业 inside 产业带, since that is not what matched.
"""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from keywords.text.segmenter import token_offsets


def token_spans(text: str, tokens: list[str], terms: set[str]) -> list[tuple[int, int]]:
    """Character spans in `text` of the tokens that are search terms.

    The stored tokens are the text's words in order (lower-cased, punctuation dropped),
    so walking them through the text finds each one's place without segmenting again.
    """
    offsets = token_offsets(text.lower(), tokens)
    return [(at, at + len(t)) for t, at in zip(tokens, offsets, strict=True) if at is not None and t in terms]


def snippet(text: str, tokens: list[str], terms: list[str], *, width: int = 120) -> SafeString:
    """A window of `text` around the first matching word, each matching word in <mark>."""
    spans = token_spans(text, tokens, {t.lower() for t in terms})
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
    spans = token_spans(text, tokens, {t.lower() for t in terms})
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

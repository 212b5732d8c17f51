"""Cleaning extracted text without losing any of it."""
from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[。！？；.!?;…」”]$")


def squash(text: str) -> str:
    """Text with all whitespace removed: how two copies of a paragraph are compared."""
    return _WS.sub("", text)


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def drop_repeated_blocks(blocks: list[str], *, min_chars: int = 20) -> list[str]:
    """Remove what a capture repeated, keeping the paragraphed copy.

    Crawlers often save a page's text more than once: a paragraph twice, or the whole
    article flattened into one long line next to its paragraphed form. A block that is
    the same as an earlier one is dropped; a block that contains at least two other
    blocks and is mostly made of them is a flattened copy and is dropped too. Short gaps
    between the contained blocks are the sub-headings the paragraphed copy lost: they
    are put back as their own paragraphs, in place.
    """
    seen: set[str] = set()
    unique: list[str] = []
    for block in blocks:
        key = squash(block)
        if len(key) >= min_chars and key in seen:
            continue
        seen.add(key)
        unique.append(block)

    keys = [squash(b) for b in unique]
    flattened: dict[int, list[tuple[int, str]]] = {}
    for i, key in enumerate(keys):
        if len(key) < min_chars * 4:
            continue
        inside = [j for j, other in enumerate(keys) if j != i and len(other) >= min_chars and other in key]
        covered = sum(len(keys[j]) for j in inside)
        if len(inside) >= 2 and covered >= 0.6 * len(key):
            flattened[i] = _lost_headings(key, {j: keys[j] for j in inside})

    if not flattened:
        return unique
    headings_before: dict[int, str] = {}
    for found in flattened.values():
        for j, heading in found:
            headings_before.setdefault(j, heading)
    result: list[str] = []
    for i, block in enumerate(unique):
        if i in flattened:
            continue
        if i in headings_before and (not result or squash(result[-1]) != squash(headings_before[i])):
            result.append(headings_before[i])
        result.append(block)
    return result


def _lost_headings(flat_key: str, inner: dict[int, str]) -> list[tuple[int, str]]:
    """Short, title-like gaps in the flattened copy, each with the paragraph it precedes."""
    placed = sorted((flat_key.find(key), j, key) for j, key in inner.items())
    headings = []
    end = 0
    for start, j, key in placed:
        gap = flat_key[end:start]
        if 0 < len(gap) <= 30 and not _SENTENCE_END.search(gap):
            headings.append((j, gap))
        end = max(end, start + len(key))
    return headings

"""Cleaning extracted text without losing any of it."""
from __future__ import annotations

import re

from chinese_text import sentences

from .titles import HEADING_MAX

_WS = re.compile(r"\s+")


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

    Time grows with the text's length, not with its square: see `_contained`.
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
    anchors: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        if len(key) >= min_chars:
            anchors.setdefault(key[:min_chars], []).append(j)
    flattened: dict[int, list[tuple[int, str]]] = {}
    for i, key in enumerate(keys):
        if len(key) < min_chars * 4:
            continue
        inside = _contained(key, i, keys, anchors, min_chars)
        covered = sum(len(keys[j]) for j in inside)
        if len(inside) >= 2 and covered >= 0.6 * len(key):
            flattened[i] = _lost_headings(key, inside, keys)

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


_SAME_START = 64  # blocks sharing their first characters that are compared at one place


def _contained(key: str, i: int, keys: list[str], anchors: dict[str, list[int]], width: int) -> dict[int, int]:
    """The other blocks found inside `key`, each with where it first starts.

    One pass over `key`: at each place, only the blocks that start with the `width`
    characters found there are compared (a dictionary look-up), instead of searching
    `key` for every block. Comparing every block against every other made a 3.3 MB
    text of distinct paragraphs take over a minute.
    """
    found: dict[int, int] = {}
    for at in range(len(key) - width + 1):
        same_start = anchors.get(key[at:at + width])
        if same_start is None:
            continue
        for j in same_start[:_SAME_START]:
            if j != i and j not in found and key.startswith(keys[j], at):
                found[j] = at
    return found


def _lost_headings(flat_key: str, inside: dict[int, int], keys: list[str]) -> list[tuple[int, str]]:
    """Short, title-like gaps in the flattened copy, each with the paragraph it precedes."""
    placed = sorted((start, j) for j, start in inside.items())
    headings = []
    end = 0
    for start, j in placed:
        gap = flat_key[end:start]
        if 0 < len(gap) <= HEADING_MAX and not sentences.ends_sentence(gap):
            headings.append((j, gap))
        end = max(end, start + len(keys[j]))
    return headings


_CJK = r"\u3400-\u9fff"
_SPACE_CJK_DIGIT = re.compile(
    rf"(?<=[{_CJK}])[ \u3000]+(?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%])[ \u3000]+(?=[{_CJK}])"
)
_PAGE_MARK = r"(?:第\s*\d+\s*页(?:\s*/?\s*共\s*\d+\s*页)?|-\s*\d+\s*-|\d+\s*/\s*\d+|\d{1,3})"
_PAGE_NUMBER = re.compile(rf"^{_PAGE_MARK}$")
# A page mark printed beside a running header: `请务必阅读… 3 / 10`, `- 2 - 请务必阅读…`.
_EDGE_MARK = re.compile(rf"^{_PAGE_MARK}\s+|\s+{_PAGE_MARK}$")
# Besides a sentence, a block ending in a colon (a list follows), a bracket (a caption, a
# source line, a section name) or a closing quote is complete: the next block starts a new
# paragraph. Joining after a bare closing quote mended one seed line (`“1+N”` / `模式…`) but
# ran a quiz's options into the next heading and question (seed 003), so quotes stay here.
_CLOSES_BLOCK = ("：", ":", "）", ")", "]", "】", "”", "’", "」")
_ENUMERATED = re.compile(
    r"^(?:\d{1,2}[、.．]|\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[\u2460-\u2473]|第[一二三四五六七八九十\d]{1,3}[、，,：:]|趋势\s*\d+)"
)
_LABELLED = re.compile(r"^[\u3400-\u9fff]{2,10}[：:]")


def is_enumerated(line: str) -> bool:
    """A line that starts with a step or point number: `1.`, `（一）`, `二、`, `①`, `第三，`."""
    return bool(_ENUMERATED.match(line.strip()))


def ends_block(line: str) -> bool:
    """A line that ends a sentence, or a colon, bracket or closing quote: what follows it
    may start something new."""
    line = line.rstrip()
    return sentences.ends_sentence(line) or line.endswith(_CLOSES_BLOCK)


def tidy_spacing(text: str) -> str:
    """Drop the spaces extraction puts between CJK and digits or Latin (`2015 年` →
    `2015年`), keeping the spaces between Latin words."""
    return _SPACE_CJK_DIGIT.sub("", text)


def is_page_number(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line.strip()))


def rejoin(paragraphs: list[str], *, keep=lambda p: False) -> list[str]:
    """Join paragraphs that PDF extraction broke inside a sentence.

    A block that does not end a sentence, followed by one that goes on with CJK text, is
    one paragraph (joined without a space), and so is a block that starts with a comma or
    a closing mark (a line broken just before it); `keep(block)` marks blocks never to be joined
    (titles, section headers, attribution lines).
    """
    out: list[str] = []
    for block in paragraphs:
        if out and not keep(out[-1]) and not keep(block) and sentences.continues_sentence(block):
            out[-1] = out[-1] + block  # no paragraph starts with a comma or a closing mark
            continue
        if (
            out
            and not keep(out[-1])
            and not keep(block)
            and len(out[-1]) >= 30
            and not ends_block(out[-1])
            and not (_ENUMERATED.match(out[-1]) and len(out[-1]) < 60)
            and not _LABELLED.match(block)
            and re.match(rf"[{_CJK}，、0-9A-Za-z“（(]", block)
        ):
            joiner = " " if re.search(r"[A-Za-z]$", out[-1]) and re.match(r"[A-Za-z]", block) else ""
            out[-1] = out[-1] + joiner + block
        else:
            out.append(block)
    return out


def running_key(line: str) -> str:
    """A line without the page mark printed beside it, so a running header reads the same on
    every page (`请务必阅读… 3 / 10` and `请务必阅读… 4 / 10`)."""
    line = line.strip()
    if is_page_number(line):
        return ""
    return _EDGE_MARK.sub("", line).strip()


def drop_running_lines(text: str, pages: list[str] | None = None) -> str:
    """Remove running headers and footers: a line at the top or bottom of most pages.

    With the PDF's pages the test is exact: a line among the first or last three of at
    least half the pages, compared without the page mark printed beside it, is running
    wherever it appears (also on a first page that prints it without its mark); lone page
    marks go too. Without pages, a short line repeated at least four times through the
    text is taken as one (a newsletter's own name in a header, a watermark URL).
    """
    if pages and len(pages) >= 3:
        edges: dict[str, int] = {}
        for page in pages:
            lines = [line.strip() for line in page.split("\n") if line.strip()]
            for key in {running_key(line) for line in lines[:3] + lines[-3:]}:
                edges[key] = edges.get(key, 0) + 1
        running = {key for key, n in edges.items() if key and n >= len(pages) / 2 and len(key) <= 60}
        return "\n".join(
            line for line in text.split("\n")
            if not (line.strip() and (running_key(line) in running or is_page_number(line)))
        )
    counts: dict[str, int] = {}
    for line in text.split("\n"):
        line = line.strip()
        if line and len(line) <= 40 and not line.startswith(("【", "[")):
            counts[line] = counts.get(line, 0) + 1
    running = {line for line, n in counts.items() if n >= 4 and not is_page_number(line)}
    if not running:
        return text
    return "\n".join(line for line in text.split("\n") if line.strip() not in running)

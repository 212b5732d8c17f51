"""A newsletter's table of contents, and finding its entries among the body's lines.

Contents and body rarely agree word for word: spacing, punctuation, a retyped section
name (政策规范 / 政策法规), a long title wrapped over two lines. Matching is on text with
punctuation and spaces removed, exact first, then by similarity.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from chinese_text.normalise import key
from chinese_text.sentences import ends_like_text

from .headings import SECTION, is_contents_heading

__all__ = ["SECTION", "table_of_contents", "similar", "key", "find_section", "find_title"]
_TOC_PAGE = re.compile(r"(?:\s*[.…·•\-]{2,}\s*|\t+|\s{2,})(\d{1,3})\s*$|(?<=[】\u3400-\u9fff）)])\s*(\d{1,3})$")


def toc_entry(line: str) -> tuple[str, bool]:
    """The entry's text without dots and page number, and whether it had a page number."""
    m = _TOC_PAGE.search(line)
    if not m:
        return line.strip(), False
    return line[: m.start()].strip(" .…·\t"), True


def table_of_contents(lines: list[str]) -> tuple[list[tuple[str, str]], int]:
    """[(section, title)] and the index where the body starts; ([], 0) without a TOC.

    The contents end where a section they listed comes back as the body's first header;
    entries may lack their page number (a PDF puts a long title's number on the next
    line, and cleaning drops lone numbers).
    """
    start = next((i for i, line in enumerate(lines[:80]) if is_contents_heading(line)), None)
    if start is None:
        return [], 0
    entries: list[tuple[str, str]] = []
    seen_sections: list[str] = []
    section = ""
    pending = False
    for i in range(start + 1, min(len(lines), start + 120)):
        text, numbered = toc_entry(lines[i])
        m = SECTION.match(text)
        if m:
            if m["name"] in seen_sections:
                return (entries, i) if len(entries) >= 2 else ([], 0)
            seen_sections.append(m["name"])
            section = m["name"]
            if numbered:
                entries.append((section, ""))  # a section that is one item (an editorial)
            continue
        if len(text) > 80 or ends_like_text(text) and not numbered:
            return (entries, i) if len(entries) >= 2 else ([], 0)
        if pending:  # the title went on from the line before (a PDF wraps long titles)
            entries[-1] = (section, entries[-1][1] + text)
        else:
            entries.append((section, text))
        pending = not numbered and i + 1 < len(lines) and toc_entry(lines[i + 1])[1] and len(
            toc_entry(lines[i + 1])[0]) < 20 and not SECTION.match(lines[i + 1])
    return [], 0


def similar(a: str, b: str) -> float:
    a, b = key(a), key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(a) >= 8 and (a in b or b in a):
        return 0.9
    return SequenceMatcher(None, a, b).ratio()


def find_section(body: list[str], start: int, name: str) -> int | None:
    for i in range(start, len(body)):
        m = SECTION.match(body[i])
        if m and similar(m["name"], name) >= 0.5:
            return i
    return None


def find_title(body: list[str], start: int, title: str) -> int | None:
    """The first line that is the title (near enough), else the closest one.

    Near enough is 0.9: company names in a member list differ by two characters
    (上海义天… / 上海熔意…), so a looser first match would take the wrong line.
    """
    best, best_score = None, 0.75
    for i in range(start, len(body)):
        line = body[i]
        if len(line) > max(80, len(title) * 2):
            continue
        score = similar(line, title)
        if score >= 0.9:
            return i
        if score > best_score:
            best, best_score = i, score
    return best

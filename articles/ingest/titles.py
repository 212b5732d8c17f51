"""Titles: telling a title line from a line of text, and making a title for an item the
source gave none.

One length vocabulary for every reader:
- `TITLE_MAX`: the longest first line taken as a document's or item's title. Official
  titles run long (`关于印发《…》的通知` reaches 50 characters), so this is generous.
- `HEADING_MAX`: the longest line taken as a heading in the middle of running text
  (a newsletter item's title); longer short lines there are sentences cut by the layout.
- `DERIVED_MAX`: a title made from the text is cut at this length.
What ends like text (`。`, `，`, `：`…) is never a title, whatever its length: see
`chinese_text.sentences.ends_like_text`.
"""
from __future__ import annotations

import re

from chinese_text.sentences import SENTENCE_END, ends_like_text, first_sentence

__all__ = ["BYLINE", "DERIVED_MAX", "HEADING_MAX", "TITLE_MAX", "UNTITLED", "derive_title", "looks_like_title",
           "split_title"]

TITLE_MAX = 60
HEADING_MAX = 40
DERIVED_MAX = 30
_FIRST_SENTENCE_MIN = 6  # a shorter first sentence (`好的。`) says nothing about the item
# `【亿邦动力网讯】`: the outlet's byline before the first sentence; group `outlet` names it.
BYLINE = re.compile(r"^[【\[(（](?P<outlet>[^】\])）]{2,20}?)讯[】\])）]\s*")
UNTITLED = "（无标题）"


def looks_like_title(line: str, *, longest: int = TITLE_MAX) -> bool:
    """A line short enough to be a title that does not end like a sentence or a clause."""
    line = line.strip()
    return 0 < len(line) <= longest and not ends_like_text(line)


def split_title(paragraphs: list[str], *, longest: int = TITLE_MAX) -> tuple[str, list[str], bool]:
    """(title, body, derived): the first paragraph is the title when it looks like one and
    text follows it; otherwise the title is derived from the text, which stays whole."""
    if len(paragraphs) > 1 and looks_like_title(paragraphs[0], longest=longest):
        return paragraphs[0].strip(), paragraphs[1:], False
    return derive_title("\n".join(paragraphs)), paragraphs, True


def derive_title(text: str) -> str:
    """The first sentence of the first paragraph, without a byline, kept short."""
    first = next((p.strip() for p in text.split("\n") if p.strip()), "")
    first = BYLINE.sub("", first)
    sentence = first_sentence(first)
    core = sentence.rstrip(SENTENCE_END).strip()  # without its closing mark
    if core != sentence and _FIRST_SENTENCE_MIN <= len(core) <= HEADING_MAX:
        return core
    return first[:DERIVED_MAX].strip() or UNTITLED

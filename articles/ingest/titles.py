"""Titles: telling a title line from a line of text, and making a title for an item the
source gave none."""
from __future__ import annotations

import re

# A line ending in one of these continues or closes a sentence: it is text, not a title.
ENDS_LIKE_TEXT = re.compile(r"[。！？；：…!?;:，,、]$")
_BYLINE = re.compile(r"^[【\[(（][^】\])）]{2,20}讯[】\])）]\s*")  # 【亿邦动力网讯】
_FIRST_SENTENCE = re.compile(r"^(.{6,40}?)[。！？；]")
UNTITLED = "（无标题）"


def derive_title(text: str) -> str:
    """The first sentence of the first paragraph, without a byline, kept short."""
    first = next((p.strip() for p in text.split("\n") if p.strip()), "")
    first = _BYLINE.sub("", first)
    m = _FIRST_SENTENCE.match(first)
    return (m.group(1) if m else first[:30]).strip() or UNTITLED

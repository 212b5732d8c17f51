"""Sentences in Chinese text: where one ends, and whether a line ends like one.

One definition, so that the timeline, the organisation finder, the PDF paragraph joiner
and the title tests agree on what a sentence is:
- a sentence ends at `。！？；…` (or ASCII `!?;`) and at a line break; the closing quotes
  and brackets right after the mark belong to it (`他说：“好。”`);
- ASCII `.` ends a line (`…see below.`) but never splits one: inside a line it is a
  decimal point, an abbreviation or part of a URL;
- a line that ends with a pause (`，、：`) is text that goes on, so it is not a title either;
- a question or a trailing `…` ends a sentence, but headlines end so too: `ends_statement`
  is for the readers (digests) whose titles may ask.
"""
from __future__ import annotations

import re
from typing import NamedTuple

SENTENCE_END = "。！？；…!?;"
CLOSERS = "」』”’）)]】》"
PAUSES = "，,、：:"

_END, _CLOSE = re.escape(SENTENCE_END), re.escape(CLOSERS)  # `]` must not close the class
_SENTENCE = re.compile(rf"[^{_END}\n]+(?:[{_END}]+[{_CLOSE}]*)?|[{_END}]+[{_CLOSE}]*")
_ENDS_SENTENCE = re.compile(rf"[{_END}.][{_CLOSE}]*$")
_CONTINUES = re.compile(rf"[{re.escape(PAUSES)}{_END}．{_CLOSE}]")  # not ASCII `.`: `.com`, `.NET`
# A line that closes a sentence or stops at a pause is running text, never a title or heading.
_ENDS_LIKE_TEXT = re.compile(rf"(?:[{_END}.][{_CLOSE}]*|[{re.escape(PAUSES)}])$")


class Sentence(NamedTuple):
    start: int  # offset of the sentence's first character in the text
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, stripped, each with its offset; blank pieces are dropped."""
    out = []
    for m in _SENTENCE.finditer(text or ""):
        piece = m.group(0)
        stripped = piece.strip()
        if stripped and not all(c in SENTENCE_END or c in CLOSERS for c in stripped):
            out.append(Sentence(m.start() + piece.index(stripped[0]), stripped))
    return out


def first_sentence(text: str) -> str:
    """The first sentence of `text`, with its closing mark; the whole text when it has none."""
    found = split_sentences(text)
    return found[0].text if found else ""


def continues_sentence(line: str) -> bool:
    """The line starts with what only the middle of a sentence starts with (`，`, `。`,
    a closing quote or bracket): the text before it was broken by the layout."""
    return bool(_CONTINUES.match(line.lstrip()))


def ends_sentence(line: str) -> bool:
    """The line closes a sentence: `。`, `！`, `…` or `.`, perhaps inside closing quotes."""
    return bool(_ENDS_SENTENCE.search(line.rstrip()))


def ends_statement(line: str) -> bool:
    """The line closes a sentence that states something (`。！；.`), not one that asks (`？`)
    or trails off (`…`): headlines ask and trail off, so only a statement rules out a title
    where a title's other marks (shortness, a link or a source line after it) are weak."""
    line = line.rstrip().rstrip(CLOSERS)
    return ends_sentence(line) and not line.endswith(("？", "?", "…", "..."))


def ends_like_text(line: str) -> bool:
    """The line closes a sentence or stops at a pause (`，：`): text, not a title."""
    return bool(_ENDS_LIKE_TEXT.search(line.rstrip()))

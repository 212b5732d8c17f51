"""The one heading recogniser: what a line says about itself as a heading.

Reports, books, laws and newsletters number their headings in a handful of ways:
`第三章：标题`, `第二节 标题`, `2.1 标题`, `2.1、标题`, `三、标题`, a named part (前言, 序, 结语…),
each possibly behind Markdown marks (`## `, `**…**`). This module reads one line and says
which of these it is, its number and its title; whether the line really starts a new part
(the numbering continues, text follows) is the caller's decision, from the document around it.

`第X条` (a law's article) is recognised so that callers can tell it is *not* a heading:
articles continue their chapter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from chinese_text.numerals import read_number
from chinese_text.sentences import ends_like_text

_CN = "零〇一二两三四五六七八九十百"
_MARKDOWN = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<rest>.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"^(\*\*|__)(?P<inner>.+?)\1$")
# 第三章 / 第二节 / 第十条 / 第一篇 / 第二部分, then a separator (：: space U+3000 、 .) and a title.
_ORDINAL = re.compile(
    rf"^第\s*(?P<number>[{_CN}\d]{{1,4}})\s*(?P<unit>章|节|條|条|篇|部分|编|卷|讲|课)"
    r"(?:[\s\u3000:：、.．—\-]*)(?P<title>.*)$"
)
# 1 / 1.1 / 2.3.1, then optionally 、 . ． and a title that starts with no digit or dot.
_ARABIC = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})(?:[、.．](?!\d))?\s*(?P<title>[^\d.．、\s)）\]】:：,，;；%].*)$"
)
_CHINESE = re.compile(rf"^(?P<number>[{_CN}]{{1,3}})[、.．]\s*(?P<title>\S.*)$")
NAMED_PARTS = (
    "前言", "序", "序言", "自序", "代序", "引言", "导言", "绪论", "摘要", "执行摘要", "概要",
    "结语", "结束语", "后记", "附录", "致谢", "风险提示",
)
_NAMED = re.compile(r"^(?P<title>" + "|".join(sorted(NAMED_PARTS, key=len, reverse=True)) + r")(?:[：:]\s*)?$")
MAX_TITLE = 40
# A newsletter's section line: 【本期关注】 or [产业透视].
SECTION = re.compile(r"^[【\[]\s*(?P<name>[^】\]\s]{2,12})\s*[】\]]$")
_CONTENTS = re.compile(r"^(?:目录|内容目录|图表目录|本期目录|CONTENTS?)$", re.I)

_UNITS = {"章": 1, "篇": 1, "部分": 1, "编": 1, "卷": 1, "讲": 1, "课": 1, "节": 2, "条": 3, "條": 3}


@dataclass(frozen=True)
class Heading:
    style: str  # ordinal (第X章/节/条) | arabic (2.1) | chinese (三、) | named (前言)
    number: str  # "3", "2.1", "" for a named part
    title: str
    level: int  # 1 chapter, 2 its subsection, 3 deeper (2.3.1, 第X条)
    unit: str = ""  # for ordinal headings: 章, 节, 条 …
    markdown: int = 0  # how many `#` marked the line (0: none)

    @property
    def is_clause(self) -> bool:
        """A law's 第X条: it continues its chapter, it never starts an item."""
        return self.unit in ("条", "條")


def strip_marks(line: str) -> tuple[str, int]:
    """The line without Markdown heading marks and emphasis, and its `#` count."""
    text = line.strip()
    level = 0
    m = _MARKDOWN.match(text)
    if m:
        level, text = len(m["hashes"]), m["rest"]
    e = _EMPHASIS.match(text)
    if e:
        text = e["inner"].strip()
    return text, level


def is_contents_heading(line: str) -> bool:
    """目录, 目 录, 内容目录, 图表目录, 本期目录, CONTENTS, with or without Markdown marks."""
    text = re.sub(r"\s+", "", strip_marks(line)[0])
    return bool(_CONTENTS.match(text))


def _number(text: str) -> int:
    """The heading's number; 0 (no heading) when the characters are not a numeral."""
    try:
        return read_number(text)
    except ValueError:
        return 0


_INLINE_MARKS = re.compile(r"\*\*|__|`")


def parse_heading(line: str, *, max_title: int = MAX_TITLE) -> Heading | None:
    """The heading this line is written as, or None.

    A title must be short and must not end like a sentence; a numbered line with a long
    or sentence-ending text is a numbered paragraph or step, not a heading. 第X条 comes
    back whatever its length (its text is the article itself): see `Heading.is_clause`.
    """
    text, hashes = strip_marks(line)
    text = _INLINE_MARKS.sub("", text).strip()
    if not text:
        return None
    m = _ORDINAL.match(text)
    if m:
        number = _number(m["number"])
        unit = m["unit"]
        title = m["title"].strip()
        if not number:
            return None
        if unit in ("条", "條"):
            return Heading("ordinal", str(number), title, 3, unit, hashes)
        if len(title) > max_title or ends_like_text(title):
            return None
        return Heading("ordinal", str(number), title, _UNITS[unit], unit, hashes)
    m = _NAMED.match(text)
    if m:
        return Heading("named", "", m["title"], 1, "", hashes)
    for pattern, style in ((_ARABIC, "arabic"), (_CHINESE, "chinese")):
        m = pattern.match(text)
        if not m:
            continue
        title = m["title"].strip()
        if not title or len(title) > max_title or ends_like_text(title):
            return None
        number = m["number"] if style == "arabic" else str(_number(m["number"]))
        if number == "0":
            return None
        return Heading(style, number, title, number.count(".") + 1, "", hashes)
    return None


def follows(previous: str, number: str) -> bool:
    """Whether `number` continues an outline whose last number was `previous`:
    2.3 after 2.2 or 2, 3 after 2 or 2.x, 1 or 2 to begin with."""
    if not previous:
        return number in ("1", "2")
    prev = [int(p) for p in previous.split(".")]
    new = [int(p) for p in number.split(".")]
    if len(new) == len(prev) + 1:
        return new[:-1] == prev and new[-1] == 1
    if len(new) <= len(prev):
        return new[:-1] == prev[: len(new) - 1] and new[-1] == prev[len(new) - 1] + 1
    return False

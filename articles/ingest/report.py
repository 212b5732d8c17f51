"""A long report or a textbook chapter: chapters from numbered headings.

Headings are `1`, `1.1`, `2.3.1` followed by a short title, or `一、…` under a chapter;
a textbook's chapter title is the short line right before its 【学习目标】. A number
followed by a sentence is a footnote, not a heading, and a number must follow the one
before it (2.3 after 2.2 or 2, not after 4.1). Figure and table captions (`图2.8: …`)
are kept as captions. What stands before the first heading is a foreword, signed by the
people named above it. Title, publisher and date are read where the text states them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .clean import drop_repeated_blocks, is_page_number, rejoin, squash, tidy_spacing
from .dates import CHINA
from .errors import IngestError
from .types import ParsedArticle, ParsedDocument

_NUMBERED = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2}){0,3})\s*(?P<title>[^\d.\s][^。！？]{1,40})$")
_CHINESE = re.compile(r"^(?P<number>[一二三四五六七八九十]{1,3})[、.．]\s*(?P<title>[^。；;！？]{2,40})$")
_NAMED = re.compile(r"^(?:导言|前言|序言|引言|摘要|执行摘要|概要|结语|后记|附录)$")
_CAPTION = re.compile(r"^(?:图|表|Figure|Table)\s*\d+(?:[.\-．]\d+)*\s*[:：.．]?\s*\S", re.I)
_PERSON = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_ROLE = re.compile(r"(?:公司|集团|总裁|总经理|合伙人|主席|院长|教授|主任|所长|会长|秘书长|CEO|董事)")
_FOOTER = re.compile(r"^(?:第\s*\d+\s*页|Page\s*\d+|www\.[\w.\-]+|https?://\S+)$", re.I)
_ROLE_TITLE = re.compile(r"总裁|总经理|合伙人|主席|院长|教授|主任|所长|会长|秘书长|CEO|董事")
_LESSON = re.compile(r"^【(?:学习目标|教学目标|本章导读)】$")
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;]")
_SENTENCE_END = re.compile(r"[。！？]|[，；,;]$")


@dataclass
class _Chapter:
    number: str
    title: str
    section: str
    kind: str = "chapter"
    author: str = ""
    lines: list[str] = field(default_factory=list)


_SUBHEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,3}\s+\S{2,40}$")


def fit(text: str, pages: list[str] | None = None) -> float:
    """How much the text looks like a report: a textbook's 【学习目标】, numbered sub-headings."""
    lines = text.split("\n")
    if any(_LESSON.match(line.strip()) for line in lines):
        return 1.0
    if sum(1 for line in lines if _SUBHEADING.match(line)) >= 3:
        return 0.8
    return 0.0


def parse_report(text: str) -> ParsedDocument:
    lines = _clean_lines(text)
    if not lines:
        raise IngestError("报告中没有文字内容。")
    chapters = _split(lines)
    if not any(c.kind == "chapter" and c.number for c in chapters):
        raise IngestError("没有找到带编号的章节标题（如“1 …”“1.1 …”或“一、…”），无法按报告拆分。")
    # A chapter heading with nothing before its first sub-heading is not an article of
    # its own: its title lives on as the section of the sub-chapters.
    items = [_finish(c, n) for n, c in enumerate((c for c in chapters if c.lines), start=1)]
    document = ParsedDocument(kind="report", items=items, title=_report_title(lines, chapters))
    document.source_name, document.published_at = _publisher_and_date(lines[:30])
    if document.published_at:
        document.date_precision = "month"
    return document


def _clean_lines(text: str) -> list[str]:
    raw = [tidy_spacing(line.strip()) for line in text.split("\n")]
    raw = [line for line in raw if line and not is_page_number(line) and not _FOOTER.match(line)]
    counts: dict[str, int] = {}
    for line in raw:
        counts[line] = counts.get(line, 0) + 1
    # Running headers, watermarks and bullet debris repeat across pages.
    return [
        line for line in raw
        if not (counts[line] >= 4 and len(line) <= 40 and not _NUMBERED.match(line))
        and not re.fullmatch(r"[•·●◆■□▪\-–—\s]+|vs\.?", line)
    ]


def _follows(previous: str, number: str) -> bool:
    """A heading number must continue the outline: 2.3 after 2.2 or 2, 3 after 2.x."""
    if not previous:
        return number == "1" or number.count(".") == 0 and int(number) <= 2
    prev = [int(p) for p in previous.split(".")]
    new = [int(p) for p in number.split(".")]
    if len(new) == len(prev) + 1:
        return new[:-1] == prev and new[-1] == 1
    if len(new) <= len(prev):
        return new[:-1] == prev[: len(new) - 1] and new[-1] == prev[len(new) - 1] + 1
    return False


def _split(lines: list[str]) -> list[_Chapter]:
    chapters: list[_Chapter] = []
    current = _Chapter(number="", title="", section="", kind="foreword")
    outline = ""  # the last Arabic heading number
    top = ""  # the current top-level chapter's title
    lesson = 0  # textbook chapters, numbered from 1
    signatures: list[str] = []
    role_lines: set[int] = set()
    for i, line in enumerate(lines):
        if i in role_lines:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        m = _NUMBERED.match(line)
        if m and not _SENTENCE_END.search(m["title"]) and _follows(outline, m["number"]):
            outline = m["number"]
            if "." not in outline:
                top = m["title"]
            current = _Chapter(number=outline, title=m["title"], section=top)
            chapters.append(current)
            continue
        if _LESSON.match(following) and len(line) <= 24 and not _SENTENCE_PUNCT.search(line):
            lesson += 1
            top = line
            current = _Chapter(number=str(lesson), title=line, section=line)
            chapters.append(current)
            continue
        c = _CHINESE.match(line)
        if c and lesson and not outline:
            current = _Chapter(number=f"{lesson}.{_cn_number(c['number'])}", title=c["title"], section=top)
            chapters.append(current)
            continue
        if _NAMED.match(line) and not outline and not lesson:
            current = _Chapter(number="", title=line, section=line, kind="foreword" if line != "导言" else "chapter")
            chapters.append(current)
            continue
        if not outline and not lesson and _PERSON.match(line) and _ROLE.search(following) and len(following) < 50:
            signatures.append(f"{line}（{following}）")
            role_lines.add(i + 1)
            continue
        if signatures:
            current = _Chapter(number="", title="序言", section="序言", kind="foreword", author="；".join(signatures))
            chapters.append(current)
            signatures = []
        if current not in chapters:
            chapters.append(current)
        current.lines.append(line)
    return chapters


def _cn_number(text: str) -> int:
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + digits.get(text[1:], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(text, 0)


def _finish(chapter: _Chapter, position: int) -> ParsedArticle:
    captions = [line for line in chapter.lines if _CAPTION.match(line)]
    body = [line for line in chapter.lines if not _CAPTION.match(line)]
    paragraphs = rejoin(drop_repeated_blocks(body))
    title = chapter.title or (chapter.author.split("（")[0] + "：序言" if chapter.author else "序言")
    return ParsedArticle(
        title=title[:300],
        body="\n".join(paragraphs),
        section=chapter.section,
        position=position,
        kind=chapter.kind,
        number=chapter.number,
        captions=captions,
        author=chapter.author[:200],
    )


def _report_title(lines: list[str], chapters: list[_Chapter]) -> str:
    """A title stated in the text ("…报告" near the top), else empty for the editor."""
    for line in lines[:15]:
        compact = squash(line)
        if 6 <= len(compact) <= 40 and re.search(r"(?:报告|白皮书|蓝皮书|研究|指南)$", compact):
            return line
    return ""


_PUBLISHER = re.compile(
    r"^(?:发布(?:单位|机构)[:：])?(?P<name>.{2,30}?(?:研究院|研究中心|研究所|咨询|公司|协会|集团|出版社|中心))"
    r"(?:\s*(?:联合)?(?:发布|出品|编制|编著|著))?$"
)
_ISSUED = re.compile(r"^(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>\d{1,2})\s*月|[.\-/](?P<m2>\d{1,2}))$")


def _publisher_and_date(head: list[str]):
    """Publisher and month of issue where the first lines state them alone on a line."""
    publisher, issued = "", None
    for line in head:
        compact = squash(line)
        m = _PUBLISHER.match(compact)
        if m and not publisher and not _ROLE_TITLE.search(compact):
            publisher = m["name"]
        d = _ISSUED.match(compact)
        if d and issued is None:
            month = int(d["m"] or d["m2"])
            if 1 <= month <= 12:
                issued = datetime(int(d["y"]), month, 1, tzinfo=CHINA)
    return publisher, issued

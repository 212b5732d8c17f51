"""A long report, a book, a law or a research note: chapters from its headings.

Headings are read by `headings.parse_heading`: `第X章` (with `第X节` under it), `1` / `1.1` /
`2.1、`, `一、` (with 2.1 under 二), a textbook's chapter title right before its 【学习目标】,
and named parts (前言, 序, 结语, 后记, 风险提示…). A number must follow the one before it
(2.3 after 2.2 or 2, not after 4.1), so numbered steps and footnotes inside a chapter
continue it, and so do a law's 第X条. A chapter with no text before its first subsection is
the section of its subsections. A contents list (目录) runs until its first entry comes back
in the body and is dropped; a PDF's running headers and page marks go by their repetition
across pages, its first page is the cover (title, series, date) and never an item, and the
legal pages after the chapters (法律声明, 评级说明…) are not items either. Figure and table
captions (`图2.8: …`) are kept as captions. An untitled preamble signed by the people named
above it is a foreword. Title, issuer and date are read where the head states them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from chinese_text.dates import first_day, parse_published
from chinese_text.normalise import key
from chinese_text.sentences import PAUSES, ends_statement, split_sentences

from .clean import drop_repeated_blocks, drop_running_lines, is_page_number, rejoin, squash, tidy_spacing
from .errors import IngestError
from .headings import follows as _follows
from .headings import is_contents_heading, parse_heading, strip_marks
from .markdown import has_markdown, plain_body
from .titles import HEADING_MAX, TITLE_MAX, looks_like_title
from .toc import toc_entry
from .types import ParsedArticle, ParsedDocument

_CAPTION = re.compile(r"^(?:图|表|Figure|Table)\s*\d+(?:[.\-．]\d+)*\s*[:：.．]?\s*\S", re.I)
_PERSON = re.compile(r"^[\u3400-\u9fff]{2,4}$")
_ROLE = re.compile(r"(?:公司|集团|总裁|总经理|合伙人|主席|院长|教授|主任|所长|会长|秘书长|CEO|董事)")
_FOOTER = re.compile(r"^(?:第\s*\d+\s*页|Page\s*\d+|www\.[\w.\-]+|https?://\S+)$", re.I)
_ROLE_TITLE = re.compile(r"总裁|总经理|合伙人|主席|院长|教授|主任|所长|会长|秘书长|CEO|董事")
_LESSON = re.compile(r"^【(?:学习目标|教学目标|本章导读)】$")
# A heading may join clauses with ；（营销价值：…塑造品牌；大型企业…）, never sentences: a numbered
# line with a full stop inside is a numbered paragraph.
_FULL_STOP = re.compile(r"[。！？!?]")
# Named parts that open a document (a foreword) and those that close it (after the chapters).
_OPENING = {"导言", "前言", "序", "序言", "自序", "代序", "引言", "绪论", "摘要", "执行摘要", "概要"}
_CLOSING = {"结语", "结束语", "后记", "附录", "致谢", "风险提示"}
# Broker notes and reports end with legal pages: none of it is an item.
_DISCLAIMER = re.compile(
    r"^(?:特别声明|法律声明|免责声明|重要声明|声明|分析师声明|分析师承诺|信息披露|(?:股票|行业)?(?:投资)?评级说明"
    r"|分析、估值方法的局限性说明|分析师简介|作者简介)[:：]?$"
)
_LEADER = re.compile(r"\s*[.…·．]{3,}[-\d\s]*$")  # dot leaders with a `- 3 -` page mark or none
_COVER_LIMIT = 200  # an untitled, unsigned preamble shorter than this is front matter, not an item
_TEMPLATE = re.compile(r"\[[^\]\n]*?[A-Za-z]+_[A-Za-z]+\s*\]|^[\ue000-\uf8ff]+\s*")


@dataclass
class _Chapter:
    number: str
    title: str
    section: str
    kind: str = "chapter"
    author: str = ""
    lines: list[str] = field(default_factory=list)
    ordinal: bool = False  # written 第X章 / 第X节


def fit(text: str, pages: list[str] | None = None) -> float:
    """How much the text looks like a report or book, from its outline.

    Strong evidence: a textbook's 【学习目标】; chapters written 第X章 (a book, a law); an
    outline with sub-numbers (2.1 under 2 or 二、). A flat 一、二、三、 or 1 2 3 is weak: news
    articles and newsletter pieces number their sub-headings so; but a PDF whose first page
    sets a title and a date line on their own above three or more such chapters is a short
    report (a research note). Numbered lines with no text between them are a list (of
    links, of contents), not chapters.
    """
    lines = _clean_lines(text, pages)
    if any(_LESSON.match(line) for line in lines):
        return 1.0
    parts = _split(lines, paged=bool(pages))
    chapters = [c for c in parts if c.kind == "chapter" and c.number]
    if len(chapters) < 2:
        return 0.0
    bare = sum(
        1 for c, after in zip(chapters, chapters[1:] + [None], strict=True)
        if not c.lines and not (after and after.number.startswith(c.number + "."))
    )
    if bare * 3 > len(chapters):
        return 0.0
    tops = {c.number.split(".")[0] for c in chapters}
    nested = sum(1 for c in chapters if "." in c.number)
    ordinal = any(c.ordinal for c in chapters)
    if nested >= 3 or ordinal and len(tops) >= 3:
        return 0.9
    if nested or ordinal or (pages and len(tops) >= 3 and _dated_cover(parts)):
        return 0.6
    return 0.3


def _dated_cover(parts: list[_Chapter]) -> bool:
    """The text before the first chapter is a cover, a title block with a date line of its
    own (a report's date of issue), and no prose: a news story opens with paragraphs."""
    cover = parts[0] if parts and not parts[0].number and parts[0].kind == "discard" else None
    return (bool(cover) and any(_dateline(line) for line in cover.lines)
            and not any(ends_statement(line) for line in cover.lines))


def _dateline(line: str) -> bool:
    """A line that is a date and nothing else: `2024年3月20日`, `2020.7`."""
    return parse_published(squash(line), whole=True)[0] is not None

def parse_report(text: str, pages: list[str] | None = None) -> ParsedDocument:
    """Chapters as items; `pages` (a PDF's) lets running headers, page marks and the cover go."""
    lines = _clean_lines(text, pages)
    if not lines:
        raise IngestError("报告中没有文字内容。")
    chapters = _split(lines, paged=bool(pages))
    if not any(c.kind == "chapter" and c.number for c in chapters):
        raise IngestError("没有找到带编号的章节标题（如“第一章”“1 …”“1.1 …”或“一、…”），无法按报告拆分。")
    # A chapter heading with nothing before its first sub-heading is not an article of
    # its own: its title lives on as the section of the sub-chapters.
    kept = [c for c in chapters if c.lines and c.kind != "discard"]
    markdown = has_markdown(text)
    items = [_finish(c, n, markdown=markdown) for n, c in enumerate(kept, start=1)]
    head = _head(text, pages)
    title = _report_title(head, lines) or _title_line(text, pages, items)
    document = ParsedDocument(kind="report", items=items, title=title)
    document.source_name, document.published_at, document.date_precision = _publisher_and_date(head)
    document.issue_label = _issue_label(head)
    return document


def _head(text: str, pages: list[str] | None) -> list[str]:
    """Where a report states its title, issuer and date: the PDF's first page, else the top."""
    if pages:
        return [line for line in _clean_lines(pages[0], pages) if line][:40]
    head = []
    for line in text.split("\n")[:200]:
        line = tidy_spacing(line.strip())
        if _is_heading(line) and strip_marks(line)[1] != 1:
            break
        if line:
            head.append(line)
    return head[:40]


def _clean_lines(text: str, pages: list[str] | None = None) -> list[str]:
    text = drop_running_lines(text, pages) if pages else text
    raw = [tidy_spacing(_TEMPLATE.sub("", line.strip()).strip()) for line in text.split("\n")]
    raw = [line for line in raw if line and not is_page_number(line) and not _FOOTER.match(line)
           and not line.startswith("<!--")]
    counts: dict[str, int] = {}
    for line in raw:
        counts[line] = counts.get(line, 0) + 1
    # Without pages, running headers and watermarks are found as short lines repeated
    # through the text; with pages, `drop_running_lines` found them exactly.
    lines = [
        line for line in raw
        if not (not pages and counts[line] >= 4 and len(line) <= 40 and not _is_heading(line))
        and not re.fullmatch(r"[•·●◆■□▪\-–—\s]+|vs\.?", line)
    ]
    return _drop_contents(lines)


def _is_heading(line: str) -> bool:
    h = parse_heading(line)
    return bool(h and not h.is_clause)


def _drop_contents(lines: list[str]) -> list[str]:
    """Remove a contents list (目录): it runs from its heading to where its first entry
    comes back in the body as a heading. Without that match the lines are kept."""
    out = list(lines)
    i = 0
    while i < min(len(out), 400):
        if not is_contents_heading(out[i]) or i + 1 >= len(out):
            i += 1
            continue
        first = key(_LEADER.sub("", toc_entry(out[i + 1])[0]))
        end = next((k for k in range(i + 2, len(out)) if len(out[k]) <= 60 and first and key(out[k]) == first
                    and not _LEADER.search(out[k])), None)
        if end is None:
            i += 1
            continue
        del out[i:end]
    return out


def _split(lines: list[str], *, paged: bool = False) -> list[_Chapter]:
    """The chapters, in order. `paged`: the text is a PDF's, whose first page is its cover."""
    chapters: list[_Chapter] = []
    current = _Chapter(number="", title="", section="", kind="cover")
    outline = ""  # the last heading number: 2, 2.3, 2.3.1
    scheme = ""  # how chapters are numbered: ordinal (第X章), arabic (1 2 3), chinese (一、二、)
    top = ""  # the current top-level chapter's title
    lesson = 0  # textbook chapters, numbered from 1
    signatures: list[str] = []
    skip: set[int] = set()
    for i, line in enumerate(lines):
        if i in skip:
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        h = parse_heading(line)
        if h and h.style == "ordinal" and not h.is_clause and scheme in ("", "ordinal") and not lesson:
            title = h.title
            if not title and following and len(following) <= 30 and not parse_heading(following):
                title = following  # 第一章 on its own line, its title on the next
                skip.add(i + 1)
            if h.level == 1:
                number = h.number
                if number == "1" and chapters and not any(c.lines for c in chapters):
                    chapters, outline = [], ""  # what came before was a bare list of the chapters
                if not _follows(outline.split(".")[0], number):
                    current.lines.append(line)
                    continue
                scheme, outline, top = "ordinal", number, title
                current = _Chapter(number=number, title=title, section=title, ordinal=True)
                chapters.append(current)
                continue
            if h.level == 2 and outline:
                number = f"{outline.split('.')[0]}.{h.number}"
                if _follows(outline, number):
                    outline = number
                    current = _Chapter(number=number, title=title, section=top, ordinal=True)
                    chapters.append(current)
                    continue
        # In a textbook, numbered lines under 【学习目标】 are lists: its chapters are its lessons.
        if h and h.style == "arabic" and not lesson and not _FULL_STOP.search(h.title) \
                and _follows(outline, h.number) and not (scheme in ("ordinal", "chinese") and "." not in h.number):
            outline = h.number
            scheme = scheme or "arabic"
            if "." not in outline:
                top = h.title
            current = _Chapter(number=outline, title=h.title, section=top)
            chapters.append(current)
            continue
        if _LESSON.match(following) and _one_title(line):
            lesson += 1
            top = line
            current = _Chapter(number=str(lesson), title=line, section=line)
            chapters.append(current)
            continue
        if h and h.style == "chinese":
            if lesson and not outline:
                current = _Chapter(number=f"{lesson}.{h.number}", title=h.title, section=top)
                chapters.append(current)
                continue
            if not lesson and scheme in ("", "chinese") and _follows(outline.split(".")[0], h.number):
                scheme, outline, top = "chinese", h.number, h.title
                current = _Chapter(number=outline, title=h.title, section=h.title)
                chapters.append(current)
                continue
        if h and h.style == "named" and h.title in _OPENING and not outline and not lesson:
            kind = "chapter" if h.title == "导言" else "foreword"
            current = _Chapter(number="", title=h.title, section=h.title, kind=kind)
            chapters.append(current)
            continue
        if h and h.style == "named" and h.title in _CLOSING and outline:
            current = _Chapter(number="", title=h.title, section="")
            chapters.append(current)
            continue
        if outline and _DISCLAIMER.match(squash(line)):
            current = _Chapter(number="", title=line, section="", kind="discard")
            chapters.append(current)
            continue
        if not outline and not lesson and _PERSON.match(line) and _ROLE.search(following) and len(following) < 50:
            signatures.append(f"{line}（{following}）")
            skip.add(i + 1)
            continue
        if signatures:
            current = _Chapter(number="", title="序言", section="序言", kind="foreword", author="；".join(signatures))
            chapters.append(current)
            signatures = []
        if current not in chapters:
            chapters.append(current)
        current.lines.append(line)
    for chapter in chapters:
        # An untitled, unsigned preamble is the cover: title, dates, a summary of the points.
        if chapter.kind == "cover" and (paged or sum(len(line) for line in chapter.lines) < _COVER_LIMIT):
            chapter.kind = "discard"
        elif chapter.kind == "cover":
            chapter.kind = "foreword"
    return chapters


def _finish(chapter: _Chapter, position: int, *, markdown: bool) -> ParsedArticle:
    captions = [line for line in chapter.lines if _CAPTION.match(line)]
    body = plain_body([line for line in chapter.lines if not _CAPTION.match(line)], markdown=markdown)
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


_LABEL = re.compile(r"[:：@]|^《|https?://")
# 行业研究员：陈立 王珊, 分析师：唐军, 作者：…: who wrote the report, under its title.
_BYLINE = re.compile(r"^[\u3400-\u9fff]{0,6}(?:研究员|分析师|作者|撰稿|执笔|联系人|研究助理)[:：]")
_SUBTITLE = re.compile(r"^(?:——|--)\s*(?P<text>\S.*)$")
# A PRC law's adoption line names its legislature: 杭州市第十二届人民代表大会常务委员会第四十次会议通过.
_LEGISLATURE = re.compile(
    r"(?P<place>[\u3400-\u9fff]{2,8}?(?:省|市|自治区|自治州|县|区))?第[一二三四五六七八九十百\d]+届"
    r"(?P<body>[\u3400-\u9fff]+?(?:代表大会常务委员会|代表大会))"
)
_DECREE = re.compile(r"(?:公告|主席令|令)第\s*[\d一二三四五六七八九十百零]+\s*号")


def _cover_line(line: str, *, labelled: bool = False) -> bool:
    """A line that could be the title: short, not a label, a date, a reference or a
    statement (a note's title may ask: `A股市场中如何构造动量因子？`). With `labelled`, a
    colon may stand inside it (`产业带数字化跟踪：五金与家纺采购回暖`), for a line whose place
    says it is the title; a byline still is not."""
    compact = squash(line)
    label = _BYLINE.match(compact) if labelled else _LABEL.search(compact)
    return (6 <= len(compact) <= TITLE_MAX and not ends_statement(compact) and compact[-1] not in PAUSES
            and not label and not re.search(r"@|^《|https?://", compact) and not first_day(compact)
            and not _is_heading(line))


def _one_title(line: str) -> bool:
    """A heading's words: short, one sentence that does not end like text."""
    return looks_like_title(line, longest=HEADING_MAX) and len(split_sentences(line)) == 1


def _report_title(head: list[str], lines: list[str]) -> str:
    """The title the document states: a Markdown `#` title, the line above a `——` subtitle,
    a `主题——副题` line, a "…报告" line near the top, or the line right above the byline or
    the date line of the head; else empty for the editor."""
    for line in head[:10]:
        text, hashes = strip_marks(line)
        if hashes == 1 and text:
            return text
    for line, after in zip(head, head[1:], strict=False):
        if _SUBTITLE.match(after) and _cover_line(line):
            return line
    for line in head:
        if "——" in line.strip("— ") and _cover_line(line):
            return line
    for line in lines[:15]:
        compact = squash(line)
        if 6 <= len(compact) <= HEADING_MAX and re.search(r"(?:报告|白皮书|蓝皮书|研究|指南)$", compact):
            return line
    for line, after in zip(head, head[1:], strict=False):
        if (_BYLINE.match(squash(after)) or _dateline(after)) and _cover_line(line, labelled=True) \
                and not _PUBLISHER.match(squash(line)):
            return line  # the title above the byline or the date; a colon may stand in it
    return ""


def _title_line(text: str, pages: list[str] | None, items: list[ParsedArticle]) -> str:
    """A plain text's first line standing alone (a blank line after it), short and not a
    heading, a date or its first chapter's title: how a book's text file states its title."""
    if pages:
        return ""
    chapter_titles = {squash(item.title) for item in items}
    raw = [line.strip() for line in text.split("\n")[:30]]
    for i, line in enumerate(raw):
        if not line or re.fullmatch(r"`{3,}\w*|-{3,}", line):
            continue
        alone = i + 1 < len(raw) and not raw[i + 1]
        if alone and len(line) <= 30 and not _is_heading(line) and not first_day(line) \
                and not re.search(r"[。，；：:]", line) and squash(line) not in chapter_titles:
            return line
        return ""
    return ""


def _issue_label(head: list[str]) -> str:
    """A series number under the title (——开源量化评论（3）) or a decree number (公告第78号)."""
    for line, after in zip(head, head[1:], strict=False):
        m = _SUBTITLE.match(after)
        if m and _cover_line(line) and re.search(r"\d|第.+[期号]", m["text"]):
            return m["text"]
    for line in head:
        m = _DECREE.search(squash(line))
        if m:
            return m.group()
    return ""


_PUBLISHER = re.compile(
    r"^(?:发布(?:单位|机构)[:：])?(?P<name>.{2,30}?(?:研究院|研究中心|研究所|咨询|公司|协会|集团|出版社|中心))"
    r"(?:\s*(?:联合)?(?:发布|出品|编制|编著|著))?$"
)


def _publisher_and_date(head: list[str]) -> tuple[str, datetime | None, str]:
    """Publisher (or legislature) and date of issue, with its precision, from the head:
    the first full date (年月日) anywhere in it, else a month alone on a line."""
    publisher, issued, precision = "", None, "month"
    for line in head:
        compact = squash(line)
        m = _PUBLISHER.match(compact)
        if m and not publisher and not _ROLE_TITLE.search(compact):
            publisher = m["name"]
        day = first_day(compact)  # the date before a law's adoption line is no place name
        legislature = _LEGISLATURE.search(compact[:day.start] + compact[day.end:] if day else compact)
        if legislature and not publisher:
            publisher = (legislature["place"] or "") + legislature["body"]
    for line in head:
        full = first_day(line)
        if full and len(line) <= 60:  # a dateline, not a sentence of the text that names a day
            return publisher, *parse_published(line[full.start:])
    for line in head:
        issued, precision = parse_published(squash(line), whole=True)  # 2013年1月 alone on its line
        if issued:
            return publisher, issued, precision
    return publisher, None, "day"

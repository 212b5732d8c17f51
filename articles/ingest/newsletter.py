"""An association's member newsletter issue: metadata, sections and items.

Where the issue has a table of contents, the contents decide the items: each TOC title
is looked for, in order, among the body's lines, matched approximately (spacing,
punctuation, a retyped word), and the TOC itself is not an item. Without one, items are
cut at section headers (【…】 alone on a line), after attribution lines, and at title
lines (a short line without sentence punctuation followed by text). An in-paragraph
byline such as 【亿邦动力网讯】 is not a section header.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .attribution import byline_outlet, is_attribution, parse_attribution
from .clean import drop_repeated_blocks, drop_running_lines, is_page_number, rejoin, squash, tidy_spacing
from .dates import CHINA
from .errors import IngestError
from .titles import ENDS_LIKE_TEXT, derive_title
from .toc import SECTION as _SECTION
from .toc import find_section, find_title, table_of_contents
from .toc import key as _key
from .types import ParsedArticle, ParsedDocument

_ISSUE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<months>\d{1,2}(?:\s*[、,，\-至]\s*\d{1,2})?)\s*月\s*(?P<combined>合刊)?"
    r"\s*(?:第\s*(?P<no>\d+)\s*期)?\s*(?:总\s*第\s*(?P<total>\d+)\s*期)?"
)
_HOST = re.compile(r"^(?P<org>.{4,40}?)(?:主办|编印|编辑出版|编)$")
_COMPANY = re.compile(r"^(?P<name>.{4,40}?(?:有限公司|股份公司|集团|公司|协会|研究院|中心))(?:[（(]会员单位[)）])?$")
_IMAGE = re.compile(r"^[\[【（(]?\s*(?:图片|图|image|img)\s*[\]】)）]?$", re.I)
_PROFILE_SECTIONS = ("新增会员", "会员风采", "会员介绍", "新会员", "会员动态")
_EDITORIAL_SECTIONS = ("编辑寄语", "卷首语", "编者按", "卷首")
_CREDITS = re.compile(r"^(?:编辑|责任编辑|主编|校对|美编)\s*[：:]")


@dataclass
class _Item:
    section: str
    title: str
    lines: list[str] = field(default_factory=list)
    title_derived: bool = False


_TOC_LINE = re.compile(r"^\s*(?:目\s*录|本期目录)\s*$")


def fit(text: str, pages: list[str] | None = None) -> float:
    """How much the text looks like a newsletter issue: contents, 【section】s, source lines."""
    lines = text.split("\n")
    sections = sum(1 for line in lines if _SECTION.match(line.strip()))
    attributions = sum(1 for line in lines if is_attribution(line))
    has_toc = any(_TOC_LINE.match(line) for line in lines[:80])
    if (has_toc and sections >= 2) or (sections >= 2 and attributions >= 1) or attributions >= 2:
        return 0.9
    return 0.0


def parse_newsletter(text: str, pages: list[str] | None = None) -> ParsedDocument:
    lines = [tidy_spacing(line.strip()) for line in drop_running_lines(text, pages).split("\n")]
    lines = [line for line in lines if line and not is_page_number(line) and not _IMAGE.match(line)]
    if not lines:
        raise IngestError("会刊中没有文字内容。")
    toc, body_start = table_of_contents(lines)
    head = lines[: body_start if toc else _first_section(lines)]
    body = lines[body_start:] if toc else lines[_first_section(lines):]
    items = _split_by_toc(body, toc) if toc else _split_without_toc(body)
    if not items:
        raise IngestError("没能从会刊中分出任何文章：既没有目录，也没有【栏目】标题或出处行。")
    document = _metadata(head)
    document.toc = [title or section for section, title in toc]
    document.items = [_finish(item, position) for position, item in enumerate(items, start=1)]
    return document


def _split_by_toc(body: list[str], toc: list[tuple[str, str]]) -> list[_Item]:
    """Find each TOC entry's line in the body, in order; an item runs to the next one."""
    starts: list[tuple[int, str, str, int]] = []  # (title line, section, title, first body line)
    position = 0
    for toc_section, title in toc:
        found = find_section(body, position, toc_section) if not title else find_title(body, position, title)
        if found is None:
            continue
        end = found + 1
        if title:  # a title the page wrapped onto the next line
            joined = _key(body[found])
            while end < len(body) and _key(title).startswith(joined + _key(body[end])) and _key(body[end]):
                joined += _key(body[end])
                end += 1
        starts.append((found, toc_section, title or toc_section, end))
        position = end
    items = []
    section_names = _section_names(body)
    for n, (index, toc_section, title, first) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(body)
        section = section_names.get(index, toc_section) or toc_section
        lines = [line for line in body[first:end] if not _SECTION.match(line)]
        items.append(_Item(section=section, title=title if title != toc_section else title, lines=lines))
    return items


def _section_names(body: list[str]) -> dict[int, str]:
    """For each line, the body's own name of the section it stands in (it may differ
    from the TOC's: 政策规范 in the contents, 政策法规 above the articles)."""
    names, current = {}, ""
    for i, line in enumerate(body):
        m = _SECTION.match(line)
        if m:
            current = m["name"]
        names[i] = current
    return names


# --- without a table of contents ------------------------------------------------------

def _first_section(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if _SECTION.match(line)), 0)


def _looks_like_title(lines: list[str], i: int) -> bool:
    line = lines[i]
    if len(line) > 40 or len(line) < 4 or ENDS_LIKE_TEXT.search(line) or is_attribution(line) or byline_outlet(line):
        return False
    if _CREDITS.match(line) or _SECTION.match(line):
        return False
    following = lines[i + 1] if i + 1 < len(lines) else ""
    return len(following) > len(line) and not _SECTION.match(following)


def _split_without_toc(body: list[str]) -> list[_Item]:
    items: list[_Item] = []
    section = ""
    current: _Item | None = None
    for i, line in enumerate(body):
        m = _SECTION.match(line)
        if m:
            section = m["name"]
            current = None
            continue
        if current is None or (current.lines and _looks_like_title(body, i)) or _ends_item(current):
            if _looks_like_title(body, i):
                current = _Item(section=section, title=line)
                items.append(current)
                continue
            if current is None or _ends_item(current):
                current = _Item(section=section, title="", title_derived=True)
                items.append(current)
        current.lines.append(line)
    return [item for item in items if item.lines]


def _ends_item(item: _Item) -> bool:
    return bool(item.lines) and is_attribution(item.lines[-1])


# --- items and metadata -----------------------------------------------------------------

def _finish(item: _Item, position: int) -> ParsedArticle:
    lines = [line for line in item.lines if not _CREDITS.match(line)]
    attribution = None
    for n in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        if is_attribution(lines[n]):
            attribution = parse_attribution(lines[n])
            del lines[n]
            break
    paragraphs = rejoin(drop_repeated_blocks(lines), keep=lambda p: bool(_SECTION.match(p)))
    title, derived = item.title, item.title_derived
    if not title:
        title, derived = derive_title("\n".join(paragraphs)), True
    kind = "article"
    if any(name in item.section for name in _EDITORIAL_SECTIONS):
        kind = "editorial"
    elif any(name in item.section for name in _PROFILE_SECTIONS) or _COMPANY.match(title):
        kind = "profile"
        title = _COMPANY.match(title)["name"] if _COMPANY.match(title) else title
        if paragraphs and squash(paragraphs[-1]).strip("（）()") == squash(title):
            paragraphs = paragraphs[:-1]  # the profile's closing "（公司名）"
    outlet = ""
    if attribution:
        outlet = attribution.outlet
    elif paragraphs:
        outlet = byline_outlet(paragraphs[0])
    published = None
    precision = "day"
    if attribution:
        published = attribution.url_date or attribution.published_at
        precision = "day" if attribution.url_date else attribution.date_precision
    return ParsedArticle(
        title=title[:300],
        body="\n".join(paragraphs),
        section=item.section,
        position=position,
        kind=kind,
        title_derived=derived,
        attribution=attribution,
        outlet=outlet,
        url=attribution.url if attribution else "",
        published_at=published,
        date_precision=precision,
    )


def _metadata(head: list[str]) -> ParsedDocument:
    document = ParsedDocument(kind="newsletter", items=[])
    for line in head:
        compact = squash(line)
        issue = _ISSUE.search(compact)
        if issue and not document.issue_label and (issue["no"] or issue["total"] or issue["combined"]):
            document.issue_label = _issue_label(issue)
            month = int(re.split(r"\D+", issue["months"])[0])
            document.published_at = datetime(int(issue["year"]), month, 1, tzinfo=CHINA)
            document.date_precision = "month"
            continue
        host = _HOST.match(compact)
        if host and not document.source_name:
            document.source_name = host["org"]
            continue
    names = [squash(line) for line in head if _is_name_line(line)]
    if names:
        document.newsletter_name = names[0]
    document.title = document.newsletter_name or document.source_name or "会刊"
    return document


def _is_name_line(line: str) -> bool:
    compact = squash(line)
    return (
        2 <= len(compact) <= 16
        and re.fullmatch(r"[\u3400-\u9fff《》]+", compact) is not None
        and not any(w in compact for w in ("协会", "主办", "目录", "注意保存", "会员资料"))
    )


def _issue_label(m: re.Match) -> str:
    months = re.sub(r"\s+", "", m["months"])
    parts = [f"{m['year']}年{months}月{'合刊' if m['combined'] else ''}"]
    if m["no"]:
        parts.append(f"第{m['no']}期")
    if m["total"]:
        parts.append(f"总第{m['total']}期")
    return " ".join(parts)

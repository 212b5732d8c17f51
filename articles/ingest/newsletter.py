"""An association's member newsletter issue: metadata, sections and items.

Where the issue has a table of contents, the contents decide the items: each TOC title
is looked for, in order, among the body's lines, matched approximately (spacing,
punctuation, a retyped word), and the TOC itself is not an item. Without one, the
evidence an editor reads decides (see "without a table of contents" below). An
in-paragraph byline such as 【亿邦动力网讯】 is not a section header; image placeholders
are never text. The masthead (name, association, issue, date) is read by `masthead`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from chinese_text.dates import opens_with_day
from chinese_text.normalise import key as _key
from chinese_text.sentences import continues_sentence

from .attribution import byline_outlet, is_attribution, parse_attribution, separate_attributions
from .clean import (
    drop_repeated_blocks,
    drop_running_lines,
    ends_block,
    is_enumerated,
    is_page_number,
    rejoin,
    squash,
    tidy_spacing,
)
from .errors import IngestError
from .markdown import has_markdown, plain_body
from .masthead import Masthead, colophon_start, is_masthead_line, read_masthead
from .titles import HEADING_MAX, derive_title, looks_like_title
from .toc import SECTION as _SECTION
from .toc import find_section, find_title, table_of_contents
from .types import ParsedArticle, ParsedDocument

_COMPANY = re.compile(r"^(?P<name>.{4,40}?(?:有限公司|股份公司|集团|公司|协会|研究院|中心))(?:[（(]会员单位[)）])?$")
# [图片], 【图】, [image: image10.jpg], ![](pic.png): where a picture stood, never text
_IMAGE_MARK = (
    r"[\[【（(]\s*(?:图片|图|照片|插图|image|img|picture)\s*(?:[:：][^\]】)）]*)?[\]】)）]"
    r"|!\[[^\]]*\]\([^)]*\)"
)
_IMAGE = re.compile(rf"^(?:{_IMAGE_MARK}|(?:图片|图|image|img))$", re.I)
_INLINE_IMAGE = re.compile(r"\[\s*(?:image|img|图片)\s*[:：][^\]]*\]|!\[[^\]]*\]\([^)]*\)", re.I)
_PROFILE_SECTIONS = ("新增会员", "会员风采", "会员介绍", "新会员", "会员动态")
_EDITORIAL_SECTIONS = ("编辑寄语", "卷首语", "编者按", "卷首")
_CREDITS = re.compile(r"^(?:编辑|责任编辑|主编|校对|美编)\s*[：:]")


@dataclass
class _Item:
    section: str
    title: str
    lines: list[str] = field(default_factory=list)
    title_derived: bool = False
    closed: bool = False  # a source line ended it


_TOC_LINE = re.compile(r"^\s*(?:目\s*录|本期目录)\s*$")


def fit(text: str, pages: list[str] | None = None) -> float:
    """How much the text looks like a newsletter issue: contents, 【section】s, source
    lines, a masthead with an issue number."""
    lines = [line.strip() for line in text.split("\n")]
    sections = sum(1 for line in lines if _SECTION.match(line))
    attributions = sum(1 for line in separate_attributions(lines) if _newsletter_attribution(line))
    has_toc = any(_TOC_LINE.match(line) for line in lines[:80])
    has_issue = bool(read_masthead([line for line in lines[:30] if line]).issue_label)
    if (has_toc and sections >= 2) or (sections >= 2 and attributions >= 1):
        return 0.9
    if has_issue and (sections >= 1 or attributions >= 1 or has_toc):
        return 0.8
    if attributions >= 2:  # source lines alone: a plain-text digest that names itself fits better
        return 0.7
    return 0.0


def _newsletter_attribution(line: str) -> bool:
    """A source line as newsletters print it: in brackets with words in it (（来源：…）,
    （大华网2013年1月17日http://…）), or bare with a link (原文链接：http://…). A bare
    `来源：…` also heads a digest's items and a report's charts, and a bracketed bare URL
    is Markdown's link syntax: neither is evidence of a newsletter."""
    if not is_attribution(line):
        return False
    if line[:1] in "(（":
        return bool(re.search(r"[\u3400-\u9fff]", line))
    return "http" in line


def parse_newsletter(text: str, pages: list[str] | None = None) -> ParsedDocument:
    lines, joins = _lines(text, pages)
    if not lines:
        raise IngestError("会刊中没有文字内容。")
    toc, body_start = table_of_contents(lines)
    start = body_start if toc else _body_start(lines)
    head = lines[:start]
    body = _paragraph_lines(lines[start:], joins[start:])
    end = colophon_start(body)
    items = _split_by_toc(body[:end], toc) if toc else _split_without_toc(body[:end])
    masthead = read_masthead(head, body[end:])
    document = _document(masthead)
    markdown = has_markdown(text)
    finished = [_finish(item, masthead, markdown=markdown) for item in items]
    document.items = [item for item in finished if item.body or item.kind == "profile"]
    if not document.items:
        raise IngestError("没能从会刊中分出任何文章：既没有目录，也没有【栏目】标题或出处行。")
    for position, item in enumerate(document.items, start=1):
        item.position = position
    document.toc = [title or section for section, title in toc]
    return document


def _lines(text: str, pages: list[str] | None) -> tuple[list[str], list[bool]]:
    """The issue's non-empty lines, without running headers, page numbers or image
    placeholders; and for each, whether it follows the one before with no blank line
    between (in the same paragraph, for a PDF)."""
    lines: list[str] = []
    joins: list[bool] = []
    gap = True
    for raw in drop_running_lines(text, pages).split("\n"):
        line = tidy_spacing(_INLINE_IMAGE.sub("", raw).strip())
        if not line:
            gap = True
            continue
        if is_page_number(line) or _IMAGE.match(line):
            continue
        lines.append(line)
        joins.append(not gap)
        gap = False
    return lines, joins


def _paragraph_lines(lines: list[str], joins: list[bool]) -> list[str]:
    """The body's lines with every attribution whole on a line of its own, and a line the
    page width filled joined with the next line of its paragraph, on the same page or the
    next: a page break is never a boundary."""
    width = _wrap_width(lines)
    if width <= _PAGE_WIDTH:
        lines = _join_filled_lines(lines, joins, width)
    return separate_attributions(lines)


_PAGE_WIDTH = 80  # a wrap width above this is no page's: lines are whole paragraphs


def _join_filled_lines(lines: list[str], joins: list[bool], width: int) -> list[str]:
    out: list[str] = []
    filled = False
    for line, joined in zip(lines, joins, strict=True):
        closes_source = bool(out) and out[-1].endswith((")", "）"))  # the end of a source line, full by chance
        if out and joined and filled and not (closes_source or _SECTION.match(line) or is_attribution(line)):
            out[-1] += (" " if re.search(r"[A-Za-z0-9]$", out[-1]) and re.match(r"[A-Za-z0-9]", line) else "") + line
        else:
            out.append(line)
        filled = len(line) >= 0.9 * width and not _SECTION.match(line)
    return out


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
#
# An editor tells where one article ends and the next begins from a few signs: a section
# header; a source line, which closes the article it follows; a line that looks like a
# heading *and* starts something new (the line before it ended a sentence, not a line the
# page width cut). When most articles of the issue end with a source line, that line is
# the stronger sign: between an article's title and its source line, sub-headings and
# numbered steps go on with the article. A page break is never a boundary: the piece of a
# paragraph carried over to the next page follows a line that did not end its sentence.

_DECORATION = re.compile(r"^[◆■●▲★☆◇□◎※•·\-—=\s]+|[◆■●▲★☆◇□◎※•·\-—=\s]+$")
_BARE_SECTION = re.compile(r"^[\u3400-\u9fff]{2,8}$")
_LONG_TITLE = 80  # a title right after a source line or header may be this long
_SHORT_CLAUSE = 24  # a heading with a comma in it is short: 打击假货、窜货，规范集市秩序
_BRACKETED = re.compile(r"^[（(][^（()）]*[)）]$")  # （上海某某有限公司）: a closing note, not a heading
_LABELLED = re.compile(r"^[\u3400-\u9fff]{2,10}[：:]")  # 主要业务经营范围：… is a field of the text


def _body_start(lines: list[str]) -> int:
    """Where the articles start: the first section header near the top, else after the
    masthead's lines."""
    first_section = next((i for i, line in enumerate(lines[:60]) if _SECTION.match(line)), None)
    if first_section is not None:
        return first_section
    i = 0
    while i < min(len(lines), 15) and is_masthead_line(lines[i]):
        i += 1
    return i


def _wrap_width(lines: list[str]) -> int:
    """The width a PDF wrapped its lines at, or a large number for one-paragraph lines:
    the length most lines of ten characters or more come close to."""
    lengths = sorted(len(line) for line in lines if len(line) >= 10)
    if not lengths:
        return 10**6
    return lengths[int(len(lengths) * 0.8)]


def _cut_by_width(line: str, width: int) -> bool:
    """The line was cut in mid-sentence (by the page width, or longer than any heading):
    what follows continues it."""
    return (len(line) >= 0.85 * width or len(line) > _LONG_TITLE // 2) and not ends_block(line)


def _heading_like(line: str, limit: int = HEADING_MAX) -> bool:
    return (
        len(line) >= 4
        and looks_like_title(line, longest=limit)
        and not continues_sentence(line)
        and not is_attribution(line)
        and not byline_outlet(line)
        and not _CREDITS.match(line)
        and not _SECTION.match(line)
        and not _BRACKETED.match(line)
    )


def _bare_section(body: list[str], i: int) -> str:
    """A section name printed without 【】 (本期关注, ◆ 产业透视): a few ideographs alone,
    at a boundary, followed by an article's title and then its text."""
    name = _DECORATION.sub("", body[i])
    if not _BARE_SECTION.match(name) or i + 2 >= len(body):
        return ""
    title, text = body[i + 1], body[i + 2]
    if _heading_like(title, _LONG_TITLE) and not is_enumerated(title) and len(text) > len(title):
        return name
    return ""


def _starts_article(body: list[str], i: int, width: int, lead: bool = False) -> bool:
    """Inside an open article: does this line start the next one? Only a heading-like line
    that follows a finished sentence, is not a numbered step or a labelled field, and has
    text after it."""
    line = body[i]
    if not _heading_like(line) or is_enumerated(line) or _LABELLED.match(line):
        return False
    if len(line) > _SHORT_CLAUSE and re.search(r"[，,]", line):  # a long clause cut short, not a heading
        return False
    previous = body[i - 1] if i else ""
    if previous and _cut_by_width(previous, width):
        return False
    if lead and i + 1 < len(body) and is_attribution(body[i + 1]):
        return True  # a source line under a heading makes it an article's title
    following = body[i + 1] if i + 1 < len(body) else ""
    return len(following) > len(line) and not _SECTION.match(following) and not is_attribution(following)


def _opens_like_news(body: list[str], i: int) -> bool:
    """The heading's text opens as a news story does, with the outlet's byline
    (`【亿邦动力网讯】…`) or its day (`1月12日，…`): a new article, even where a source line
    further on would otherwise make the heading a sub-heading of the article before it (an
    unsourced piece of the association's own between two reprinted ones)."""
    following = body[i + 1] if i + 1 < len(body) else ""
    return bool(byline_outlet(following)) or opens_with_day(following)


def _sourced_sections(body: list[str]) -> list[bool]:
    """For each line, whether its section has any source line. Where source lines stand
    under the titles, a heading without one starts an article only in a section that
    has none (the association's own news); elsewhere it is a sub-heading."""
    flags, start, found = [False] * len(body), 0, False
    for i in range(len(body) + 1):
        if i == len(body) or _SECTION.match(body[i]):
            flags[start:i] = [found] * (i - start)
            start, found = i, False
        elif is_attribution(body[i]):
            found = True
    return flags


def _sources_lead(body: list[str]) -> bool:
    """Do the issue's source lines stand under their titles (标题 / （来源：…） / 正文)
    rather than after their text? Then they close nothing: the headings split."""
    under_title = total = 0
    for i, line in enumerate(body):
        if is_attribution(line):
            total += 1
            title, text = (body[i - 1] if i else ""), (body[i + 1] if i + 1 < len(body) else "")
            under_title += _heading_like(title, _LONG_TITLE) and len(text) > len(title)
    return under_title * 2 > total


def _closed_runs(body: list[str]) -> list[bool]:
    """For each line, whether the stretch it stands in ends with a source line (before the
    next section header or the end)."""
    closed, ahead = [False] * len(body), False
    for i in range(len(body) - 1, -1, -1):
        if _SECTION.match(body[i]):
            ahead = False
        elif is_attribution(body[i]):
            ahead = True
        closed[i] = ahead
    return closed


def _mostly_closed(body: list[str], closed: list[bool], width: int) -> bool:
    """Do most of the issue's articles end with a source line? Source lines against the
    articles that headings would start in the stretches no source line closes."""
    sources = sum(1 for line in body if is_attribution(line))
    unsourced = sum(1 for i in range(len(body)) if not closed[i] and _starts_article(body, i, width))
    return sources >= 2 and sources >= unsourced


def _split_without_toc(body: list[str]) -> list[_Item]:
    width = _wrap_width(body)
    closed = _closed_runs(body)
    lead = _sources_lead(body)
    by_source = not lead and _mostly_closed(body, closed, width)
    sourced = _sourced_sections(body)
    items: list[_Item] = []
    section = ""
    current: _Item | None = None
    i = 0
    while i < len(body):
        line = body[i]
        at_boundary = current is None or current.closed
        m = _SECTION.match(line)
        bare = _bare_section(body, i) if at_boundary and not m else ""
        if m or bare:
            section, current = (m["name"] if m else bare), None
            i += 1
            continue
        if is_attribution(line):
            if current is None:
                current = _Item(section=section, title="", title_derived=True)
                items.append(current)
            current.lines.append(line)
            current.closed = not lead
            i += 1
            continue
        if at_boundary:
            current = _Item(section=section, title="", title_derived=True)
            items.append(current)
            if _heading_like(line, _LONG_TITLE) and i + 1 < len(body) and (lead or not is_attribution(body[i + 1])):
                current.title, current.title_derived = line, False
                i = _rest_of_title(body, i, current, width)
                continue
        elif current.lines and _starts_article(body, i, width, lead) and (
            _opens_like_news(body, i)
            or not ((by_source and closed[i]) or (lead and sourced[i] and not is_attribution(body[i + 1])))
        ):
            current = _Item(section=section, title=line)
            items.append(current)
            i = _rest_of_title(body, i, current, width)
            continue
        current.lines.append(line)
        i += 1
    _name_lone_untitled(items)
    return items


def _rest_of_title(body: list[str], i: int, item: _Item, width: int) -> int:
    """A title the page width wrapped onto the next line goes on there; the index after it."""
    i += 1
    wrapped = len(item.title) >= 0.85 * width and not ends_block(item.title)
    if i + 1 < len(body) and wrapped and _heading_like(body[i]) and len(body[i + 1]) > len(body[i]):
        item.title += body[i]
        i += 1
    return i


def _name_lone_untitled(items: list[_Item]) -> None:
    """An untitled text alone in its section (卷首语, 编辑寄语) is titled by the section."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.section] = counts.get(item.section, 0) + 1
    for item in items:
        if not item.title and item.section and counts[item.section] == 1:
            item.title, item.title_derived = item.section, False


# --- items and metadata -----------------------------------------------------------------

def _finish(item: _Item, masthead: Masthead, *, markdown: bool) -> ParsedArticle:
    """The item as an article: its source line read, its text rejoined, its date its own
    (the source line's or its URL's) or else the issue's, at the precision each was given."""
    lines = [line for line in item.lines if not _CREDITS.match(line)]
    attribution = None
    last_or_first = [*range(len(lines) - 1, max(len(lines) - 4, -1), -1), *range(min(2, len(lines)))]
    for n in last_or_first:  # after the text, or (some issues) under the title
        if is_attribution(lines[n]):
            attribution = parse_attribution(lines[n])
            del lines[n]
            break
    lines = plain_body(lines, markdown=markdown)
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
    published, precision = masthead.published_at, masthead.precision
    if attribution and (attribution.url_date or attribution.published_at):
        published = attribution.url_date or attribution.published_at
        precision = "day" if attribution.url_date else attribution.date_precision
    return ParsedArticle(
        title=title[:300],
        body="\n".join(paragraphs),
        section=item.section,
        kind=kind,
        title_derived=derived,
        attribution=attribution,
        outlet=outlet,
        url=attribution.url if attribution else "",
        published_at=published,
        date_precision=precision,
    )


def _document(masthead: Masthead) -> ParsedDocument:
    document = ParsedDocument(kind="newsletter", items=[])
    document.newsletter_name = masthead.publication
    document.source_name = masthead.association
    document.issue_label = masthead.issue_label
    document.published_at, document.date_precision = masthead.published_at, masthead.precision
    document.title = masthead.publication or masthead.association or "会刊"
    return document

"""News digests: daily and weekly roundups, one item per story, in Markdown or plain text.

What marks a story is what an editor reading the digest would go by:
- a heading under a section (`## 详细新闻` / `### 标题`), its deeper headings (`####`),
  numbered steps and code continuing it;
- in a section without sub-headings, a line that is a link (`1、[标题](url)`,
  `- **[标题](url)**（来源：X）`), or a numbered **bold** title line;
- a section of prose with neither is one item titled by its heading.
A source line (`[查看原文](…)`, 来源：, 链接：, 原文链接：, 转载自, 摘自) gives the story its outlet
and URL and closes it: what follows it before the next story is a trailer, not text.
Contents lists (新闻摘要, 本期概要, a highlights list) are matched against the stories and
dropped; statistics lists, navigation links to other pages, "about us" and subscription
sections are not stories. The digest's title line or YAML front matter gives its name,
issue label and date; each story keeps its own date when it states one, else the digest's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from chinese_text.dates import CHINA, DAY, MINUTE, find_dates, parse_published
from chinese_text.normalise import key
from chinese_text.sentences import ends_statement

from .attribution import URL
from .errors import IngestError
from .frontmatter import has_front_matter, parse_front_matter
from .headings import parse_heading
from .markdown import (
    LINK,
    has_markdown,
    heading,
    inline_text,
    is_break,
    is_fence,
    is_image_only,
    links,
    plain_line,
    plain_lines,
    unbullet,
)
from .outlets import outlet_for_url
from .types import ParsedArticle, ParsedDocument

# Sections that are about the digest, not stories in it.
_BACK_MATTER = re.compile(
    r"^(?:关于我们|关于本刊|关于本期|往期推荐|往期回顾|往期精选|订阅|订阅方式|如何订阅|联系我们|免责声明|版权声明|附录|写在最后)"
)
# A references heading inside a story continues it.
_REFERENCES = re.compile(r"^(?:参考|参考资料|参考文献|参考链接|延伸阅读|相关链接|相关阅读)\s*[:：]?$")
_CONTENTS = re.compile(r"^(?:目\s*录|本期概要|本期目录|本期导读|本期内容|内容概要|今日导读)$")
_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})+(?=\s)|\d{1,3}(?:\.\d{1,3})*\s*[、.．)）]|[（(]\d{1,3}[)）])\s*")
_LIST_LINE = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.、．)）]|[（(]\d{1,3}[)）]|>)")
_BOLD_TITLE = re.compile(r"^\s*(?P<number>\d{1,3}\s*[.、．]\s*)?\*\*(?P<title>[^*]{2,200})\*\*\s*$")
_TAIL = re.compile(r"^(?:[-—–]{1,2}\s*\S.*|[（(].*[)）]|[:：])$")
_TAIL_SOURCE = re.compile(r"(?:来自|来源|转载自|摘自|via)\s*[:：]?\s*(?P<outlet>[^）)]+)", re.I)
_SOURCE_LINK = re.compile(r"^\[(?:查看原文|阅读原文|原文链接|原文|来源|查看详情|详情)\]\((?P<url>[^)\s]+)\)$")
_SOURCE_LABEL = re.compile(
    r"^(?P<label>来源|出处|原文链接|原文地址|原文|链接|地址|转载自|转自|摘自|本文转载自|相关来源)\s*[:：]\s*(?P<value>.+)$"
)
_SOURCE_BARE = re.compile(r"^(?P<label>转载自|摘自|本文转载自)\s*(?P<value>\S.{1,60})$")
_OPENING_SOURCE = ("地址",)  # printed before the story's text: it does not close the story
_OWN_DATE = re.compile(r"^(?:北京时间|发布时间|发布日期|日期|时间|发布于|发表于)\s*[:：]\s*(?P<value>.+)$")
_HEAD_DATE = re.compile(r"(?:日期|生成时间|发布时间|时间|date)\s*[:：]\s*(?P<value>[^|｜]+)", re.I)
_ISSUE_LABEL = re.compile(
    r"(?:总\s*)?第\s*[\d一二三四五六七八九十百零〇]+\s*期"
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\s*[-–~至]\s*\d{1,2}\.\d{1,2}(?![\d.])"
)
_DIGEST_WORDS = re.compile(
    r"日报|周报|周刊|双周报|月报|月刊|简报|早报|晚报|快讯|速递|速览|要闻|新闻联播|新闻摘要|每日|每周|动态|"
    r"digest|weekly|newsletter|第\s*\S{1,6}\s*期",
    re.I,
)
_PUBLISHER = re.compile(
    r"^(?P<name>[^，。,]{2,30}?)\s*的\s*\S{0,6}?(?:双周报|周报|日报|月报|周刊|月刊|简报|通讯|newsletter)"
)
_CODE = "\x01"  # marks a line inside a code fence: text, never structure


@dataclass
class _Block:
    """A heading with its own lines and its sub-headings."""

    level: int
    title: str
    lines: list[str] = field(default_factory=list)
    children: list[_Block] = field(default_factory=list)

    def all_lines(self) -> list[str]:
        out = list(self.lines)
        for child in self.children:
            out.append("#" * child.level + " " + child.title)
            out += child.all_lines()
        return out


@dataclass
class _Item:
    title: str
    section: str
    lines: list[str]
    url: str = ""
    outlet: str = ""
    dated_by_title: bool = False  # a heading's title may carry the story's day: `（5月19日）`
    whole_section: bool = False  # a section of prose read as one item


@dataclass
class _Outline:
    fields: dict[str, str]
    title: str
    head: list[str]
    items: list[_Item]
    markdown: bool


# --- fit ---------------------------------------------------------------------------------

def _is_chapter(line: str) -> bool:
    """A book's or a law's 第X章 / 第X节 / 第X编 heading (read by the one heading recogniser)."""
    found = parse_heading(line)
    return bool(found and found.style == "ordinal" and found.unit in ("章", "节", "编"))


def fit(text: str, pages: list[str] | None = None) -> float:
    """How much the text looks like a digest: many stories, most with a source, a digest's name.

    Law texts and books (第X章 headings) are reports whatever else they show; a single
    article with a few sub-headings has no sources and no digest name, so it stays low.
    """
    outline = _outline(text)
    lines = [plain_line(line) for line in text.split("\n") if heading(line)]
    if sum(1 for line in lines if _is_chapter(line)) >= 2:
        return 0.1
    items = outline.items
    if len(items) < 3:
        return 0.0
    sourced = sum(1 for item in items if item.url or item.outlet or _has_source(item.lines)) / len(items)
    named = bool(_DIGEST_WORDS.search(outline.title + " " + outline.fields.get("title", "")))
    if not outline.markdown:
        # Plain text: the newsletter structure reads parenthesised source lines; a digest
        # here needs labelled source lines on most of its stories and a digest's name.
        return 0.75 if sourced >= 0.6 and named else 0.0
    if sourced >= 0.5:
        return 0.95
    if named:
        return 0.9
    return 0.0


# --- parse -------------------------------------------------------------------------------

def parse_digest(text: str, pages: list[str] | None = None) -> ParsedDocument:
    outline = _outline(text)
    if not outline.items:
        raise IngestError("没能从摘要中分出任何条目：既没有小标题，也没有带链接或出处的条目。")
    document = _masthead(outline)
    for position, item in enumerate(outline.items, start=1):
        document.items.append(_finish(item, position, document))
    return document


def _outline(text: str) -> _Outline:
    fields: dict[str, str] = {}
    if has_front_matter(text):
        fields, text = parse_front_matter(text)
    lines = _mark_code(text.split("\n"))
    if has_markdown(text):
        title, root, sections = _blocks(lines)
        first = next((line for line in root.lines if line.strip()), "")
        if not title and first and not _LIST_LINE.match(first) and not LINK.search(first) and len(first) <= 60:
            title = plain_line(first)  # a bare title line above the stories
        # No section headings at all: the stories can only be link or bold-title lines.
        items = _drop_contents(_items(sections) if sections else _list_items(root.lines, "")[0])
        return _Outline(fields, title, root.lines, items, True)
    title, head, items = _plain_items(lines)
    return _Outline(fields, title, head, _drop_contents(items), False)


def _mark_code(lines: list[str]) -> list[str]:
    out, inside = [], False
    for line in lines:
        if is_fence(line):
            inside = not inside
            continue
        out.append(_CODE + line if inside else line)
    return out


def _blocks(lines: list[str]) -> tuple[str, _Block, list[_Block]]:
    """The title heading, the lines before the first section, and the section tree."""
    levels = [found[0] for line in lines if not line.startswith(_CODE) and (found := heading(line))]
    title = ""
    title_level = 0
    first = next((line for line in lines if line.strip()), "")
    found = heading(first)
    if found and levels.count(found[0]) == 1 and found[0] == min(levels):
        title, title_level = plain_line(first), found[0]
    top = min((lv for lv in levels if lv > title_level), default=7)
    root = _Block(0, title)
    stack: list[_Block] = [root]
    seen_title = False
    for line in lines:
        found = None if line.startswith(_CODE) else heading(line)
        if found and found[0] == title_level and not seen_title:
            seen_title = True
            continue
        if found and (found[0] >= top) and (found[0] == top or len(stack) > 1):
            block = _Block(found[0], found[1])
            while len(stack) > 1 and stack[-1].level >= block.level:
                stack.pop()
            stack[-1].children.append(block)
            stack.append(block)
            continue
        stack[-1].lines.append(line)
    return title, root, root.children


def _items(sections: list[_Block]) -> list[_Item]:
    items: list[_Item] = []
    for section in sections:
        name, url = _heading_title(section.title)
        if _BACK_MATTER.match(name) or _CONTENTS.match(name):
            continue
        own, listed = _list_items(section.lines, name)
        children = _merge_references(section.children)
        items += own
        if children:
            for child in children:
                title, child_url = _heading_title(child.title)
                if _BACK_MATTER.match(title) or _CONTENTS.match(title):
                    continue
                inner, inner_listed = _list_items(child.lines, name) if _starts_with_list(child.lines) else ([], False)
                if inner_listed:
                    items += inner
                else:
                    items.append(_titled(title, name, child.all_lines(), child_url))
        elif not listed and _has_prose(section.lines):
            item = _titled(name, name, section.lines, url)
            item.whole_section = True
            items.append(item)
    return items


def _titled(raw_title: str, section: str, lines: list[str], url: str = "") -> _Item:
    title, outlet = _split_tail(raw_title)
    return _Item(title, section, lines, url=url, outlet=outlet, dated_by_title=True)


def _merge_references(children: list[_Block]) -> list[_Block]:
    """A `### 参考` after a story is the story's reading list: it continues the story."""
    merged: list[_Block] = []
    for child in children:
        if merged and _REFERENCES.match(plain_line(child.title)):
            merged[-1].lines += ["#" * child.level + " " + child.title, *child.all_lines()]
        else:
            merged.append(child)
    return merged


def _heading_title(text: str) -> tuple[str, str]:
    """A heading's title and URL: a heading that is a link (after a short label) is titled by it."""
    bare = _NUMBER.sub("", text.strip(), count=1)
    found = links(bare)
    if len(found) == 1:
        m = LINK.search(bare)
        before = inline_text(bare[: m.start()]).strip()
        after = inline_text(bare[m.end():]).strip()
        if len(before) <= 12 and (not before or before[-1] in "｜|:：-—") and not after:
            return found[0][0], found[0][1]
    return _strip_number(plain_line(text)), ""


def _strip_number(title: str) -> str:
    return _NUMBER.sub("", title, count=1).strip() or title


def _link_item(line: str) -> tuple[str, str, str] | None:
    """(title, url, tail) of a line that is one link, numbered or bulleted, with an attribution tail."""
    if line.startswith(_CODE) or _SOURCE_LINK.match(unbullet(line).strip()):
        return None
    rest = _NUMBER.sub("", unbullet(line).strip(), count=1).strip()
    bold = rest.startswith("**")
    rest = rest[2:] if bold else rest
    m = LINK.match(rest)
    if not m or m["image"]:
        return None
    after = rest[m.end():]
    after = after[2:] if bold and after.startswith("**") else after
    after = after.strip()
    title = inline_text(m["text"])
    if not title or title.startswith("@") or (after and not _TAIL.match(after)):
        return None
    return title, m["url"].strip("<>").strip(), after


def _starts_with_list(lines: list[str]) -> bool:
    first = next((line for line in lines if line.strip() and not is_image_only(line)), "")
    return _link_item(first) is not None


def _list_items(lines: list[str], section: str) -> tuple[list[_Item], bool]:
    """Stories listed as link lines (or numbered bold titles); True when the lines are such a list.

    Bold lines in a list of links are group labels. A list whose links mostly lead to
    other pages of the same site (relative links) is navigation: no stories.
    """
    found = [(i, hit) for i, line in enumerate(lines) if (hit := _link_item(line))]
    if found:
        navigation = sum(1 for _, (_, url, _) in found if not url.startswith(("http://", "https://")))
        if navigation * 2 >= len(found):
            return [], True
        starts = [i for i, _ in found] + [len(lines)]
        items = []
        for (i, (title, url, tail)), end in zip(found, starts[1:], strict=True):
            body = [line for line in lines[i + 1:end] if not _BOLD_TITLE.match(line)]
            item = _Item(title, section, body, url=url, outlet=_tail_outlet(tail))
            items.append(item)
        return items, True
    bold = [(i, m["title"]) for i, line in enumerate(lines) if (m := _BOLD_TITLE.match(line)) and m["number"]]
    if len(bold) >= 2 or (bold and _has_source(lines)):
        starts = [i for i, _ in bold] + [len(lines)]
        pairs = zip(bold, starts[1:], strict=True)
        return [_titled(title, section, lines[i + 1:end]) for (i, title), end in pairs], True
    return [], False


def _tail_outlet(tail: str) -> str:
    m = _TAIL_SOURCE.search(tail)
    if not m:
        return ""
    outlet = inline_text(m["outlet"]).strip(" ：:")
    return re.sub(r"^(?:公众号|微信公众号)\s*[:：]\s*", "", outlet)


def _split_tail(title: str) -> tuple[str, str]:
    """A title without its `-- 来自X` tail, and the outlet it names."""
    title = title.strip()
    outlet = ""
    m = re.search(r"\s+[-—–]{1,2}\s*(?:来自|来源|转载自|摘自).*$", title)
    if m:
        outlet = _tail_outlet(m[0])
        title = title[: m.start()].strip()
    return title, outlet


def _has_prose(lines: list[str]) -> bool:
    """Whether a section holds text of its own: a paragraph, not only lists, tables and pictures."""
    for line in lines:
        if line.startswith(_CODE) or not line.strip() or is_image_only(line) or is_break(line):
            continue
        if _LIST_LINE.match(line) or line.lstrip().startswith("|"):
            continue
        text = "".join(plain_lines(line))
        if len(text) >= 20 and not (text[0] in "（(" and text[-1] in "）)"):
            return True
    return False


def _has_source(lines: list[str]) -> bool:
    return any(_source(line) for line in lines)


def _source(line: str) -> tuple[str, str, str] | None:
    """(label, outlet, url) of a source line; None for any other line."""
    if line.startswith(_CODE) or len(line) > 400:
        return None
    raw = unbullet(line).strip()
    m = _SOURCE_LINK.match(raw)
    if m:
        return "原文链接", outlet_for_url(m["url"]), m["url"]
    text = plain_line(line)
    m = _SOURCE_LABEL.match(text) or _SOURCE_BARE.match(text)
    if not m:
        return None
    value = m["value"].strip()
    url_match = URL.search(value) or next((URL.search(u) for _, u in links(raw) if URL.search(u)), None)
    url = url_match[0].rstrip("。，,.") if url_match else ""
    outlet = re.split(r"\s*[|｜]\s*", URL.sub("", value).strip(" ：:，,"))[0].strip()
    if m["label"] in ("链接", "原文链接", "原文地址", "地址", "相关来源") and not url:
        return None
    return m["label"], outlet if m["label"] not in ("链接", "原文链接", "原文地址", "地址", "相关来源") else "", url


def _drop_contents(items: list[_Item]) -> list[_Item]:
    """Drop contents lists and highlight lists: their entries are the stories that follow."""
    titles = [key(item.title) for item in items]
    kept = []
    for i, item in enumerate(items):
        later_urls = {other.url for other in items[i + 1:] if other.url}
        if item.url and item.url in later_urls:
            continue  # a highlight that links the story told in full below
        if item.whole_section and _is_contents(item, [t for j, t in enumerate(titles) if j != i]):
            continue
        kept.append(item)
    return kept


def _is_contents(item: _Item, titles: list[str]) -> bool:
    entries, prose = [], []
    for line in item.lines:
        text = "".join(plain_lines(line))
        if not text:
            continue
        if _LIST_LINE.match(line) or _names_a_story(text, titles) or text.endswith(("；", ";")):
            entries.append(text)
        else:
            prose.append(text)
    matched = sum(1 for entry in entries if _names_a_story(entry, titles))
    return matched >= 2 and matched * 2 >= len(entries) and not any(len(p) >= 40 for p in prose)


def _names_a_story(entry: str, titles: list[str]) -> bool:
    k = key(_NUMBER.sub("", entry))
    return len(k) >= 4 and any(k in t or t in k for t in titles if len(t) >= 4)


# --- plain text --------------------------------------------------------------------------

def _plain_items(lines: list[str]) -> tuple[str, list[str], list[_Item]]:
    """The same shapes without marks: a story runs to its closing source line.

    A source line closes the story once it has text, or when it follows a bare title and
    the next line is another short title (a story told by its title and link alone). The
    story's title is the short line that a contents entry names, else its numbered short
    line (the short line before that names the section), else its first short line, or
    for the first story, the last one before its text (what precedes is the masthead).
    """
    nonempty = [line.strip().lstrip(_CODE).strip() for line in lines]
    nonempty = [line for line in nonempty if line]
    title = nonempty[0] if nonempty and _short(nonempty[0]) else ""
    rest = nonempty[1:] if title else nonempty
    entries, rest = _plain_contents(rest)
    segments: list[list[str]] = [[]]
    texts = 0  # non-source lines in the current story
    has_body = False
    for i, line in enumerate(rest):
        found = _source(line)
        if found and not segments[-1] and len(segments) > 1:
            segments[-2].append(line)  # a second source line right after the closing one
            continue
        following = next((nxt for nxt in rest[i + 1:] if not _source(nxt)), "")
        closes = found and found[0] not in _OPENING_SOURCE and (
            has_body or (texts and _short(following))
        )
        segments[-1].append(line)
        if closes:
            segments.append([])
            texts, has_body = 0, False
        elif not found:
            texts += 1
            has_body = has_body or not _short(line)
    head: list[str] = []
    items: list[_Item] = []
    section = ""
    for segment in segments:
        if not any(_source(line) for line in segment):
            if not items:
                head += segment
            continue
        runs = _short_runs(segment)
        if not runs:
            continue
        picked = None
        # Only the first story has a masthead before its title; any later story starts
        # with its title, and short lines further on are its own sub-headings.
        for run in runs if not items else runs[:1]:
            named = [i for i in run if _names_a_story(segment[i], entries)]
            numbered = [i for i in run if _NUMBER.match(segment[i])]
            if named or numbered:
                picked = (run, named[0] if named else numbered[-1])
                break
        if picked is None:  # the first story: what precedes its title run is the masthead
            run = runs[0]
            picked = (run, run[-1] if not items else run[0])
        run, at = picked
        before = [i for i in run if i < at]
        if before:
            section = segment[before[-1]]
        items.append(_Item(_strip_number(segment[at]), section, segment[at + 1:]))
    return title, head, items


def _short_runs(segment: list[str]) -> list[list[int]]:
    """Runs of short lines (titles, section names) before the story's first source line,
    each followed by text or by the source line; lead-ins are left out."""
    end = next((i for i, line in enumerate(segment) if _source(line)), len(segment))
    runs: list[list[int]] = []
    current: list[int] = []
    for i in range(end + 1):
        if i < end and _short(segment[i]):
            if not _lead_in(segment[i]):
                current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    return runs


def _plain_contents(lines: list[str]) -> tuple[list[str], list[str]]:
    """Contents entries near the top (numbered short lines repeated later as titles), and the rest."""
    first_source = next((i for i, line in enumerate(lines) if _source(line)), len(lines))
    entries: list[str] = []
    for i, line in enumerate(lines[:first_source]):
        if _LIST_LINE.match(line) or line.endswith(("；", ";")):
            k = key(_NUMBER.sub("", line))
            if len(k) >= 4 and any(key(later) and (k in key(later) or key(later) in k)
                                   for later in lines[i + 1:] if len(key(later)) >= 4 and not _LIST_LINE.match(later)):
                entries.append(key(_NUMBER.sub("", line)))
    if len(entries) < 2:
        return [], lines
    kept = [line for line in lines[:first_source]
            if not ((_LIST_LINE.match(line) or line.endswith(("；", ";"))) and key(_NUMBER.sub("", line)) in entries)]
    return entries, kept + lines[first_source:]


def _lead_in(line: str) -> bool:
    """`本期节目主要内容：`, `（《新闻联播》 19:00）`: a line that introduces, not a title."""
    return line.endswith(("：", ":")) or (line[:1] in "（(" and line[-1:] in "）)")


def _short(line: str) -> bool:
    """A line that can be a title: short, or numbered and not much longer, and not ending a sentence."""
    limit = 160 if _NUMBER.match(line) else 100
    return len(line) <= limit and not ends_statement(line)


# --- masthead and items ------------------------------------------------------------------

def _masthead(outline: _Outline) -> ParsedDocument:
    fields = outline.fields
    title = fields.get("title") or outline.title or ""
    label = _ISSUE_LABEL.search(title)
    published_at, precision = _date_of(fields.get("date", "")) if fields.get("date") else _date_of(title)
    if published_at is None:
        for line in outline.head[:20] + [line for item in outline.items[:1] for line in item.lines[:3]]:
            m = _HEAD_DATE.search(plain_line(line))
            if m:
                published_at, precision = _date_of(m["value"])
                if published_at:
                    break
    name = _ISSUE_LABEL.sub(" ", title)
    name = _without_days(name)
    name = re.sub(r"[(（]\s*[)）]|[《》]", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" :：-—|｜,，()（）")
    publisher = fields.get("author", "")
    if not publisher and (m := _PUBLISHER.match(fields.get("description", ""))):
        publisher = m["name"]
    return ParsedDocument(
        kind="digest", items=[], title=title or name, newsletter_name=name, source_name=publisher,
        issue_label=label[0].strip() if label else "", published_at=published_at, date_precision=precision,
    )


def _date_of(value: str) -> tuple[datetime | None, str]:
    """The digest's day: a daily or weekly issue is dated to the day; a year or a month in
    its title (`2025年第1期`) belongs to its issue label."""
    when, precision = parse_published(value)
    return (when, precision) if when and precision in (DAY, MINUTE) else (None, DAY)


def _without_days(name: str) -> str:
    """The digest's name without the days its title line writes (`新闻联播 20250110`)."""
    for found in reversed(find_dates(name)):
        if found.explicit_year and found.precision == DAY:
            name = name[:found.start] + " " + name[found.end:]
    return name


def _finish(item: _Item, position: int, document: ParsedDocument) -> ParsedArticle:
    body, outlet, url, own = _body(item.lines)
    outlet = item.outlet or outlet
    url = item.url or url
    published_at, precision = own if own[0] else _title_date(item, document)
    if published_at is None:
        published_at, precision = document.published_at, document.date_precision
    return ParsedArticle(
        title=item.title, body="\n".join(body), published_at=published_at, date_precision=precision,
        url=url, outlet=outlet or (outlet_for_url(url) if url and not item.url else ""),
        section=item.section, position=position,
    )


def _title_date(item: _Item, document: ParsedDocument) -> tuple[datetime | None, str]:
    """A day a heading's title carries in brackets (`……（5月19日）`), in the digest's year:
    a day named elsewhere in a title is what the story is about, not when it was told."""
    if not item.dated_by_title or document.published_at is None:
        return None, DAY
    for found in find_dates(item.title, published=document.published_at.date()):
        if found.precision == DAY and item.title[:found.start].rstrip().endswith(("（", "(")):
            when = datetime(found.when.year, found.when.month, found.when.day, tzinfo=CHINA)
            return when, DAY
    return None, DAY


def _body(lines: list[str]) -> tuple[list[str], str, str, tuple[datetime | None, str]]:
    """The story's paragraphs, its source (outlet, URL) and the date it states, if any."""
    body: list[str] = []
    outlet = url = ""
    own: tuple[datetime | None, str] = (None, "day")
    closed = False
    for line in lines:
        if line.startswith(_CODE):
            if not closed and line[1:].strip():
                body.append(line[1:].rstrip())
            continue
        if not line.strip() or is_break(line) or is_image_only(line) or line.strip().startswith("<!--"):
            continue
        found = _source(line)
        if found:
            label, found_outlet, found_url = found
            outlet = outlet or found_outlet
            url = url or found_url
            closed = closed or (bool(body) and label not in _OPENING_SOURCE)
            continue
        if closed:
            continue
        for text in plain_lines(line):
            m = _OWN_DATE.match(text)
            if m and own[0] is None and len(body) < 3:
                own = parse_published(m["value"].split("｜")[0].split("|")[0])
            body.append(text)
    return body, outlet, url, own

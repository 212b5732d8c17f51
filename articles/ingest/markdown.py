"""Markdown and HTML marks out of a line: what no title or body may keep.

Pure text helpers for the digest structure (and `plain_body` for the newsletter and
report structures, whose texts are often crawled Markdown): a line's
heading level, its links, and its text with the inline marks (`**`, backticks, links,
images, escapes) and HTML tags removed. HTML fragments go through BeautifulSoup, as the
web page reader's do, so entities and nested tags come out as a browser would show them.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

# `[text](url "title")`; the text may hold escaped brackets (`\[CUDA\]`).
LINK = re.compile(
    r"(?P<image>!?)\[(?P<text>(?:\\.|[^\]\\])*)\]"  # ![alt] or [text]
    r"\(\s*(?P<url><[^>]*>|[^)\s]*)(?:\s+[\"'][^\"']*[\"'])?\s*\)"  # (url "title")
)
_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_BREAK = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_BULLET = re.compile(r"^\s*(?:>\s*)*(?:[-*+•]\s+)?")
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<!--.*?-->")
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|li|h[1-6]|tr|blockquote)\b[^>]*>", re.I)


def heading(line: str) -> tuple[int, str] | None:
    """`(level, text)` of an ATX heading line (`## 标题`), else None."""
    m = _HEADING.match(line)
    return (len(m["hashes"]), m["text"]) if m and m["text"] else None


def is_fence(line: str) -> bool:
    return bool(_FENCE.match(line))


def is_break(line: str) -> bool:
    """A thematic break (`---`, `***`): a separator, never text."""
    return bool(_BREAK.match(line))


def is_image_only(line: str) -> bool:
    """A line that only shows pictures (`![](…)` or `<img …>`)."""
    rest = LINK.sub(lambda m: "" if m["image"] else m[0], line)
    rest = re.sub(r"<img\b[^>]*>", "", rest, flags=re.I)
    return rest.strip(" -*>\t") == "" and rest != line


def links(text: str) -> list[tuple[str, str]]:
    """Each link's (text, URL) in order; images are not links."""
    return [(inline_text(m["text"]), m["url"].strip("<>")) for m in LINK.finditer(text) if not m["image"]]


def html_to_text(fragment: str) -> str:
    """An HTML fragment's visible text, a paragraph a line."""
    marked = _BLOCK_TAGS.sub("\n", fragment)
    return "\n".join(
        part.strip() for part in BeautifulSoup(marked, "html.parser").get_text().split("\n") if part.strip()
    )


def inline_text(text: str) -> str:
    """Text without inline Markdown: links become their text, images go, marks and escapes go."""
    if _TAG.search(text):
        text = html_to_text(text)
    text = LINK.sub(lambda m: "" if m["image"] else m["text"], text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = _ESCAPE.sub(lambda m: "\x00" + m[1], text)  # keep escaped marks through the next step
    text = _EMPHASIS.sub("", text).replace("\x00", "")
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def unbullet(line: str) -> str:
    """The line without its quote marks and list bullet (`> - 文字` → `文字`)."""
    return _BULLET.sub("", line, count=1)


def plain_line(line: str) -> str:
    """A whole line as plain text: heading hashes, quote marks and bullets go too."""
    found = heading(line)
    if found:
        line = found[1]
    return inline_text(_BULLET.sub("", line, count=1))


def plain_lines(line: str) -> list[str]:
    """A line as plain text lines: an HTML line of `<p>` paragraphs gives one line each."""
    if _TAG.search(line):
        return [plain_line(part) for part in html_to_text(line).split("\n") if plain_line(part)]
    text = plain_line(line)
    return [text] if text else []


def plain_body(lines: list[str], *, markdown: bool) -> list[str]:
    """An item's lines as the plain text a reader sees, for structures read from any text.

    Code fences are never text, and HTML tags and list bullets are marks in any text (a
    crawled page saved as text keeps `<p>`; `- (1)` is a list). Emphasis, headings'
    hashes and links are taken out only where the text is written in Markdown
    (`markdown`): in plain text a `*` may be meant (`注*`, `5*3`)."""
    out: list[str] = []
    for line in lines:
        if is_fence(line) or (markdown and (is_break(line) or is_image_only(line))):
            continue
        if markdown or _TAG.search(line):
            out.extend(plain_lines(line))
        elif unbullet(line).strip():
            out.append(unbullet(line).strip())
    return out


def has_markdown(text: str) -> bool:
    """Whether the text is written in Markdown: headings, links or bold marks."""
    lines = text.split("\n")
    headings = sum(1 for line in lines if heading(line))
    linked = sum(1 for line in lines if LINK.search(line))
    bold = sum(1 for line in lines if "**" in line)
    return headings >= 2 or linked >= 3 or bold >= 3

"""`---` front matter: a captured web article's (url, name, time, title), or a digest's.

A captured article is one article; a digest or newsletter written with front matter
(title, date, description) goes to the structure parsers, which drop the front matter.
"""
from __future__ import annotations

import re

from chinese_text.dates import parse_published

from .clean import drop_repeated_blocks, paragraphs
from .errors import IngestError
from .outlets import outlet_for_url
from .titles import derive_title
from .types import ParsedArticle, ParsedDocument

_FENCE = re.compile(r"\A\ufeff?---[ \t]*\n(?P<head>.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")


def has_front_matter(text: str) -> bool:
    return bool(_FENCE.match(text.lstrip("\n")))


# What a crawler's capture of one web page records; a digest's front matter has none of them.
CAPTURE_KEYS = ("url", "time", "name")


def is_captured_article(text: str) -> bool:
    """Front matter that records a captured page (its URL, capture time or site name)."""
    fields, _ = parse_front_matter(text)
    return any(fields.get(k) for k in CAPTURE_KEYS)


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split the `key: value` header from the body.

    Parsed line by line rather than as YAML: crawler captures put unquoted colons and
    brackets in titles, which a YAML parser rejects.
    """
    text = text.lstrip("\n")
    m = _FENCE.match(text)
    if not m:
        raise IngestError("文件没有以 --- 开头的头信息（front matter）。")
    fields: dict[str, str] = {}
    for line in m["head"].split("\n"):
        f = _FIELD.match(line.strip())
        if f:
            fields[f["key"].lower()] = f["value"].strip().strip("'\"")
    return fields, text[m.end():]


def parse_front_matter_article(text: str) -> ParsedDocument:
    fields, rest = parse_front_matter(text)
    blocks = drop_repeated_blocks(paragraphs(rest))
    title = fields.get("title", "").strip()
    if not blocks:
        raise IngestError("头信息之后没有正文。")
    published_at, precision = parse_published(fields.get("time") or fields.get("date", ""))
    url = fields.get("url", "")
    article = ParsedArticle(
        title=title or derive_title("\n".join(blocks)),
        title_derived=not title,
        body="\n".join(blocks),
        published_at=published_at,
        date_precision=precision,
        author=fields.get("name") or fields.get("author", ""),
        url=url,
        outlet=outlet_for_url(url),
    )
    return ParsedDocument(
        kind="article",
        items=[article],
        title=article.title,
        source_name=article.outlet,
        published_at=published_at,
        date_precision=precision,
    )

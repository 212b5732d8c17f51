"""A source's RSS or Atom feed as a list of entries.

feedparser reads every dialect and recovers from most breakage, but it is not an XML
security boundary: a DTD with entity declarations (billion laughs, external entities) is
refused here before feedparser sees the bytes, by defusedxml and by a plain look for
`<!ENTITY`, which also catches documents too broken for a parser to reach the DTD.

Broken feeds are common; feedparser flags them ("bozo") and still returns what it could
read. We keep those entries and raise only when nothing readable is left.

Dates keep the offset the feed wrote. A date without one is Chinese local time, and
"CST" is China Standard Time (+08:00), not the US Central time Python assumes.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as defused_fromstring

from chinese_text.dates import CHINA, parse_published

from .decode import codec_for_label
from .errors import IngestError
from .sanitize import sanitize_html

_ENTITY = re.compile(rb"<!\s*ENTITY", re.I)
_ENTITY_UTF16 = re.compile("<!ENTITY".encode("utf-16-le").replace(b"\0", b"\0?"), re.I)
_ENTRY_END = re.compile(rb"</(?:item|entry)\s*>", re.I)  # RSS and Atom; in UTF-16 feeds it is not found
_XML_DECLARATION = re.compile(rb"""^(\s*<\?xml[^>]*encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)(["'])""", re.I)


@dataclass
class FeedEntry:
    id: str  # the entry's guid/id, else its link, else a hash of title and date: stable across polls
    url: str
    title: str
    published_at: datetime | None
    summary_html: str = ""  # sanitised
    content_html: str = ""  # sanitised; empty when the feed gives only a summary
    author: str = ""
    date_precision: str = "minute"


def parse_feed(
    data: bytes, *, url: str = "", content_type_header: str | None = None, max_entries: int | None = None
) -> list[FeedEntry]:
    """Entries of an RSS or Atom document, the first `max_entries` of them when given.

    With `max_entries`, the document is cut after that many entries before feedparser
    reads it: feedparser reads everything it is given, and 100,000 entries took it most
    of a minute. The cut document lacks its closing tags, which feedparser tolerates.
    Raises IngestError for unsafe or unreadable feeds.
    """
    if not data.strip():
        raise IngestError(f"订阅源 {url} 返回了空内容。")
    if max_entries is not None:
        data = _first_entries(data, max_entries)  # what feedparser will see, checked below
    _refuse_entities(data, url)
    data = _gb_as_utf8(data)
    headers = {"content-location": url} if url else {}
    if content_type_header:
        headers["content-type"] = content_type_header
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    entries = [_entry(raw, url) for raw in parsed.entries[:max_entries]]  # sanitising is per entry
    entries = [entry for entry in entries if entry.url or entry.title]
    if not entries and parsed.bozo:
        raise IngestError(f"订阅源 {url} 不是可读的 RSS/Atom：{parsed.get('bozo_exception') or '格式错误'}。")
    if not entries and not parsed.get("version") and not parsed.feed:
        raise IngestError(f"{url} 的内容不是 RSS 或 Atom 订阅源。")
    return entries


def _refuse_entities(data: bytes, url: str) -> None:
    message = f"订阅源 {url} 含有 DTD 实体声明，出于安全原因拒绝解析（防止实体膨胀攻击）。"
    if _ENTITY.search(data) or _ENTITY_UTF16.search(data):
        raise IngestError(message)
    try:
        defused_fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise IngestError(message) from exc
    except Exception:  # noqa: BLE001 - malformed XML: feedparser decides what can be recovered
        pass


def _first_entries(data: bytes, count: int) -> bytes:
    """`data` up to the end of its `count`-th entry (all of it when it has fewer)."""
    for seen, end in enumerate(_ENTRY_END.finditer(data), start=1):
        if seen >= count:
            return data[: end.end()]
    return data


def _gb_as_utf8(data: bytes) -> bytes:
    """Feeds that declare gb2312 use GBK characters; hand feedparser UTF-8 instead."""
    m = _XML_DECLARATION.match(data)
    if not m or codec_for_label(m[2].decode("ascii")) != "gb18030":
        return data
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return data
    return _XML_DECLARATION.sub(rb"\1utf-8\3", text.encode("utf-8"), count=1)


def _entry(raw, feed_url: str) -> FeedEntry:
    link = raw.get("link", "") or ""
    title = (raw.get("title") or "").strip()
    published_at, precision = _entry_date(raw)
    contents = raw.get("content") or []
    content_html = "".join(part.get("value", "") for part in contents if "html" in part.get("type", "html"))
    summary = raw.get("summary", "") or ""
    if content_html and summary.strip() == content_html.strip():
        summary = ""
    ident = raw.get("id") or link
    if not ident:
        basis = f"{feed_url}\n{title}\n{published_at.isoformat() if published_at else ''}"
        ident = "sha1:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()
    return FeedEntry(
        id=ident,
        url=link,
        title=title,
        published_at=published_at,
        summary_html=sanitize_html(summary) if summary else "",
        content_html=sanitize_html(content_html) if content_html else "",
        author=(raw.get("author") or "").strip(),
        date_precision=precision,
    )


def _entry_date(raw) -> tuple[datetime | None, str]:
    for key in ("published", "updated", "created"):
        value = (raw.get(key) or "").strip()
        if value:
            when = _parse_date(value)
            if when is not None:
                return when
    for key in ("published_parsed", "updated_parsed"):
        parsed = raw.get(key)
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC), "minute"
    return None, "day"


def _parse_date(value: str) -> tuple[datetime, str] | None:
    rfc822 = re.sub(r"\s+(?:CST|北京时间)$", " +0800", value)
    try:
        when = parsedate_to_datetime(rfc822)
    except (TypeError, ValueError, IndexError):
        when = None
    if when is not None:
        if when.tzinfo is None:  # RFC 2822's "-0000" is UTC with no local zone; no zone at all is ours
            when = when.replace(tzinfo=UTC if value.endswith("-0000") else CHINA)
        return when, "minute"
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is not None:
        precision = "minute" if ("T" in value or ":" in value) else "day"
        return (when if when.tzinfo else when.replace(tzinfo=CHINA)), precision
    when, precision = parse_published(value)
    return (when, precision) if when else None

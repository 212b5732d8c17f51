"""Attribution lines: where a reprinted newsletter item says it came from.

`(来源: CNET 科技资讯网 摘自: 网易科技)`, `（大华网2013年1月17日http://…）`,
`（本文转载自亿邦动力网:http://…）`, `（转载自http://…）`. The outlet, the URL and the date
are read from the text; a date in the URL's path wins over the stated one (a newsletter
copies the URL, but often retypes the date), and both are kept.
"""
from __future__ import annotations

import re
from datetime import datetime

from .dates import CHINA, parse_published
from .outlets import outlet_for_url
from .types import Attribution

_OPEN, _CLOSE = "(（", ")）"
_LINE = re.compile(r"^[(（](?P<inner>[^()（）]{2,300})[)）]$")
_SOURCE_WORDS = re.compile(r"(?:来源|摘自|转载自|转自|本文转载自|原文|出处|以上内容部分摘自[^：:]*)\s*[:：]?\s*")
URL = re.compile(r"https?://[\w\-.~:/?#@!$&'*+,;=%]+", re.I)
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[-/]?(\d{2})[-/]?(\d{2})(?:/|\d|_|\.)")
_DATE = re.compile(r"(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*(?:[月\-/.]\s*\d{1,2}\s*日?)?")
_BYLINE = re.compile(r"^[【\[(（](?P<outlet>[^】\])）]{2,20}?)讯[】\])）]")


def is_attribution(line: str) -> bool:
    """A line that only says where the item came from."""
    m = _LINE.match(line.strip())
    if not m:
        return False
    inner = m["inner"]
    return bool(_SOURCE_WORDS.search(inner) or URL.search(inner)) and len(inner) < 200


def url_date(url: str) -> datetime | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), tzinfo=CHINA)
    except ValueError:
        return None


def parse_attribution(line: str) -> Attribution:
    raw = line.strip()
    inner = raw[1:-1] if raw[:1] in _OPEN and raw[-1:] in _CLOSE else raw
    url_match = URL.search(inner)
    url = url_match.group(0).rstrip("。，,.") if url_match else ""
    rest = URL.sub(" ", inner)
    stated, precision = (None, "day")
    date_match = _DATE.search(rest)
    if date_match:
        stated, precision = parse_published(date_match.group(0))
        rest = rest.replace(date_match.group(0), " ")
    # "来源: A 摘自: B": A is the original outlet.
    parts = [p.strip(" :：,，") for p in _SOURCE_WORDS.split(rest) if p.strip(" :：,，")]
    outlet = parts[0] if parts else ""
    if not outlet and url:
        outlet = outlet_for_url(url)
    outlet = re.sub(r"\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+", "", outlet)[:60]
    return Attribution(raw=raw, outlet=outlet, url=url, published_at=stated, date_precision=precision,
                       url_date=url_date(url) if url else None)


def byline_outlet(paragraph: str) -> str:
    """`【亿邦动力网讯】…` at the start of a paragraph names the outlet (it is not a section)."""
    m = _BYLINE.match(paragraph.strip())
    return m["outlet"] if m else ""

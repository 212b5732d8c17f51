"""Attribution lines: where a reprinted newsletter item says it came from.

`(来源: CNET 科技资讯网 摘自: 网易科技)`, `（大华网2013年1月17日http://…）`,
`（本文转载自亿邦动力网:http://…）`, `（转载自http://…）`, and unbracketed lines that start
with the word (`原文链接：http://…`, `文章来源：…`). The outlet, the URL and the date
are read from the text; a date in the URL's path wins over the stated one (a newsletter
copies the URL, but often retypes the date), and both are kept.

Extraction breaks these lines: a PDF wraps a long URL onto the next line, and a text
file runs the attribution on at the end of the article's last paragraph.
`separate_attributions` puts each back on a line of its own.
"""
from __future__ import annotations

import re

from chinese_text.dates import stated_date, url_date

from .outlets import outlet_for_url
from .titles import BYLINE
from .types import Attribution

_OPEN, _CLOSE = "(（", ")）"
_LINE = re.compile(r"^[(（](?P<inner>[^()（）]{2,300})[)）]$")
_SOURCE_WORDS = re.compile(
    r"(?:文章来源|本文来源|信息来源|新闻来源|原文链接|原文地址|阅读原文|来源|本文转载自|转载自|转自|摘自|原文|出处"
    r"|以上内容部分摘自[^：:]*)\s*[:：]?\s*"
)
# An unbracketed attribution starts with the word and a colon; 数据来源： under a table does not.
_BARE = re.compile(
    r"^(?:文章来源|本文来源|信息来源|新闻来源|原文链接|原文地址|来源|本文转载自|转载自|摘自|出处)\s*[:：]"
)
URL = re.compile(r"https?://[\w\-.~:/?#@!$&'*+,;=%]+", re.I)


def is_attribution(line: str) -> bool:
    """A line that only says where the item came from."""
    line = line.strip()
    if _BARE.match(line):
        return len(line) < 200
    m = _LINE.match(line)
    if not m:
        return False
    inner = m["inner"]
    return bool(_SOURCE_WORDS.search(inner) or URL.search(inner)) and len(inner) < 200


def parse_attribution(line: str) -> Attribution:
    raw = line.strip()
    inner = raw[1:-1] if raw[:1] in _OPEN and raw[-1:] in _CLOSE else raw
    url_match = URL.search(inner)
    url = url_match.group(0).rstrip("。，,.") if url_match else ""
    rest = URL.sub(" ", inner)
    stated, precision = (None, "day")
    found = stated_date(rest)
    if found:
        stated, precision = found.when, found.precision
        rest = rest[:found.start] + " " + rest[found.end:]
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
    m = BYLINE.match(paragraph.strip())
    return m["outlet"] if m else ""


_OPENING = re.compile(r"(?<!\])[(（](?=\s*(?:本文|文章|信息|新闻)?(?:来源|转载|转自|摘自|原文|出处|以上内容)|[^()（）]{0,40}https?://)")
_MAX_WRAPPED = 3  # lines a wrapped attribution may run over


def separate_attributions(lines: list[str]) -> list[str]:
    """Lines with every attribution on a line of its own, whole.

    `（来源：新浪科技 http://tech.sina.com.cn/…` wrapped at the page's width is joined with
    the lines that finish it; `…谢谢大家。（来源：新浪科技）` is cut after the sentence.
    Nothing is joined or cut unless the result is an attribution, so text is never lost.
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _last_opening(line)
        if opening is None:
            out.append(line)
            i += 1
            continue
        joined, used = line, 0
        while not _closes(joined[opening:]) and used < _MAX_WRAPPED and i + used + 1 < len(lines):
            used += 1
            joined += lines[i + used].strip()
        tail = joined[opening:].strip()
        if _closes(tail) and is_attribution(tail):
            head = joined[:opening].strip()
            out.extend([head, tail] if head else [tail])
            i += used + 1
        else:
            out.append(line)
            i += 1
    return out


def _last_opening(line: str) -> int | None:
    """Where the line's last unclosed-or-final bracket that may open an attribution starts."""
    for m in reversed(list(_OPENING.finditer(line))):
        rest = line[m.start():].rstrip()
        depth_ok = not re.search(r"[)）].", rest[1:].rstrip("。"))  # nothing after its close but the end
        if depth_ok:
            return m.start()
    return None


def _closes(text: str) -> bool:
    opened = text.count("(") + text.count("（")
    return text.rstrip().endswith((")", "）")) and opened <= text.count(")") + text.count("）")

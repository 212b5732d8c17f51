"""A fetched or saved web page as one article; a listing page as the article links it holds.

Steps, in order: decode the bytes ourselves (the HTTP header's charset, else the page's
own declaration, else our decoder, which knows GBK pages that declare nothing); find the
main text with trafilatura on the decoded string (it would otherwise guess the encoding
itself); read title, author, time and outlet from meta tags and from the info line
Chinese outlets print under the headline (`发布时间：… 来源：… 作者：…`); sanitise the
HTML last.

Old Chinese sites lay pages out with tables, and name their comment threads and share
bars; `layout` turns the one into divs and removes the other before extraction, with
blocks that are a whole disclaimer. After extraction `boilerplate` drops the lines a
reader leaves behind (breadcrumbs, notices, teasers, the lists after the article).
trafilatura's precision mode sometimes keeps a metadata table instead of a short
article; when what it keeps has no sentence, the page is extracted again without it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup

from chinese_text.dates import DAY, MINUTE, first_day, parse_published, stated_date

from .boilerplate import is_prose, trim_body
from .decode import codec_for_label
from .errors import IngestError
from .layout import drop_named_boilerplate, drop_notices, measure, unwrap_layout_tables
from .outlets import outlet_for_url
from .readers.html import decode_html
from .safe import safe_http_url
from .sanitize import sanitize_html
from .types import Attribution, ParsedArticle

_TEXT_BLOCKS = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "div"]
_LABEL = (
    r"(?:发布时间|发表时间|发布日期|时间|日期|信息来源|文章来源|来源|出处|作者|编辑|责任编辑|记者|浏览次数|点击数|阅读)"
)
_LABELLED_LINE = re.compile(rf"^\s*{_LABEL}\s*[：:].{{0,150}}$")
_INFO_LINE_MAX = 165  # a labelled or dated line longer than this is text
# A field's value runs to a space or a separator; one that ends at a colon is the next
# field's label (`文：时间：…`) or a URL's scheme, not a value.
_FIELD = r"\s*[：:]\s*([^\s　|｜/：:]{1,30}+)(?![：:])"
_SOURCE = re.compile(rf"(?:来源|出处){_FIELD}")
_AUTHOR = re.compile(rf"(?:作者|记者|文){_FIELD}")
_CLOSING_BYLINE = re.compile(r"[。！？”][（(](?:记者|通讯员|文)?\s*((?:[\u4e00-\u9fff]{2,4}[\s、]*){1,3})[)）]$")
_ORGANISATION = re.compile(r"(?:社|局|网|报|台|部|委|会|厅|办|处|院|所|司|中心|集团|公司)\s*$")
_SOURCE_URL = re.compile(r"(?:来源|转载自|摘自)[^\n]{0,40}?(https?://[\w\-.~:/?#@!$&'*+,;=%]+)")
_CREDIT = re.compile(
    r"^\s*[【\[]?(?:责任编辑|编辑|延伸阅读|相关阅读|推荐阅读|相关链接|相关新闻)[】\]]?\s*[：:].{0,60}$"
)
_TITLE_SUFFIX = re.compile(r"\s*[-_|｜—–]+\s*[^-_|｜—–]{1,30}$")


@dataclass
class ParsedPage(ParsedArticle):
    """A `ParsedArticle` plus what only a web page has."""

    html: str = ""  # the main content, sanitised; images stay as <img> links with their alt text
    site_name: str = ""  # the site that carried the page (og:site_name), not necessarily the outlet
    encoding: str = ""


def decode_page(data: bytes, content_type_header: str | None) -> tuple[str, str]:
    """The page's text and encoding: the HTTP header's charset, else the meta tag, else detection."""
    label = _header_charset(content_type_header)
    if label:
        try:
            return data.decode(label).replace("\r\n", "\n"), label
        except (UnicodeDecodeError, LookupError):
            pass  # the header lies: look at the page itself
    return decode_html(data)


def parse_webpage(data: bytes, *, url: str, content_type_header: str | None) -> ParsedPage:
    """One article from one fetched or saved page. Raises IngestError when the page has no main text.

    `url` is where the page was fetched from; a saved page has none, and the address the
    page states for itself (canonical link, og:url) takes its place.
    """
    text, encoding = decode_page(data, content_type_header)
    soup = BeautifulSoup(text, "lxml")
    url = url or stated_url(soup)
    meta = _meta(soup)
    sizes = measure(soup)  # names change below, text does not: one measure serves all three
    unwrap_layout_tables(soup, sizes)
    drop_named_boilerplate(soup, sizes)
    drop_notices(soup, sizes)
    page = str(soup)
    title = meta["title"] or _page_title(soup)
    content, info, body = _main_text(page, url, title, favor_precision=True)
    if not is_prose(body):  # precision can keep a metadata table and lose the article
        content, info, body = _main_text(page, url, title, favor_precision=False)
    if not body:
        raise _no_main_text(url)
    images = _images(content, url)
    info_text = " ".join(info) + " " + _page_info(soup, title)
    published_at, precision = _published(meta["time"], info_text)
    site = meta["site_name"] or _title_site(soup) or outlet_for_url(url)
    source = _first(_SOURCE, info_text)
    attribution = Attribution(raw=f"来源：{source}", outlet=source) if source and source != site else None
    if attribution:
        m = _SOURCE_URL.search("\n".join(body[-3:]))
        attribution.url = m.group(1) if m else ""
    for node in content.find_all(["h1"]):
        if node.get_text(strip=True) == title:
            node.decompose()
    return ParsedPage(
        title=title,
        body="\n".join(body),
        published_at=published_at,
        date_precision=precision,
        author=_author(meta["author"], site) or _first(_AUTHOR, info_text) or _closing_byline(body[-1]),
        url=url,
        outlet=site,
        attribution=attribution,
        html=sanitize_html(content.body.decode_contents() if content.body else ""),
        images=images,
        site_name=meta["site_name"],
        encoding=encoding,
    )


def _main_text(page: str, url: str, title: str, *, favor_precision: bool):
    """trafilatura's main text as HTML, the info lines at its top, and the article's paragraphs."""
    import trafilatura  # imported where used: only parsing processes need it

    extracted = trafilatura.extract(
        page, url=url, output_format="html", include_images=True, include_tables=True,
        include_comments=False, include_links=False, favor_precision=favor_precision,
        deduplicate=False,  # True keeps a process-wide cache: a worker would drop text it saw before
    )
    content = BeautifulSoup(extracted or "", "lxml")
    paragraphs = [p for p in _paragraphs(content) if p]
    info = [p for p in paragraphs[:4] if _is_info_line(p)]
    body = trim_body([p for p in paragraphs if p not in info and p != title and not _CREDIT.match(p)])
    return content, info, body


def _no_main_text(url: str) -> IngestError:
    return IngestError(f"网页 {url} 中找不到正文。" if url else "网页中找不到正文。")


def listing_links(
    data: bytes, *, url: str, selector: str, content_type_header: str | None = None, same_host: bool = False
) -> list[str]:
    """Absolute http(s) URLs of the links `selector` picks on a listing page, first-seen order, no repeats.

    The selector may pick the <a> elements or their containers (`ul.news-list li`).
    """
    text, _ = decode_page(data, content_type_header)
    soup = BeautifulSoup(text, "lxml")
    base = soup.find("base", href=True)
    base_url = urljoin(url, base["href"]) if base else url
    links: list[str] = []
    for node in soup.select(selector):
        anchors = [node] if node.name == "a" else node.find_all("a")
        for anchor in anchors:
            href = (anchor.get("href") or "").strip()
            absolute = urldefrag(urljoin(base_url, href)).url if href else ""
            if urlsplit(absolute).scheme not in ("http", "https"):
                continue
            if same_host and urlsplit(absolute).hostname != urlsplit(url).hostname:
                continue
            links.append(absolute)
    return list(dict.fromkeys(links))


def stated_url(soup: BeautifulSoup) -> str:
    """The page's own address: `<link rel="canonical">`, else og:url; absolute http(s) only."""
    link = soup.find("link", rel="canonical", href=True)
    og = soup.find("meta", attrs={"property": "og:url"}) or soup.find("meta", attrs={"name": "og:url"})
    for candidate in (link["href"] if link else "", og.get("content", "") if og else ""):
        if safe_http_url(candidate):
            return safe_http_url(candidate)
    return ""


def _header_charset(content_type: str | None) -> str:
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    if not m:
        return ""
    return codec_for_label(m.group(1))


def _meta(soup: BeautifulSoup) -> dict[str, str]:
    def content(*keys: str) -> str:
        for key in keys:
            tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return ""

    return {
        "title": content("og:title", "twitter:title", "ArticleTitle"),
        "site_name": content("og:site_name", "application-name"),
        "author": content("author", "article:author", "dc.creator"),
        "time": content("article:published_time", "og:release_date", "pubdate", "publishdate", "PubDate",
                        "dc.date", "publish_time"),
    }


def _author(value: str, site: str) -> str:
    """A meta author, unless it is the site's own name or an account number (`104363`)."""
    return "" if not re.search(r"[^\W\d_]", value) or value == site else value


def _closing_byline(paragraph: str) -> str:
    """The reporter a Chinese paper names at the end of the text: `…举行。（张巨峰）`, `（记者 王芳 李强）`.

    A body that closes with a source instead (`（德清县发改局）`, `（新华社）`) names no author.
    """
    m = _CLOSING_BYLINE.search(paragraph)
    if not m or _ORGANISATION.search(m.group(1)):
        return ""
    return m.group(1).strip()


def _page_title(soup: BeautifulSoup) -> str:
    """The first h1 (or h2), else <title> without its `_栏目_站名` suffixes."""
    for name in ("h1", "h2"):
        for heading in soup.find_all(name, limit=3):
            text = heading.get_text(strip=True)
            link = heading.find("a")
            if text and not (link and link.get_text(strip=True) == text):  # a linked heading is a logo or a menu
                return text
    title = soup.title.get_text(strip=True) if soup.title else ""
    while _TITLE_SUFFIX.search(title) and len(_TITLE_SUFFIX.sub("", title)) >= 8:
        title = _TITLE_SUFFIX.sub("", title)
    return title


def _title_site(soup: BeautifulSoup) -> str:
    """The site's name from `标题_栏目_站名`, when the <title> has such a suffix."""
    title = soup.title.get_text(strip=True) if soup.title else ""
    parts = [p.strip() for p in re.split(r"\s*[-_|｜—–]+\s*", title) if p.strip()]
    return parts[-1] if len(parts) >= 2 and 2 <= len(parts[-1]) <= 20 else ""


def _page_info(soup: BeautifulSoup, title: str) -> str:
    """The info line under the headline: labelled lines anywhere, else the lines just after
    the title, else the first line that is a date and time on its own (`2004-12-10 11:55:08`)."""
    lines = [s.strip() for s in soup.get_text("\n").split("\n") if s.strip()]
    # A label alone on its line (`来源：` in one element, `山西日报` in the next) takes the next line as its value.
    labelled = [
        f"{line} {lines[i + 1]}" if line[-1] in "：:" and i + 1 < len(lines) else line
        for i, line in enumerate(lines) if re.search(_LABEL, line) and _is_info_line(line)
    ]
    after_title = lines[lines.index(title) + 1:lines.index(title) + 4] if title in lines else []
    stamped = [line for line in lines if _starts_with_a_time(line)][:1]
    return " ".join(labelled + after_title + stamped)[:600]


def _published(meta_time: str, info: str):
    """The meta tag's time, unless the page prints the same day to the minute."""
    when, precision = parse_published(meta_time)
    day = first_day(info)
    printed, printed_precision = parse_published(info[day.start:]) if day else (None, DAY)
    if printed and (when is None or (printed.date() == when.date() and precision == "day")):
        return printed, printed_precision
    return when, precision


def _starts_with_a_time(line: str) -> bool:
    """`2004-12-10 11:55:08 …`: a line that opens with a day and its time (a page's stamp)."""
    found = stated_date(line)
    return found is not None and found.start == 0 and found.precision == MINUTE


def _is_info_line(line: str) -> bool:
    """`来源：… 作者：…` or `2013-12-19 17:44 …`: a short line that starts with a label or a day."""
    if len(line) > _INFO_LINE_MAX:
        return False
    if _LABELLED_LINE.match(line):
        return True
    day = first_day(line)
    return day is not None and not line[:day.start].strip()


def _first(pattern: re.Pattern, text: str) -> str:
    m = pattern.search(text)
    return m.group(1).strip() if m else ""


def _images(content: BeautifulSoup, url: str) -> list[tuple[str, str]]:
    """Each picture once, as an absolute http(s) link with its alt text.

    Inline `data:` pictures and scripts posing as images are dropped, not stored.
    """
    images = {}
    for img in content.find_all("img"):
        src = urldefrag(urljoin(url, (img.get("src") or "").strip())).url
        if urlsplit(src).scheme not in ("http", "https"):
            img.decompose()
            continue
        img["src"] = src
        images.setdefault(src, re.sub(r"\s+", " ", img.get("alt", "")).strip()[:200])
    return list(images.items())


def _paragraphs(content: BeautifulSoup) -> list[str]:
    blocks = content.find_all(_TEXT_BLOCKS)
    leaves = [b for b in blocks if not b.find(_TEXT_BLOCKS)]
    paragraphs = []
    for leaf in leaves:
        for br in leaf.find_all("br"):
            br.replace_with("\u2029")  # CMSs that write paragraphs as <br><br> inside one block
        for line in leaf.get_text().split("\u2029"):
            paragraphs.append(re.sub(r"[ \t\r\n\f\v]+", " ", line).strip())
    return paragraphs

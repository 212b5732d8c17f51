"""Read a document and choose its structure parser, all from its content.

An HTML file is a saved web page unless its whole text is a document: a newsletter,
digest or report saved as HTML fits one of the structures *and* is mostly main text
(little navigation around it). A saved page goes through the fetcher's own path
(`parse_webpage`: our decoding, trafilatura's main text, title, date and author), so an
uploaded, imported or `manage.py parse`d page reads exactly as the same page fetched.
"""
from __future__ import annotations

import re

from chinese_text.dates import parse_published

from .clean import drop_repeated_blocks, rejoin, tidy_spacing
from .clean import paragraphs as clean_paragraphs
from .decode import normalise_newlines
from .errors import IngestError
from .frontmatter import has_front_matter, is_captured_article, parse_front_matter_article
from .limits import (
    MAX_ARTICLE_CHARS,
    MAX_BYTES,
    MEMORY_LIMIT_MB,
    TIME_LIMIT,
    cap_article_length,
    check_size,
    run_with_time_limit,
)
from .readers import read_document
from .safe import safe_http_url
from .structure import best_fit, fits, parser_for
from .titles import split_title
from .types import ParsedArticle, ParsedDocument
from .webpage import ParsedPage, parse_webpage

# An HTML document that fits a structure is read as that structure when at least this
# share of its text is main text. On the 54 development pages a structure fitted the
# whole text of two news pages, whose main text was 8% and 40% of it; an HTML newsletter
# or report is all main text (the seeds as HTML: 100%).
MOSTLY_MAIN_TEXT = 0.6


def parse_document(
    data: bytes,
    filename: str = "",
    *,
    as_kind: str | None = None,
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = TIME_LIMIT,
    memory_mb: int | None = MEMORY_LIMIT_MB,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    url: str = "",
    content_type: str = "",
    hints: dict | None = None,
) -> ParsedDocument:
    """Parse one document's bytes; raise `IngestError` with a message for the editor.

    Everything from the bytes to the structure (reading, decoding, a web page's main
    text, cleaning, splitting) runs in one child process under `time_limit` seconds and
    `memory_mb` MB (`time_limit=None`: in-process, no limits). A fetched web page
    (`as_kind="webpage"`) goes to the page extractor with its URL and HTTP Content-Type;
    `hints` from the feed entry fill what the page itself lacks. No article comes out
    longer than `max_article_chars`.
    """
    check_size(data, max_bytes)
    options = {"as_kind": as_kind, "url": url, "content_type": content_type, "hints": hints or {},
               "max_bytes": max_bytes, "max_article_chars": max_article_chars}
    if time_limit is None:
        return _parse(data, filename, **options)
    return run_with_time_limit(_parse, data, filename, seconds=time_limit, memory_mb=memory_mb, **options)


def _parse(
    data: bytes, filename: str, *, as_kind: str | None, url: str, content_type: str, hints: dict,
    max_bytes: int, max_article_chars: int,
) -> ParsedDocument:
    if as_kind == "webpage":
        page = parse_webpage(data, url=url, content_type_header=content_type or None)
        parsed = webpage_document(page, hints)
    else:
        parsed = _parse_file(data, filename, as_kind, max_bytes, safe_http_url(url))
    return cap_article_length(parsed, max_article_chars)


def _parse_file(data: bytes, filename: str, as_kind: str | None, max_bytes: int, url: str) -> ParsedDocument:
    extracted = read_document(data, filename, max_bytes=max_bytes, time_limit=None)  # already in the child
    text = normalise_newlines(extracted.text)
    scores = fits(text, extracted.pages)
    kind = as_kind
    if has_front_matter(text) and as_kind in (None, "article"):
        # A captured web article (url/time/name) is one article; a digest or newsletter
        # written with front matter (title/date/description) is read by its structure.
        if as_kind == "article" or is_captured_article(text):
            return parse_front_matter_article(text)
        kind = best_fit(scores)
        if kind == "article":
            return parse_front_matter_article(text)
    kind = kind or best_fit(scores)
    page = None
    if extracted.format == "html" and as_kind in (None, "article"):
        page = saved_page(data, text, url=url, fits_a_structure=kind != "article")
    if page is not None:
        parsed = webpage_document(page, {})
    else:
        parse = parser_for(kind)
        parsed = parse(text, extracted.pages) if parse else plain_article(text, filename)
    parsed.warnings[:0] = extracted.warnings
    parsed.fits = scores
    return parsed


def saved_page(data: bytes, text: str, *, url: str, fits_a_structure: bool) -> ParsedPage | None:
    """The HTML file as a web page, or None when it is a document (or has no main text).

    `text` is the file's whole text as the HTML reader gives it; `url` where it came from,
    if that was the web (else the page's own canonical link or og:url is its source).
    """
    try:
        page = parse_webpage(data, url=url, content_type_header=None)
    except IngestError:
        return None  # no main text found: the whole text is all there is
    if fits_a_structure and _visible_chars(page.title + page.body) >= MOSTLY_MAIN_TEXT * _visible_chars(text):
        return None
    return page


def _visible_chars(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def plain_article(text: str, filename: str = "") -> ParsedDocument:
    """A document that is one article: its first short line is the title."""
    paragraphs = rejoin(drop_repeated_blocks([tidy_spacing(p) for p in clean_paragraphs(text)]))
    if not paragraphs:
        raise IngestError(f"《{filename or '该文件'}》中没有正文。")
    title, body, derived = split_title(paragraphs)
    title = title or filename
    item = ParsedArticle(title=title, body="\n".join(body), title_derived=derived)
    return ParsedDocument(kind="article", items=[item], title=title)


def webpage_document(page: ParsedArticle, hints: dict) -> ParsedDocument:
    """One web page as a one-article document; a reprint names its original outlet."""
    if not page.title and hints.get("title"):
        page.title = hints["title"]
    if page.published_at is None and hints.get("published_at"):
        page.published_at, page.date_precision = parse_published(hints["published_at"])
    if not page.author and hints.get("author"):
        page.author = hints["author"]
    if page.attribution and page.attribution.outlet:
        page.outlet = page.attribution.outlet
    return ParsedDocument(
        kind="article", items=[page], title=page.title, source_name=page.outlet,
        published_at=page.published_at, date_precision=page.date_precision,
    )

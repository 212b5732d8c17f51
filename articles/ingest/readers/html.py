"""An uploaded HTML file's whole text as paragraphs: what a newsletter or report saved as HTML is read from.

We decode the bytes ourselves, before BeautifulSoup sees them: the page's own charset
declaration first (Chinese pages often say gb2312 and use GBK characters, so every GB
label is read as GB18030), then the one decoder every other door uses. This is not
main-content extraction (that is `webpage.py`'s job, and the dispatcher sends a saved
web page there): an uploaded newsletter is all content, less its scripts, styles and
navigation.
"""
from __future__ import annotations

import codecs
import re

from ..decode import codec_for_label, decode_text, normalise_newlines
from ..errors import IngestError
from ..types import ExtractedText

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROP = ["script", "style", "nav", "noscript", "template", "iframe", "object", "svg", "head"]
_BLOCKS = [
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
    "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "header", "footer", "main", "aside", "figure",
    "figcaption", "hr", "address", "center", "caption",
]
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # HTML's collapsible white space; U+3000 is content
_BREAK = "\u2029"  # a block boundary while the text is flattened


def read_html(data: bytes) -> ExtractedText:
    text, encoding = decode_html(data)
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # lxml rarely fails, but the editor must get a message
        raise IngestError(f"HTML文件无法解析：{type(exc).__name__}。") from exc
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before(_BREAK)
        tag.insert_after(_BREAK)
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after("\t")
    flat = soup.get_text().replace(_BREAK + "\t", _BREAK)
    paragraphs = []
    for block in flat.split(_BREAK):
        cells = [_SPACES.sub(" ", c).strip(" ") for c in block.split("\t")]
        line = "\t".join(c for c in cells if c)
        if line:
            paragraphs.append(line)
    if not paragraphs:
        raise IngestError("HTML文件里没有正文文字。")
    return ExtractedText(text="\n".join(paragraphs), format="html", encoding=encoding)


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text: its BOM, else its <meta> charset, else our usual decoding order."""
    label = _declared_charset(data)
    if label and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode(label)
            return normalise_newlines(text), label
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies (it often does): fall back to looking at the bytes
    text, encoding = decode_text(data)
    return normalise_newlines(text), encoding


def _declared_charset(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return ""
    return codec_for_label(m.group(1).decode("ascii", "replace"))

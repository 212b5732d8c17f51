"""Any uploaded file to text, the format told by its content, never by its name.

`read_document` sniffs the bytes (PDF header, ZIP with a Word body, HTML markup, else
text), checks the size, and runs the matching reader under a time limit. Every failure,
including a bug in a reader or a crash in a C library, reaches the caller as an
`IngestError` with a message for the editor.
"""
from __future__ import annotations

import logging
import re

from ..errors import IngestError
from ..limits import MAX_BYTES, TIME_LIMIT, check_size, run_with_time_limit
from ..types import ExtractedText
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .text import read_text

__all__ = ["detect_format", "read_document", "read_docx", "read_html", "read_pdf", "read_text"]

log = logging.getLogger(__name__)

_READERS = {"pdf": read_pdf, "docx": read_docx, "html": read_html, "txt": read_text}
_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s[^>]*charset", re.I)
# A page saved without its <html> shell (a fragment, or a crawler's own wrapper element)
# still begins with markup and is full of HTML tags; a Markdown or text file with a few
# inline tags begins with text.
_HTML_TAG = re.compile(rb"<(?:div|table|tr|td|p|span|a|br|img|form|script|style|ul|li|font|center)[\s>/]", re.I)
_MIN_FRAGMENT_TAGS = 10
_NOT_SUPPORTED = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "这是旧版Office文件（.doc/.xls），暂不支持。请另存为 .docx 后再上传。"),
    (b"\x89PNG\r\n\x1a\n", "这是一张图片（PNG），不是文字文档。"),
    (b"\xff\xd8\xff", "这是一张图片（JPEG），不是文字文档。"),
    (b"GIF8", "这是一张图片（GIF），不是文字文档。"),
    (b"Rar!\x1a\x07", "这是RAR压缩包，请解压后上传其中的文档。"),
    (b"7z\xbc\xaf\x27\x1c", "这是7z压缩包，请解压后上传其中的文档。"),
    (b"{\\rtf", "这是RTF文档，暂不支持。请另存为 .docx 或文本文件后再上传。"),
]


def detect_format(data: bytes) -> str:
    """pdf | docx | html | txt, from the bytes; raise `IngestError` for formats we do not read."""
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header; so do we
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"  # the reader says so when the ZIP is not a Word document
    for magic, message in _NOT_SUPPORTED:
        if data.startswith(magic):
            raise IngestError(message)
    head = data[:4096]
    if _HTML.search(head):
        return "html"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and len(_HTML_TAG.findall(head)) >= _MIN_FRAGMENT_TAGS:
        return "html"
    return "txt"


def read_document(
    data: bytes,
    filename: str = "",
    *,
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = TIME_LIMIT,
) -> ExtractedText:
    """Read an uploaded file's text; `time_limit=None` parses in-process with no limit."""
    if not data or not data.strip():
        raise IngestError(f"《{filename or '该文件'}》是空文件，没有可读取的内容。")
    check_size(data, max_bytes)
    reader = _READERS[detect_format(data)]
    try:
        if time_limit is None:
            return reader(data)
        return run_with_time_limit(reader, data, seconds=time_limit)
    except IngestError:
        raise
    except Exception as exc:  # a reader's bug must still give the editor an answer
        log.exception("reading %r failed", filename)
        raise IngestError(f"读取《{filename or '该文件'}》时出错（{type(exc).__name__}），请联系管理员。") from exc

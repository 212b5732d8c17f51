"""Choose the reader and the structure parser from a document's content."""
from __future__ import annotations

from .decode import decode_text, normalise_newlines
from .errors import IngestError
from .frontmatter import has_front_matter, parse_front_matter_article
from .types import ParsedDocument


def parse_document(data: bytes, filename: str = "", *, as_kind: str | None = None) -> ParsedDocument:
    """Parse one document's bytes; raise `IngestError` with a message for the editor."""
    text, _encoding = decode_text(data)
    text = normalise_newlines(text)
    if has_front_matter(text):
        return parse_front_matter_article(text)
    raise IngestError(
        f"暂时无法识别《{filename or '该文件'}》的结构：目前只支持带头信息（---）的网页文章。"
    )

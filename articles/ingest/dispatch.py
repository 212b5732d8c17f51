"""Read a document and choose its structure parser, all from its content."""
from __future__ import annotations

from .decode import normalise_newlines
from .errors import IngestError
from .frontmatter import has_front_matter, parse_front_matter_article
from .limits import MAX_BYTES, TIME_LIMIT
from .readers import read_document
from .types import ParsedDocument


def parse_document(
    data: bytes,
    filename: str = "",
    *,
    as_kind: str | None = None,
    max_bytes: int = MAX_BYTES,
    time_limit: float | None = TIME_LIMIT,
) -> ParsedDocument:
    """Parse one document's bytes; raise `IngestError` with a message for the editor."""
    extracted = read_document(data, filename, max_bytes=max_bytes, time_limit=time_limit)
    text = normalise_newlines(extracted.text)
    if has_front_matter(text):
        return parse_front_matter_article(text)
    raise IngestError(
        f"暂时无法识别《{filename or '该文件'}》的结构：目前只支持带头信息（---）的网页文章。"
    )

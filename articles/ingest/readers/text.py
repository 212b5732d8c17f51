"""Plain text: the one decoder (`decode.decode_text`), then one kind of newline."""
from __future__ import annotations

from ..decode import decode_text, normalise_newlines
from ..types import ExtractedText


def read_text(data: bytes) -> ExtractedText:
    text, encoding = decode_text(data)
    return ExtractedText(text=normalise_newlines(text), format="txt", encoding=encoding)

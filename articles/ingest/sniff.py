"""A file's media type, from its content (the same detection the readers use)."""
from __future__ import annotations

from .errors import IngestError
from .readers import detect_format

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "txt": "text/plain",
}


def sniff_media_type(data: bytes) -> str:
    try:
        return MEDIA_TYPES[detect_format(data)]
    except IngestError:
        return "application/octet-stream"  # kept as received; parsing will say why it can't be read

"""What a file is, from its first bytes rather than its name."""
from __future__ import annotations

import mimetypes


def sniff_media_type(data: bytes, filename: str = "") -> str:
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return "application/zip"
    lowered = data[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "text/html"
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "text/plain"

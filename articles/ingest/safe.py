"""Values from outside made harmless to store, link to and write into XML.

Pure helpers with no Django: every door that stores a URL (front matter, attribution
lines, fetched pages' images, feeds) and every place that renders one as a link call
`safe_http_url`, so a `javascript:` or `data:` URL never becomes a clickable link.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 controls except tab, newline and carriage return: PostgreSQL refuses NUL in text,
# XML 1.0 refuses all of them.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What browsers drop from a URL before reading its scheme (WHATWG URL: leading and
# trailing C0 controls and spaces, then every tab and newline anywhere).
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_TAB_NEWLINE = re.compile(r"[\t\n\r]")
_FORBIDDEN_IN_URL = re.compile(r"[\x00-\x1f\x7f\\<>\"`]")
HTTP_SCHEMES = frozenset({"http", "https"})


def strip_control_chars(text: str) -> str:
    """The text without the control characters databases and XML refuse."""
    return CONTROL_CHARS.sub("", text) if text else text


def safe_http_url(url: str | None) -> str:
    """The URL if it is an absolute http(s) URL with a host, else "".

    Read the way a browser would (edges trimmed, tabs and newlines removed) so that
    `\\x01javascript:` or `java\\tscript:` cannot pass as something else; what is
    returned is that cleaned form, which is what gets stored and linked.
    """
    if not url or not isinstance(url, str):
        return ""
    cleaned = _URL_TAB_NEWLINE.sub("", url.strip(_URL_EDGES)).replace(" ", "%20")
    if not cleaned or _FORBIDDEN_IN_URL.search(cleaned):
        return ""
    try:
        parts = urlsplit(cleaned)
        host = parts.hostname
    except ValueError:  # an unbalanced IPv6 bracket and the like
        return ""
    scheme = parts.scheme.lower()
    if scheme not in HTTP_SCHEMES or not host or not cleaned.lower().startswith(f"{scheme}://"):
        return ""
    return cleaned

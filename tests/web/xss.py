"""Hostile values for the security tests, and a check for markup that would run.

The vectors are what a polled page, an uploaded file or a query string can carry: tags,
tags hidden behind one or two levels of entities, event handlers, script URLs.
"""
from __future__ import annotations

from html.parser import HTMLParser

# Text that readers must see as text (titles, bodies, names, queries).
TEXT_VECTORS = [
    "<script>alert('t1')</script>",
    "&lt;script&gt;alert('t2')&lt;/script&gt;",
    "<img src=x onerror=alert('t3')>",
    "&lt;img src=x onerror=alert('t4')&gt;",
    "<svg onload=alert('t5')>",
    "\"><script>alert('t6')</script>",
    "'><img src=x onerror=alert('t7')>",
    "&amp;lt;script&amp;gt;alert('t8')&amp;lt;/script&amp;gt;",
    "<iframe src=\"javascript:alert('t9')\"></iframe>",
    "</title><script>alert('t10')</script>",
]

# URLs that must never become links.
URL_VECTORS = [
    "javascript:alert('u1')",
    "JaVaScRiPt:alert('u2')",
    " javascript:alert('u3')",
    "\x01javascript:alert('u4')",
    "\x00javascript:alert('u5')",
    "java\tscript:alert('u6')",
    "java\nscript:alert('u7')",
    "data:text/html,<script>alert('u8')</script>",
    "DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox('u10')",
    "\u0000\u001fjavascript:alert('u11')",
    "//javascript:alert('u12')",
    "http:javascript:alert('u13')",
]

LIVE_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "math", "style", "link", "meta", "base"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in LIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction") and value:
                scheme = "".join(value.split()).lower().split(":", 1)[0]
                if scheme in ("javascript", "data", "vbscript"):
                    self.found.append(f"{tag}[{name}={value[:30]}]")


def live_markup(html: str) -> list[str]:
    """Elements and attributes in `html` that a browser would run or load."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found

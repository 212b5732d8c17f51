"""HTML from outside, made safe to store and show: the last step before anything is saved.

nh3 (Rust's ammonia) parses the HTML the way a browser does and keeps only an allow-list:
text structure, links and images over http(s), simple tables. Scripts, styles, event
handlers, iframes, forms and `javascript:`/`data:` URLs go. Links get
`rel="nofollow noopener noreferrer"`; images `referrerpolicy="no-referrer"`, because
Chinese sites commonly refuse hotlinked images that arrive with a foreign Referer.
"""
from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code",
    "strong", "em", "b", "i", "u", "s", "sub", "sup", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def sanitize_html(html: str) -> str:
    """Keep structure, text, links and images; drop everything that can run or track."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values={"img": {"referrerpolicy": "no-referrer", "loading": "lazy"}},
    ).strip()

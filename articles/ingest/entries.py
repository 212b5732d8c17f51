"""The pages a polled document points to: a feed's entries or a listing page's links.

Only the first `max_entries` are returned, before anything is done per entry: a feed
lists its newest entries first, and one that lists 100,000 is an archive, of which a
poll needs the head. The caller runs this under the same time and memory limits as a
document's parse (`limits.run_with_time_limit`), since the bytes come from outside.
"""
from __future__ import annotations

from .feed import parse_feed
from .webpage import listing_links

MAX_ENTRIES = 500  # per poll; the queue takes at most a few dozen new ones of them


def page_entries(
    kind: str, data: bytes, *, url: str, content_type: str | None = None, selector: str = "a",
    max_entries: int = MAX_ENTRIES,
) -> list[tuple[str, dict]]:
    """(page URL, hints for its parse) for the first `max_entries` distinct pages, in order.

    `kind` is "feed" or "listing"; hints are what a feed entry says of its page.
    """
    found: dict[str, dict] = {}
    if kind == "feed":
        for entry in parse_feed(data, url=url, content_type_header=content_type, max_entries=max_entries):
            if entry.url and entry.url not in found:
                found[entry.url] = {
                    "title": entry.title, "author": entry.author,
                    "published_at": entry.published_at.isoformat() if entry.published_at else "",
                }
                if len(found) >= max_entries:
                    break
    elif kind == "listing":
        for link in listing_links(data, url=url, selector=selector, content_type_header=content_type)[:max_entries]:
            found[link] = {}
    return list(found.items())

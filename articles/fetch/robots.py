"""robots.txt: fetched once per host by the caller (with `fetch_robots`), then asked per URL.

The rules follow RFC 9309: a robots.txt that is missing (4xx) allows everything; one
that cannot be fetched (5xx, network failure) means "stay away for now", because a
server in trouble is exactly the one not to hammer.
"""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .errors import FetchError
from .http import DEFAULT_USER_AGENT, fetch

ALLOW_ALL = ""
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def fetch_robots(url: str, *, user_agent: str = DEFAULT_USER_AGENT, **fetch_options) -> str:
    """The robots.txt text for `url`'s host, or ALLOW_ALL / DISALLOW_ALL when there is none."""
    try:
        result = fetch(robots_url(url), user_agent=user_agent, max_bytes=MAX_ROBOTS_BYTES, **fetch_options)
    except FetchError as exc:
        if exc.kind == "http_status" and exc.status is not None and 400 <= exc.status < 500:
            return ALLOW_ALL
        if exc.kind == "too_large":
            return ALLOW_ALL
        return DISALLOW_ALL
    return result.body.decode("utf-8", errors="replace")


def _parser(robots_txt: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(robots_txt.splitlines())
    return parser


def is_allowed(robots_txt: str, user_agent: str, url: str) -> bool:
    """May `user_agent` fetch `url` under these rules? Matching uses the UA's product token."""
    if not robots_txt.strip():
        return True
    return _parser(robots_txt).can_fetch(user_agent, url)


def crawl_delay(robots_txt: str, user_agent: str) -> float | None:
    """The Crawl-delay the site asks of us, in seconds, if it asks one."""
    if not robots_txt.strip():
        return None
    delay = _parser(robots_txt).crawl_delay(user_agent)
    return float(delay) if delay is not None else None

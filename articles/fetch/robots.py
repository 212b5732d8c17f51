"""robots.txt: fetched once per host by the caller (with `fetch_robots`), then asked per URL.

The rules follow RFC 9309: a robots.txt that is missing (4xx) allows everything; one
that cannot be fetched (5xx, network failure) means "stay away for now", because a
server in trouble is exactly the one not to hammer. "For now" is short: the answer says
how long it may be kept, and a failure is asked again after minutes, where a real
robots.txt is kept a day and a missing one an hour.

A robots.txt larger than MAX_ROBOTS_BYTES is read as "disallow all" (for an hour). RFC
9309 would let a crawler obey the first 500 KiB; we do not, because the rules for our
agent may sit past the cut, and a site that publishes such a file is better asked by a
person than crawled on half its rules. Allowing everything, as before, was the one
wrong answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from .errors import FetchError
from .http import DEFAULT_USER_AGENT, fetch

ALLOW_ALL = ""
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
KEEP_FOUND = 24 * 3600
KEEP_MISSING = 3600
KEEP_FAILED = 10 * 60


@dataclass(frozen=True)
class RobotsAnswer:
    """The rules to apply to a host, how long to keep them, and why they are not the site's own."""

    text: str
    cache_seconds: int
    problem: str = ""  # set when the rules stand in for a robots.txt we could not use


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def fetch_robots(url: str, *, user_agent: str = DEFAULT_USER_AGENT, **fetch_options) -> RobotsAnswer:
    """The robots.txt rules for `url`'s host (ALLOW_ALL / DISALLOW_ALL when there are none to use)."""
    try:
        result = fetch(robots_url(url), user_agent=user_agent, max_bytes=MAX_ROBOTS_BYTES, **fetch_options)
    except FetchError as exc:
        if exc.kind == "http_status" and exc.status is not None and 400 <= exc.status < 500:
            return RobotsAnswer(ALLOW_ALL, KEEP_MISSING)
        if exc.kind == "too_large":
            return RobotsAnswer(DISALLOW_ALL, KEEP_MISSING,
                                f"robots.txt 超过 {MAX_ROBOTS_BYTES // 1000} KB 上限，按全部禁止处理")
        return RobotsAnswer(DISALLOW_ALL, KEEP_FAILED,
                            f"robots.txt 暂时无法读取（{exc}），{KEEP_FAILED // 60} 分钟内暂停抓取该站点")
    return RobotsAnswer(result.body.decode("utf-8", errors="replace"), KEEP_FOUND)


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

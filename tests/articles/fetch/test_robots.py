"""robots.txt rules, and what a missing or failing robots.txt means."""
from articles.fetch.robots import (
    ALLOW_ALL,
    DISALLOW_ALL,
    MAX_ROBOTS_BYTES,
    crawl_delay,
    fetch_robots,
    is_allowed,
    robots_url,
)

from .server import respond

UA = "b2bwatch/0.1 (+https://b2bwatch.example)"
ROBOTS = """\
User-agent: *
Disallow: /private/
Crawl-delay: 3

User-agent: b2bwatch
Disallow: /news/draft/
Crawl-delay: 10

User-agent: BadBot
Disallow: /
"""


def test_rules_for_our_product_token_apply():
    assert not is_allowed(ROBOTS, UA, "https://example.com/news/draft/1.html")
    assert is_allowed(ROBOTS, UA, "https://example.com/news/20131219/1.html")


def test_group_for_another_bot_does_not_apply_to_us():
    assert is_allowed(ROBOTS, UA, "https://example.com/")
    assert not is_allowed(ROBOTS, "BadBot/1.0", "https://example.com/")


def test_empty_robots_allows_everything():
    assert is_allowed(ALLOW_ALL, UA, "https://example.com/anything")


def test_disallow_all_blocks_everything():
    assert not is_allowed(DISALLOW_ALL, UA, "https://example.com/")


def test_crawl_delay_for_our_agent():
    assert crawl_delay(ROBOTS, UA) == 10.0
    assert crawl_delay("", UA) is None


def test_robots_url_is_at_the_host_root():
    assert robots_url("https://www.ebrun.com/20131219/1.shtml?x=1#top") == "https://www.ebrun.com/robots.txt"


def test_robots_is_fetched_from_the_host(server):
    server.routes["/robots.txt"] = respond(ROBOTS.encode(), content_type="text/plain")
    text = fetch_robots(server.url("/news/1.html"), user_agent=UA, allow_loopback=True, timeout=5).text
    assert not is_allowed(text, UA, server.url("/news/draft/2.html"))


def test_missing_robots_allows_everything(server):
    assert fetch_robots(server.url("/"), allow_loopback=True, timeout=5).text == ALLOW_ALL


def test_failing_robots_means_stay_away(server):
    server.routes["/robots.txt"] = respond(b"oops", status=503)
    assert fetch_robots(server.url("/"), allow_loopback=True, timeout=5).text == DISALLOW_ALL


def test_rules_that_were_read_are_kept_a_day(server):
    server.routes["/robots.txt"] = respond(ROBOTS.encode(), content_type="text/plain")
    answer = fetch_robots(server.url("/"), allow_loopback=True, timeout=5)
    assert answer.cache_seconds == 24 * 3600 and answer.problem == ""


def test_a_missing_robots_is_read_again_after_an_hour(server):
    assert fetch_robots(server.url("/"), allow_loopback=True, timeout=5).cache_seconds == 3600


def test_a_failing_robots_is_asked_again_after_minutes_not_a_day(server):
    server.routes["/robots.txt"] = respond(b"oops", status=503)
    answer = fetch_robots(server.url("/"), allow_loopback=True, timeout=5)
    assert answer.text == DISALLOW_ALL and answer.cache_seconds <= 600
    assert "robots.txt 暂时无法读取" in answer.problem


def test_an_unreachable_robots_is_asked_again_after_minutes(server):
    url = server.url("/")
    server.routes["/robots.txt"] = lambda h: h.served.stop.wait(5)  # never answers
    answer = fetch_robots(url, allow_loopback=True, timeout=1)
    assert answer.text == DISALLOW_ALL and answer.cache_seconds <= 600


def test_a_robots_over_the_size_cap_disallows_everything(server):
    huge = b"User-agent: *\nDisallow: /private/\n" + b"# padding\n" * (MAX_ROBOTS_BYTES // 10 + 1)
    server.routes["/robots.txt"] = respond(huge, content_type="text/plain")
    answer = fetch_robots(server.url("/"), allow_loopback=True, timeout=5)
    assert not is_allowed(answer.text, UA, server.url("/news/1.html"))
    assert "超过 500 KB 上限" in answer.problem

"""robots.txt rules, and what a missing or failing robots.txt means."""
from articles.fetch.robots import ALLOW_ALL, DISALLOW_ALL, crawl_delay, fetch_robots, is_allowed, robots_url

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

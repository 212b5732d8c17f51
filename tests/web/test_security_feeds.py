"""Feeds carry text from outside as text: a reader that renders a summary or a title as
HTML finds no markup to run, in RSS and Atom, summary and full text, in every feed."""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from urllib.parse import quote

import feedparser
import pytest

from articles.models import Article, Publication, Source
from keywords.models import ArticleTopic, KeywordYear, Topic
from tests.web.xss import TEXT_VECTORS, live_markup

pytestmark = pytest.mark.django_db

SEARCH_WORD = "xsstoken"
# Elements whose text a reader renders as HTML.
HTML_ELEMENTS = {"description", "summary", "content", "subtitle"}


@pytest.fixture
def hostile():
    """One published article per vector, in a topic, a year, a source and a published issue."""
    source = Source.objects.create(name="来源<script>alert('s')</script>", slug="hostile")
    topic = Topic.objects.create(term="跨境<img src=x onerror=alert('k')>", slug="hostile-topic",
                                 description="<script>alert('kd')</script>")
    KeywordYear.objects.create(year=2015)
    issue = Publication.objects.create(kind="newsletter", title="会刊<svg onload=alert('p')>", source=source,
                                       issue_label="&lt;script&gt;alert('pl')&lt;/script&gt;", is_published=True)
    for n, vector in enumerate(TEXT_VECTORS, start=1):
        article = Article.objects.create(
            title=f"标题{n} {vector}", body=f"第一段 {vector}\n第二段 {vector} 结束", is_published=True,
            published_at=datetime(2015, 4, n, tzinfo=UTC), source=source, publication=issue, position=n,
            author=vector[:200], outlet=vector[:200], search_title=SEARCH_WORD, search_body=SEARCH_WORD,
        )
        ArticleTopic.objects.create(article=article, topic=topic, mentions=1, score=1.0)
    return source, topic


def feed_urls(source, topic) -> list[str]:
    hostile_query = "xsstoken <script>alert('q')</script> &lt;img src=x onerror=alert('q2')&gt;"
    urls = ["/feeds/latest", f"/sources/{source.slug}/feed", f"/sources/{source.slug}/issues",
            f"/topics/{topic.slug}/feed", "/years/2015/feed"]
    urls = [f"{u}.{kind}" for u in urls for kind in ("rss", "atom")]
    urls += [f"/search/feed.{kind}?q={q}" for kind in ("rss", "atom") for q in (SEARCH_WORD, quote(hostile_query))]
    urls += [f"{u}{'&' if '?' in u else '?'}full=1" for u in urls if "issues" not in u]
    return urls


def _strip_ns(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def hostile_text(xml: bytes) -> list[str]:
    """Every place in the feed where a reader would find live markup."""
    problems = []
    for element in ET.fromstring(xml).iter():
        text = element.text or ""
        name = _strip_ns(element.tag)
        found = live_markup(text)
        if name not in HTML_ELEMENTS:
            # Titles and names: plain text even for a reader that decodes entities once more.
            found += live_markup(html.unescape(text))
        problems += [f"{name}: {f}" for f in found]
    return problems


def test_every_feed_escapes_markup_from_outside(client, hostile):
    urls = feed_urls(*hostile)
    assert len(urls) == 26
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert hostile_text(response.content) == [], url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.entries or "alert" in url, url


def test_feed_summary_shows_the_markup_as_text(client, hostile):
    """Escaped, not dropped: the reader shows what the article says."""
    rss = ET.fromstring(client.get("/feeds/latest.rss").content)
    descriptions = [item.findtext("description") for item in rss.iter("item")]
    # What the reader displays (the HTML payload's text) is the article's own text.
    assert any("<script>alert('t1')</script>" in html.unescape(d) for d in descriptions)
    atom = feedparser.parse(client.get("/feeds/latest.atom").content)
    titles = [e.title for e in atom.entries]
    assert any("script" in t and "alert('t1')" in t for t in titles)


def test_control_characters_in_stored_text_do_not_break_the_feed(client):
    Article.objects.create(title="标题\x01\x08", body="正文\x02\x0b内容", is_published=True)
    for url in ("/feeds/latest.rss", "/feeds/latest.atom", "/feeds/latest.rss?full=1"):
        response = client.get(url)
        assert response.status_code == 200
        assert not feedparser.parse(response.content).bozo

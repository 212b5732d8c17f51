"""The 订阅 page lists every feed with an address to copy, and every feed carries the
stylesheet instruction that makes a browser show it as a page."""
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from articles.feeds import absolute
from articles.models import Article, Publication, Source
from keywords.models import KeywordYear, Topic

pytestmark = pytest.mark.django_db

# Right after the XML declaration, before the root element.
STYLESHEET = re.compile(
    rb'<\?xml [^>]*\?>\s*<\?xml-stylesheet href="/static/feeds/feed.xsl"[^>]* type="text/xsl"\?><(rss|feed)[ >]'
)


@pytest.fixture
def site(keywords_2013):
    association = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    outlet = Source.objects.create(name="亿邦动力网", slug="ebrun")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期",
                                       source=association, is_published=True)
    Article.objects.create(publication=issue, source=association, title="李克强：制定互联网+计划",
                           body="正文", is_published=True)
    Article.objects.create(source=outlet, title="<script>alert(1)</script>产业带", body="正文 & <b>", is_published=True)
    return {"association": association, "outlet": outlet}


def test_the_subscribe_page_lists_every_topic_year_and_source_feed(client, site):
    html = client.get(reverse("keywords:subscribe")).content.decode()
    topics = Topic.objects.all()
    assert topics
    for topic in topics:
        assert absolute(reverse("keywords:topic_feed_rss", args=[topic.slug])) in html
        assert reverse("keywords:topic_feed_atom", args=[topic.slug]) in html
    for year in KeywordYear.objects.all():
        assert absolute(reverse("keywords:year_feed_rss", args=[year.year])) in html
    for source in site.values():
        assert absolute(reverse("articles:source_feed_rss", args=[source.slug])) in html
    assert absolute(reverse("articles:feed_latest_rss")) in html


def test_the_subscribe_page_offers_the_opml_issue_feeds_and_search_feeds(client, site):
    html = client.get(reverse("keywords:subscribe")).content.decode()
    assert absolute(reverse("keywords:topics_opml")) in html
    assert reverse("articles:source_issues_rss", args=["shec"]) in html
    assert reverse("articles:source_issues_rss", args=["ebrun"]) not in html  # an outlet with no issues
    assert reverse("articles:search_feed_rss") + "?q=" in html
    for reader in ("Feedly", "Inoreader", "NetNewsWire", "Thunderbird"):
        assert reader in html


def test_the_subscribe_page_copies_with_a_script_file_not_inline(client, site):
    html = client.get(reverse("keywords:subscribe")).content.decode()
    assert 'data-copy="feed-opml"' in html
    assert '<script src="/static/js/copy.js"></script>' in html
    assert "onclick" not in html


def test_the_navigation_subscribe_link_opens_the_subscribe_page(client):
    html = client.get(reverse("keywords:home")).content.decode()
    assert f'<a href="{reverse("keywords:subscribe")}">订阅</a>' in html


def _every_feed(site):
    paths = [reverse("articles:feed_latest_rss"), reverse("articles:feed_latest_atom"),
             reverse("articles:search_feed_rss") + "?q=产业带", reverse("articles:search_feed_atom") + "?q=<b>"]
    for kind in ("rss", "atom"):
        paths += [reverse(f"keywords:topic_feed_{kind}", args=[t.slug]) for t in Topic.objects.all()[:3]]
        paths += [reverse(f"keywords:year_feed_{kind}", args=[y.year]) for y in KeywordYear.objects.all()]
        paths += [reverse(f"articles:source_feed_{kind}", args=[s.slug]) for s in site.values()]
        paths.append(reverse(f"articles:source_issues_{kind}", args=["shec"]))
    return paths


def test_every_feed_starts_with_the_stylesheet_instruction_and_still_parses(client, site):
    for path in _every_feed(site):
        body = client.get(path).content
        assert STYLESHEET.match(body), path
        ET.fromstring(body)  # well-formed
        feed = feedparser.parse(body)
        assert not feed.bozo, (path, feed.get("bozo_exception"))


def test_hostile_titles_stay_text_in_a_styled_feed(client, site):
    body = client.get(reverse("articles:source_feed_atom", args=["ebrun"])).content
    assert b"<script>" not in body
    assert feedparser.parse(body).entries[0].title == "＜script＞alert(1)＜/script＞产业带"


def test_the_feed_stylesheet_is_xslt_that_never_unescapes():
    from django.contrib.staticfiles import finders

    path = finders.find("feeds/feed.xsl")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/1999/XSL/Transform}stylesheet"
    # Never unescaped output: a title is shown as text whatever it holds.
    assert not [e for e in root.iter() if "disable-output-escaping" in e.attrib]

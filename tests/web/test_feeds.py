import re

import feedparser
import pytest
from django.urls import reverse

from keywords.models import Topic

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def seeded(import_seed):
    import_seed()


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("name", ["articles:feed_latest_rss", "articles:feed_latest_atom"])
def test_latest_feed_has_one_entry_per_article(client, seeded, name):
    response, feed = parse(client, reverse(name))
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.title == TITLE
    assert re.search(r"/articles/\d+/$", entry.link)
    assert entry.published_parsed[:5] == (2013, 12, 19, 9, 44)  # 17:44 in Shanghai


def test_feeds_are_served_as_xml_a_browser_styles(client, seeded):
    """Not application/rss+xml or atom+xml: Chromium shows those as text, Firefox downloads
    them, and neither applies the feed's stylesheet."""
    for name in ("articles:feed_latest_rss", "articles:feed_latest_atom"):
        assert client.get(reverse(name))["Content-Type"] == "application/xml; charset=utf-8"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_topic_feed_lists_its_articles(client, seeded, kind):
    for topic in Topic.objects.all():
        _, feed = parse(client, reverse(f"keywords:topic_feed_{kind}", args=[topic.slug]))
        assert [e.title for e in feed.entries] == [TITLE], topic.term
        assert topic.term in feed.feed.title


def test_feed_ids_are_stable_across_edits(client, seeded):
    from articles.models import Article

    _, before = parse(client, reverse("articles:feed_latest_atom"))
    Article.objects.update(title="改过的标题")
    _, after = parse(client, reverse("articles:feed_latest_atom"))
    assert before.entries[0].id == after.entries[0].id


def test_empty_feeds_are_valid(client):
    _, feed = parse(client, reverse("articles:feed_latest_rss"))
    assert feed.entries == []


def test_feed_dates_are_in_china_time(client, seeded):
    content = client.get(reverse("articles:feed_latest_rss")).content.decode()
    assert "<pubDate>Thu, 19 Dec 2013 17:44:00 +0800</pubDate>" in content


def test_summary_by_default_full_text_on_request(client, seeded):
    _, summary = parse(client, reverse("articles:feed_latest_rss"))
    _, full = parse(client, reverse("articles:feed_latest_rss") + "?full=1")
    assert len(summary.entries[0].summary) <= 300
    assert "作者微博：@B2B行业资讯" in full.entries[0].summary


def test_a_repeated_request_gets_304(client, seeded):
    url = reverse("keywords:topic_feed_rss", args=["chanyedai"])
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    assert client.get(url, headers={"if-modified-since": first["Last-Modified"]}).status_code == 304


def test_an_edit_changes_the_feed_validators(client, seeded):
    from articles.models import Article

    url = reverse("articles:feed_latest_atom")
    first = client.get(url)
    article = Article.objects.get()
    article.title = "新标题"
    article.save()
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 200


@pytest.mark.parametrize(
    "name,args",
    [
        ("keywords:year_feed_rss", [2013]),
        ("keywords:year_feed_atom", [2013]),
        ("articles:source_feed_rss", ["虎嗅网"]),
        ("articles:source_feed_atom", ["虎嗅网"]),
    ],
)
def test_year_and_source_feeds(client, seeded, name, args):
    _, feed = parse(client, reverse(name, args=args))
    assert [e.title for e in feed.entries] == [TITLE]


@pytest.mark.parametrize("name", ["articles:search_feed_rss", "articles:search_feed_atom"])
def test_any_search_is_a_feed(client, seeded, name):
    _, feed = parse(client, reverse(name) + "?q=产业带")
    assert [e.title for e in feed.entries] == [TITLE]
    _, feed = parse(client, reverse(name) + "?q=不存在的词语组合xyz")
    assert feed.entries == []


def test_association_issue_feed_lists_published_issues(client):
    from articles.models import Article, Publication, Source

    association = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期",
                                       source=association, is_published=True)
    Article.objects.create(publication=issue, title="李克强：制定互联网+计划", body="正文", is_published=True)
    Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第3期", source=association)
    _, feed = parse(client, reverse("articles:source_issues_atom", args=["shec"]))
    assert [e.title for e in feed.entries] == ["电子商务资讯 第2期"]
    assert "李克强：制定互联网+计划" in feed.entries[0].summary


def test_opml_lists_every_topic_feed(client):
    import xml.etree.ElementTree as ET

    response = client.get(reverse("keywords:topics_opml"))
    assert response["Content-Type"].startswith("text/x-opml")
    outlines = ET.fromstring(response.content).findall(".//outline[@type='rss']")
    assert len(outlines) == Topic.objects.count() == 10
    for outline in outlines:
        _, feed = parse(client, outline.get("xmlUrl").removeprefix("http://127.0.0.1:8000"))
        assert feed.feed.title.endswith(outline.get("text"))

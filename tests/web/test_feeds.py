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


def test_rss_and_atom_content_types(client, seeded):
    assert client.get(reverse("articles:feed_latest_rss"))["Content-Type"].startswith("application/rss+xml")
    assert client.get(reverse("articles:feed_latest_atom"))["Content-Type"].startswith("application/atom+xml")


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

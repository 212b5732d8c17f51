"""Nothing unpublished is public: not an item withdrawn from a published issue, not a
source whose only content is still under review (page, feeds, search filter, API)."""
from __future__ import annotations

import pytest

from articles.models import Article, Publication, Source
from articles.review import publication_publish

pytestmark = pytest.mark.django_db

SOURCE_FEEDS = ["feed.rss", "feed.atom", "issues.rss", "issues.atom"]


@pytest.fixture
def under_review():
    """An association whose only issue is parsed but not yet published."""
    source = Source.objects.create(name="未公开协会", slug="hidden", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="内部会刊", source=source, issue_label="第1期")
    Article.objects.create(publication=issue, source=source, title="内部消息", body="尚未发布的正文。", position=1)
    return source


@pytest.fixture
def published_issue():
    source = Source.objects.create(name="公开协会", slug="public", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="会刊", source=source, issue_label="第2期")
    for position, title in enumerate(["公开的条目", "已撤下的条目"], start=1):
        Article.objects.create(publication=issue, source=source, title=title, body="正文。", position=position)
    publication_publish(publication=issue)
    Article.objects.filter(title="已撤下的条目").update(is_published=False)
    return source, issue


def test_a_source_with_only_unpublished_content_has_no_page_and_no_feeds(client, under_review):
    assert client.get("/sources/hidden/").status_code == 404
    for feed in SOURCE_FEEDS:
        assert client.get(f"/sources/hidden/{feed}").status_code == 404, feed


def test_a_source_with_only_unpublished_content_is_not_in_the_search_filter(client, under_review, published_issue):
    page = client.get("/search/", {"q": "正文"}).content.decode()
    assert 'value="public"' in page
    assert 'value="hidden"' not in page and "未公开协会" not in page


def test_the_api_shows_nothing_of_an_unpublished_source(client, under_review):
    assert client.get("/api/articles", {"source": "hidden"}).json()["items"] == []
    assert client.get("/api/publications").json()["items"] == []
    assert client.get("/api/search", {"q": "内部消息"}).json()["hits"] == []
    article = Article.objects.get(title="内部消息")
    assert client.get(f"/api/articles/{article.pk}").status_code == 404


def test_a_source_appears_once_something_of_it_is_published(client, under_review):
    publication_publish(publication=Publication.objects.get(source=under_review))
    assert client.get("/sources/hidden/").status_code == 200
    assert client.get("/sources/hidden/issues.rss").status_code == 200


def test_an_item_withdrawn_from_a_published_issue_is_not_in_its_feeds(client, published_issue):
    source, issue = published_issue
    for feed in SOURCE_FEEDS:
        body = client.get(f"/sources/{source.slug}/{feed}").content.decode()
        assert "已撤下的条目" not in body, feed
    assert "公开的条目" in client.get(f"/sources/{source.slug}/issues.rss").content.decode()
    assert "已撤下的条目" not in client.get(issue.get_absolute_url()).content.decode()
    items = client.get(f"/api/publications/{issue.pk}").json()["items"]
    assert [i["title"] for i in items] == ["公开的条目"]

"""Input that used to give 500s: control characters in any path or query parameter (NUL
is refused by PostgreSQL, C0 controls by XML), and an article page whose story holds an
article with neither outlet nor source. Run on SQLite and, with DATABASE_URL, PostgreSQL.
"""
from __future__ import annotations

import pytest

from articles.models import Article, Source, Story
from keywords.models import ArticleTopic, KeywordYear, Topic

pytestmark = pytest.mark.django_db

CONTROL = ["%00", "%01", "%08", "%0B", "%1F", "a%00b"]
PATHS = [
    "/topics/{c}/", "/topics/{c}/feed.rss", "/topics/{c}/feed.atom", "/sources/{c}/", "/sources/{c}/feed.rss",
    "/sources/{c}/issues.atom", "/api/topics/{c}", "/api/topics/{c}/articles",
]
QUERIES = [
    "/search/?q={c}", "/search/?q=跨境{c}电商", "/search/?q=电商&topic={c}&source={c}&year={c}&kind={c}",
    "/search/?q=电商&page={c}", "/search/feed.rss?q={c}", "/search/feed.atom?q={c}", "/search/feed.rss?q=电商{c}",
    "/api/articles?topic={c}", "/api/articles?source={c}", "/api/articles?year={c}", "/api/search?q={c}",
    "/api/search?q=电商&topic={c}&source={c}", "/api/publications?kind={c}", "/topics/dianshang/?sort={c}&page={c}",
    "/?{c}={c}", "/articles/1/?highlight={c}", "/feeds/latest.rss?full={c}",
]
URLS = [u.format(c=c) for c in CONTROL for u in PATHS + QUERIES]


@pytest.fixture
def content():
    source = Source.objects.create(name="亿邦动力网", slug="ebrun")
    topic = Topic.objects.create(term="电商", slug="dianshang")
    KeywordYear.objects.create(year=2015)
    article = Article.objects.create(pk=1, title="跨境电商试点扩大", body="跨境电商综合试点扩大。", source=source,
                                     is_published=True, search_title="跨境 电商", search_body="跨境 电商 试点")
    ArticleTopic.objects.create(article=article, topic=topic, mentions=1)


def test_control_characters_in_paths_and_parameters_give_no_server_error(client, content):
    assert len(URLS) == 150
    for url in URLS:
        response = client.get(url)
        assert response.status_code < 500, url


def test_a_cleaned_query_still_searches(client, content):
    """Each control character becomes a space: a query keeps its words."""
    page = client.get("/search/?q=%00电商%01").content.decode()
    assert "跨境电商试点扩大" in page
    assert client.get("/api/search?q=电商%00").json()["total"] == 1


def test_a_control_character_in_an_api_path_gives_the_apis_own_404(client, content):
    response = client.get("/api/topics/%1B/articles")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_an_article_whose_story_has_an_article_without_outlet_or_source(client):
    story = Story.objects.create()
    main = Article.objects.create(title="主报道", body="正文", is_published=True, story=story)
    Article.objects.create(title="无来源的转载", body="正文", is_published=True, story=story)
    story.main = main
    story.save()
    page = client.get(main.get_absolute_url())
    assert page.status_code == 200
    assert "同时报道" in page.content.decode() and "无来源的转载" in page.content.decode()

"""The archive: every published article, newest first, a page at a time, filtered by
year, topic, source and kind; the home page leads with news and links to it."""
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article, Publication, Source
from keywords.models import ArticleTopic, Topic

pytestmark = pytest.mark.django_db

ARCHIVE = reverse("articles:archive")


@pytest.fixture
def corpus(settings):
    """Seven news articles over two years, two member profiles, a chapter and one draft."""
    settings.ARTICLES_PER_PAGE = 3
    outlet = Source.objects.create(name="虎嗅网", slug="huxiu")
    association = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", source=association, is_published=True)
    topic = Topic.objects.get(slug="chanyedai")
    for n in range(7):
        article = Article.objects.create(
            title=f"新闻{n}", body="正文。", is_published=True, source=outlet,
            published_at=datetime(2013 + n // 4, 1 + n, 1, tzinfo=UTC),
        )
        if n % 2 == 0:
            ArticleTopic.objects.create(article=article, topic=topic, mentions=1)
    for n in range(2):
        Article.objects.create(title=f"会员{n}", body="公司简介。", kind="profile", is_published=True,
                               publication=issue, source=association, position=n,
                               published_at=datetime(2015, 3, 1, tzinfo=UTC))
    Article.objects.create(title="第一章", body="章节。", kind="chapter", is_published=True)
    Article.objects.create(title="草稿", body="未发布。", is_published=False)


def titles(response) -> list[str]:
    return [a.title for a in response.context["page"].object_list]


def test_the_archive_lists_every_published_article_newest_first(client, corpus):
    pages = [titles(client.get(ARCHIVE, {"page": n})) for n in (1, 2, 3, 4)]
    everything = [t for page in pages for t in page]
    assert everything == ["会员0", "会员1", "新闻6", "新闻5", "新闻4", "新闻3", "新闻2", "新闻1", "新闻0", "第一章"]
    assert "草稿" not in everything


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1e9", "<script>"])
def test_a_bad_or_out_of_range_page_gives_a_page(client, corpus, page):
    response = client.get(ARCHIVE, {"page": page})
    assert response.status_code == 200 and titles(response)


def test_pages_link_to_each_other_keeping_the_filters(client, corpus):
    page = client.get(ARCHIVE, {"topic": "chanyedai", "page": 1}).content.decode()
    assert 'href="?topic=chanyedai&amp;page=2" rel="next"' in page


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"year": "2014"}, ["新闻6", "新闻5", "新闻4"]),
        ({"topic": "chanyedai"}, ["新闻6", "新闻4", "新闻2"]),
        ({"source": "shec"}, ["会员0", "会员1"]),
        ({"kind": "chapter"}, ["第一章"]),
        ({"kind": "profile", "year": "2015"}, ["会员0", "会员1"]),
    ],
)
def test_the_archive_filters_by_year_topic_source_and_kind(client, corpus, filters, expected):
    assert titles(client.get(ARCHIVE, filters)) == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"year": "<script>alert(1)</script>"},
        {"year": "1999"},
        {"topic": '"><script>alert(1)</script>'},
        {"source": "no-such-source"},
        {"kind": "draft"},
        {"year": "9" * 5000},
    ],
)
def test_filters_that_name_nothing_are_ignored_and_never_echoed(client, corpus, filters):
    response = client.get(ARCHIVE, filters)
    assert response.status_code == 200
    assert titles(response) == titles(client.get(ARCHIVE))
    assert "<script>alert" not in response.content.decode()
    assert not response.context["filters"].any


def test_the_home_page_leads_with_news_and_links_the_archive_and_its_page_2(client, corpus):
    response = client.get("/")
    assert [a.title for a in response.context["articles"]] == ["新闻6", "新闻5", "新闻4"]
    page = response.content.decode()
    assert f'href="{ARCHIVE}?kind=article&amp;page=2" rel="next"' in page
    assert f'href="{ARCHIVE}"' in page
    assert titles(client.get(ARCHIVE, {"kind": "article", "page": 2})) == ["新闻3", "新闻2", "新闻1"]


def test_profiles_and_chapters_have_their_own_shelves_on_the_home_page(client, corpus):
    page = client.get("/").content.decode()
    profiles = page[page.index(">会员风采</h2>"):]
    assert "会员0" in profiles and f'href="{ARCHIVE}?kind=profile"' in profiles
    chapters = page[page.index(">报告与教材章节</h2>"):]
    assert "第一章" in chapters
    leads = page[page.index('id="latest-heading"'):page.index(">会员风采</h2>")]
    assert "会员0" not in leads and "第一章" not in leads


def test_the_api_filters_articles_by_kind_as_the_archive_does(client, corpus):
    import json

    titles = [a["title"] for a in json.loads(client.get("/api/articles", {"kind": "profile"}).content)["items"]]
    assert sorted(titles) == ["会员0", "会员1"]
    assert client.get("/api/articles", {"kind": "draft"}).status_code == 422

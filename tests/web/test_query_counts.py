"""Each page runs a bounded number of queries, whatever the size of the corpus.

The corpus here has many articles, topics, sources and a publication, so a query per
row (an N+1) would blow the bounds. The bounds are the figures measured with a margin
of one; cached pages run none (tests/web/test_cache.py).
"""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article, Publication, Source
from articles.pipeline import article_process

pytestmark = pytest.mark.django_db

BOUNDS = {  # measured on 2026-11-30: 9, 14, 14, 15, 13, 4, 7, 2, 6, 3, 8, 4, 2, 2
    # home: the shelves of profiles and of chapters, one query each; a topic's page and feed
    # count the articles about it and those that only mention it; the vocabulary reads
    # each topic's not-phrases
    "/": 10,
    "/topics/chanyedai/": 15,
    "/topics/chanyedai/?sort=relevance": 15,
    "/years/2013/": 16,  # one query per keyword for its top articles: bounded by the list's length
    # search: on PostgreSQL 20 (the search's savepoint, its planner settings, the planner's
    # estimate and the archive's size are 6 of them), 15 on SQLite; the year filter reads
    # the first and last date and one probe per year in between
    "/search/?q=产业带": 21,
    "/topics/chanyedai/timeline/": 5,
    "/timeline/": 8,  # the chosen events, then one query for their other sources
    "/feeds/latest.rss": 3,
    "/topics/chanyedai/feed.atom": 8,  # measured 7: its 50 ids from the tags, then those articles
    "/years/2013/feed.rss": 4,
    "/sitemap.xml": 6,  # the index: each section's count (the articles' without reading them)
    "/sitemap-articles.xml": 3,  # a file of 1,000 articles: its count and its rows
    "/api/topics": 5,
    "/api/articles": 3,
    "/api/years/2013": 3,
}


@pytest.fixture
def corpus(import_seed):
    import_seed()
    association = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    outlets = [Source.objects.create(name=f"媒体{i}", slug=f"outlet-{i}") for i in range(5)]
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", source=association, is_published=True)
    start = datetime(2013, 1, 1, tzinfo=UTC)
    bodies = ["产业带与跨境电商。", "大数据和互联网金融。", "自贸区带来跨境电商机会，P4P模式。", "在线交易与O2O。"]
    for n in range(40):
        article = Article.objects.create(
            title=f"第{n}篇：{bodies[n % 4][:5]}", body=bodies[n % 4] * 5, is_published=True,
            published_at=start + timedelta(days=9 * n), source=outlets[n % 5],
            publication=issue if n % 3 == 0 else None, section="行业动态", position=n,
        )
        article_process(article_id=article.pk)
    return issue


@pytest.mark.parametrize("url", list(BOUNDS))
def test_page_query_count_is_bounded(client, corpus, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(BOUNDS[url]):
        assert client.get(url).status_code == 200


def test_article_and_publication_pages_are_bounded(client, corpus, django_assert_max_num_queries):
    article = Article.objects.filter(publication=corpus).first()
    # measured: 6, 6, 3, 4
    for url, bound in [(article.get_absolute_url(), 7), (article.get_absolute_url() + "?highlight=1", 7),
                       (corpus.get_absolute_url(), 4), (reverse("articles:source", args=["shec"]), 5)]:
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from keywords.models import Topic
from tests.keywords.test_keywords_2013 import TEN_2013

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def seeded(import_seed):
    import_seed()


def test_home_lists_the_latest_articles_and_the_latest_years_keywords(client, seeded):
    page = client.get("/").content.decode()
    assert TITLE in page
    year_list = page[page.index("2013年中国B2B行业十大关键词"):]
    positions = [year_list.index(f">{term}</a>") for term in TEN_2013]
    assert positions == sorted(positions)


def test_empty_home_says_how_to_import(client):
    page = client.get("/").content.decode()
    assert "还没有文章" in page and "manage.py import --samples" in page


@pytest.mark.parametrize("term", TEN_2013)
def test_each_topic_page_lists_the_seed_article(client, seeded, term):
    topic = Topic.objects.get(term=term)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert f"<h1>{term}</h1>" in page
    assert TITLE in page
    assert "2013年</a>：第" in page


def test_topic_page_shows_rank_and_mentions_per_year(client, seeded):
    response = client.get(reverse("keywords:topic", args=["wei-xiaoguo-fufei"]))
    page = response.content.decode()
    assert "第 9 位" in page
    assert "<th scope=\"row\">2013</th><td>1</td><td>1</td><td>10</td>" in page  # about, articles, mentions


def test_topic_page_links_its_feeds_for_autodiscovery(client, seeded):
    page = client.get(reverse("keywords:topic", args=["chanyedai"])).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in page
    assert reverse("keywords:topic_feed_atom", args=["chanyedai"]) in page


def test_unknown_topic_is_404(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_year_page_shows_the_ten_in_order_with_counts(client, seeded):
    page = client.get(reverse("keywords:year", args=[2013])).content.decode()
    positions = [page.index(f">{term}</a>") for term in TEN_2013]
    assert positions == sorted(positions)
    assert page.count("2013年 1 篇") == 10


def test_unknown_year_is_404(client):
    assert client.get("/years/1999/").status_code == 404


def test_article_page_shows_body_once_with_original_link_and_topics(client, seeded):
    from articles.models import Article

    article = Article.objects.get()
    page = client.get(article.get_absolute_url()).content.decode()
    body = page[page.index('<div class="body">'):]
    assert body.count("现在，我们结合行业发展状况对这十大关键词进行解读。") == 1
    assert 'href="https://www.huxiu.com/article/24694"' in page
    assert "来源：虎嗅网" in page
    for term in TEN_2013:
        assert f">{term}</a></li>" in page


def test_unpublished_articles_are_not_public(client, seeded):
    from articles.models import Article

    article = Article.objects.get()
    article.is_published = False
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert TITLE not in client.get("/").content.decode()


def test_topic_page_has_a_trend_chart_with_a_table_alternative(client, seeded):
    response = client.get(reverse("keywords:topic", args=["chanyedai"]))
    page = response.content.decode()
    assert 'data-chart="trend"' in page and "vendor/echarts/echarts.min.js" in page
    assert response.context["chart"] == {"labels": ["2013Q4"], "mentions": [12], "articles": [1], "about": [1]}
    assert '<th scope="row">2013Q4</th><td>1</td><td>1</td><td>12</td>' in page


def test_topic_page_sorts_by_relevance(client, seeded):
    from articles.models import Article
    from articles.pipeline import article_process

    weak = Article.objects.create(title="一篇短讯", body="顺带提到产业带。" + "其他内容。" * 200, is_published=True,
                                  published_at=datetime(2014, 1, 5, tzinfo=UTC))
    article_process(article_id=weak.pk)
    by_date = client.get(reverse("keywords:topic", args=["chanyedai"])).context["page"].object_list
    by_score = client.get(reverse("keywords:topic", args=["chanyedai"]), {"sort": "relevance"}).context["page"]
    # The newer item only mentions the topic, so it follows the article about it either way.
    assert [a.title for a in by_date] == [TITLE, "一篇短讯"]
    assert [a.title for a in by_score.object_list] == [TITLE, "一篇短讯"]


def test_articles_without_a_date_come_last_on_every_database(client, seeded):
    from articles.models import Article

    Article.objects.create(title="无日期", body="正文", is_published=True)
    titles = [a.title for a in client.get("/").context["articles"]]
    assert titles == [TITLE, "无日期"]


def test_topic_page_shows_related_topics_and_sources(client, seeded):
    page = client.get(reverse("keywords:topic", args=["chanyedai"])).content.decode()
    assert "相关关键词" in page and 'href="/topics/zimaoqu/"' in page
    assert f'href="{reverse("articles:source", args=["虎嗅网"])}"' in page


def test_home_shows_trending_topics_and_latest_publications(client, seeded):
    from articles.models import Publication

    Publication.objects.create(kind="report", title="2020中国工业品B2B电商报告", is_published=True)
    page = client.get("/").content.decode()
    assert "热门关键词" in page and "近期 1 篇" in page
    assert "最新会刊与报告" in page and "2020中国工业品B2B电商报告" in page


def test_year_page_compares_its_keywords_in_one_chart_and_lists_top_articles(client, seeded):
    response = client.get(reverse("keywords:year", args=[2013]))
    page = response.content.decode()
    assert page.count("data-chart=") == 1 and 'data-chart="compare"' in page
    assert response.context["chart"]["terms"] == TEN_2013
    assert response.context["chart"]["axis"] == "2013年提及次数"
    assert response.context["chart"]["mentions"][0] == 8
    first = response.context["review"][0]
    assert first["monthly"][11] == 8 and sum(first["monthly"]) == 8  # 在线交易: 8 mentions, all in December
    assert [a.title for a in first["articles"]] == [TITLE]


def test_article_page_can_highlight_its_keywords(client, seeded):
    from articles.models import Article

    url = Article.objects.get().get_absolute_url()
    plain = client.get(url).content.decode()
    assert '<mark class="kw">' not in plain and "?highlight=1" in plain
    page = client.get(url, {"highlight": "1"}).content.decode()
    body = page[page.index('<div class="body">'):]
    assert body.count('<mark class="kw">P4P</mark>') == 5
    assert '<mark class="kw">跨境电商</mark>' in body
    assert '<mark class="kw">产业</mark>' not in body


def test_article_page_lists_related_articles(client, seeded):
    from articles.models import Article
    from articles.pipeline import article_process

    other = Article.objects.create(title="产业带与跨境电商", body="产业带企业做跨境电商。", is_published=True)
    article_process(article_id=other.pk)
    unrelated = Article.objects.create(title="无关", body="今天天气不错。", is_published=True)
    article_process(article_id=unrelated.pk)
    page = client.get(Article.objects.get(title=TITLE).get_absolute_url()).content.decode()
    assert "相关文章" in page and "产业带与跨境电商" in page and "无关</a>" not in page

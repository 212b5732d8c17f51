"""Search finds every article a reader means, and puts what an article is about first.

Runs on whichever database the suite runs on (SQLite by default, PostgreSQL with
DATABASE_URL), through the same `search_articles` the page, the API and the feed use.
"""
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from articles.pipeline import article_process
from articles.search import search_articles
from keywords.models import Topic
from keywords.topic_articles import shown_tags

pytestmark = pytest.mark.django_db
FILLER = "本刊讯，会议还讨论了其他事项，与会代表交流了经验，并就下一步工作进行了部署。"


def article(title, body, *, day=1):
    row = Article.objects.create(
        title=title, body=body, is_published=True, published_at=datetime(2015, 3, day, tzinfo=UTC)
    )
    article_process(article_id=row.pk)
    # These texts share filler on purpose; story grouping is not what is tested here.
    Article.objects.update(story=None, reprint_of=None)
    return row


def found(q, **kwargs):
    return [hit.article.title for hit in search_articles(q, per_page=100, **kwargs).hits]


@pytest.mark.parametrize("q", ["自贸区", "自由贸易试验区", "自贸试验区"])
def test_a_topic_is_found_by_any_of_its_names(q):
    article("上海自贸区扩区", "上海自贸区今年扩区。")
    article("天津获批", "天津自由贸易试验区获批设立。")
    assert sorted(found(q)) == ["上海自贸区扩区", "天津获批"]


def test_full_width_text_is_found_by_half_width_and_either_case():
    article("推广方式", "商家可以选择Ｐ４Ｐ推广。")
    for q in ("P4P", "p4p", "Ｐ４Ｐ"):
        assert found(q) == ["推广方式"], q


def test_traditional_characters_are_found_by_simplified_ones():
    article("港澳动态", "香港跨境電商發展迅速。")
    assert found("跨境电商") == ["港澳动态"]


@pytest.mark.parametrize(
    ("text", "q"),
    [("推动线上线下一体化发展。", "线上线下"), ("建设大数据分析平台。", "数据"), ("建设大数据分析平台。", "大数据")],
)
def test_a_word_inside_longer_words_is_found(text, q):
    article("一则消息", text)
    assert found(q) == ["一则消息"]


def test_a_title_match_ranks_above_a_mention_inside_a_longer_word():
    article("数据成为生产要素", "各地出台政策，规范数据交易。" + FILLER)
    article("园区动态", "园区引进大数据分析企业。" + FILLER)
    assert found("数据") == ["数据成为生产要素", "园区动态"]


def test_a_long_digest_does_not_outrank_the_story():
    article("今日要闻", "".join(f"第{n}条，{FILLER}" for n in range(60)) + "另有跨境电商试点扩大。" * 3)
    article("试点扩大", "跨境电商综合试验区再扩容。" + FILLER + "跨境电商企业受益，跨境电商出口增长。")
    assert found("跨境电商") == ["试点扩大", "今日要闻"]


def test_the_search_feed_lists_the_newest_match_first_and_always_includes_it(client):
    # More strong matches than a feed holds (50), all older than one passing mention.
    for n in range(55):
        article(f"跨境电商专题{n}", "跨境电商" * 5 + FILLER, day=1 + n % 27)
    newest = article("一句提及", FILLER * 5 + "顺带提到跨境电商。", day=28)
    feed = client.get(reverse("articles:search_feed_rss"), {"q": "跨境电商"}).content.decode()
    assert feed.index("<item>") < feed.index(f"/articles/{newest.pk}/") < feed.index("跨境电商专题")
    api = client.get("/api/search", {"q": "跨境电商", "sort": "newest"}).json()
    assert api["hits"][0]["article"]["title"] == "一句提及"


def test_the_page_and_the_api_give_the_same_order(client):
    article("跨境电商试点", "跨境电商" + FILLER)
    article("一句提及", FILLER * 3 + "跨境电商。")
    page = client.get(reverse("articles:search"), {"q": "跨境电商"}).context["results"].hits
    api = client.get("/api/search", {"q": "跨境电商"}).json()["hits"]
    assert [h.article.title for h in page] == [h["article"]["title"] for h in api] == ["跨境电商试点", "一句提及"]


def test_on_the_seeds_a_topic_finds_every_article_its_page_lists(import_seed):
    for name in ("000_d07dae022077f52e.txt", "004_38fb784fea1a796c.txt"):
        import_seed(name)
    Article.objects.update(is_published=True, story=None)
    topic = Topic.objects.get(term="线上线下结合")
    listed = set(shown_tags(topic).values_list("article__title", flat=True))
    assert len(listed) > 1 and listed <= set(found("线上线下结合"))
    assert "通过十大关键词，解读2013年中国B2B行业" in found("P4P")


def test_the_newest_order_is_taken_over_every_match():
    base = datetime(2015, 3, 1, tzinfo=UTC)
    for n in range(3):
        row = article(f"电商{n}", "电商" * (3 - n) + FILLER)
        Article.objects.filter(pk=row.pk).update(published_at=base + timedelta(days=n))
    assert found("电商", order="newest") == ["电商2", "电商1", "电商0"]

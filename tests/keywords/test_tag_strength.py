"""The strength of each tag reaches the database, the topic page, its feed and the API;
editors' not-phrases and re-tagging keep it current."""
from datetime import UTC, datetime

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article
from articles.pipeline import article_process
from keywords import services
from keywords.models import ArticleTopic, Topic, TopicNotPhrase

pytestmark = pytest.mark.django_db

FILLER = "平台上的中小企业越来越多，采购商通过网站寻找供应商，交易规模逐年扩大。"
ABOUT_BODY = "大数据正在改变B2B平台的营销。" + FILLER * 6 + "大数据让采购更准。"
OTHER = "本周多家物流公司发布了新的快递价格，仓储和配送成本继续下降，卖家的利润有所回升。"
MENTION_BODY = OTHER * 6 + "平台也开始研究大数据。"  # another story, not a reprint of ABOUT_BODY


def article(title: str, body: str, day: int) -> Article:
    row = Article.objects.create(
        title=title, body=body, is_published=True, published_at=datetime(2014, 3, day, tzinfo=UTC)
    )
    article_process(article_id=row.pk)
    return row


@pytest.fixture
def big_data():
    return Topic.objects.get(term="大数据")


@pytest.fixture
def two_articles(big_data):
    about = article("平台怎样用好数据", ABOUT_BODY, 1)
    mention = article("平台周报", MENTION_BODY, 2)  # newer, but only mentions the topic
    return about, mention


def test_analysing_an_article_stores_whether_it_is_about_a_topic_or_mentions_it(big_data, two_articles):
    about, mention = two_articles
    assert ArticleTopic.objects.get(article=about, topic=big_data).strength == ArticleTopic.Strength.ABOUT
    assert ArticleTopic.objects.get(article=mention, topic=big_data).strength == ArticleTopic.Strength.MENTIONS


def test_the_topic_page_lists_articles_about_it_first_and_counts_the_rest(client, big_data, two_articles):
    page = client.get(big_data.get_absolute_url()).content.decode()
    html = page[page.index('id="articles-heading"'):]
    assert "以“大数据”为主题 1 篇 · 另有 1 篇提及" in html
    assert html.index("平台怎样用好数据") < html.index("提及“大数据”的文章") < html.index("平台周报")


def test_the_topic_feed_puts_articles_about_it_first_and_says_how_many_mention_it(client, big_data, two_articles):
    feed = feedparser.parse(client.get(reverse("keywords:topic_feed_rss", args=[big_data.slug])).content)
    assert [e.title for e in feed.entries] == ["平台怎样用好数据", "平台周报"]
    assert "另有 1 篇提及" in feed.feed.description


def test_the_topic_chart_counts_articles_about_it(client, big_data, two_articles):
    chart = client.get(big_data.get_absolute_url()).context["chart"]
    assert chart["articles"] == [2] and chart["about"] == [1]


def test_the_api_lists_each_tag_with_its_strength_beside_the_topics(client, big_data, two_articles):
    about, mention = two_articles
    detail = client.get(f"/api/articles/{about.pk}").json()
    assert {"topic": big_data.slug, "strength": "about"} in detail["tags"]
    assert big_data.slug in detail["topics"]
    tags = client.get(f"/api/articles/{mention.pk}").json()["tags"]
    assert tags == [{"topic": big_data.slug, "strength": "mentions"}]


def test_links_made_before_strengths_say_mentions_until_the_retag(big_data, django_capture_on_commit_callbacks):
    row = Article.objects.create(title="大数据的一年", body=ABOUT_BODY, is_published=True)
    ArticleTopic.objects.create(article=row, topic=big_data, mentions=3)
    assert ArticleTopic.objects.get(article=row).strength == "mentions"
    with django_capture_on_commit_callbacks(execute=True):
        services.topics_retag_start(reason="strengths")
    assert ArticleTopic.objects.get(article=row, topic=big_data).strength == "about"


MEETING = "会议以线上线下结合的方式召开，来自各地的企业代表参加。" + FILLER * 3


def test_a_not_phrase_an_editor_adds_in_the_admin_untags_at_the_retag(admin_client,
                                                                       django_capture_on_commit_callbacks):
    topic = Topic.objects.get(term="线上线下结合")
    meeting = article("行业年会召开", MEETING, 3)
    assert ArticleTopic.objects.filter(article=meeting, topic=topic).exists()
    aliases = list(topic.aliases.all())
    data = {
        "term": topic.term, "slug": topic.slug, "description": topic.description,
        "aliases-TOTAL_FORMS": len(aliases), "aliases-INITIAL_FORMS": len(aliases),
        "aliases-MIN_NUM_FORMS": 0, "aliases-MAX_NUM_FORMS": 1000,
        "not_phrases-TOTAL_FORMS": 1, "not_phrases-INITIAL_FORMS": 0,
        "not_phrases-MIN_NUM_FORMS": 0, "not_phrases-MAX_NUM_FORMS": 1000,
        "not_phrases-0-text": "线上线下结合的方式", "not_phrases-0-topic": topic.pk,
    }
    for i, alias in enumerate(aliases):
        data |= {f"aliases-{i}-id": alias.pk, f"aliases-{i}-text": alias.text, f"aliases-{i}-topic": topic.pk}
    url = reverse("admin:keywords_topic_change", args=[topic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data, follow=True)
    assert response.status_code == 200 and "重新标注" in response.content.decode()
    assert TopicNotPhrase.objects.filter(topic=topic, text="线上线下结合的方式").exists()
    assert not ArticleTopic.objects.filter(article=meeting, topic=topic).exists()

"""A topic's list read in two runs (about, then mentions) gives, slice by slice, the order
and the counts of ordering every tag at once, each story once."""
from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import F

from articles.models import Article, Story
from keywords.models import ArticleTopic, Topic
from keywords.selectors import ABOUT_FIRST
from keywords.summaries import summaries_sync
from keywords.timeline import topic_timeline
from keywords.topic_articles import TopicArticles, shown_tags, topic_strength_counts

pytestmark = pytest.mark.django_db
ABOUT, MENTIONS = ArticleTopic.Strength.ABOUT, ArticleTopic.Strength.MENTIONS


@pytest.fixture
def topic():
    topic = Topic.objects.create(term="测试主题", slug="ceshi-zhuti")
    start = datetime(2015, 1, 1, tzinfo=UTC)
    articles = []
    for n in range(12):
        article = Article.objects.create(title=f"文章{n}", body="正文", is_published=n != 5,
                                         published_at=None if n == 7 else start + timedelta(days=n % 4))
        ArticleTopic.objects.create(article=article, topic=topic, mentions=1, title_mentions=0, in_title=False,
                                    score=(n * 7) % 5 / 10, strength=ABOUT if n % 3 == 0 else MENTIONS)
        articles.append(article)
    # A story of three: its main article is listed, the two others are not.
    story = Story.objects.create(main=articles[0])
    members = [articles[0].pk, articles[3].pk, articles[4].pk]
    Article.objects.filter(pk__in=members).update(story=story)
    summaries_sync(article_ids=members)  # as grouping does after moving articles into a story
    return topic


def every_tag_at_once(topic, order):
    by = {"date": (ABOUT_FIRST, F("article__published_at").desc(nulls_last=True), "-article_id"),
          "relevance": (ABOUT_FIRST, "-score", F("article__published_at").desc(nulls_last=True), "-article_id")}
    return list(shown_tags(topic).order_by(*by[order]).values_list("article_id", flat=True))


@pytest.mark.parametrize("order", ["date", "relevance"])
def test_every_slice_is_the_slice_of_one_ordering_of_every_tag(topic, order):
    expected = every_tag_at_once(topic, order)
    listed = TopicArticles(topic, order)
    assert len(listed) == len(expected) == 9  # 12, less one unpublished and two hidden by their story
    for start in range(len(expected)):
        for stop in range(start, len(expected) + 2):
            assert [a.pk for a in listed[start:stop]] == expected[start:stop]


def test_the_counts_are_the_kept_totals_less_what_stories_hide(topic):
    about = shown_tags(topic).filter(strength=ABOUT).count()
    assert topic_strength_counts(topic) == {"about": about, "mentions": shown_tags(topic).count() - about}
    assert about == 3  # 0, 6, 9: 3 is hidden by the story, 5 unpublished (12 tags, every third about)


def test_each_article_says_whether_it_is_about_the_topic(topic):
    assert [a.is_about for a in TopicArticles(topic)[:4]] == [True, True, True, False]


def test_a_topic_timeline_keeps_the_order_of_reading_every_event_when_the_limit_cuts_a_day(topic):
    from keywords.models import TimelineEvent

    day = datetime(2014, 6, 1).date()
    articles = list(Article.objects.filter(is_published=True).order_by("pk"))
    for position, article in enumerate(articles):
        event = TimelineEvent.objects.create(
            article=article, sentence=f"事件{position}", date_text="2014年6月", year=2014,
            happened_on=day + timedelta(days=position // 4), precision=TimelineEvent.Precision.DAY,
            key=f"k{position}", position=position % 2,
        )
        event.topics.add(topic)
    everything = [e.sentence for e in topic_timeline(topic, limit=100)["happened"]]
    assert [e.sentence for e in topic_timeline(topic, limit=6)["happened"]] == everything[:6]


def test_a_years_best_articles_are_its_about_ones_first_then_the_most_relevant_of_that_year(topic):
    from keywords.selectors import _best_of_year

    in_2015 = shown_tags(topic).filter(article__published_at__year=2015)
    expected = list(in_2015.order_by("strength", "-score", "-article_id").values_list("article_id", flat=True)[:3])
    assert [a.pk for a in _best_of_year([topic.pk], 2015, 3)[topic.pk]] == expected
    assert [a.is_published for a in Article.objects.filter(pk__in=expected)] == [True] * 3
    assert _best_of_year([topic.pk], 2016, 3) == {}

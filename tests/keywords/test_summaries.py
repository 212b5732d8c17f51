"""The topic counts kept as articles change equal the counts rebuilt from scratch, and
both equal what the tag table says, whatever door the changes came through."""
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from articles.models import Article, Publication, Source, Story
from articles.pipeline import article_process
from articles.review import publication_publish
from articles.story_members import articles_delete
from keywords.models import ArticleTopic, Topic, TopicCount, TopicDayCount
from keywords.summaries import summaries_rebuild
from keywords.topic_articles import shown_tags

pytestmark = pytest.mark.django_db

CROSS = "跨境电商的出口订单继续增长，跨境电商平台纷纷扩张。"
DATA = "大数据帮助企业找到买家，大数据分析成为新的服务。"
BOTH = "跨境电商和大数据一起改变外贸。"
BELT = "产业带的工厂开始做跨境电商，产业带升级。"


def analysed(title: str, body: str, when: datetime | None, *, published: bool = True, **fields) -> Article:
    article = Article.objects.create(title=title, body=body, published_at=when, is_published=published, **fields)
    article_process(article_id=article.pk)
    return article


def tables() -> tuple[set, set]:
    totals = set(TopicCount.objects.values_list("topic_id", "about", "articles", "mentions", "shown", "shown_about"))
    days = set(TopicDayCount.objects.values_list("topic_id", "day", "about", "articles", "mentions"))
    return totals, days


def from_tags() -> set:
    """The totals as the pages used to count them: over the tag table, per request."""
    published = Q(article_tags__article__is_published=True)
    about = published & Q(article_tags__strength=ArticleTopic.Strength.ABOUT)
    rows = Topic.objects.annotate(
        about=Count("article_tags", filter=about), articles=Count("article_tags", filter=published),
        mentions=Sum("article_tags__mentions", filter=published),
    ).filter(articles__gt=0)
    return {(t.pk, t.about, t.articles, t.mentions) for t in rows}


def as_listed() -> set:
    """The totals the topic's lists count: each story once (keywords.topic_articles)."""
    rows = set()
    for topic in Topic.objects.filter(count__isnull=False):
        tags = shown_tags(topic)
        rows.add((topic.pk, tags.count(), tags.filter(strength=ArticleTopic.Strength.ABOUT).count()))
    return rows


def changes_through_every_door() -> None:
    """Analysed, published, taken down, re-dated, re-tagged, tag edited, issue published
    and taken down, deleted one by one and with its issue."""
    may, june = datetime(2015, 5, 3, tzinfo=UTC), datetime(2015, 6, 20, tzinfo=UTC)
    first = analysed("跨境电商周报", CROSS * 3, may)
    second = analysed("数据观察", DATA * 3, may)
    analysed("外贸新动向", BOTH * 2, june)
    analysed("没有日期的文章", CROSS, None)
    hidden = analysed("待审核", DATA, june, published=False)

    hidden.is_published = True  # published in the admin
    hidden.save()
    second.is_published = False  # taken down
    second.save()
    first.published_at = datetime(2014, 12, 31, 17, tzinfo=UTC)  # re-dated: 2015-01-01 in China
    first.save()
    first.body = DATA * 2  # re-tagged by a new analysis: no longer about 跨境电商
    first.save()
    article_process(article_id=first.pk)
    tag = ArticleTopic.objects.filter(article=hidden).first()
    tag.mentions += 5  # corrected in the admin
    tag.save()

    source = Source.objects.create(name="协会", slug="xiehui", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="会刊", source=source)
    items = [analysed(f"会刊第{n}篇", CROSS, june, published=False, publication=issue, position=n) for n in range(3)]
    publication_publish(publication=issue)
    publication_publish(publication=issue, published=False)
    publication_publish(publication=issue)
    items[0].delete()
    analysed("将被删除", BOTH, may).delete()
    belt = analysed("产业带", BELT * 2, may)
    Topic.objects.get(term="产业带").delete()  # its rows go with it; contributions naming it are skipped
    belt.is_published = False
    belt.save()
    analysed("删除后", CROSS, june)


def test_counts_kept_through_every_door_equal_a_rebuild_and_the_tags():
    changes_through_every_door()
    kept = tables()
    assert {row[:4] for row in kept[0]} == from_tags()
    assert {(row[0], *row[4:]) for row in kept[0]} == as_listed()
    assert TopicCount.objects.get(topic__term="跨境电商").articles == 6  # 3 items, 外贸, undated, 删除后

    summaries_rebuild()
    assert tables() == kept


def test_the_lists_counts_follow_the_stories_that_hide_reprints():
    """Reprints join a story and leave the topic's list; the count says so at once, and
    again when the main article goes and the story dissolves or an issue comes and goes."""
    may = datetime(2015, 5, 3, tzinfo=UTC)
    original = analysed("跨境电商订单增长", CROSS * 3, may, outlet="甲报")
    reprint = analysed("跨境电商订单增长", CROSS * 3, may, outlet="乙网")
    analysed("外贸新动向", BOTH * 2, may)
    assert Article.objects.get(pk=reprint.pk).story_id == Article.objects.get(pk=original.pk).story_id is not None
    cross = TopicCount.objects.get(topic__term="跨境电商")
    assert (cross.articles, cross.shown) == (3, 2)
    assert {(row[0], *row[4:]) for row in tables()[0]} == as_listed()

    source = Source.objects.create(name="协会", slug="xiehui", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="会刊", source=source)
    analysed("跨境电商订单增长", CROSS * 3, may, published=False, publication=issue, position=1)
    publication_publish(publication=issue)
    assert {(row[0], *row[4:]) for row in tables()[0]} == as_listed()
    publication_publish(publication=issue, published=False)
    assert {(row[0], *row[4:]) for row in tables()[0]} == as_listed()

    articles_delete(articles=Article.objects.filter(pk=Story.objects.get().main_id))
    cross.refresh_from_db()
    assert (cross.articles, cross.shown) == (2, 2)  # the story dissolved: the reprint is listed
    assert {(row[0], *row[4:]) for row in tables()[0]} == as_listed()
    kept = tables()
    summaries_rebuild()
    assert tables() == kept


def test_a_day_is_chinas_date_and_counts_about_and_mentions_apart():
    analysed("跨境电商", CROSS * 3, datetime(2014, 12, 31, 17, tzinfo=UTC))
    analysed("数据周报", DATA * 8 + "也有跨境电商。", datetime(2015, 1, 1, 2, tzinfo=UTC))
    topic = Topic.objects.get(term="跨境电商")
    rows = list(TopicDayCount.objects.filter(topic=topic).values_list("day", "about", "articles"))
    assert rows == [(datetime(2015, 1, 1).date(), 1, 2)]


def test_taking_everything_down_leaves_no_rows():
    article = analysed("跨境电商", CROSS * 3, datetime(2015, 5, 3, tzinfo=UTC))
    assert TopicDayCount.objects.exists()
    article.is_published = False
    article.save()
    assert tables() == (set(), set())


def test_the_command_rebuilds_counts_lost_meanwhile():
    analysed("跨境电商", CROSS * 3, datetime(2015, 5, 3, tzinfo=UTC))
    kept = tables()
    TopicDayCount.objects.all().delete()
    call_command("rebuild_summaries", stdout=open("/dev/null", "w"))
    assert tables() == kept

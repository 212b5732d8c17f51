"""Growing an archive by copies (`generate_corpus --replicate-to`): each copy carries its
original's analysis under a new id, date and source, with every derived row, and the
counts and search columns stay what they would be had the copies been analysed."""
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article, Source, Story
from articles.pipeline import article_process
from articles.replicate import replicate_to
from articles.search import pg_schema
from keywords.models import TimelineEvent, TopicCount, TopicDayCount
from keywords.summaries import summaries_rebuild

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the copies are made in PostgreSQL's SQL"),
]

CROSS = "2014年3月，跨境电商的出口订单继续增长，跨境电商平台纷纷扩张。"
DATA = "2015年6月，大数据帮助企业找到买家，大数据分析成为新的服务。"


@pytest.fixture
def archive(keywords_2013):
    one = Source.objects.create(name="亿邦动力网", slug="ebrun")
    two = Source.objects.create(name="网经社", slug="100ec")
    articles = []
    for title, body, when, source in (("跨境电商周报", CROSS * 3, datetime(2014, 3, 5, tzinfo=UTC), one),
                                      ("数据观察", DATA * 3, datetime(2015, 6, 20, tzinfo=UTC), two),
                                      ("转载：跨境电商周报", CROSS * 3, datetime(2014, 3, 6, tzinfo=UTC), two)):
        article = Article.objects.create(title=title, body=body, published_at=when, source=source, is_published=True)
        article_process(article_id=article.pk)
        articles.append(article)
    main, _, reprint = articles
    story = Story.objects.create(main=main)
    Article.objects.filter(pk__in=[main.pk, reprint.pk]).update(story=story)
    Article.objects.filter(pk=reprint.pk).update(reprint_of=main)
    return articles


def tag_rows(article_id: int) -> list[tuple]:
    article = Article.objects.get(pk=article_id)
    return sorted(article.topic_tags.values_list("topic_id", "strength", "mentions", "score"))


def event_rows(article_id: int) -> list[tuple]:
    events = TimelineEvent.objects.filter(article_id=article_id).order_by("position")
    return [(e.sentence, e.happened_on, e.key, e.topic_count, sorted(e.topics.values_list("pk", flat=True)))
            for e in events]


def copies_of(original: Article) -> list[Article]:
    return list(Article.objects.filter(title=original.title).exclude(pk=original.pk).order_by("pk"))


def test_the_archive_grows_to_the_size_asked_in_rounds_of_copies(archive):
    assert replicate_to(8) == 8
    assert Article.objects.count() == 8
    assert [len(copies_of(a)) for a in archive] == [2, 2, 1]  # two whole rounds, then the first of a third


def test_a_copy_has_its_originals_tags_and_events_under_a_new_id_date_and_source(archive):
    replicate_to(6)
    for original in archive:
        (copy,) = copies_of(original)
        assert copy.body == original.body and copy.is_published
        assert tag_rows(copy.pk) == tag_rows(original.pk) != []
        assert event_rows(copy.pk) == event_rows(original.pk) != []
        assert copy.source_id != original.source_id
        assert copy.published_at != original.published_at
        first, last = archive[0].published_at, archive[1].published_at
        assert first <= copy.published_at <= last  # wrapped into the archive's own span


def test_a_copied_story_is_a_new_story_of_the_copies(archive):
    replicate_to(6)
    main, _, reprint = archive
    (main_copy,), (reprint_copy,) = copies_of(main), copies_of(reprint)
    assert main_copy.story_id and main_copy.story_id not in (main.story_id, None)
    assert reprint_copy.story_id == main_copy.story_id
    assert main_copy.story.main_id == main_copy.pk
    assert reprint_copy.reprint_of_id == main_copy.pk


TOTALS = ("topic_id", "about", "articles", "mentions", "shown", "shown_about")


def test_the_kept_counts_equal_a_rebuild_after_copying(archive):
    replicate_to(9)
    kept = (set(TopicCount.objects.values_list(*TOTALS)),
            set(TopicDayCount.objects.values_list("topic_id", "day", "about", "articles", "mentions")))
    summaries_rebuild()
    rebuilt = (set(TopicCount.objects.values_list(*TOTALS)),
               set(TopicDayCount.objects.values_list("topic_id", "day", "about", "articles", "mentions")))
    assert kept == rebuilt
    cross = TopicCount.objects.get(topic__term="跨境电商")
    assert cross.articles == 3 * 2  # two tagged originals, each copied twice


def test_copies_are_found_by_search_with_the_vectors_the_trigger_would_write(archive):
    replicate_to(6)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, {pg_schema.DOCUMENT}::text, {pg_schema.HEAD}::text FROM articles_article")
        copied = {row[0]: [row[1], row[2]] for row in cursor.fetchall()}
        cursor.execute("UPDATE articles_article SET search_body = search_body")  # the trigger writes them again
        cursor.execute(f"SELECT id, {pg_schema.DOCUMENT}::text, {pg_schema.HEAD}::text FROM articles_article")
        rewritten = {row[0]: [row[1], row[2]] for row in cursor.fetchall()}
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'articles_article'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert copied == rewritten
    assert {pg_schema.DOCUMENT_INDEX, pg_schema.HEAD_INDEX} <= indexes


def test_the_command_copies_and_says_how_many(archive, capsys):
    call_command("generate_corpus", articles=0, replicate_to=4)
    assert Article.objects.count() == 4
    assert "4 articles in the database" in capsys.readouterr().out

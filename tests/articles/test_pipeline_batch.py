"""A batch of articles through the pipeline stores exactly what one article at a time stores:
tags, organisations, events, search columns, reprints, stories, story words and the topic
counts; and a re-tag that changes nothing for an article writes nothing for it."""
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles import pipeline_batch
from articles.models import Article, ArticleBand, Source, Story, StoryWord
from articles.pipeline import StepFailed, article_process
from articles.pipeline_batch import ARTICLES_PER_TASK, articles_process
from articles.synthetic import ArchiveBuilder, sentence_pool
from keywords.models import ArticleCounted, ArticleOrganisation, ArticleTopic, TimelineEvent, TopicCount, TopicDayCount

pytestmark = pytest.mark.django_db

ARTICLES = 240
START = datetime(2015, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def planned():
    seeds = Path(settings.SEEDS_DIR)
    if not seeds.is_dir():
        pytest.skip(f"sample documents {seeds} are not here")
    sentences, titles = sentence_pool(seeds, seeds.parent / "corpus")
    return ArchiveBuilder(sentences, titles, seed=15).plan(ARTICLES).articles[:ARTICLES]


def store(planned) -> list[int]:
    """The planned articles, unanalysed, their dates squeezed into a few weeks so that the
    story grouping finds candidates (the plan spreads them over nine years)."""
    source, _ = Source.objects.get_or_create(name="测试来源", defaults={"slug": "test-source"})
    rows = Article.objects.bulk_create(
        Article(title=a.title, body=a.body, source=source, outlet=a.outlet, is_published=True,
                published_at=START + timedelta(hours=(n * 7) % (24 * 40)))
        for n, a in enumerate(planned)
    )
    return [row.pk for row in rows]


def derived(ids: list[int]) -> dict:
    """Every row the pipeline derives for these articles, with ids replaced by positions."""
    at = {pk: n for n, pk in enumerate(ids)}
    articles = Article.objects.filter(pk__in=ids).order_by("pk").values(
        "pk", "search_title", "search_body", "search_title_grams", "search_lead", "search_body_grams",
        "content_hash", "minhash", "reprint_of_id", "story_id", "analysis_attempts", "analysed_at")
    rows, stories = [], {}
    for a in articles:
        stories.setdefault(a["story_id"], set()).add(at[a["pk"]])
        rows.append((at[a["pk"]], a["search_title"], a["search_body"], a["search_title_grams"], a["search_lead"],
                     a["search_body_grams"], a["content_hash"], bytes(a["minhash"] or b""),
                     at.get(a["reprint_of_id"]), a["analysis_attempts"], a["analysed_at"] is not None))
    mains = {s.pk: at[s.main_id] for s in Story.objects.all()}
    events = TimelineEvent.objects.filter(article_id__in=ids).prefetch_related("topics", "organisations")
    out = {
        "articles": rows,
        "stories": sorted((sorted(members), mains[pk]) for pk, members in stories.items() if pk is not None),
        "tags": sorted((at[t.article_id], t.topic_id, t.mentions, t.title_mentions, t.in_title, t.score, t.strength)
                       for t in ArticleTopic.objects.filter(article_id__in=ids)),
        "organisations": sorted((at[o.article_id], o.organisation_id, o.mentions)
                                for o in ArticleOrganisation.objects.filter(article_id__in=ids)),
        "events": sorted((at[e.article_id], e.position, e.sentence, e.date_text, e.happened_on, e.precision,
                          e.is_forecast, e.key, e.topic_count, e.year, sorted(t.pk for t in e.topics.all()),
                          sorted(o.pk for o in e.organisations.all())) for e in events),
        "bands": sorted((at[b.article_id], b.band, b.value) for b in ArticleBand.objects.filter(article_id__in=ids)),
        "story_words": sorted((at[w.article_id], w.word, w.published_at)
                              for w in StoryWord.objects.filter(article_id__in=ids)),
        "counted": sorted((at[c.article_id], sorted(map(tuple, c.rows)))
                          for c in ArticleCounted.objects.filter(article_id__in=ids)),
        "topic_counts": sorted(TopicCount.objects.values_list("topic_id", "about", "articles", "mentions", "shown",
                                                              "shown_about")),
        "topic_day_counts": sorted(TopicDayCount.objects.values_list("topic_id", "day", "about", "articles",
                                                                     "mentions")),
    }
    if connection.vendor == "postgresql":  # the stored vectors the trigger makes from the columns
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, search_document::text, search_head::text FROM articles_article "
                           "WHERE id = ANY(%s)", [ids])
            out["vectors"] = sorted((at[pk], document, head) for pk, document, head in cursor.fetchall())
    return out


def batches(ids: list[int]):
    return [ids[start:start + ARTICLES_PER_TASK] for start in range(0, len(ids), ARTICLES_PER_TASK)]


def test_a_batch_stores_what_one_article_at_a_time_stores(planned):
    one_by_one = store(planned)
    for article_id in one_by_one:
        article_process(article_id=article_id)
    expected = derived(one_by_one)
    assert expected["stories"] and expected["events"] and expected["tags"]  # the comparison compares something
    assert any(row[8] is not None for row in expected["articles"])  # reprints too

    Article.objects.filter(pk__in=one_by_one).delete()  # and all they left, for a clean start
    for model in (Story, ArticleCounted, TopicCount, TopicDayCount):
        model.objects.all().delete()
    batched = store(planned)
    for batch in batches(batched):
        articles_process(article_ids=batch)

    assert derived(batched) == expected


def test_a_retag_that_changes_nothing_writes_nothing(planned, django_assert_max_num_queries):
    ids = store(planned[:ARTICLES_PER_TASK])
    articles_process(article_ids=ids)
    before = derived(ids)
    analysed = list(Article.objects.filter(pk__in=ids).order_by("pk").values_list("analysed_at", "updated_at"))
    tag_ids = sorted(ArticleTopic.objects.filter(article_id__in=ids).values_list("pk", flat=True))
    event_ids = sorted(TimelineEvent.objects.filter(article_id__in=ids).values_list("pk", flat=True))

    with django_assert_max_num_queries(16):  # reads, the lock, and no write
        runs = articles_process(article_ids=ids, retag=True)

    assert len(runs) == len(ids) and all("grouping" not in run.saved for run in runs)
    assert derived(ids) == before
    assert list(Article.objects.filter(pk__in=ids).order_by("pk").values_list("analysed_at", "updated_at")) == analysed
    assert sorted(ArticleTopic.objects.filter(article_id__in=ids).values_list("pk", flat=True)) == tag_ids
    assert sorted(TimelineEvent.objects.filter(article_id__in=ids).values_list("pk", flat=True)) == event_ids


def test_an_article_given_up_on_is_left_out_of_its_batch(planned, settings):
    ids = store(planned[:3])
    Article.objects.filter(pk=ids[1]).update(analysis_attempts=settings.RECOVERY_MAX_ATTEMPTS)

    runs = articles_process(article_ids=ids)

    assert [run.article.pk for run in runs] == [ids[0], ids[2]]
    assert Article.objects.get(pk=ids[1]).analysed_at is None
    assert not ArticleTopic.objects.filter(article_id=ids[1]).exists()


def test_an_article_whose_grouping_fails_keeps_its_tags_and_search_columns_together(monkeypatch):
    ids = [Article.objects.create(title=f"大数据的第{n}种用途", body=f"第{n}家企业用大数据让采购更准。" * 5,
                                  published_at=START, is_published=True).pk for n in range(3)]
    grouped = pipeline_batch.article_group

    def failing_for_the_second(*, article_id, **kwargs):
        if article_id == ids[1]:
            raise RuntimeError("锁等待超时")
        return grouped(article_id=article_id, **kwargs)

    monkeypatch.setattr(pipeline_batch, "article_group", failing_for_the_second)
    with pytest.raises(StepFailed, match="归入事件失败：RuntimeError: 锁等待超时"):
        articles_process(article_ids=ids)

    failed = Article.objects.get(pk=ids[1])
    # The batch left its search columns to grouping's UPDATE; they are written all the same,
    # as its tags were: both come from one cut.
    assert failed.search_title and failed.search_body
    assert ArticleTopic.objects.filter(article=failed).exists()
    # Not grouped, not findable by later articles' grouping, and due for the sweep.
    assert (failed.content_hash, failed.story_id) == ("", None)
    assert not ArticleBand.objects.filter(article=failed).exists()
    assert failed.analysed_at is None and failed.analysis_attempts == 1
    others = Article.objects.filter(pk__in=[ids[0], ids[2]])
    assert all(a.analysed_at and a.search_body and a.content_hash for a in others)

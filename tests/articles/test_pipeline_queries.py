"""One article's run through the pipeline costs a bounded number of statements, whatever
the number of its events, organisations and topics or the size of the archive: one round
trip per table, not per row (tests/web/test_query_counts.py does the same for pages)."""
from datetime import UTC, datetime

import pytest

from articles.models import Article
from articles.pipeline import article_process
from keywords.dictionary import current_vocabulary
from keywords.models import Organisation, TimelineEvent

pytestmark = pytest.mark.django_db

BODY = ("2013年3月，阿里巴巴与慧聪网在跨境电商和互联网金融上合作。2014年，京东发布大数据平台，"
        "产业带企业上线。去年，敦煌网的在线交易增长。") * 3
# measured on 2026-11-30 on SQLite (savepoints counted): 40, 20, and 45, 26 once the topic
# counts are kept per change (keywords/summaries.py); with one statement of margin; one more
# (47) once the analysis reads the rows it replaces, so that an unchanged article writes none;
# 52 once a story's rebuild syncs its members' part of the topic totals (keywords/summaries.py:
# whom the story hides), in a few statements whatever the story's size.
# Grouping holds most of them: here every article reprints the others, one story of 31.
BOUND_NEW, BOUND_RETAG = 53, 27


@pytest.fixture
def archive():
    for name in ("阿里巴巴", "慧聪网", "京东", "敦煌网"):
        Organisation.objects.get_or_create(name=name)
    start = datetime(2013, 1, 1, tzinfo=UTC)
    for n in range(30):
        other = Article.objects.create(title=f"第{n}篇跨境电商", body=BODY, published_at=start, is_published=True)
        article_process(article_id=other.pk)
    current_vocabulary()  # built once per process, as in a worker that has run before


def test_a_new_article_runs_in_a_bounded_number_of_statements(archive, django_assert_max_num_queries):
    article = Article.objects.create(title="跨境电商的新变化", body=BODY, published_at=datetime(2013, 3, 2, tzinfo=UTC))
    with django_assert_max_num_queries(BOUND_NEW):
        run = article_process(article_id=article.pk)
    assert run.saved == ["analysis", "index", "grouping"]
    assert TimelineEvent.objects.filter(article=article).count() >= 6  # many rows, few statements


def test_a_retagged_article_runs_in_fewer(archive, django_assert_max_num_queries):
    article = Article.objects.filter(title="第0篇跨境电商").get()
    with django_assert_max_num_queries(BOUND_RETAG):
        run = article_process(article_id=article.pk, retag=True)
    assert run.saved == ["analysis", "index"]

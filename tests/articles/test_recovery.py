"""Work the broker lost is found in the database and done once: the recovery sweep,
idempotent tasks and counted attempts."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from articles import services
from articles.models import Article, Document
from articles.pipeline import article_process, document_process
from articles.recovery import recovery_sweep
from keywords.models import ArticleOrganisation, ArticleTopic, TimelineEvent

pytestmark = pytest.mark.django_db

LONG_AGO = timedelta(days=1)


def article_bytes(n: int) -> bytes:
    return (
        f"---\ntitle: 跨境电商第{n}篇报道\nurl: https://example.com/news/{n}\ntime: 2013-12-{n % 28 + 1:02d} 10:00\n"
        f"name: 测试媒体\n---\n2013年跨境电商与产业带继续发展，第{n}篇报道称，大数据和互联网金融进入B2B平台。\n"
    ).encode()


@pytest.fixture
def lost(django_capture_on_commit_callbacks):
    """Store a document whose parse message is lost (never delivered), queued a day ago."""

    def run(n: int = 1, **fields) -> Document:
        with django_capture_on_commit_callbacks(execute=False):
            document, _ = services.document_create(data=article_bytes(n), filename=f"{n}.txt")
        Document.objects.filter(pk=document.pk).update(parse_queued_at=timezone.now() - LONG_AGO, **fields)
        return document

    return run


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return recovery_sweep()

    return run


def test_a_document_whose_message_was_lost_is_queued_again_and_parsed(lost, sweep):
    document = lost()
    result = sweep()
    document.refresh_from_db()
    assert result.documents_requeued == 1
    assert document.status == Document.Status.PARSED
    article = Article.objects.get(document=document)
    assert article.analysed_at is not None
    assert ArticleTopic.objects.filter(article=article, topic__term="跨境电商").exists()


def test_a_document_received_moments_ago_is_left_to_its_message(lost, sweep):
    document = lost()
    Document.objects.filter(pk=document.pk).update(parse_queued_at=timezone.now())
    assert sweep().documents_requeued == 0
    document.refresh_from_db()
    assert document.status == Document.Status.RECEIVED


def test_a_document_parsing_past_the_task_time_limit_is_queued_again(lost, sweep):
    document = lost(status=Document.Status.PARSING, parse_attempts=1)
    assert sweep().documents_requeued == 1
    document.refresh_from_db()
    assert document.status == Document.Status.PARSED
    assert document.parse_attempts == 2


def test_a_document_parsing_within_the_time_limit_is_left_alone(lost, sweep):
    document = lost(status=Document.Status.PARSING, parse_attempts=1)
    recently = timezone.now() - timedelta(seconds=settings.RECOVERY_PARSING_GRACE_SECONDS - 30)
    Document.objects.filter(pk=document.pk).update(parse_queued_at=recently)
    assert sweep().documents_requeued == 0
    document.refresh_from_db()
    assert document.status == Document.Status.PARSING


def test_a_document_that_never_finishes_parsing_ends_failed_with_a_message(lost, sweep):
    attempts = settings.RECOVERY_MAX_ATTEMPTS
    document = lost(status=Document.Status.PARSING, parse_attempts=attempts)
    result = sweep()
    document.refresh_from_db()
    assert (result.documents_requeued, result.documents_failed) == (0, 1)
    assert document.status == Document.Status.FAILED
    assert f"已尝试解析 {attempts} 次" in document.error and "重新解析" in document.error
    assert not Article.objects.filter(document=document).exists()


def test_a_redelivered_parse_after_too_many_attempts_fails_instead_of_looping(lost):
    # A document that kills its worker comes back by redelivery, not by the sweep.
    document = lost(status=Document.Status.PARSING, parse_attempts=settings.RECOVERY_MAX_ATTEMPTS)
    document_process(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == Document.Status.FAILED
    assert not Article.objects.filter(document=document).exists()


def test_parsing_a_parsed_document_again_changes_nothing(import_seed):
    document = import_seed()
    before = list(Article.objects.filter(document=document).values_list("pk", "title"))
    document_process(document_id=document.pk)
    document.refresh_from_db()
    assert list(Article.objects.filter(document=document).values_list("pk", "title")) == before
    assert (document.status, document.parse_attempts) == (Document.Status.PARSED, 1)


def test_an_article_whose_analysis_was_lost_is_analysed_by_the_sweep(lost, sweep, django_capture_on_commit_callbacks):
    document = lost()
    with django_capture_on_commit_callbacks(execute=False):  # the analysis messages are lost
        document_process(document_id=document.pk)
    article = Article.objects.get(document=document)
    assert article.analysed_at is None
    Article.objects.filter(pk=article.pk).update(analysis_queued_at=timezone.now() - LONG_AGO)
    assert sweep().articles_requeued == 1
    article.refresh_from_db()
    assert article.analysed_at is not None and article.analysis_attempts == 0
    assert article.search_body
    assert sweep().articles_requeued == 0


def test_an_article_whose_analysis_never_finishes_is_not_queued_forever(
    lost, sweep, django_capture_on_commit_callbacks
):
    document = lost()
    with django_capture_on_commit_callbacks(execute=False):
        document_process(document_id=document.pk)
    article = Article.objects.get(document=document)
    Article.objects.filter(pk=article.pk).update(
        analysis_queued_at=timezone.now() - LONG_AGO, analysis_attempts=settings.RECOVERY_MAX_ATTEMPTS
    )
    assert sweep().articles_requeued == 0
    assert article_process(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.analysed_at is None


def test_analysing_an_article_twice_gives_the_same_rows(import_seed):
    import_seed()
    article = Article.objects.get()

    def rows():
        return (
            sorted(ArticleTopic.objects.filter(article=article).values_list("topic_id", "mentions", "score")),
            sorted(ArticleOrganisation.objects.filter(article=article).values_list("organisation_id", "mentions")),
            sorted(TimelineEvent.objects.filter(article=article).values_list("sentence", "happened_on", "key")),
            Article.objects.filter(pk=article.pk).values_list("search_body", "content_hash", "story_id").get(),
        )

    first = rows()
    assert first[0] and first[2]
    article_process(article_id=article.pk)
    assert rows() == first


def test_uploading_a_stuck_document_again_queues_it(lost, django_capture_on_commit_callbacks):
    document = lost(status=Document.Status.PARSING, parse_attempts=2)
    with django_capture_on_commit_callbacks(execute=True):
        again, created = services.document_create(data=article_bytes(1), filename="again.txt")
    assert (again.pk, created, again.parse_queued) == (document.pk, False, True)
    document.refresh_from_db()
    assert document.status == Document.Status.PARSED
    assert document.parse_attempts == 1  # an editor's new request starts the count again
    assert Article.objects.filter(document=document).count() == 1


def test_uploading_a_parsed_document_again_queues_nothing(import_seed):
    document = import_seed()
    again, created = services.document_create(data=bytes(document.content), filename="again.txt")
    assert (created, getattr(again, "parse_queued", None)) == (False, None)


def test_articles_waiting_behind_a_backlog_are_not_queued_twice(
    lost, sweep, django_capture_on_commit_callbacks, settings
):
    import uuid

    from b2bwatch.celery import app as celery_app

    document = lost()
    with django_capture_on_commit_callbacks(execute=False):
        document_process(document_id=document.pk)
    Article.objects.update(analysis_queued_at=timezone.now() - LONG_AGO)
    settings.RECOVERY_BACKLOG = 1
    previous, celery_app.conf.task_default_queue = celery_app.conf.task_default_queue, f"backlog-{uuid.uuid4().hex}"
    try:
        with celery_app.connection_for_write() as connection:
            waiting = connection.SimpleQueue(celery_app.conf.task_default_queue)
            waiting.put({"a": "task"})
            assert sweep().articles_requeued == 0
            waiting.queue.delete()
            waiting.close()
        assert sweep().articles_requeued == 1
    finally:
        celery_app.conf.task_default_queue = previous

"""Retrying a failed parse job is a re-parse, so it asks what 重新解析 asks: a document
published since its job failed is re-parsed only by someone who may take it down."""
import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Document, Job
from articles.services import document_create
from tests.articles.test_recovery import article_bytes
from tests.web.test_roles import member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_after_a_failed_job(django_capture_on_commit_callbacks):
    """A document whose first parse job failed (its worker kept dying) and that was
    parsed and published since, as a second upload of the same file does."""
    with django_capture_on_commit_callbacks(execute=True):
        document, _ = document_create(data=article_bytes(7), filename="7.txt")
    document.refresh_from_db()
    article = Article.objects.get(document=document)
    assert article.is_published and document.status == Document.Status.PARSED
    failed = Job.objects.create(kind=Job.Kind.PARSE, document=document, status=Job.Status.FAILED,
                                error="已尝试 5 次均未完成", total=3)
    return document, failed


def retry(client: Client, job: Job):
    return client.post(reverse("admin:articles_job_changelist"),
                       {"action": "retry", "_selected_action": [job.pk]}, follow=True)


def test_an_editor_cannot_reparse_a_published_document_by_retrying_its_old_job(
        published_after_a_failed_job, django_user_model, django_capture_on_commit_callbacks):
    document, failed = published_after_a_failed_job
    jobs_before = Job.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = retry(member_of("编辑", django_user_model), failed)
    page = response.content.decode()
    assert "7.txt：已发布，重新解析需要撤下的权限（主编），未重试。" in page
    assert "已重新排队 0 个任务" in page
    document.refresh_from_db()
    failed.refresh_from_db()
    assert document.status == Document.Status.PARSED and failed.status == Job.Status.FAILED
    assert Job.objects.count() == jobs_before
    assert Article.objects.get(document=document).is_published


def test_a_chief_editor_may_retry_it_and_the_document_is_parsed_again(
        published_after_a_failed_job, django_user_model, django_capture_on_commit_callbacks):
    document, failed = published_after_a_failed_job
    with django_capture_on_commit_callbacks(execute=False):
        response = retry(member_of("主编", django_user_model), failed)
    assert "已重新排队 1 个任务" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Document.Status.RECEIVED
    assert Job.objects.filter(kind=Job.Kind.PARSE, document=document, status=Job.Status.QUEUED).exists()


def test_an_editor_may_still_retry_the_parse_of_a_document_that_is_not_published(
        django_user_model, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        document, _ = document_create(data=article_bytes(8), filename="8.txt")
    Job.objects.filter(document=document).update(status=Job.Status.FAILED, error="超时")
    Document.objects.filter(pk=document.pk).update(status=Document.Status.FAILED, error="超时")
    failed = Job.objects.get(document=document)
    with django_capture_on_commit_callbacks(execute=True):
        response = retry(member_of("编辑", django_user_model), failed)
    assert "已重新排队 1 个任务" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Document.Status.PARSED
    assert Article.objects.get(document=document).title == "跨境电商第8篇报道"

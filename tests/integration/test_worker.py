"""A real `celery worker` process takes the tasks from Redis and writes to PostgreSQL."""
import pytest

from articles.models import Document
from articles.services import document_create
from keywords.models import ArticleTopic
from tests.conftest import SEED_000, seed_bytes
from tests.integration.conftest import wait_for


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_parses_and_tags_an_imported_article(keywords_2013, celery_processes):
    process, log_path = celery_processes("worker")
    document, created = document_create(data=seed_bytes(SEED_000), filename=SEED_000, origin="worker test")
    assert created
    # The import only stored the bytes; the worker does the rest.
    done = wait_for(lambda: ArticleTopic.objects.filter(article__document=document).count() >= 10)
    log = log_path.read_text()
    assert process.poll() is None, f"the worker died:\n{log}"
    assert done, f"the worker did not tag the article in time:\n{log}"
    document.refresh_from_db()
    assert document.status == Document.Status.PARSED
    terms = set(ArticleTopic.objects.filter(article__document=document).values_list("topic__term", flat=True))
    assert {"跨境电商", "产业带", "为效果付费"} <= terms
    assert "articles.tasks.document_parse" in log and "keywords.tasks.article_analyse" in log

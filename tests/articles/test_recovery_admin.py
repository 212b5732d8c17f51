"""The editor's side of recovery: uploads while the broker is down, and 重新解析."""
import socket

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Document
from articles.recovery import recovery_sweep
from articles.services import QUEUE_DOWN
from b2bwatch.celery import app as celery_app
from tests.articles.test_recovery import article_bytes

# Committing tests: as in production, work is queued the moment its row is committed, so
# the upload view knows whether the broker took it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broker_down():
    """Tasks go to a real Redis URL where nothing listens, as when the broker is down."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager, celery_app._pool, celery_app.amqp._producer_pool
    conf.broker_url, conf.task_always_eager = f"redis://127.0.0.1:{closed_port()}/0", False
    celery_app._pool = celery_app.amqp._producer_pool = None
    yield
    conf.broker_url, conf.task_always_eager, celery_app._pool, celery_app.amqp._producer_pool = saved


@pytest.fixture
def upload(admin_client):
    def run(data: bytes, name: str = "newsletter.txt"):
        url = reverse("admin:articles_document_upload")
        return admin_client.post(url, {"files": [SimpleUploadedFile(name, data)], "structure": ""})

    return run


def test_an_upload_while_the_broker_is_down_is_stored_and_the_editor_told(upload, broker_down):
    response = upload(article_bytes(7))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.status == Document.Status.RECEIVED and document.error == QUEUE_DOWN
    assert bytes(document.content) == article_bytes(7)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "任务队列暂时不可用" in message and "自动解析" in message


def test_the_sweep_parses_an_upload_made_while_the_broker_was_down(upload, broker_down):
    upload(article_bytes(8))
    celery_app.conf.task_always_eager = True  # the broker is back
    Document.objects.update(parse_queued_at=timezone.now() - timezone.timedelta(days=1))
    recovery_sweep()
    document = Document.objects.get()
    assert (document.status, document.error) == (Document.Status.PARSED, "")
    assert Article.objects.get(document=document).analysed_at is not None


def test_reuploading_a_document_stuck_in_received_tells_the_editor_it_was_queued_again(upload, broker_down):
    upload(article_bytes(9))
    celery_app.conf.task_always_eager = True
    response = upload(article_bytes(9), name="again.txt")
    *_, message = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("again.txt") and "已重新排队解析" in message
    assert Document.objects.get().status == Document.Status.PARSED


def test_the_reparse_action_parses_chosen_documents_again_without_duplicates(admin_client, import_seed):
    document = import_seed()
    other = import_seed("002_23272ef6e7c342b9.txt")
    before = Article.objects.filter(document=document).count()
    response = admin_client.post(
        reverse("admin:articles_document_changelist"),
        {"action": "reparse", "_selected_action": [document.pk]},
        follow=True,
    )
    assert "已将 1 个文档重新排队解析" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Document.Status.PARSED and document.parse_attempts == 1
    assert Article.objects.filter(document=document).count() == before
    assert Article.objects.filter(document=document, analysed_at__isnull=True).count() == 0
    assert Article.objects.filter(document=other).exists()


def test_the_reparse_action_while_the_broker_is_down_leaves_documents_for_the_sweep(
    admin_client, import_seed, broker_down
):
    celery_app.conf.task_always_eager = True
    document = import_seed()
    celery_app.conf.task_always_eager = False
    response = admin_client.post(
        reverse("admin:articles_document_changelist"),
        {"action": "reparse", "_selected_action": [document.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "暂时无法排队" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Document.Status.RECEIVED

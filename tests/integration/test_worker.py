"""A real `celery worker` process takes the tasks from Redis and writes to PostgreSQL."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Document
from articles.services import document_create
from b2bwatch.celery import app as celery_app
from keywords.models import ArticleTopic
from tests.conftest import SEED_000, seed_bytes, services_required

ROOT = Path(__file__).resolve().parents[2]


def _skip_or_fail(reason: str):
    if services_required():
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def worker(tmp_path):
    """Start a worker on a queue of its own, against the test database."""
    if connection.vendor != "postgresql":
        _skip_or_fail("the worker round trip needs PostgreSQL (set DATABASE_URL)")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        _skip_or_fail("the worker round trip needs Redis (set REDIS_URL)")
    db = connection.settings_dict
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    database_url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}/{db['NAME']}"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": database_url, "CELERY_QUEUE": queue, "DATA_DIR": str(tmp_path)}
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "b2bwatch", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-gossip", "--without-mingle", "--without-heartbeat", f"--hostname={queue}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield process, log_path
    finally:
        celery_app.conf.task_default_queue = previous
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(condition, seconds: float = 120.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_parses_and_tags_an_imported_article(keywords_2013, worker):
    process, log_path = worker
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

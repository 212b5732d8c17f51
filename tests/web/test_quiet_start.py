"""`make run` starts quietly when tasks run in-process: no broker warning and no line per
task, while a task that fails still reaches its caller and Celery's errors still show."""
import logging

import pytest
from celery import shared_task
from django.conf import settings
from kombu import Connection

from articles.models import Article
from articles.tasks import article_process

pytestmark = [
    pytest.mark.django_db,
    # Only the embedded default runs tasks in-process; with a broker there is a worker's log.
    pytest.mark.skipif(not settings.CELERY_TASK_ALWAYS_EAGER, reason="tasks go to a broker here"),
]


@shared_task(name="tests.quiet_start.broken")
def broken():
    raise ValueError("a real error")


def test_the_in_process_broker_does_not_warn_about_a_missing_host(caplog):
    with caplog.at_level(logging.WARNING, logger="kombu"):
        Connection(settings.CELERY_BROKER_URL)._info(resolve=False)
    assert not [r for r in caplog.records if r.name.startswith("kombu")]


def test_a_task_run_in_process_logs_nothing_when_it_succeeds(caplog):
    article = Article.objects.create(title="跨境电商", body="2013年跨境电商起步。", is_published=True)
    article_process.delay(article.pk)
    assert not [r for r in caplog.records if r.name.startswith("celery")]


def test_a_task_that_fails_in_process_is_not_hidden():
    with pytest.raises(ValueError, match="a real error"):  # reaches its caller, who logs it
        broken.delay()
    assert logging.getLogger("celery.app.trace").isEnabledFor(logging.ERROR)

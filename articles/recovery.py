"""Recovering work the broker lost: the database is the truth, the broker a messenger.

A message can be lost (Redis restarted empty, an upload while the broker was down) or held
by a worker that died. Each document and article records in the database how far it got
and since when, so a periodic sweep finds work that should have finished by now and queues
it again. Tasks are idempotent, so a message that was not lost after all costs a second run
that changes nothing. Attempts that never finished are counted: an input that kills its
worker every time ends FAILED with a message instead of looping.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from .models import Article, Document, Job

log = logging.getLogger(__name__)


def task_send(task, *args) -> bool:
    """Queue a task; with the broker unreachable, log and return False instead of raising.

    The caller has already written to the database that the work is due, so the sweep will
    queue it again: an upload during a broker outage is stored, not answered with a 500.
    """
    try:
        task.delay(*args)
    except BrokerError as exc:
        log.warning("could not queue %s%r (the recovery sweep will): %s", task.name, tuple(args), exc)
        return False
    return True


def document_give_up(*, document_id: int, attempts: int, unchanged: Q | None = None) -> bool:
    """Fail a document whose parse started `attempts` times without finishing (only while
    it still matches `unchanged`); True when it was failed."""
    failed = Document.objects.filter(unchanged or Q(), pk=document_id).update(
        status=Document.Status.FAILED,
        error=f"已尝试解析 {attempts} 次均未完成（处理进程中断或超时），不再自动重试。"
        "原始文件已保留，可在文档列表中选择“重新解析”。",
    )
    if failed:
        from .jobs import parse_job_update

        log.error("document %s: parse started %s times without finishing; failed", document_id, attempts)
        error = Document.objects.values_list("error", flat=True).get(pk=document_id)
        parse_job_update(document_id=document_id, state=Job.Status.FAILED, message=error)
    return bool(failed)


def article_analysis_begin(*, article_id: int) -> bool:
    """Count an attempt at analysing an article; False when it is gone or has used them up."""
    started = Article.objects.filter(pk=article_id, analysis_attempts__lt=settings.RECOVERY_MAX_ATTEMPTS).update(
        analysis_attempts=F("analysis_attempts") + 1
    )
    if not started and Article.objects.filter(pk=article_id).exists():
        log.error("article %s: analysis started %s times without finishing; not tried again",
                  article_id, settings.RECOVERY_MAX_ATTEMPTS)
    return bool(started)


@dataclass
class SweepResult:
    documents_requeued: int = 0
    documents_failed: int = 0
    articles_requeued: int = 0
    jobs_requeued: int = 0
    jobs_failed: int = 0


def recovery_sweep(*, now=None) -> SweepResult:
    """Queue again the documents, articles and jobs whose work should have finished by now."""
    from .jobs import jobs_sweep

    now = now or timezone.now()
    result = SweepResult()
    _documents_sweep(now, result)
    _articles_sweep(now, result)
    result.jobs_requeued, result.jobs_failed = jobs_sweep(now=now)
    if any(vars(result).values()):
        log.warning("recovery sweep: %s", result)
    return result


def _documents_sweep(now, result: SweepResult) -> None:
    from .jobs import parse_job_for
    from .pipeline import document_queue

    received = Q(status=Document.Status.RECEIVED,
                 parse_queued_at__lt=now - timedelta(seconds=settings.RECOVERY_RECEIVED_GRACE_SECONDS))
    # A parse can no longer be running once its task's hard time limit has passed.
    parsing = Q(status=Document.Status.PARSING,
                parse_queued_at__lt=now - timedelta(seconds=settings.RECOVERY_PARSING_GRACE_SECONDS))
    stuck = Document.objects.filter(received | parsing).order_by("parse_queued_at")
    for pk, status, attempts, queued_at in stuck.values_list("pk", "status", "parse_attempts", "parse_queued_at")[
        : settings.RECOVERY_BATCH
    ]:
        # Only if nobody touched it since it was read (a worker starting it, an editor).
        unchanged = Q(status=status, parse_queued_at=queued_at)
        if attempts >= settings.RECOVERY_MAX_ATTEMPTS:
            result.documents_failed += document_give_up(document_id=pk, attempts=attempts, unchanged=unchanged)
        elif Document.objects.filter(unchanged, pk=pk).update(status=Document.Status.RECEIVED, parse_queued_at=now):
            result.documents_requeued += 1
            parse_job_for(document_id=pk)
            transaction.on_commit(lambda pk=pk: document_queue(pk))


def tasks_waiting() -> int | None:
    """How many tasks wait in the broker's queue, or None when the broker cannot say."""
    from b2bwatch.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
            return connection.default_channel.queue_declare(queue=app.conf.task_default_queue).message_count
    except Exception as exc:  # noqa: BLE001 - any broker failure means "cannot say"
        log.warning("recovery sweep: cannot read the queue's length: %s", exc)
        return None


def _articles_sweep(now, result: SweepResult) -> None:
    """Articles not analysed long after they were queued: their message was lost.

    Unless a backlog explains the wait: behind a large import the messages are still in
    the queue, and queueing them again would only analyse the same articles twice.
    """
    from .pipeline import articles_queue

    waiting = tasks_waiting()
    if waiting is not None and waiting >= settings.RECOVERY_BACKLOG:
        log.info("recovery sweep: %s tasks waiting; articles not queued again this time", waiting)
        return
    before = now - timedelta(seconds=settings.RECOVERY_ANALYSIS_GRACE_SECONDS)
    due = Article.objects.filter(
        analysed_at__isnull=True, analysis_queued_at__lt=before, analysis_attempts__lt=settings.RECOVERY_MAX_ATTEMPTS
    )
    ids = list(due.order_by("analysis_queued_at").values_list("pk", flat=True)[: settings.RECOVERY_BATCH])
    if not ids:
        return
    Article.objects.filter(pk__in=ids).update(analysis_queued_at=now)
    result.articles_requeued = len(ids)
    articles_queue(ids)

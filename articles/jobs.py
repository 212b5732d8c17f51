"""Running long work as jobs: create, start, report progress, finish, fail, retry, sweep.

Every long task is a `Job` row first and a broker message second, as documents are
(articles.recovery): the row says what is waiting, what runs and how far it got, so the
admin can show it and the sweep can end a job whose worker died. Work for a kind is a
function `step(job, progress) -> bool` named in STEPS; it returns False when it did one
chunk and wants to run again, True when the job is finished (what it set on `job.message`
and `job.result` is then saved), or FANNED_OUT when it handed its chunks to several
workers at once (the re-tag: articles.job_chunks). Parsing is
the exception: the document's own state machine drives it (articles.services), and its
job mirrors it through `job_begin`, `job_progress`, `job_finish` and `job_fail`.
"""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from .audit import audit_record
from .models import AuditEvent, Document, Job

log = logging.getLogger(__name__)

STEPS = {
    Job.Kind.RETAG: "keywords.services.topics_retag_step",
    Job.Kind.KEYWORD_DISCOVERY: "keywords.discovery.keyword_year_discover_step",
    Job.Kind.ORGANISATION_DISCOVERY: "keywords.discovery.organisations_discover_step",
    Job.Kind.CHANNEL_POLL: "articles.polling.channel_poll_step",
    Job.Kind.EXPORT: "articles.exports.export_step",
}


# What a step returns when it handed its work out to chunks that run in parallel
# (articles.job_chunks): the job stays running, and its last chunk finishes it.
FANNED_OUT = "fanned out"


class JobFailed(Exception):
    """A step's own failure, worded for the editor: the job fails with this message."""


class JobStopped(Exception):
    """The job was superseded or ended while its step ran: stop without writing more."""


def job_create(*, kind: str, user=None, message: str = "", params: dict | None = None, total: int = 0,
               document=None, foreground: bool = False) -> Job:
    """Store a job as waiting and send it to a worker once the row is committed
    (`foreground`: never to the background thread; a shell command waits for it)."""
    job = Job.objects.create(kind=kind, message=message, params=params or {}, total=total, document=document,
                             created_by=user if user is not None and user.is_authenticated else None)
    _audit_start(job, user)
    transaction.on_commit(lambda: job_send(job.pk, foreground=foreground))
    return job


def _audit_start(job: Job, user, *, action: str = AuditEvent.Action.JOB_START) -> None:
    summary = job.message or str(job)
    if job.document_id:
        filename = Document.objects.filter(pk=job.document_id).values_list("filename", flat=True).first()
        summary = f"{job.get_kind_display()}《{filename}》"
    audit_record(user=user, action=action, obj=job, summary=summary,
                 details={"kind": job.kind, "params": job.params, "document": job.document_id})


def job_send(job_id: int, *, foreground: bool = False) -> bool:
    """Queue a job's task; False when the broker is down (the sweep will queue it later).

    With no broker (tasks run in-process) and JOBS_IN_THREAD, the job runs in the web
    process's one background thread rather than inside the request that started it.
    """
    from b2bwatch.celery import app

    from .recovery import task_send
    from .tasks import job_run

    if settings.JOBS_IN_THREAD and app.conf.task_always_eager and not foreground:
        _background().submit(_run_in_background, job_id)
        return True
    return task_send(job_run, job_id)


_executor: ThreadPoolExecutor | None = None


def _background() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="b2bwatch-job")
    return _executor


def _run_in_background(job_id: int) -> None:
    try:
        job_run(job_id=job_id)
    except Exception:  # noqa: BLE001 - a thread's exception would vanish unseen
        log.exception("job %s failed in the background thread", job_id)
    finally:
        connections.close_all()


def job_begin(*, job_id: int) -> Job | None:
    """Mark a waiting job (or one whose worker died: a redelivery) as running; count the
    attempt. None when the job is not due, or failed here for using up its attempts."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status__in=Job.OPEN).first()
        if job is None:
            return None
        if job.attempts >= settings.RECOVERY_MAX_ATTEMPTS:
            _give_up(job)
            return None
        now = timezone.now()
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.RUNNING, attempts=F("attempts") + 1, started_at=job.started_at or now,
            heartbeat_at=now, error="",
        )
    job.refresh_from_db()
    return job


def job_progress(*, job_id: int, done: int, total: int | None = None) -> None:
    """Record how far a running job got (also its sign of life); JobStopped if it no
    longer runs (superseded, or ended by the sweep)."""
    fields = {"done": done, "heartbeat_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    if not Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(**fields):
        raise JobStopped


def job_finish(*, job_id: int, message: str | None = None, result: dict | None = None) -> None:
    fields = {"status": Job.Status.DONE, "finished_at": timezone.now(), "heartbeat_at": timezone.now(), "error": ""}
    if message is not None:
        fields["message"] = message
    if result is not None:
        fields["result"] = result
    Job.objects.filter(pk=job_id, status__in=Job.OPEN).update(**fields)


def job_fail(*, job_id: int, error: str) -> None:
    Job.objects.filter(pk=job_id, status__in=Job.OPEN).update(
        status=Job.Status.FAILED, error=error, finished_at=timezone.now(), heartbeat_at=timezone.now()
    )


def job_run(*, job_id: int) -> Job | None:
    """Run a job by its kind; after a chunk, queue the next one (or, with tasks run
    in-process, go straight on); end it done or failed."""
    from b2bwatch.celery import app

    job = job_begin(job_id=job_id)
    if job is None:
        return None
    step = import_string(STEPS[job.kind])

    def progress(done: int, total: int | None = None) -> None:
        job_progress(job_id=job.pk, done=done, total=total)

    try:
        finished = step(job, progress)
        while finished is False and app.conf.task_always_eager:
            finished = step(job, progress)
    except JobStopped:
        return job
    except JobFailed as exc:
        job_fail(job_id=job.pk, error=str(exc))
    except (OperationalError, InterfaceError):
        raise  # the task retries on a fresh connection (b2bwatch.celery.retry_on_database_errors)
    except SoftTimeLimitExceeded:
        job_fail(job_id=job.pk, error="超过时间上限仍未完成，已停止。")
    except Exception as exc:  # noqa: BLE001 - any failure is the job's, told to the editor
        log.exception("job %s (%s) failed", job.pk, job.kind)
        job_fail(job_id=job.pk, error=f"{type(exc).__name__}: {exc}"[:2000])
    else:
        if finished == FANNED_OUT:
            pass  # running, in its chunks' hands
        elif finished:
            job_finish(job_id=job.pk, message=job.message, result=job.result)
        elif Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.QUEUED, attempts=0, heartbeat_at=timezone.now()
        ):
            transaction.on_commit(lambda: job_send(job.pk))
    job.refresh_from_db()
    return job


class RetryRefused(Exception):
    """`user` may not run this job again; the message says why, for the editor."""


def job_retry(*, job: Job, user=None) -> Job | None:
    """Run a failed job again from where it stopped (a parse parses its document again).
    None when the job is not failed. A parse retry is a re-parse, so it asks what the
    document list's 重新解析 asks (RetryRefused when `user` may not re-parse the document,
    published since the job failed)."""
    if job.status != Job.Status.FAILED:
        return None
    if job.kind == Job.Kind.PARSE:
        from .services import documents_reparse, documents_reparse_refused

        if job.document_id is None:
            return None
        refused = documents_reparse_refused(document_ids=[job.document_id], user=user)
        if refused:
            raise RetryRefused(f"{refused[0].filename}：已发布，重新解析需要撤下的权限（主编），未重试。")
        [document] = documents_reparse(document_ids=[job.document_id], user=user)
        return document.jobs.order_by("-pk").first()
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED, error="", attempts=0, finished_at=None, heartbeat_at=timezone.now()
        )
        _audit_start(job, user, action=AuditEvent.Action.JOB_RETRY)
        transaction.on_commit(lambda: job_send(job.pk))
    job.refresh_from_db()
    return job


def _give_up(job: Job) -> None:
    log.error("job %s (%s): started %s times without finishing; failed", job.pk, job.kind, job.attempts)
    job_fail(job_id=job.pk, error=f"已尝试 {job.attempts} 次均未完成（处理进程中断或超时），不再自动重试；"
                                  "可在后台任务列表中选择“重试”。")


def jobs_sweep(*, now=None) -> tuple[int, int]:
    """Re-queue jobs whose worker died or whose message was lost; fail those that used up
    their attempts. Parse jobs follow their document (the document sweep re-queues it).
    Returns (requeued, failed)."""
    now = now or timezone.now()
    requeued = failed = 0
    running = Job.objects.filter(status=Job.Status.RUNNING,
                                 heartbeat_at__lt=now - timedelta(seconds=settings.RECOVERY_JOB_GRACE_SECONDS))
    waiting = Job.objects.filter(status=Job.Status.QUEUED,
                                 heartbeat_at__lt=now - timedelta(seconds=settings.RECOVERY_RECEIVED_GRACE_SECONDS))
    for queryset in (running, waiting):
        for job in queryset.exclude(kind=Job.Kind.PARSE).order_by("heartbeat_at")[: settings.RECOVERY_BATCH]:
            unchanged = Job.objects.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at)
            if job.attempts >= settings.RECOVERY_MAX_ATTEMPTS:
                if unchanged.exists():
                    _give_up(job)
                    failed += 1
            elif unchanged.update(status=Job.Status.QUEUED, heartbeat_at=now):
                requeued += 1
                transaction.on_commit(lambda pk=job.pk: job_send(pk))
    return requeued, failed


# --- Parse jobs: the document's parse, seen as a job ---------------------------------------

PARSE_STEPS = 3  # read and decode, split into articles, save


def parse_job_for(*, document_id: int, user=None) -> Job:
    """The document's waiting or running parse job, now waiting again, or a new one: one
    open job per document."""
    job = Job.objects.filter(kind=Job.Kind.PARSE, document_id=document_id, status__in=Job.OPEN).order_by("-pk").first()
    if job is not None:
        Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED, heartbeat_at=timezone.now())
        return job
    user = user if user is not None and user.is_authenticated else None
    job = Job.objects.create(kind=Job.Kind.PARSE, document_id=document_id, total=PARSE_STEPS, created_by=user)
    _audit_start(job, user)
    return job


def parse_job_update(*, document_id: int, state: str, done: int | None = None, message: str = "") -> None:
    """Mirror a document's parse on its open job: running (with a step done), done or failed."""
    open_jobs = Job.objects.filter(kind=Job.Kind.PARSE, document_id=document_id, status__in=Job.OPEN)
    now = timezone.now()
    if state == Job.Status.RUNNING:
        fields = {"status": state, "heartbeat_at": now, "attempts": F("attempts") + 1}
        if done is not None:
            fields = {"heartbeat_at": now, "done": done}
        open_jobs.filter(started_at__isnull=True).update(started_at=now)
        open_jobs.update(**fields)
    elif state == Job.Status.DONE:
        open_jobs.update(status=state, done=PARSE_STEPS, total=PARSE_STEPS, message=message, finished_at=now,
                         heartbeat_at=now)
    else:
        open_jobs.update(status=Job.Status.FAILED, error=message, finished_at=now, heartbeat_at=now)

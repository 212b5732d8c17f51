"""Jobs cut into chunks that several workers run at once, under one Job row.

A chunked job (the re-tag) goes through the articles in chunks of consecutive ids. Its
row says what is left, not the broker: `params` holds a cursor (every id up to it has been
handed out), the chunks handed out and not yet done (`open`: first id -> [first, last,
size, starts]) and how many articles the completed chunks held (`done_exact`). At most
`lanes` chunks are out at once, each a message of its own (`tasks.job_chunk_run`); a
chunk that completes hands out the next, so tasks queued meanwhile (new imports) get
their turn between chunks. Every change to `params` is made under a lock of the row.

The row shows one progress (articles done, added with F() by every worker) and one final
state: the chunk that completes last finishes the job. A chunk whose worker was killed is
delivered again by the broker (late acknowledgement) and redone from its start, its start
counted on the job's attempts; one started RECOVERY_MAX_ATTEMPTS times fails the job. If
every worker went silent (messages lost), the sweep queues the job again
(`jobs.jobs_sweep`), and its start sends the open chunks again. Redoing a chunk is safe:
each article's run replaces what the last one stored.

Without a broker (tasks in-process) nothing runs in parallel: `job_run` calls the step
again and again, and each call runs the next chunk here.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string

from .jobs import FANNED_OUT, JobFailed, JobStopped, job_fail, job_finish
from .models import Job

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Chunking:
    """What a chunked job's chunks are: `next_ids(after_id, size)` the ids of the next
    chunk, and `run(ids, progress)` its work; `progress(n)` adds n articles done."""

    next_ids: Callable[[int, int], list[int]]
    run: Callable[[list[int], Callable[[int], None]], None]
    size: int


# Job kind -> the function giving the Chunking it runs by (imported when a chunk runs).
CHUNKINGS = {Job.Kind.RETAG: "keywords.services.retag_chunking"}


def _eager() -> bool:
    from b2bwatch.celery import app

    return bool(app.conf.task_always_eager)


def chunks_step(job: Job, chunking: Chunking, *, lanes: int) -> bool | str:
    """A chunked job's step (`jobs.STEPS`): hand out up to `lanes` chunks (the open ones
    again first: this start may follow a sweep) and return FANNED_OUT, the job staying
    running while they run; True when nothing is left. In-process: run one chunk here and
    return False while more are left."""
    if _eager():
        with transaction.atomic():
            locked = Job.objects.select_for_update().get(pk=job.pk)
            params = _fresh(locked)
            if not params.get("open"):
                _claim(params, chunking)
            Job.objects.filter(pk=job.pk).update(params=params)
        if not params.get("open"):
            return _finish(job.pk, params)
        first = min(int(key) for key in params["open"])
        chunk_run(job_id=job.pk, first=first)
        return not Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).exists()
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        params = _fresh(locked)
        resend = [int(key) for key in params.get("open", {})]
        claimed = []
        while len(resend) + len(claimed) < max(1, lanes):
            first = _claim(params, chunking)
            if first is None:
                break
            claimed.append(first)
        Job.objects.filter(pk=job.pk).update(params=params)
        if not resend and not claimed:
            return _finish(job.pk, params)
        for first in resend + claimed:
            transaction.on_commit(lambda first=first: _send(job.pk, first))
    return FANNED_OUT


def _fresh(job: Job) -> dict:
    """The job's params; on its first start (a retry after a failure starts afresh too)
    the chunks it had out begin their count of starts again."""
    params = job.params
    if job.attempts <= 1:
        for chunk in params.get("open", {}).values():
            chunk[3] = 0
    return params


def _claim(params: dict, chunking: Chunking) -> int | None:
    """Hand out the chunk after the cursor (recorded as open); None when none is left."""
    ids = chunking.next_ids(params.get("after_id", 0), chunking.size)
    if not ids:
        return None
    params["after_id"] = ids[-1]
    params.setdefault("open", {})[str(ids[0])] = [ids[0], ids[-1], len(ids), 0]
    return ids[0]


def _send(job_id: int, first: int) -> None:
    from .recovery import task_send
    from .tasks import job_chunk_run

    task_send(job_chunk_run, job_id, first)


def _finish(job_id: int, params: dict) -> bool:
    """Every chunk done: the job is done, its count the articles the chunks held (the
    corpus may have grown or shrunk since it started)."""
    done = params.get("done_exact", 0)
    Job.objects.filter(pk=job_id, status__in=Job.OPEN).update(done=done, total=done)
    job_finish(job_id=job_id)
    return True


def _progress(job_id: int, articles: int) -> None:
    if not Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(
        done=F("done") + articles, heartbeat_at=timezone.now()
    ):
        raise JobStopped


def chunk_run(*, job_id: int, first: int) -> None:
    """Run one chunk of a running job, then hand out the next (or finish the job). A chunk
    no longer open (done by a second delivery of its message) or of a job no longer
    running does nothing."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, status=Job.Status.RUNNING).first()
        chunk = job and job.params.get("open", {}).get(str(first))
        if not chunk:
            return
        chunk[3] += 1
        attempts = F("attempts") + (1 if chunk[3] > 1 else 0)  # a chunk started again: its worker died
        Job.objects.filter(pk=job_id).update(params=job.params, attempts=attempts, heartbeat_at=timezone.now())
    if chunk[3] > settings.RECOVERY_MAX_ATTEMPTS:
        log.error("job %s: chunk from %s started %s times without finishing; failed", job_id, first, chunk[3] - 1)
        job_fail(job_id=job_id, error=f"第 {first}–{chunk[1]} 号文章一段已尝试 {chunk[3] - 1} 次均未完成"
                                      "（处理进程中断或超时），不再自动重试；可在后台任务列表中选择“重试”。")
        return
    chunking: Chunking = import_string(CHUNKINGS[job.kind])()
    ids = chunking.next_ids(first - 1, chunk[2])
    ids = [pk for pk in ids if pk <= chunk[1]]
    try:
        chunking.run(ids, lambda n: _progress(job_id, n))
    except JobStopped:
        return
    except (OperationalError, InterfaceError):
        raise  # the task retries on a fresh connection
    except JobFailed as exc:
        job_fail(job_id=job_id, error=str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - any failure is the job's, told to the editor
        log.exception("job %s: chunk from %s failed", job_id, first)
        job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}"[:2000])
        return
    _complete(job_id, first, chunking)


def _complete(job_id: int, first: int, chunking: Chunking) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        chunk = job and job.params.get("open", {}).pop(str(first), None)
        if not chunk:  # a second delivery completed it first: hand out nothing more
            return
        params = job.params
        params["done_exact"] = params.get("done_exact", 0) + chunk[2]
        following = _claim(params, chunking) if job.status == Job.Status.RUNNING else None
        Job.objects.filter(pk=job_id).update(params=params)
        if following is not None and not _eager():
            transaction.on_commit(lambda: _send(job_id, following))
        elif not params.get("open") and job.status == Job.Status.RUNNING:
            _finish(job_id, params)

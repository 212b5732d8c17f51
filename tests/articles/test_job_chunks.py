"""A re-tag shared by several workers: its chunks run in any order, twice or after a
killed attempt, and the job's row still ends with one count and one final state."""
import pytest

from articles import job_chunks
from articles.jobs import FANNED_OUT, job_begin
from articles.models import Article, Job
from keywords import services
from keywords.models import ArticleTopic

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(monkeypatch, keywords_2013):
    """Eleven articles, chunks of two (six chunks), a re-tag begun as a worker would with a broker (the
    chunks' messages are not sent here: the test delivers them itself)."""
    monkeypatch.setattr(job_chunks, "_eager", lambda: False)
    monkeypatch.setattr(services, "RETAG_CHUNK", 2)
    for n in range(11):
        Article.objects.create(title=f"产业带第{n}篇", body="产业带上线。", is_published=True)
    job = services.topics_retag_start(reason="test")
    return job_begin(job_id=job.pk)


def open_chunks(job: Job) -> list[int]:
    job.refresh_from_db()
    return sorted(int(first) for first in job.params.get("open", {}))


def test_the_start_hands_out_as_many_chunks_as_lanes_and_leaves_the_job_running(shared):
    assert services.topics_retag_step(shared, None) == FANNED_OUT
    assert len(open_chunks(shared)) == 4  # RETAG_PARALLEL_CHUNKS
    assert shared.status == Job.Status.RUNNING


def test_chunks_done_in_any_order_finish_the_job_once_with_every_article(shared):
    services.topics_retag_step(shared, None)
    while chunks := open_chunks(shared):
        job_chunks.chunk_run(job_id=shared.pk, first=chunks[-1])  # the last handed out first
    shared.refresh_from_db()
    assert (shared.status, shared.done, shared.total, shared.attempts) == (Job.Status.DONE, 11, 11, 1)
    assert ArticleTopic.objects.filter(topic__term="产业带").count() == 11


def test_a_chunk_delivered_twice_is_counted_once_and_hands_out_one_more(shared):
    services.topics_retag_step(shared, None)
    first = open_chunks(shared)[0]
    job_chunks.chunk_run(job_id=shared.pk, first=first)
    job_chunks.chunk_run(job_id=shared.pk, first=first)  # the same message again: nothing
    assert len(open_chunks(shared)) == 4  # the three left and the one that replaced it
    while chunks := open_chunks(shared):
        job_chunks.chunk_run(job_id=shared.pk, first=chunks[0])
    shared.refresh_from_db()
    assert (shared.status, shared.done, shared.total) == (Job.Status.DONE, 11, 11)


def test_a_chunk_whose_worker_died_is_redone_and_counted_as_an_attempt(shared):
    services.topics_retag_step(shared, None)
    first = open_chunks(shared)[0]
    params = Job.objects.get(pk=shared.pk).params
    params["open"][str(first)][3] = 1  # started once by a worker that was killed
    Job.objects.filter(pk=shared.pk).update(params=params)
    job_chunks.chunk_run(job_id=shared.pk, first=first)
    assert first not in open_chunks(shared)
    shared.refresh_from_db()
    assert shared.attempts == 2


def test_a_chunk_that_kills_every_worker_fails_the_job_with_a_message(shared, settings):
    services.topics_retag_step(shared, None)
    first = open_chunks(shared)[0]
    params = Job.objects.get(pk=shared.pk).params
    params["open"][str(first)][3] = settings.RECOVERY_MAX_ATTEMPTS
    Job.objects.filter(pk=shared.pk).update(params=params)
    job_chunks.chunk_run(job_id=shared.pk, first=first)
    shared.refresh_from_db()
    assert shared.status == Job.Status.FAILED and "不再自动重试" in shared.error


def test_the_sweep_s_new_start_sends_the_open_chunks_again_before_new_ones(shared):
    services.topics_retag_step(shared, None)
    before = open_chunks(shared)
    assert services.topics_retag_step(shared, None) == FANNED_OUT  # queued again by the sweep
    assert open_chunks(shared) == before  # the same chunks, no more than the lanes


def test_a_superseded_retag_s_chunks_do_nothing(shared):
    services.topics_retag_step(shared, None)
    first = open_chunks(shared)[0]
    services.topics_retag_start(reason="newer")
    job_chunks.chunk_run(job_id=shared.pk, first=first)
    shared.refresh_from_db()
    assert (shared.status, shared.done) == (Job.Status.SUPERSEDED, 0)


def test_a_retry_after_a_chunk_failed_the_job_gives_that_chunk_its_attempts_again(shared, settings):
    from articles.jobs import job_retry

    services.topics_retag_step(shared, None)
    first = open_chunks(shared)[0]
    params = Job.objects.get(pk=shared.pk).params
    params["open"][str(first)][3] = settings.RECOVERY_MAX_ATTEMPTS
    Job.objects.filter(pk=shared.pk).update(params=params)
    job_chunks.chunk_run(job_id=shared.pk, first=first)  # fails the job
    shared.refresh_from_db()
    job_retry(job=shared)  # queued again, sent on commit (not here)
    job = job_begin(job_id=shared.pk)
    assert services.topics_retag_step(job, None) == FANNED_OUT
    job_chunks.chunk_run(job_id=shared.pk, first=first)
    assert first not in open_chunks(shared)
    assert Job.objects.get(pk=shared.pk).status == Job.Status.RUNNING

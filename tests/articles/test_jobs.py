"""A job's life: waiting, running with its progress, done or failed with its message,
retried; and never left running once its worker is gone."""
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles import jobs
from articles.jobs import JobFailed, job_create, job_retry, job_run
from articles.models import Document, Job
from articles.recovery import recovery_sweep
from tests.articles.test_recovery import article_bytes

pytestmark = pytest.mark.django_db

SEEN: list[tuple[str, int, int]] = []  # what the job's row said at each step of count_to_three


def count_to_three(job, progress) -> bool:
    """A step for these tests: three units of work, and what the row said during each."""
    for n in range(1, 4):
        progress(n, 3)
        row = Job.objects.get(pk=job.pk)
        SEEN.append((row.status, row.done, row.total))
    job.message = "数到三"
    return True


def fail_with_a_reason(job, progress) -> bool:
    """Fails the first time it runs, as a source that was down for a moment."""
    SEEN.append((job.status, job.attempts, 0))
    if len(SEEN) == 1:
        raise JobFailed("来源暂时无法访问")
    job.message = "第二次成功"
    return True


@pytest.fixture
def step(monkeypatch):
    """Give the bulk-action kind one of the steps above."""
    def use(function) -> None:
        monkeypatch.setitem(jobs.STEPS, Job.Kind.BULK_ACTION, f"{__name__}.{function.__name__}")

    SEEN.clear()
    return use


def test_a_job_waits_then_runs_with_its_progress_then_is_done(step, admin_user, django_capture_on_commit_callbacks):
    step(count_to_three)
    with django_capture_on_commit_callbacks(execute=False):
        job = job_create(kind=Job.Kind.BULK_ACTION, user=admin_user, message="测试")
    assert (job.status, job.done, job.started_at) == (Job.Status.QUEUED, 0, None)
    job = job_run(job_id=job.pk)
    assert SEEN == [(Job.Status.RUNNING, 1, 3), (Job.Status.RUNNING, 2, 3), (Job.Status.RUNNING, 3, 3)]
    assert (job.status, job.done, job.total, job.percent, job.message) == (Job.Status.DONE, 3, 3, 100, "数到三")
    assert job.created_by == admin_user and job.started_at <= job.finished_at
    assert job_run(job_id=job.pk) is None  # a second message for a finished job does nothing


def test_a_failed_job_keeps_its_message_and_a_retry_runs_it_again(step, django_capture_on_commit_callbacks):
    step(fail_with_a_reason)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(kind=Job.Kind.BULK_ACTION)
    job.refresh_from_db()
    assert (job.status, job.error) == (Job.Status.FAILED, "来源暂时无法访问") and job.finished_at
    with django_capture_on_commit_callbacks(execute=True):
        job_retry(job=job)
    job.refresh_from_db()
    assert (job.status, job.error, job.message) == (Job.Status.DONE, "", "第二次成功")


def test_the_retry_action_in_the_job_list_runs_failed_jobs_again(step, admin_client,
                                                                  django_capture_on_commit_callbacks):
    step(fail_with_a_reason)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_create(kind=Job.Kind.BULK_ACTION)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_job_changelist"),
                                     {"action": "retry", "_selected_action": [job.pk]}, follow=True)
    assert "已重新排队 1 个任务" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_the_job_list_shows_live_cells_and_their_states_come_as_json(step, admin_client,
                                                                     django_capture_on_commit_callbacks):
    step(count_to_three)
    with django_capture_on_commit_callbacks(execute=False):
        waiting = job_create(kind=Job.Kind.BULK_ACTION)
    page = admin_client.get(reverse("admin:articles_job_changelist")).content.decode()
    assert f'data-job-id="{waiting.pk}"' in page and "js/jobs.js" in page
    job_run(job_id=waiting.pk)
    states = admin_client.get(reverse("admin:articles_job_status"), {"id": [waiting.pk]}).json()["jobs"]
    assert states == [{
        "id": waiting.pk, "status": "done", "label": "已完成", "open": False, "done": 3, "total": 3, "percent": 100,
        "message": "数到三", "error": "",
    }]


def test_job_states_are_not_given_to_a_user_who_may_not_see_jobs(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="pw-for-test-only", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:articles_job_status"), {"id": [1]}).status_code == 403


def died(job: Job, *, attempts: int = 1) -> None:
    """As a worker killed mid-job leaves it: running, silent since long ago."""
    long_ago = timezone.now() - timedelta(seconds=settings.RECOVERY_JOB_GRACE_SECONDS + 60)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=attempts, heartbeat_at=long_ago,
                                         started_at=long_ago)


def test_a_job_whose_worker_died_is_queued_again_by_the_sweep_and_finishes(step, django_capture_on_commit_callbacks):
    step(count_to_three)
    with django_capture_on_commit_callbacks(execute=False):
        job = job_create(kind=Job.Kind.BULK_ACTION)
    died(job)
    with django_capture_on_commit_callbacks(execute=True):
        result = recovery_sweep()
    assert result.jobs_requeued == 1
    job.refresh_from_db()
    assert job.status == Job.Status.DONE


def test_a_job_whose_worker_keeps_dying_ends_failed_with_a_message(step, django_capture_on_commit_callbacks):
    step(count_to_three)
    with django_capture_on_commit_callbacks(execute=False):
        job = job_create(kind=Job.Kind.BULK_ACTION)
    died(job, attempts=settings.RECOVERY_MAX_ATTEMPTS)
    with django_capture_on_commit_callbacks(execute=True):
        assert recovery_sweep().jobs_failed == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "处理进程中断或超时" in job.error
    assert SEEN == []


def test_a_running_job_that_reports_progress_is_left_alone(step, django_capture_on_commit_callbacks):
    step(count_to_three)
    with django_capture_on_commit_callbacks(execute=False):
        job = job_create(kind=Job.Kind.BULK_ACTION)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, heartbeat_at=timezone.now())
    assert recovery_sweep().jobs_requeued == 0
    assert Job.objects.get(pk=job.pk).status == Job.Status.RUNNING


def test_a_parse_job_whose_worker_died_follows_its_document_back_to_the_queue(django_capture_on_commit_callbacks):
    from articles.services import document_create

    with django_capture_on_commit_callbacks(execute=False):
        document, _ = document_create(data=article_bytes(5), filename="5.txt")
    long_ago = timezone.now() - timedelta(days=1)
    Document.objects.filter(pk=document.pk).update(status=Document.Status.PARSING, parse_attempts=1,
                                                   parse_queued_at=long_ago)
    Job.objects.filter(document=document).update(status=Job.Status.RUNNING, heartbeat_at=long_ago)
    with django_capture_on_commit_callbacks(execute=True):
        recovery_sweep()
    job = Job.objects.get(document=document)
    assert (job.status, job.message) == (Job.Status.DONE, "已解析 1 篇")


def test_a_parse_job_ends_failed_when_its_document_is_given_up(django_capture_on_commit_callbacks):
    from articles.services import document_create

    with django_capture_on_commit_callbacks(execute=False):
        document, _ = document_create(data=article_bytes(6), filename="6.txt")
    Document.objects.filter(pk=document.pk).update(
        status=Document.Status.PARSING, parse_attempts=settings.RECOVERY_MAX_ATTEMPTS,
        parse_queued_at=timezone.now() - timedelta(days=1),
    )
    recovery_sweep()
    job = Job.objects.get(document=document)
    assert job.status == Job.Status.FAILED and "不再自动重试" in job.error

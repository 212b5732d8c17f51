"""Faults under a real worker: each ends with every document processed exactly once.

Each test starts on ports of its own what it kills or restarts (tests/integration/faults.py):
a Redis server, Celery workers and beat, and for the PostgreSQL restart a cluster of its own;
the shared services are never touched. Scenarios: a worker killed with SIGKILL in the
middle of a parse and of an analysis (as a whole, and a prefork child), Redis restarted
empty with tasks queued, PostgreSQL restarted under a busy worker.
"""
import os
import signal
import time

import psycopg
import pytest
from django.db import connection
from django.test import override_settings

from articles.models import Article, Document, Job
from articles.services import QUEUE_DOWN, document_create
from keywords.services import topics_retag_start
from tests.articles.test_recovery import article_bytes
from tests.integration.conftest import _skip_or_fail
from tests.integration.faults import (
    PostgresCluster,
    Processes,
    RedisServer,
    children,
    kill_9,
    processed_once,
    publishing_to,
    service_env,
    tally,
    wait_until,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VISIBILITY = 8  # seconds: the broker visibility timeout the workers of these tests use
FAST_RECOVERY = {"RECOVERY_EVERY_SECONDS": "2", "RECOVERY_RECEIVED_GRACE_SECONDS": "3",
                 "RECOVERY_ANALYSIS_GRACE_SECONDS": "3"}


class Faults:
    def __init__(self, folder, database_url: str, **settings: str):
        self.redis = RedisServer(folder / "redis")
        settings = {"BROKER_VISIBILITY_TIMEOUT_SECONDS": str(VISIBILITY), **settings}
        env = service_env(database_url=database_url, redis_url=self.redis.url, folder=folder, **settings)
        self.processes = Processes(folder, env)

    def close(self):
        self.processes.stop_all()
        self.redis.kill()


def shared_database_url() -> str:
    if connection.vendor != "postgresql":
        _skip_or_fail("worker processes share the test database: set DATABASE_URL to PostgreSQL")
    db = connection.settings_dict
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}/{db['NAME']}"


@pytest.fixture
def faults(tmp_path):
    started = []

    def start(**settings) -> Faults:
        started.append(Faults(tmp_path, shared_database_url(), **settings))
        started[-1].redis.start()
        return started[-1]

    yield start
    for each in started:
        each.close()


def store(redis_url: str, numbers) -> list[int]:
    with publishing_to(redis_url):
        return [document_create(data=article_bytes(n), filename=f"{n}.txt")[0].pk for n in numbers]


def counts() -> dict:
    with connection.cursor() as cursor:
        return tally(cursor)


def report(name: str, started: float, **figures) -> None:
    print(f"\n[{name}] {time.monotonic() - started:.1f}s", figures, counts())


def test_a_worker_killed_mid_parse_leaves_the_document_to_the_next_one(keywords_2013, faults):
    f = faults()
    slow = f.processes.worker("slow", FAULT_SLOW_PARSE_SECONDS="3")
    store(f.redis.url, range(1, 6))
    assert wait_until(lambda: Document.objects.filter(status="parsing").exists(), 60), f.processes.log("slow")
    victim = Document.objects.get(status="parsing")
    kill_9(slow)
    killed = time.monotonic()
    f.processes.worker("next")
    done = wait_until(lambda: processed_once(counts(), 5), VISIBILITY + 40)
    report("kill -9 mid-parse", killed, killed_document=victim.pk)
    assert done, f.processes.log("next")
    victim.refresh_from_db()
    assert victim.parse_attempts == 2  # the killed attempt and the one that finished
    job = Job.objects.get(document=victim)
    assert (job.status, job.attempts, job.message) == (Job.Status.DONE, 2, "已解析 1 篇")
    assert not Job.objects.filter(status__in=Job.OPEN).exists()  # no job is left running


def test_a_worker_killed_mid_retag_leaves_the_job_to_the_next_one(keywords_2013, faults):
    f = faults()
    f.processes.worker("first")
    store(f.redis.url, range(51, 54))
    assert wait_until(lambda: processed_once(counts(), 3), 60), f.processes.log("first")
    f.processes.stop_all()
    slow = f.processes.worker("slow", FAULT_SLOW_ANALYSIS_SECONDS="3")
    with publishing_to(f.redis.url):
        job = topics_retag_start(reason="测试")

    def chunk_started() -> bool:
        """The slow worker took the job's chunk (a running job alone may have its chunk
        still in the queue: killed then, the next worker's start is the chunk's first)."""
        running = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).first()
        return bool(running) and any(chunk[3] >= 1 for chunk in running.params.get("open", {}).values())

    assert wait_until(chunk_started, 60), f.processes.log("slow")
    kill_9(slow)
    killed = time.monotonic()
    f.processes.worker("next")
    done = wait_until(lambda: Job.objects.filter(pk=job.pk, status=Job.Status.DONE).exists(), VISIBILITY + 60)
    report("kill -9 mid-retag", killed, job=job.pk)
    assert done, f.processes.log("next")
    job.refresh_from_db()
    assert (job.done, job.total, job.attempts) == (3, 3, 2)  # the killed attempt and the one that finished


def test_a_worker_killed_mid_analysis_leaves_the_article_to_the_next_one(keywords_2013, faults):
    f = faults()
    slow = f.processes.worker("slow", FAULT_SLOW_ANALYSIS_SECONDS="3")
    store(f.redis.url, range(11, 16))
    started = Article.objects.filter(analysis_attempts=1, analysed_at__isnull=True)
    assert wait_until(started.exists, 60), f.processes.log("slow")
    victim = started.order_by("pk").first()  # a batch of articles started together
    kill_9(slow)
    killed = time.monotonic()
    f.processes.worker("next")
    done = wait_until(lambda: processed_once(counts(), 5), VISIBILITY + 40)
    report("kill -9 mid-analysis", killed, killed_article=victim.pk)
    assert done, f.processes.log("next")


def test_a_killed_pool_process_gives_its_task_back_at_once(keywords_2013, faults):
    # A visibility timeout far beyond the wait: only the requeue on a lost worker can do it.
    f = faults(BROKER_VISIBILITY_TIMEOUT_SECONDS="600")
    worker = f.processes.worker("prefork", "--pool=prefork", "--concurrency=1", FAULT_SLOW_PARSE_SECONDS="3")
    store(f.redis.url, range(21, 24))
    assert wait_until(lambda: Document.objects.filter(status="parsing").exists(), 60), f.processes.log("prefork")
    [child] = children(worker.pid)
    os.kill(child, signal.SIGKILL)
    killed = time.monotonic()
    done = wait_until(lambda: processed_once(counts(), 3), 60)
    report("kill -9 of a prefork child mid-parse", killed)
    assert done and worker.poll() is None, f.processes.log("prefork")
    assert set(Job.objects.values_list("kind", "status")) == {(Job.Kind.PARSE, Job.Status.DONE)}


def test_redis_restarted_empty_loses_no_document(keywords_2013, faults, client):
    f = faults(**FAST_RECOVERY)
    slow = f.processes.worker("slow", FAULT_SLOW_ANALYSIS_SECONDS="2")
    store(f.redis.url, range(31, 35))
    assert wait_until(lambda: Document.objects.filter(status="parsed").count() == 4, 60), f.processes.log("slow")
    kill_9(slow)  # its analyses are still queued
    store(f.redis.url, range(35, 39))  # queued, and no worker to take them
    queued = f.redis.queued(f.processes.env["CELERY_QUEUE"])
    f.redis.kill()
    restarted = time.monotonic()
    during = store(f.redis.url, range(39, 41))  # stored while the broker is down
    assert set(Document.objects.filter(pk__in=during).values_list("status", "error")) == {("received", QUEUE_DOWN)}
    from b2bwatch import settings as project

    with override_settings(CACHES={"default": {**project.CACHES["default"], "LOCATION": f.redis.url}}):
        for path in ("/", "/feeds/latest.rss", "/search/?q=跨境电商"):
            assert client.get(path).status_code == 200, path
    f.redis.start()
    assert f.redis.queued(f.processes.env["CELERY_QUEUE"]) == 0
    f.processes.worker("after")
    f.processes.celery("beat", "beat")
    done = wait_until(lambda: processed_once(counts(), 10), 90)
    report("redis restarted empty", restarted, tasks_lost=queued, stored_while_down=len(during))
    assert queued >= 4
    assert done, f.processes.log("after") + f.processes.log("beat")


def test_postgresql_restarted_under_a_busy_worker(faults, tmp_path):
    if reason := PostgresCluster.unavailable():
        _skip_or_fail(reason)
    pg = PostgresCluster().start()
    try:
        f = faults()
        f.processes.env["DATABASE_URL"] = pg.url
        f.processes.worker("busy", FAULT_SLOW_PARSE_SECONDS="1.5")  # boots while the schema is made
        f.processes.manage("migrate", "--noinput", "-v0")
        folder = tmp_path / "documents"
        folder.mkdir()
        for n in range(41, 49):
            (folder / f"{n}.txt").write_bytes(article_bytes(n))
        f.processes.manage("import", str(folder))

        def own_counts() -> dict:
            try:
                with psycopg.connect(pg.url, autocommit=True, connect_timeout=2) as db, db.cursor() as cursor:
                    return tally(cursor)
            except psycopg.OperationalError:
                return {}

        started = time.monotonic()
        restarts = 0
        for parsed_before in (1, 4):  # restart while a parse is under way, twice
            assert wait_until(lambda n=parsed_before: own_counts().get("parsed", 0) >= n
                              and own_counts()["by_status"].get("parsing"), 60), f.processes.log("busy")
            pg.restart()
            restarts += 1
        done = wait_until(lambda: own_counts() and processed_once(own_counts(), 8), 90)
        retries = f.processes.log("busy").count("Retry in")
        print(f"\n[postgresql restarted] {time.monotonic() - started:.1f}s", {"restarts": restarts,
              "task_retries": retries}, own_counts())
        assert done, f.processes.log("busy")
        assert retries >= 1  # the parse under way hit the restart and was tried again
    finally:
        pg.remove()

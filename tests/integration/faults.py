"""What the fault tests kill and restart, each started by the test on ports of its own.

Never the shared services (PostgreSQL on 5432, Redis on 6379): other people use them. A
Redis server with no persistence (a restart is a restart empty), a PostgreSQL cluster in a
temporary folder, Celery workers of the project's app with faults injected on request
(tests/integration/faultapp.py), and the checks that every document was processed once.
"""
from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
from kombu import pools

from b2bwatch.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port(start: int) -> int:
    for port in range(start, start + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {start}")


def wait_until(condition, seconds: float, every: float = 0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())


class RedisServer:
    """`redis-server` on its own port, keeping nothing on disk."""

    def __init__(self, folder: Path, port: int | None = None):
        self.folder, self.port = folder, port or free_port(16380)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                   "--dir", str(self.folder)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        if not wait_until(lambda: _answers(client), 10):
            self.kill()
            raise RuntimeError(f"redis-server did not start on port {self.port}")
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def queued(self, queue: str) -> int:
        return redis.Redis(port=self.port).llen(queue)


def _answers(client) -> bool:
    try:
        return client.ping()
    except redis.exceptions.ConnectionError:
        return False


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary folder, run as the `postgres` user."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port(15433)
        self.folder = Path(tempfile.mkdtemp(prefix="b2b-faults-pg-"))
        self.data = self.folder / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/b2b"

    @staticmethod
    def unavailable() -> str:
        if os.geteuid() != 0:
            return "starting a PostgreSQL cluster as the postgres user needs root"
        if not (PG_BIN / "initdb").exists() or not shutil.which("runuser"):
            return f"no PostgreSQL binaries in {PG_BIN} or no runuser"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "no postgres user"
        return ""

    def _as_postgres(self, *command: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *command], check=True, capture_output=True, timeout=60)

    def _pg_ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                          "-o", options, *args)

    def start(self) -> PostgresCluster:
        user = pwd.getpwnam("postgres")
        os.chown(self.folder, user.pw_uid, user.pw_gid)
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                          "--no-sync", "-E", "UTF8")
        self._pg_ctl("start")
        self._as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "b2b")
        return self

    def restart(self) -> None:
        self._pg_ctl("-m", "fast", "restart")

    def remove(self) -> None:
        with contextlib.suppress(Exception):
            self._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


class Processes:
    """Celery workers, beat and manage.py commands of the project against given services."""

    def __init__(self, folder: Path, env: dict[str, str]):
        self.folder, self.env = folder, env
        self.started: list[subprocess.Popen] = []

    def celery(self, name: str, *args: str, **extra_env: str) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("w")
        command = [sys.executable, "-m", "celery", "-A", "tests.integration.faultapp", *args, "--loglevel=INFO"]
        process = subprocess.Popen(command, cwd=ROOT, env={**self.env, **extra_env}, stdout=log,
                                   stderr=subprocess.STDOUT)
        self.started.append(process)
        return process

    def worker(self, name: str, *args: str, **extra_env: str) -> subprocess.Popen:
        return self.celery(name, "worker", "--without-gossip", "--without-mingle", "--without-heartbeat",
                           f"--hostname={name}@%h", *(args or ("--pool=solo",)), **extra_env)

    def manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text()

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
        for process in self.started:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def kill_9(process: subprocess.Popen) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def service_env(*, database_url: str, redis_url: str, folder: Path, **settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("CELERY_BROKER_URL",)}
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url, CELERY_QUEUE=celery_app.conf.task_default_queue,
               DATA_DIR=str(folder), **settings)
    return env


@contextlib.contextmanager
def publishing_to(url: str):
    """This test process sends its tasks to the test's own Redis, as a web process would."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = url, False
    _fresh_connections()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        _fresh_connections()


def _fresh_connections() -> None:
    """Forget connections to a broker that is gone (kombu keeps them per URL, process-wide)."""
    pools.reset()
    celery_app._pool = celery_app.amqp._producer_pool = None


# How the database shows that each document was processed once: parsed, with one article
# (the test documents are one article each), every article analysed, and no row twice.
TALLY = {
    "documents": "SELECT count(*) FROM articles_document",
    "parsed": "SELECT count(*) FROM articles_document WHERE status = 'parsed'",
    "articles": "SELECT count(*) FROM articles_article",
    "documents_with_one_article": """SELECT count(*) FROM (SELECT document_id FROM articles_article
        GROUP BY document_id HAVING count(*) = 1) one""",
    "analysed": "SELECT count(*) FROM articles_article WHERE analysed_at IS NOT NULL AND analysis_attempts = 0",
    "tagged": "SELECT count(DISTINCT article_id) FROM keywords_articletopic",
    "duplicate_events": """SELECT count(*) FROM (SELECT article_id, position FROM keywords_timelineevent
        GROUP BY article_id, position HAVING count(*) > 1) twice""",
    "duplicate_bands": """SELECT count(*) FROM (SELECT article_id, band FROM articles_articleband
        GROUP BY article_id, band HAVING count(*) > 1) twice""",
}


def tally(cursor) -> dict[str, int]:
    counts = {}
    for name, sql in TALLY.items():
        cursor.execute(sql)
        counts[name] = cursor.fetchone()[0]
    cursor.execute("SELECT status, count(*) FROM articles_document GROUP BY status")
    counts["by_status"] = dict(cursor.fetchall())
    return counts


def processed_once(counts: dict, documents: int) -> bool:
    return counts["documents"] == counts["parsed"] == counts["articles"] == documents == counts[
        "documents_with_one_article"] == counts["analysed"] and not counts["duplicate_events"] and not counts[
        "duplicate_bands"]

"""Real Celery processes (worker, beat) against the test database and Redis."""
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

from b2bwatch.celery import app as celery_app
from tests.conftest import services_required

ROOT = Path(__file__).resolve().parents[2]


def _skip_or_fail(reason: str):
    if services_required():
        pytest.fail(reason)
    pytest.skip(reason)


def wait_for(condition, seconds: float = 120.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def celery_processes(tmp_path):
    """Start `celery worker` / `celery beat` on a queue of their own; stop them after."""
    if connection.vendor != "postgresql":
        _skip_or_fail("real Celery processes need PostgreSQL (set DATABASE_URL)")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        _skip_or_fail("real Celery processes need Redis (set REDIS_URL)")
    db = connection.settings_dict
    host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}/{db['NAME']}",
        "CELERY_QUEUE": queue,
        "DATA_DIR": str(tmp_path),
    }
    started: list[tuple[subprocess.Popen, Path]] = []

    def start(kind: str, *args: str, **extra_env: str) -> tuple[subprocess.Popen, Path]:
        log_path = tmp_path / f"{kind}.log"
        command = [sys.executable, "-m", "celery", "-A", "b2bwatch", kind, "--loglevel=INFO", *args]
        if kind == "worker":
            command += ["--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
                        f"--hostname={queue}@%h"]
        with log_path.open("w") as log:
            process = subprocess.Popen(command, cwd=ROOT, env={**env, **extra_env}, stdout=log,
                                       stderr=subprocess.STDOUT)
        started.append((process, log_path))
        return process, log_path

    previous = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = queue
    try:
        yield start
    finally:
        celery_app.conf.task_default_queue = previous
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

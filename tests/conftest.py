"""Shared fixtures: the sample documents and in-process tasks by default."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from b2bwatch.celery import app as celery_app

SEEDS = settings.SEEDS_DIR
SEED_000 = "000_d07dae022077f52e.txt"


def seed_bytes(name: str) -> bytes:
    path = Path(SEEDS) / name
    if not path.exists():
        pytest.skip(f"sample document {path} is not here")
    return path.read_bytes()


def services_required() -> bool:
    """CI sets this so that a missing PostgreSQL or Redis fails the run instead of skipping."""
    return os.environ.get("B2BWATCH_REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def in_process_tasks(request, settings):
    """Run Celery tasks in the test's own process unless the test brings a real worker;
    jobs too, in the test's thread (where the test's transaction is)."""
    settings.JOBS_IN_THREAD = False
    eager = request.node.get_closest_marker("worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def fresh_pages():
    """Each test starts with no cached page: a rolled-back test leaves pages cached for
    rows that no longer exist. Bumping the version (not clearing) leaves Redis, which
    may hold broker messages in CI, alone."""
    from articles.cache import content_changed

    content_changed()


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """Each test's topics are read again: a rolled-back test leaves the vocabulary its
    rows made in this process, and a rollback bumps no stamp (keywords.dictionary)."""
    from keywords.dictionary import vocabulary_stamp_renew

    vocabulary_stamp_renew()


@pytest.fixture
def keywords_2013():
    """The 2013 list, written through the ORM for tests that commit.

    Such tests (a live server, a worker process) start after a flush; the rows that
    serialized rollback is meant to restore were seen missing in long runs on both
    databases, so these tests make sure of their preconditions themselves.
    """
    from keywords.models import KeywordYear, Topic, TopicAlias, YearKeyword
    from keywords.seed import load_2013

    load_2013(Topic, TopicAlias, KeywordYear, YearKeyword)


LATEST_ROLES = "0024_roles_audit_and_accounts"  # the migration that last set the roles


@pytest.fixture
def roles():
    """The 编辑 and 主编 groups as the latest roles migration sets them, for tests that
    commit: a flush between such tests empties the groups table, as with keywords_2013."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = import_module(f"articles.migrations.{LATEST_ROLES}")
    state = MigrationExecutor(connection).loader.project_state(("articles", LATEST_ROLES))
    migration.roles_create(state.apps, SimpleNamespace(connection=connection))  # it only asks for the alias


@pytest.fixture
def import_seed(django_capture_on_commit_callbacks):
    """Import a sample document through the real pipeline (store, parse, analyse)."""
    from articles.services import document_create

    def run(name: str = SEED_000):
        with django_capture_on_commit_callbacks(execute=True):
            document, _ = document_create(data=seed_bytes(name), filename=name, origin=f"seeds/{name}")
        document.refresh_from_db()
        return document

    return run

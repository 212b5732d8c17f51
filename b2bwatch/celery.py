"""The Celery app.

Without a broker configured the tasks run in-process (see settings), so the same code
path serves the embedded default and the production shape with separate workers.
"""
import os

from celery import Celery
from django.db import InterfaceError, OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")

app = Celery("b2bwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def retry_on_database_errors() -> dict:
    """Task options for tasks that are safe to run again (idempotent).

    A database that restarts or drops the connection makes the task try again 1, 2, 4 …
    seconds later (with jitter, ten times, a few minutes in all) instead of failing and
    leaving its document stuck. Each try starts on a fresh connection: Celery's Django
    fixup closes a connection that saw an error. The wait stays under the broker's
    visibility timeout, or Redis would hand the waiting task to a second worker.
    """
    from django.conf import settings

    return {
        "autoretry_for": (OperationalError, InterfaceError),
        "retry_backoff": True,
        "retry_backoff_max": max(1, min(60, settings.BROKER_VISIBILITY_TIMEOUT_SECONDS // 2)),
        "retry_jitter": True,
        "max_retries": 10,
    }

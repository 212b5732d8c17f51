"""The project's Celery app for the fault tests, with parsing or analysis made slow.

A test needs time to kill a worker in the middle of a parse or an analysis: with
FAULT_SLOW_PARSE_SECONDS the parse waits after the document is marked as parsing (before
the file is read); with FAULT_SLOW_ANALYSIS_SECONDS the analysis waits inside its
transaction, after its attempt was counted and before its rows are written. Everything
else is the real code against the real PostgreSQL and Redis. Start a worker with
`celery -A tests.integration.faultapp worker`.
"""
import os
import time

from celery.signals import task_prerun

from b2bwatch.celery import app

__all__ = ["app"]
_slowed = False


def _slow(function, seconds: float):
    def slow(*args, **kwargs):
        time.sleep(seconds)
        return function(*args, **kwargs)

    return slow


@task_prerun.connect
def _slow_down(**kwargs) -> None:
    """Patch once, in the process that runs the tasks, after Django is set up."""
    global _slowed
    if _slowed:
        return
    _slowed = True
    from articles import services
    from keywords import analysis_save

    if parse := float(os.environ.get("FAULT_SLOW_PARSE_SECONDS") or 0):
        services.parse_document = _slow(services.parse_document, parse)
    if analysis := float(os.environ.get("FAULT_SLOW_ANALYSIS_SECONDS") or 0):
        analysis_save._insert = _slow(analysis_save._insert, analysis)

"""Public pages read from a read replica when one is configured (`DATABASE_REPLICA_URL`).

Only reads made while a reader's GET or HEAD request is served go to the replica: the
admin, every POST, Celery tasks and management commands read their own writes from the
primary, so a replica's lag is never seen by the person who just changed something.
Every write goes to the primary, even of an object that was read from the replica.
"""
from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_serving_reader = ContextVar("b2bwatch_serving_reader", default=False)

# Paths whose GETs must see the latest writes: the editors' desk (sign-in included).
PRIMARY_ONLY_PREFIXES = ("/admin/",)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _serving_reader.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both aliases hold the same data

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary; it is never migrated


class ReplicaReadsMiddleware:
    """Marks a reader's safe request so the router sends its reads to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (replica_configured() and request.method in ("GET", "HEAD")
                and not request.path.startswith(PRIMARY_ONLY_PREFIXES)):
            return self.get_response(request)
        token = _serving_reader.set(True)
        try:
            return self.get_response(request)
        finally:
            _serving_reader.reset(token)

"""Ready a web process before its first reader: the public templates compiled and the
search's segmenter loaded, once per process at start.

Without it the first request of each kind paid for them: the first search in a new
process took 913 ms, 210 ms after a warm-up (its vocabulary, about 60 MB and 0.4 s), the
first home page 193 ms, 135 ms after it, at 100,000 articles. Run from `wsgi.py`, so gunicorn,
any other WSGI server and `runserver` do it alike; a failure (the database not up yet) is
logged and the process serves anyway, loading what it needs on first use as before.
"""
from __future__ import annotations

import gc
import logging
import time

from django.conf import settings
from django.db import connections

log = logging.getLogger(__name__)

# Only what readers see; the admin's pages are few and its users can wait once.
SKIPPED = ("admin/",)


def public_templates() -> list[str]:
    names = []
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(folder.rglob("*.html")):
            name = path.relative_to(folder).as_posix()
            if not name.startswith(SKIPPED):
                names.append(name)
    return names


def warm_up() -> None:
    from django.template.loader import get_template

    from keywords.dictionary import current_vocabulary

    started = time.perf_counter()
    try:
        for name in public_templates():
            get_template(name)
        current_vocabulary()
    except Exception:  # a process that cannot warm up still serves
        log.exception("warm-up failed; the first requests will load what they need")
    finally:
        # The reads above must not leave a connection that a forking server (gunicorn's
        # --preload) would share between processes.
        connections.close_all()
    # What was loaded lives as long as the process: out of the collector's way, or each
    # full collection walks its objects again (the trivial view's throughput fell to a
    # third with the vocabulary loaded, from pauses in the middle of requests). Reference
    # counts still free it if it is replaced (a vocabulary rebuilt after a topic edit,
    # which the collector then walks again until the process restarts).
    gc.collect()
    gc.freeze()
    log.info("web process ready in %.0f ms", (time.perf_counter() - started) * 1000)

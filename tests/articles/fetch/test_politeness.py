"""Polling intervals, backoff and per-host spacing: pure arithmetic on seconds."""
from itertools import pairwise

import pytest

from articles.fetch.politeness import Bounds, backoff, host_wait, next_delay, next_interval

BOUNDS = Bounds(minimum=900, maximum=86_400)


def test_several_new_items_poll_more_often():
    assert next_interval(3600, new_items=5, bounds=BOUNDS) == 1800


def test_no_new_items_poll_less_often():
    assert next_interval(3600, new_items=0, bounds=BOUNDS) == 5400


def test_one_new_item_keeps_the_interval():
    assert next_interval(3600, new_items=1, bounds=BOUNDS) == 3600


def test_interval_stays_within_bounds():
    assert next_interval(1000, new_items=50, bounds=BOUNDS) == 900
    assert next_interval(80_000, new_items=0, bounds=BOUNDS) == 86_400


def test_busy_source_converges_to_the_minimum_and_quiet_one_to_the_maximum():
    busy = quiet = 3600.0
    for _ in range(20):
        busy = next_interval(busy, 3, BOUNDS)
        quiet = next_interval(quiet, 0, BOUNDS)
    assert (busy, quiet) == (900, 86_400)


def test_backoff_doubles_up_to_the_cap():
    assert [backoff(n, 60, 1000) for n in range(6)] == [60, 120, 240, 480, 960, 1000]


def test_backoff_survives_absurd_failure_counts():
    assert backoff(10_000, 60, 86_400) == 86_400


def test_failing_source_backs_off_and_recovers_on_success():
    delays = [next_delay(1800, failures, BOUNDS) for failures in (0, 1, 2, 3, 10, 0)]
    assert delays == [1800, 3600, 7200, 14_400, 86_400, 1800]


def test_host_wait_spaces_requests_to_one_host():
    assert host_wait(None, now=100.0) == 0
    assert host_wait(100.0, now=102.0, min_delay=5) == 3
    assert host_wait(100.0, now=110.0, min_delay=5) == 0


def test_crawl_delay_longer_than_ours_wins():
    assert host_wait(100.0, now=101.0, min_delay=5, crawl_delay=10) == 9


def test_bounds_must_be_ordered():
    with pytest.raises(ValueError):
        Bounds(minimum=100, maximum=10)


def _reserve_from_threads(store, host, spacing, threads=8, each=3):
    import threading

    from articles.fetch.politeness import reserve_host_slot

    slots, start = [], threading.Barrier(threads)

    def ask():
        start.wait()
        for _ in range(each):
            slots.append(reserve_host_slot(store, host, spacing))

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sorted(slots)


def test_threads_asking_for_one_host_at_once_get_slots_the_delay_apart():
    from django.core.cache import cache

    slots = _reserve_from_threads(cache, "threads.example", spacing=2.0)
    assert len(slots) == 24
    assert min(b - a for a, b in pairwise(slots)) >= 2.0 - 1e-6


def test_another_host_is_not_held_up():
    from django.core.cache import cache

    from articles.fetch.politeness import reserve_host_slot

    first = reserve_host_slot(cache, "a.example", 60)
    assert reserve_host_slot(cache, "b.example", 60) < first + 1


def _reserve_in_process(redis_url, host, spacing, each, out):
    from django.core.cache.backends.redis import RedisCache

    from articles.fetch.politeness import reserve_host_slot

    store = RedisCache(redis_url, {})
    out.send([reserve_host_slot(store, host, spacing) for _ in range(each)])
    out.close()


def test_worker_processes_sharing_redis_get_slots_the_delay_apart():
    import multiprocessing
    import os
    import uuid

    import redis

    from tests.conftest import services_required

    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/12"
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if services_required():
            raise
        pytest.skip(f"no Redis at {redis_url}")
    host = f"processes-{uuid.uuid4().hex}.example"
    context = multiprocessing.get_context("fork")
    pipes, workers = [], []
    for _ in range(6):
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(target=_reserve_in_process, args=(redis_url, host, 2.0, 3, send))
        worker.start()
        pipes.append(receive)
        workers.append(worker)
    slots = sorted(slot for receive in pipes for slot in receive.recv())
    for worker in workers:
        worker.join()
    assert len(slots) == 18
    assert min(b - a for a, b in pairwise(slots)) >= 2.0 - 1e-6

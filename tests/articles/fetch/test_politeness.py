"""Polling intervals, backoff and per-host spacing: pure arithmetic on seconds."""
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

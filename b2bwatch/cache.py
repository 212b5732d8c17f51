"""A Redis cache that a Redis outage cannot turn into errors.

The cache only saves work: while Redis is unreachable, reads miss and writes are dropped,
so pages and feeds are built from the database (slower, still right) instead of answering
500. After a failure Redis is left alone for a few seconds, so that a hung server adds its
timeout to one request now and then, not to every cache call of every request.
"""
from __future__ import annotations

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
OUTAGE = (RedisConnectionError, RedisTimeoutError)


class TolerantRedisCache(RedisCache):
    retry_after = 5.0  # seconds without trying Redis after it failed

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _try(self, call, default):
        if time.monotonic() < self._down_until:
            return default
        try:
            return call()
        except OUTAGE as exc:
            self._down_until = time.monotonic() + self.retry_after
            log.warning("cache unavailable, serving without it for %.0f s: %s", self.retry_after, exc)
            return default

    # A read that fails is a miss; a write that fails is dropped (the entry is not cached,
    # or not removed: the content version in page keys keeps stale pages from being read,
    # see articles/cache.py).
    def get(self, key, default=None, version=None):
        return self._try(lambda: super(TolerantRedisCache, self).get(key, default, version), default)

    def get_many(self, keys, version=None):
        return self._try(lambda: super(TolerantRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._try(lambda: super(TolerantRedisCache, self).has_key(key, version), False)

    def add(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).add(*args, **kwargs), False)

    def set(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).set(*args, **kwargs), None)

    def set_many(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).set_many(*args, **kwargs), [])

    def touch(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).touch(*args, **kwargs), False)

    def incr(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).incr(*args, **kwargs), None)

    def delete(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).delete(*args, **kwargs), False)

    def delete_many(self, *args, **kwargs):
        return self._try(lambda: super(TolerantRedisCache, self).delete_many(*args, **kwargs), None)

    def clear(self):
        return self._try(lambda: super(TolerantRedisCache, self).clear(), None)

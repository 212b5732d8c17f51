"""Caching of public pages and feeds, invalidated when content changes.

Every cached entry's key carries a content version; any change readers could see bumps
the version, so stale entries are never read again and simply expire. With REDIS_URL
the cache is Redis, shared by every web process; otherwise it is local memory.
"""
from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache

VERSION_KEY = "b2bwatch:content-version"


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed(**kwargs) -> None:
    """Signal receiver and plain function: readers' pages must be rebuilt."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): start a fresh version
        cache.set(VERSION_KEY, 2, timeout=None)


def _key(request) -> str:
    digest = hashlib.sha1(request.get_full_path().encode()).hexdigest()
    return f"b2bwatch:page:{content_version()}:{digest}"


def cached_page(view):
    """Serve anonymous GETs from the cache; editors always see the live page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or getattr(request, "user", None) and request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = _key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper

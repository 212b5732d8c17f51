"""Caching of public pages and feeds, invalidated by what changed.

Every cached page belongs to one scope, read from its URL: an article, a publication, a
source, a topic, a year, or the lists (home, latest feeds, timeline, search, everything
else). It is fresh while two versions are what they were when it was built: the
archive's, bumped by changes that reach every page (a topic renamed, a year's keyword
list edited, a source renamed), and its scope's, bumped when an article in it changes
(`article_changed`). Analysing one article so makes its own pages, its topics', year's
and source's and the lists cold, not every topic, year, source and article page (one
site-wide version did, at 100,000 articles).

A page is stored under its URL and scope with the two versions it was built under, so
a hit costs one round trip to the cache (the versions and the page read together, then
compared): reading the versions first and the page by a key made of them took two, most
of a warm page's time. A stale entry is rebuilt and overwritten. Feeds and the API's lists
are cached the same way, each response as one body. With REDIS_URL the cache is Redis,
shared by every web process; otherwise it is local memory.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.cache import set_response_etag
from django.utils.dateparse import parse_datetime

ARCHIVE = "archive"
LISTS = "lists"
_VERSION = "b2bwatch:version:"
# URL names whose pages belong to one object's scope (with their feeds: the same name
# followed by `_…`), and the URL argument naming it.
_SCOPES = {
    "articles:detail": ("article", "pk"),
    "articles:publication": ("publication", "pk"),
    "articles:source": ("source", "slug"),
    "keywords:topic": ("topic", "slug"),
    "keywords:year": ("year", "year"),
}


def page_scope(request) -> str:
    match = getattr(request, "resolver_match", None)
    for view_name, (name, argument) in _SCOPES.items() if match else ():
        if match.view_name == view_name or match.view_name.startswith(view_name + "_"):
            return f"{name}:{match.kwargs.get(argument, '')}"
    return LISTS


def _new_version() -> str:
    """A version nothing was built under. Versions are only ever compared for equality, so
    a fresh token serves where a counter did, and the new versions of many scopes are
    written in one round trip (`set_many`): an INCR per scope cost a batch of articles one
    round trip for each of its ~70 scopes (0.5-1.2 ms per article; now 0.14)."""
    return secrets.token_hex(8)


def _versions(scopes: list[str], found: dict) -> list:
    """The scopes' current versions from what a `get_many` `found`, starting any not set."""
    keys = [_VERSION + s for s in scopes]
    for key in keys:
        if key not in found:
            version = _new_version()
            cache.add(key, version, timeout=None)
            found[key] = cache.get(key, version)
    return [found[k] for k in keys]


def scopes_changed(scopes: Iterable[str]) -> None:
    cache.set_many({_VERSION + scope: _new_version() for scope in set(scopes)}, timeout=None)


def content_changed(**kwargs) -> None:
    """Signal receiver and plain function: every page must be rebuilt."""
    scopes_changed([ARCHIVE])


def article_scopes(article, topic_ids: Iterable[int] = (), tagged: Iterable[int] | None = None) -> list[str]:
    """The scopes whose pages show this article: its own, its publication's, source's and
    year's, its topics' (those given and those it has now: `tagged`, else read) and the lists."""
    from keywords.models import Topic

    scopes = [LISTS, f"article:{article.pk}"]
    if article.publication_id:
        scopes.append(f"publication:{article.publication_id}")
    if article.source_id:
        scopes.append(f"source:{article.source.slug}")
    published = article.published_at
    if isinstance(published, str):  # saved from a string: the stored value is the datetime
        published = parse_datetime(published)
    if published:
        scopes.append(f"year:{timezone.localtime(published).year}")
    if tagged is None:
        tagged = article.topic_tags.values_list("topic_id", flat=True)
    topics = Topic.objects.filter(pk__in={*topic_ids, *tagged})
    scopes.extend(f"topic:{slug}" for slug in topics.values_list("slug", flat=True))
    return scopes


def article_changed(sender=None, instance=None, *, article=None, topic_ids: Iterable[int] = (),
                    tagged: Iterable[int] | None = None, **kwargs) -> None:
    """Signal receiver (an article saved or deleted) and plain function (re-analysed)."""
    if kwargs.get("raw"):  # loading fixtures
        return
    try:
        scopes = article_scopes(article or instance, topic_ids, tagged)
    except ObjectDoesNotExist:  # deleted together with its source: rebuild everything
        scopes = [ARCHIVE]
    scopes_changed(scopes)


def _read(key: str, scope: str) -> tuple[list[int], object]:
    """The versions an entry of this scope must carry, and the entry stored under `key` if
    it carries them (else None): the versions and the entry in one read of the cache."""
    found = cache.get_many([_VERSION + ARCHIVE, _VERSION + scope, key])
    versions = _versions([ARCHIVE, scope], found)
    stored = found.get(key)
    fresh = isinstance(stored, tuple) and len(stored) == 2 and stored[0] == versions
    return versions, stored[1] if fresh else None


def kept_with_lists(name: str, compute):
    """A value the list pages share (the years that have articles), computed again only
    when an article or the archive changed, as the lists' pages are."""
    key = f"b2bwatch:value:{name}"
    versions, value = _read(key, LISTS)
    if value is None:
        value = compute()
        cache.set(key, (versions, value), settings.PAGE_CACHE_SECONDS)
    return value


def _page_key(request) -> tuple[str, str]:
    scope = page_scope(request)
    return f"b2bwatch:page:{scope}:{hashlib.sha1(request.get_full_path().encode()).hexdigest()}", scope


def cached_page(view):
    """Serve anonymous GETs from the cache; editors always see the live page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or getattr(request, "user", None) and request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key, scope = _page_key(request)
        versions, response = _read(key, scope)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render") and callable(response.render):
                    response.render()
                # One bytes object: a feed is written in ~1,500 pieces, each pickled and
                # read back on every hit (a warm feed cost 0.15× the trivial view).
                response.content = response.content
                # Its ETag stored with it: ConditionalGetMiddleware hashed the whole body
                # again on every hit (0.16 ms of a warm timeline's, a 126 KB page).
                if not response.has_header("ETag"):
                    set_response_etag(response)
                cache.set(key, (versions, response), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper

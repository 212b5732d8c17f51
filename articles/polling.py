"""Polling web sources: which are due, fetching each politely, and handing new pages to
the same document pipeline as uploads.

The fetching, parsing and scheduling rules are pure code (articles.fetch, ingest.feed,
ingest.webpage); this module keeps their state in the database and the cache.
"""
from __future__ import annotations

import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .fetch import FetchError, fetch
from .fetch.http import make_user_agent
from .fetch.politeness import Bounds, host_wait, next_delay, next_interval
from .fetch.robots import crawl_delay, fetch_robots, is_allowed
from .ingest import IngestError
from .ingest.feed import parse_feed
from .ingest.webpage import listing_links
from .models import Article, Channel, Document
from .services import DocumentRejected, document_create

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # a due channel is not handed out again while its poll runs
MAX_NEW_PER_POLL = 50  # a first poll of a big listing does not flood the queue


def _fetch_options() -> dict:
    return {
        "timeout": settings.FETCH_TIMEOUT_SECONDS,
        "max_bytes": settings.FETCH_MAX_BYTES,
        "user_agent": make_user_agent(settings.SITE_URL),
        "allow_loopback": settings.FETCH_ALLOW_LOOPBACK,
    }


def channels_poll_due(*, now=None) -> int:
    """Queue a poll for every active channel whose time has come; return how many."""
    from .tasks import channel_poll

    now = now or timezone.now()
    due = list(
        Channel.objects.filter(is_active=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by("next_poll_at")
        .values_list("pk", flat=True)[:500]
    )
    Channel.objects.filter(pk__in=due).update(next_poll_at=now + LEASE)
    for channel_id in due:
        transaction.on_commit(lambda channel_id=channel_id: channel_poll.delay(channel_id))
    return len(due)


def _host_slot(url: str, delay: float) -> float:
    """Seconds to wait before this host may be asked again; reserves the slot if free."""
    host = urlsplit(url).hostname or ""
    key = f"b2bwatch:host-last:{host}"
    wait = host_wait(cache.get(key), time.time(), settings.FETCH_HOST_DELAY_SECONDS, delay)
    if wait <= 0:
        cache.set(key, time.time(), timeout=3600)
    return wait


def _robots(url: str) -> str:
    """robots.txt of the URL's host, cached for a day."""
    host = urlsplit(url).netloc
    key = f"b2bwatch:robots:{host}"
    text = cache.get(key)
    if text is None:
        options = {k: v for k, v in _fetch_options().items() if k != "max_bytes"}
        text = fetch_robots(url, **options)  # none: allow all; unreachable: disallow for now
        cache.set(key, text, timeout=24 * 3600 if text else 3600)
    return text


def _polite_fetch(url: str, **validators):
    """Fetch with robots.txt honoured and the per-host delay kept (waiting if needed)."""
    robots = _robots(url)
    agent = make_user_agent(settings.SITE_URL)
    if not is_allowed(robots, agent, url):
        raise FetchError("robots", f"robots.txt 不允许抓取 {url}（或该站点的 robots.txt 暂时无法读取）", url=url)
    for _ in range(10):
        wait = _host_slot(url, crawl_delay(robots, agent) or 0.0)
        if wait <= 0:
            break
        time.sleep(min(wait, settings.FETCH_HOST_DELAY_SECONDS))
    return fetch(url, **validators, **_fetch_options())


def _known(url: str) -> bool:
    return Article.objects.filter(url=url).exists() or Document.objects.filter(origin=url).exists()


def channel_poll(*, channel_id: int) -> Channel | None:
    """Poll one channel: record its health, queue its new pages, schedule the next poll."""
    channel = Channel.objects.select_related("source").filter(pk=channel_id).first()
    if channel is None or not channel.is_active:
        return None
    now = timezone.now()
    channel.last_attempt_at = now
    lowest = max(channel.min_interval_minutes, settings.FETCH_MIN_INTERVAL_MINUTES)
    bounds = Bounds(lowest * 60, max(channel.max_interval_minutes, lowest) * 60)
    try:
        result = _polite_fetch(channel.url, etag=channel.etag or None, last_modified=channel.last_modified or None)
        new = [] if result.not_modified else _new_entries(channel, result)
        for url, hints in new[:MAX_NEW_PER_POLL]:
            _enqueue_page(channel.pk, url, hints)
        if channel.kind == Channel.Kind.PAGE and not result.not_modified:
            _store_page(channel, channel.url, result, {})
            new = [(channel.url, {})]
    except (FetchError, IngestError) as exc:
        channel.consecutive_failures += 1
        channel.last_error = getattr(exc, "message", None) or str(exc)
        channel.last_status = getattr(exc, "status", None)
        log.info("polling %s failed: %s", channel.url, channel.last_error)
    else:
        channel.consecutive_failures = 0
        channel.last_error = ""
        channel.last_success_at = now
        channel.last_status = 304 if result.not_modified else result.status
        channel.items_found = len(new)
        channel.etag = result.etag or channel.etag
        channel.last_modified = result.last_modified or channel.last_modified
        channel.interval_minutes = round(next_interval(channel.interval_minutes * 60, len(new), bounds) / 60)
    delay = next_delay(channel.interval_minutes * 60, channel.consecutive_failures, bounds)
    channel.next_poll_at = now + timedelta(seconds=delay)
    channel.save()
    return channel


def _new_entries(channel: Channel, result) -> list[tuple[str, dict]]:
    if channel.kind == Channel.Kind.FEED:
        entries = parse_feed(result.body, url=result.final_url, content_type_header=result.content_type)
        found = [
            (e.url, {"title": e.title, "author": e.author,
                     "published_at": e.published_at.isoformat() if e.published_at else ""})
            for e in entries if e.url
        ]
    elif channel.kind == Channel.Kind.LISTING:
        links = listing_links(result.body, url=result.final_url, selector=channel.link_selector or "a")
        found = [(link, {}) for link in links]
    else:
        return []
    return [(url, hints) for url, hints in found if not _known(url)]


def _enqueue_page(channel_id: int, url: str, hints: dict) -> None:
    from .tasks import channel_fetch_page

    transaction.on_commit(lambda: channel_fetch_page.delay(channel_id, url, hints))


def channel_fetch_page(*, channel_id: int, url: str, hints: dict) -> Document | None:
    """Fetch one new page of a channel and store it as a document (parsed like any other)."""
    channel = Channel.objects.select_related("source").filter(pk=channel_id).first()
    if channel is None or _known(url):
        return None
    try:
        result = _polite_fetch(url)
    except FetchError as exc:
        log.info("fetching page %s failed: %s", url, exc.message)
        return None
    return _store_page(channel, url, result, hints)


def _store_page(channel: Channel, url: str, result, hints: dict) -> Document | None:
    try:
        document, _ = document_create(
            data=result.body,
            filename=(urlsplit(url).path.rsplit("/", 1)[-1] or urlsplit(url).hostname or "page")[:200],
            origin=url,
            source=channel.source,
            structure=Document.Structure.WEBPAGE,
            content_type=result.content_type or "",
            hints=hints,
        )
    except DocumentRejected as exc:
        log.info("page %s rejected: %s", url, exc)
        return None
    return document

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
from .fetch.politeness import Bounds, backoff, next_delay, next_interval, reserve_host_slot
from .fetch.robots import crawl_delay, fetch_robots, is_allowed
from .ingest import IngestError
from .ingest.entries import MAX_ENTRIES, page_entries
from .ingest.limits import run_with_time_limit
from .jobs import JobFailed, job_create
from .models import Article, Channel, Document, FailedEntry, Job
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


def _wait_for_host(url: str, crawl_delay_seconds: float) -> None:
    """Sleep until this worker's reserved turn to ask the URL's host (see `reserve_host_slot`)."""
    spacing = max(settings.FETCH_HOST_DELAY_SECONDS, crawl_delay_seconds)
    turn = reserve_host_slot(cache, urlsplit(url).hostname or "", spacing)
    time.sleep(max(0.0, turn - time.time()))


def _robots(url: str) -> tuple[str, str]:
    """robots.txt of the URL's host and what was wrong with it, cached as long as its answer says."""
    key = f"b2bwatch:robots-answer:{urlsplit(url).netloc}"
    cached = cache.get(key)
    if cached is None:
        options = {k: v for k, v in _fetch_options().items() if k != "max_bytes"}
        answer = fetch_robots(url, **options)
        cached = (answer.text, answer.problem)
        cache.set(key, cached, timeout=answer.cache_seconds)
    return cached


def _polite_fetch(url: str, **validators):
    """Fetch with robots.txt honoured and the per-host delay kept (waiting if needed)."""
    robots, problem = _robots(url)
    agent = make_user_agent(settings.SITE_URL)
    if not is_allowed(robots, agent, url):
        raise FetchError("robots", f"{problem}：{url}" if problem else f"robots.txt 不允许抓取 {url}", url=url)
    _wait_for_host(url, crawl_delay(robots, agent) or 0.0)
    return fetch(url, **validators, **_fetch_options())


def _known(urls: list[str]) -> set[str]:
    """Those of `urls` already stored, or failed and waiting for their next try: one query."""
    if not urls:
        return set()
    waiting = Q(next_try_at__isnull=True) | Q(next_try_at__gt=timezone.now())
    stored = Article.objects.filter(url__in=urls).order_by().values_list("url")
    received = Document.objects.filter(origin__in=urls).order_by().values_list("origin")
    failed = FailedEntry.objects.filter(waiting, url__in=urls).order_by().values_list("url")
    return {url for (url,) in stored.union(received, failed)}


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


def channel_poll_start(*, channel: Channel, user=None) -> Job:
    """An editor's "poll now": a job, so its outcome shows in the job list."""
    return job_create(kind=Job.Kind.CHANNEL_POLL, user=user, params={"channel_id": channel.pk},
                      message=str(channel.url), total=1)


def channel_poll_step(job: Job, progress) -> bool:
    channel = channel_poll(channel_id=job.params["channel_id"])
    if channel is None:
        job.message = "来源已删除或已停用，未抓取。"
    elif channel.last_error:
        raise JobFailed(f"抓取失败：{channel.last_error}")
    else:
        job.message = f"{channel.url}：{channel.items_found} 个新条目"
    progress(1)
    return True


def _new_entries(channel: Channel, result) -> list[tuple[str, dict]]:
    """The pages the polled document lists that are not known yet, in the document's order.

    The document is read in the parse's limited child and only its first MAX_ENTRIES
    pages come back; which of them are known is one query, however long the feed.
    """
    if channel.kind not in (Channel.Kind.FEED, Channel.Kind.LISTING):
        return []
    found = run_with_time_limit(
        page_entries, channel.kind, result.body, url=result.final_url, content_type=result.content_type,
        selector=channel.link_selector or "a", max_entries=MAX_ENTRIES,
        seconds=settings.PARSE_TIME_LIMIT_SECONDS, memory_mb=settings.PARSE_MEMORY_LIMIT_MB,
    )
    known = _known([url for url, _ in found])
    return [(url, hints) for url, hints in found if url not in known]


def _enqueue_page(channel_id: int, url: str, hints: dict) -> None:
    from .tasks import channel_fetch_page

    transaction.on_commit(lambda: channel_fetch_page.delay(channel_id, url, hints))


def channel_fetch_page(*, channel_id: int, url: str, hints: dict) -> Document | None:
    """Fetch one new page of a channel and store it as a document (parsed like any other).

    A page that cannot be fetched is recorded as failed, so that polls skip it until its
    next try (FETCH_ENTRY_RETRY_MINUTES, doubling each time) and give it up after
    FETCH_ENTRY_MAX_ATTEMPTS tries.
    """
    channel = Channel.objects.select_related("source").filter(pk=channel_id).first()
    if channel is None or _known([url]):
        return None
    try:
        result = _polite_fetch(url)
    except FetchError as exc:
        log.info("fetching page %s failed: %s", url, exc.message)
        _entry_failed(channel, url, exc.message)
        return None
    document = _store_page(channel, url, result, hints)
    if document is not None:
        FailedEntry.objects.filter(url=url).delete()
    return document


def _entry_failed(channel: Channel, url: str, error: str, *, final: bool = False) -> FailedEntry:
    """Count one more failure of a page; schedule its next try, or give it up (no next try)."""
    with transaction.atomic():
        entry, _ = FailedEntry.objects.select_for_update().get_or_create(url=url[:1000], defaults={"channel": channel})
        entry.attempts += 1
        entry.last_error = error
        entry.next_try_at = None
        if not final and entry.attempts < settings.FETCH_ENTRY_MAX_ATTEMPTS:
            base = settings.FETCH_ENTRY_RETRY_MINUTES * 60
            wait = backoff(entry.attempts - 1, base, cap=base * 2 ** 10)
            entry.next_try_at = timezone.now() + timedelta(seconds=wait)
        entry.save()
    return entry


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
        if url != channel.url:  # a listed page: the same bytes would be refused again
            _entry_failed(channel, url, str(exc), final=True)
        return None
    return document

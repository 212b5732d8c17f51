"""Reads for timelines: dated events, once each even when several outlets reprinted them.

Only what a timeline shows is read: each event's own columns and its article's id and
title, never the article's body, and for the site's timeline only a bounded number of
candidates per year, so a page costs the same at 100,000 articles as at 1,000
(at 100,000 articles, loading every event with its article took 23.8 s and 2.7 GB).
"""
from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet

from .models import KeywordYear, TimelineEvent, Topic

# What `keywords/_event.html` shows.
EVENT_COLUMNS = ("sentence", "happened_on", "precision", "is_forecast", "key", "position",
                 "article__id", "article__title")
# Candidates read per year: enough that reprints (one key, several rows) still leave a
# full year after each event is kept once.
CANDIDATES_PER_SHOWN = 6


def _published_events() -> QuerySet[TimelineEvent]:
    return TimelineEvent.objects.filter(article__is_published=True)


def _shown(events: QuerySet[TimelineEvent]) -> QuerySet[TimelineEvent]:
    return events.select_related("article").only(*EVENT_COLUMNS)


def unique_events(events) -> list[TimelineEvent]:
    """The first event of each fingerprint: a reprinted event appears once, from its
    earliest article."""
    seen: set[str] = set()
    kept = []
    for event in events:
        if event.key in seen:
            continue
        seen.add(event.key)
        kept.append(event)
    return kept


def topic_timeline(topic: Topic, limit: int = 200) -> dict[str, list[TimelineEvent]]:
    """A topic's events in date order: what happened, and forecasts apart."""
    events = unique_events(
        _shown(_published_events().filter(topics=topic))
        .order_by("happened_on", "article__published_at", "article_id", "position")[:limit]
    )
    return {
        "happened": [e for e in events if not e.is_forecast],
        "forecasts": [e for e in events if e.is_forecast],
    }


def event_years() -> list[int]:
    """Years with a published event that happened and touched a topic."""
    events = _published_events().filter(is_forecast=False, topics__isnull=False)
    return [d.year for d in events.dates("happened_on", "year")]


def main_events(year: int, limit: int = 8) -> list[TimelineEvent]:
    """A year's main events: those linked to the most topics (then the earliest), each
    fingerprint once, in date order.

    Ordering by topic count first and then by date, article date and position keeps, of
    a reprinted event, the row of its earliest article, as `unique_events` does over a
    date-ordered list.
    """
    candidates = (
        _published_events()
        .filter(is_forecast=False, happened_on__gte=date(year, 1, 1), happened_on__lte=date(year, 12, 31))
        .annotate(topic_count=Count("topics"))
        .filter(topic_count__gt=0)
        .order_by("-topic_count", "happened_on", "article__published_at", "article_id", "position")
        .values_list("pk", "key")[: limit * CANDIDATES_PER_SHOWN]
    )
    seen: set[str] = set()
    chosen: list[int] = []
    for pk, key in candidates:
        if key not in seen and len(chosen) < limit:
            seen.add(key)
            chosen.append(pk)
    events = _shown(TimelineEvent.objects.filter(pk__in=chosen))
    return sorted(events, key=lambda e: (e.happened_on, e.position, e.pk))


def global_timeline(per_year: int = 8) -> list[dict]:
    """Year by year: that year's keyword list and its main events (see `main_events`)."""
    lists = {ky.year: ky for ky in KeywordYear.objects.prefetch_related("entries__topic")}
    years = sorted(set(event_years()) | set(lists))
    timeline = []
    for year in years:
        timeline.append({"year": year, "keyword_year": lists.get(year), "events": main_events(year, per_year)})
    return timeline

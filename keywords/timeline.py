"""Reads for timelines: dated events, once each even when several outlets reprinted them."""
from __future__ import annotations

from collections import OrderedDict

from django.db.models import Count, QuerySet

from .models import KeywordYear, TimelineEvent, Topic


def _published_events() -> QuerySet[TimelineEvent]:
    return TimelineEvent.objects.filter(article__is_published=True).select_related("article").prefetch_related("topics")


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
        _published_events()
        .filter(topics=topic)
        .order_by("happened_on", "article__published_at", "article_id", "position")[:limit]
    )
    return {
        "happened": [e for e in events if not e.is_forecast],
        "forecasts": [e for e in events if e.is_forecast],
    }


def global_timeline(per_year: int = 8) -> list[dict]:
    """Year by year: that year's keyword list and its main events.

    Main events are those linked to the most topics (then the earliest), so each year
    shows what touched the industry's keywords, not every dated sentence.
    """
    lists = {ky.year: ky for ky in KeywordYear.objects.prefetch_related("entries__topic")}
    events = (
        _published_events()
        .filter(is_forecast=False)
        .annotate(topic_count=Count("topics"))
        .filter(topic_count__gt=0)
        .order_by("happened_on", "article__published_at", "article_id", "position")
    )
    by_year: dict[int, list[TimelineEvent]] = OrderedDict()
    for event in unique_events(events):
        by_year.setdefault(event.happened_on.year, []).append(event)
    years = sorted(set(by_year) | set(lists))
    timeline = []
    for year in years:
        chosen = sorted(by_year.get(year, []), key=lambda e: (-e.topic_count, e.happened_on))[:per_year]
        timeline.append(
            {
                "year": year,
                "keyword_year": lists.get(year),
                "events": sorted(chosen, key=lambda e: (e.happened_on, e.position)),
            }
        )
    return timeline

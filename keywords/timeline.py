"""Reads for timelines: dated events, once each even when several outlets reprinted them.

Only what a timeline shows is read: each event's own columns and its article's id and
title, never the article's body, and for the site's timeline only a bounded number of
candidates per year, so a page costs the same at 100,000 articles as at 1,000
(at 100,000 articles, loading every event with its article took 23.8 s and 2.7 GB).
"""
from __future__ import annotations

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import ExtractYear, RowNumber

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


def main_events_by_year(limit: int = 8) -> dict[int, list[TimelineEvent]]:
    """Each year's main events: those linked to the most topics (then the earliest), each
    fingerprint once, in date order.

    One query ranks the events within their year and keeps a bounded number of candidates
    per year (a query per year cost 33 round trips on a corpus with 33 years of dated
    sentences); a second loads the chosen events. Ordering by topic count first and then
    by date, article date and position keeps, of a reprinted event, the row of its
    earliest article, as `unique_events` does over a date-ordered list.
    """
    year = ExtractYear("happened_on")
    order = [F("topic_count").desc(), "happened_on", F("article__published_at").asc(), "article_id", "position"]
    candidates = (
        _published_events()
        .filter(is_forecast=False)
        .annotate(topic_count=Count("topics"))
        .filter(topic_count__gt=0)
        .annotate(year=year, row=Window(RowNumber(), partition_by=[year], order_by=order))
        .filter(row__lte=limit * CANDIDATES_PER_SHOWN)
        .order_by("year", "row")
        .values_list("pk", "key", "year")
    )
    seen: set[str] = set()
    chosen: dict[int, list[int]] = {}
    for pk, key, in_year in candidates:
        kept = chosen.setdefault(in_year, [])
        if key not in seen and len(kept) < limit:
            seen.add(key)
            kept.append(pk)
    shown = TimelineEvent.objects.filter(pk__in=[pk for pks in chosen.values() for pk in pks])
    events = {e.pk: e for e in _shown(shown)}
    return {
        in_year: sorted((events[pk] for pk in pks), key=lambda e: (e.happened_on, e.position, e.pk))
        for in_year, pks in chosen.items()
    }


def global_timeline(per_year: int = 8) -> list[dict]:
    """Year by year: that year's keyword list and its main events (see `main_events_by_year`)."""
    lists = {ky.year: ky for ky in KeywordYear.objects.prefetch_related("entries__topic")}
    events = main_events_by_year(per_year)
    return [
        {"year": year, "keyword_year": lists.get(year), "events": events.get(year, [])}
        for year in sorted(set(events) | set(lists))
    ]

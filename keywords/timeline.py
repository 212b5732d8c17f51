"""Reads for timelines: dated events, once each even when several outlets reprinted them.

Only what a timeline shows is read: each event's own columns and its article's id and
title, never the article's body, and for the site's timeline only a bounded number of
candidates per year, so a page costs the same at 100,000 articles as at 1,000
(at 100,000 articles, loading every event with its article took 23.8 s and 2.7 GB).

An event is a sentence (`keywords.text.events.event_key`): shown once, at its earliest
date, from its earliest article, with the other articles that carry it as `also`.
"""
from __future__ import annotations

from collections import namedtuple

from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from articles.models import Article

from .models import KeywordYear, TimelineEvent, Topic

# What `keywords/_event.html` shows.
EVENT_COLUMNS = ("sentence", "happened_on", "precision", "is_forecast", "key", "position",
                 "article__id", "article__title")
# Candidates read per year: enough that reprints (one key, several rows) still leave a
# full year after each event is kept once.
CANDIDATES_PER_SHOWN = 6
# Other articles named under an event: a reprint's outlets, not all of them.
ALSO_SHOWN = 5
# Events on a topic's page; the full timeline has its own page.
KEY_EVENTS_SHOWN = 8


def _published_events() -> QuerySet[TimelineEvent]:
    return TimelineEvent.objects.filter(article__is_published=True)


def _shown(events: QuerySet[TimelineEvent]) -> QuerySet[TimelineEvent]:
    return events.select_related("article").only(*EVENT_COLUMNS)


def unique_events(events) -> list[TimelineEvent]:
    """The first event of each fingerprint, in the order given: a reprinted event (or a
    sentence with two dates) appears once, and the other articles carrying it are its
    `also` (at most ALSO_SHOWN)."""
    kept: dict[str, TimelineEvent] = {}
    for event in events:
        first = kept.get(event.key)
        if first is None:
            event.also = []
            kept[event.key] = event
        else:
            _add_also(first, event.article)
    return list(kept.values())


def _add_also(event: TimelineEvent, article) -> None:
    known = {event.article.id} | {a.id for a in event.also}
    if article.id not in known and len(event.also) < ALSO_SHOWN:
        event.also.append(article)


def key_events(events: list[TimelineEvent], limit: int = KEY_EVENTS_SHOWN) -> list[TimelineEvent]:
    """The events most outlets carried (then the earliest), in date order: a topic page's
    short timeline."""
    ranked = sorted(events, key=lambda e: (-len(e.also), e.happened_on, e.position))[:limit]
    return sorted(ranked, key=lambda e: (e.happened_on, e.position))


def topic_timeline(topic: Topic, limit: int = 200) -> dict[str, list[TimelineEvent]]:
    """A topic's events in date order: what happened, and forecasts apart.

    The first `limit` events by date (then article date, article, position) are read in
    the order of the dated-events index (`event_with_topics_by_date`: date, position),
    which the database walks probing each event's topic link, plus every event of the
    last date read (its order within a day needs the article's date), and ordered here:
    sorting all of a topic's events by the article's date read every one of them (4,000
    for 跨境电商 at 34,000 articles, 95-360 ms)."""
    events = _shown(_published_events().filter(topic_count__gt=0, topics=topic)).only(
        *EVENT_COLUMNS, "article__published_at")
    first = list(events.order_by("happened_on", "position")[:limit])
    if len(first) == limit:
        last_day = first[-1].happened_on
        known = {e.pk for e in first}
        first += [e for e in events.filter(happened_on=last_day) if e.pk not in known]
    first.sort(key=_date_order)
    events = unique_events(first[:limit])
    happened = [e for e in events if not e.is_forecast]
    return {
        "happened": happened,
        "forecasts": [e for e in events if e.is_forecast],
        "key": key_events(happened),
    }


def _date_order(event: TimelineEvent) -> tuple:
    return _date_key(event.happened_on, event.article.published_at, event.article_id, event.position)


def _date_key(happened_on, published, article_id: int, position: int) -> tuple:
    """happened_on, then the article's date (undated last, as PostgreSQL sorts NULLs),
    the article and the position."""
    return (happened_on, published is None, published.timestamp() if published else 0, article_id, position)


# What a main-event candidate is read as: plain values, not models (a model instance for
# each of 2,000 candidates was half of the timeline's time at 100,000 articles).
_CANDIDATE = ("pk", "sentence", "happened_on", "precision", "is_forecast", "key", "position", "topic_count",
              "year", "article_id", "article__title", "article__published_at")
Candidate = namedtuple("Candidate", _CANDIDATE)


def main_events_by_year(limit: int = 8) -> dict[int, list[TimelineEvent]]:
    """Each year's main events: those linked to the most topics (then the earliest), each
    fingerprint once, in date order.

    Each year's candidates are the first rows of an index over the stored year and topic
    count (`event_main_by_year`), every year's slice in one statement (`_each_bounded`;
    one query a year was 47 round trips). Ranking every event with a window function over its
    topics grouped 82,000 events per request (290 ms at 31,000 articles). The candidates
    are then ordered by topic count, date, article date and position, which keeps, of a
    reprinted event, the row of its earliest article as `unique_events` does over a
    date-ordered list, and only the events kept become models.
    """
    years = _main_event_years()  # a year whose events are all unpublished is left out below
    main = TimelineEvent.objects.filter(is_forecast=False, topic_count__gt=0, article__is_published=True)
    rows = _each_bounded(
        _CANDIDATES_SQL, years, limit * CANDIDATES_PER_SHOWN,
        otherwise=main.order_by("year", "-topic_count", "happened_on", "position").values_list(*_CANDIDATE),
    )
    by_year: dict[int, list[Candidate]] = {}
    for row in map(Candidate._make, rows):
        by_year.setdefault(row.year, []).append(row)
    seen: set[str] = set()
    chosen: dict[int, list[TimelineEvent]] = {}
    for in_year in sorted(by_year):
        # The slice each year's index walk read (elsewhere than PostgreSQL: all the year's rows).
        first = sorted(by_year[in_year], key=lambda c: (-c.topic_count, c.happened_on, c.position))
        candidates = sorted(first[: limit * CANDIDATES_PER_SHOWN], key=_candidate_order)
        kept = []
        for candidate in candidates:
            if candidate.key not in seen and len(kept) < limit:
                seen.add(candidate.key)
                kept.append(_event(candidate))
        if kept:
            chosen[in_year] = kept
    _attach_also([e for kept in chosen.values() for e in kept])
    return {
        in_year: sorted(kept, key=lambda e: (e.happened_on, e.position, e.pk)) for in_year, kept in chosen.items()
    }


def _main_event_years() -> list[int]:
    """The years that have main-event candidates, ascending: one step down the
    `event_main_by_year` index per year (the next year after the last one found), not a
    DISTINCT over every main event, which read all 169,480 entries of the index at 1,000,000
    articles (13.6 ms against 0.4, EXPLAIN ANALYZE). The same SQL on SQLite."""
    table = TimelineEvent._meta.db_table
    main = f"FROM {table} AS e WHERE NOT e.is_forecast AND e.topic_count > 0"
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE found(year) AS (SELECT MIN(e.year) {main} UNION ALL "
            f"SELECT (SELECT MIN(e.year) {main} AND e.year > found.year) FROM found WHERE found.year IS NOT NULL) "
            "SELECT year FROM found WHERE year IS NOT NULL ORDER BY year"
        )
        return [year for (year,) in cursor.fetchall()]


def _candidate_order(c: Candidate) -> tuple:
    """Topic count (most first), then as `_date_order`."""
    return (-c.topic_count, *_date_key(c.happened_on, c.article__published_at, c.article_id, c.position))


def _event(c: Candidate) -> TimelineEvent:
    """A candidate as the template shows it: the event and what a link to its article needs."""
    values = c._asdict()
    title, published = values.pop("article__title"), values.pop("article__published_at")
    event = TimelineEvent(**values)
    event.article = Article(id=event.article_id, title=title, published_at=published)
    return event


def events_topics_changed(sender=None, instance=None, action="", reverse=False, pk_set=None, **kwargs) -> None:
    """Signal receiver (an event's topics added, removed or cleared, from either side):
    store each event's topic count again, which the timeline's index orders by."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    ids = pk_set if reverse else [instance.pk]
    if reverse and action == "post_clear":
        return  # the events are no longer known here; only a topic's own clear does this
    links = (
        TimelineEvent.topics.through.objects.filter(timelineevent_id=OuterRef("pk"))
        .values("timelineevent_id").annotate(n=Count("*")).values("n")
    )
    TimelineEvent.objects.filter(pk__in=ids).update(
        topic_count=Coalesce(Subquery(links, output_field=IntegerField()), Value(0))
    )


def topic_leaving_events(sender=None, instance=None, **kwargs) -> None:
    """Signal receiver, before a topic is deleted: its links go by cascade, which sends no
    m2m signal, so each of its events counts one topic less (in the delete's transaction)."""
    TimelineEvent.objects.filter(topics=instance, topic_count__gt=0).update(topic_count=F("topic_count") - 1)


def _attach_also(events: list[TimelineEvent]) -> None:
    """The other articles carrying the chosen events, a few per event, first stored first:
    each key's (key, article) index read to its bound (`_each_bounded`). A window over
    every carrier of the chosen keys sorted them all (40 ms at 100,000 articles, where a
    sentence of the generated archive is carried by up to 1,089 articles)."""
    by_key = {e.key: e for e in events}
    for e in events:
        e.also = []
    if not by_key:
        return
    # The shown event's own row is among the first of its key: `_add_also` skips its article.
    rows = _each_bounded(
        _ALSO_SQL, list(by_key), ALSO_SHOWN + 1,
        otherwise=_published_events().filter(key__in=list(by_key)).values_list("key", "article_id", "article__title"),
    )
    for event_key, article_id, title in sorted(rows, key=lambda row: (row[0], row[1])):
        _add_also(by_key[event_key], Article(id=article_id, title=title))  # what a link needs, unsaved


# Each year's first candidates, and each key's first carriers, read to their bound by one
# statement on PostgreSQL: a LATERAL join over the years (or keys) walks the index for
# each. The same reads as 47 (or 188) sliced querysets in a UNION ALL cost as much in
# building and planning the statement as in running it (60-110 ms at 100,000 articles).
_CANDIDATES_SQL = """
SELECT c.* FROM unnest(%s::smallint[]) AS y(year) CROSS JOIN LATERAL (
  SELECT e.id, e.sentence, e.happened_on, e.precision, e.is_forecast, e.key, e.position, e.topic_count,
         e.year, e.article_id, a.title, a.published_at
  FROM keywords_timelineevent e JOIN articles_article a ON a.id = e.article_id
  WHERE e.year = y.year AND NOT e.is_forecast AND e.topic_count > 0 AND a.is_published
  ORDER BY e.topic_count DESC, e.happened_on, e.position LIMIT %s) AS c"""
_ALSO_SQL = """
SELECT k.key, c.article_id, c.title FROM unnest(%s::varchar[]) AS k(key) CROSS JOIN LATERAL (
  SELECT e.article_id, a.title
  FROM keywords_timelineevent e JOIN articles_article a ON a.id = e.article_id
  WHERE e.key = k.key AND a.is_published
  ORDER BY e.article_id LIMIT %s) AS c"""


def _each_bounded(sql: str, keys: list, bound: int, *, otherwise) -> list[tuple]:
    """The rows of `sql` (the first `bound` per key) on PostgreSQL; elsewhere the rows of
    `otherwise`, unbounded, as a small development database can (callers bound them)."""
    if not keys:
        return []
    if connection.vendor != "postgresql":
        return list(otherwise)
    with connection.cursor() as cursor:
        cursor.execute(sql, [keys, bound])
        return cursor.fetchall()


def global_timeline(per_year: int = 8) -> list[dict]:
    """Year by year: that year's keyword list and its main events (see `main_events_by_year`)."""
    lists = {ky.year: ky for ky in KeywordYear.objects.prefetch_related("entries__topic")}
    events = main_events_by_year(per_year)
    return [
        {"year": year, "keyword_year": lists.get(year), "events": events.get(year, [])}
        for year in sorted(set(events) | set(lists))
    ]

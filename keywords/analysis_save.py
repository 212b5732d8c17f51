"""Saving the analyses of several articles at once: one statement per table for the batch.

The pipeline's analysis step stores, for each article, its topics, organisations and
dated events (with their topic and organisation links). Here the rows the articles have
now are read once per table, each article's new rows are made, and only the articles
whose rows differ are rewritten: one DELETE per table for all of them (a plain DELETE,
no SELECT first: Django's delete reads the rows again whenever a model has a delete
signal, as the tags do for the summaries) and one INSERT per table. A re-tag that
changes nothing for an article writes nothing for it. The topic counts
(keywords.summaries) are brought up to date once, for the articles rewritten.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from .models import ArticleOrganisation, ArticleTopic, Organisation, TimelineEvent
from .summaries import summaries_sync
from .text.analysis import Analysis
from .text.events import event_key

TAG_COLUMNS = ("topic_id", "mentions", "title_mentions", "in_title", "score", "strength")
EVENT_COLUMNS = ("sentence", "date_text", "happened_on", "precision", "is_forecast", "key", "position",
                 "topic_count", "year")


@dataclass
class Rows:
    """An article's analysis rows, as comparable tuples (old: read; new: to write)."""

    tags: list[tuple] = field(default_factory=list)
    organisations: list[tuple] = field(default_factory=list)  # (organisation_id, mentions)
    events: list[tuple] = field(default_factory=list)  # EVENT_COLUMNS + (topic ids, organisation ids)

    def key(self) -> tuple:
        return sorted(self.tags), sorted(self.organisations), sorted(self.events)


@dataclass
class Saved:
    """What one article's save did: its tags now, the topics it had before (their pages
    change too) and whether anything was written."""

    tags: list[ArticleTopic]
    old_topic_ids: list[int]
    changed: bool


def analyses_save(found: dict[int, Analysis]) -> dict[int, Saved]:
    """Replace each article's topics, organisations and events with what its analysis
    found (inside the caller's transaction, which holds the articles' rows)."""
    ids = sorted(found)
    if not ids:
        return {}
    old = _stored(ids)
    org_ids = _organisation_ids(found.values())
    new = {pk: _rows(analysis, org_ids) for pk, analysis in found.items()}
    changed = [pk for pk in ids if old[pk].key() != new[pk].key()]
    if changed:
        _delete(changed)
        _insert({pk: new[pk] for pk in changed})
        summaries_sync(article_ids=changed)
    return {
        pk: Saved(
            tags=[ArticleTopic(article_id=pk, **dict(zip(TAG_COLUMNS, row, strict=True))) for row in new[pk].tags],
            old_topic_ids=[row[0] for row in old[pk].tags],
            changed=pk in changed,
        )
        for pk in ids
    }


def _stored(ids: list[int]) -> dict[int, Rows]:
    """The rows the articles have now: one SELECT per table."""
    rows = {pk: Rows() for pk in ids}
    for article_id, *tag in ArticleTopic.objects.filter(article_id__in=ids).values_list("article_id", *TAG_COLUMNS):
        rows[article_id].tags.append(tuple(tag))
    for article_id, *org in ArticleOrganisation.objects.filter(article_id__in=ids).values_list(
        "article_id", "organisation_id", "mentions"
    ):
        rows[article_id].organisations.append(tuple(org))
    events = list(TimelineEvent.objects.filter(article_id__in=ids).values_list("pk", "article_id", *EVENT_COLUMNS))
    if events:
        TopicLink, OrganisationLink = TimelineEvent.topics.through, TimelineEvent.organisations.through
        event_ids = [event[0] for event in events]
        topics, orgs = defaultdict(list), defaultdict(list)
        for event_id, topic_id in TopicLink.objects.filter(timelineevent_id__in=event_ids).values_list(
            "timelineevent_id", "topic_id"
        ):
            topics[event_id].append(topic_id)
        for event_id, org_id in OrganisationLink.objects.filter(timelineevent_id__in=event_ids).values_list(
            "timelineevent_id", "organisation_id"
        ):
            orgs[event_id].append(org_id)
        for event_id, article_id, *columns in events:
            rows[article_id].events.append((*columns, tuple(sorted(topics[event_id])), tuple(sorted(orgs[event_id]))))
    return rows


def _organisation_ids(analyses) -> dict[str, int]:
    names = {m.name for a in analyses for m in a.organisations}
    names |= {name for a in analyses for e in a.events for name in e.organisations}
    return dict(Organisation.objects.filter(name__in=names).values_list("name", "pk")) if names else {}


def _rows(found: Analysis, org_ids: dict[str, int]) -> Rows:
    """The rows an analysis stores, in the form `_stored` reads them."""
    rows = Rows()
    rows.tags = [(m.key, m.mentions, m.title_mentions, m.in_title, m.score, m.strength) for m in found.topics]
    rows.organisations = [(org_ids[m.name], m.mentions) for m in found.organisations if m.name in org_ids]
    for position, e in enumerate(found.events):
        event = e.event
        rows.events.append((
            event.sentence[:2000], event.raw[:50], event.when, event.precision, event.is_forecast, event_key(event),
            position, len(set(e.topics)), event.when.year,
            tuple(sorted(set(e.topics))), tuple(sorted({org_ids[name] for name in e.organisations if name in org_ids})),
        ))
    return rows


def _delete(ids: list[int]) -> None:
    """Every analysis row of these articles, one plain DELETE per table (the links first)."""
    marks = ", ".join(["%s"] * len(ids))
    events, tags = TimelineEvent._meta.db_table, ArticleTopic._meta.db_table
    statements = [
        f"DELETE FROM {TimelineEvent.topics.through._meta.db_table} WHERE timelineevent_id IN "
        f"(SELECT id FROM {events} WHERE article_id IN ({marks}))",
        f"DELETE FROM {TimelineEvent.organisations.through._meta.db_table} WHERE timelineevent_id IN "
        f"(SELECT id FROM {events} WHERE article_id IN ({marks}))",
        f"DELETE FROM {events} WHERE article_id IN ({marks})",
        f"DELETE FROM {ArticleOrganisation._meta.db_table} WHERE article_id IN ({marks})",
        f"DELETE FROM {tags} WHERE article_id IN ({marks})",
    ]
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, ids)


def _insert(new: dict[int, Rows]) -> None:
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article_id=pk, **dict(zip(TAG_COLUMNS, row, strict=True)))
        for pk, rows in new.items() for row in rows.tags
    )
    ArticleOrganisation.objects.bulk_create(
        ArticleOrganisation(article_id=pk, organisation_id=org_id, mentions=mentions)
        for pk, rows in new.items() for org_id, mentions in rows.organisations
    )
    events = [(pk, row) for pk, rows in new.items() for row in rows.events]
    if not events:
        return
    saved = TimelineEvent.objects.bulk_create(
        TimelineEvent(article_id=pk, **dict(zip(EVENT_COLUMNS, row[:len(EVENT_COLUMNS)], strict=True)))
        for pk, row in events
    )
    TopicLink, OrganisationLink = TimelineEvent.topics.through, TimelineEvent.organisations.through
    TopicLink.objects.bulk_create(
        TopicLink(timelineevent_id=event.pk, topic_id=topic_id)
        for event, (_, row) in zip(saved, events, strict=True) for topic_id in row[-2]
    )
    OrganisationLink.objects.bulk_create(
        OrganisationLink(timelineevent_id=event.pk, organisation_id=org_id)
        for event, (_, row) in zip(saved, events, strict=True) for org_id in row[-1]
    )


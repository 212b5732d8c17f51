"""Counts of articles per topic, kept as articles change instead of aggregated per request.

Every count a page shows about a topic (its articles in all, per year, per quarter, per
month, in the trending window) is a sum over two small tables: `TopicCount` (in all) and
`TopicDayCount` (per day of publication, China's date). At 31,000 articles the home,
topic and year pages spent 200-900 ms of a cold request grouping the tag table.

How they stay true: each article's contribution (its published tags: topic, day, about or
not, mentions) is stored as last applied (`ArticleCounted`). `summaries_sync` reads the
article as it is now, applies the difference to the tables and stores the new
contribution, in the caller's transaction, with the article's row locked so two workers
never apply one change twice. Every door that changes what counts calls it: the analysis
(tags), saving an article (published, unpublished, re-dated) or one tag (the admin),
publishing an issue (a bulk update), deleting an article (before the delete) or a tag.
Whatever the door, the result depends only on the article's state, so calling it again
is harmless and `summaries_rebuild` (the `rebuild_summaries` command) gives the same
tables from scratch.

A topic's lists show each story once (`articles.selectors.one_per_story`), so the totals
also keep what those lists count: `shown` and `shown_about`, the tagged articles no story
hides. Whether a story hides an article depends on the story's main article, so the
doors that move articles between stories or choose a main one sync every member
(`articles.story_members.story_rebuild`, grouping): the topic page counted the hidden
part per request by joining the topic's tags to the story members (81-220 ms at 100,000
articles, the most of its cold time).
"""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article

from .models import ArticleCounted, ArticleTopic, Topic, TopicCount, TopicDayCount

REBUILD_CHUNK = 2000
_ABOUT = ArticleTopic.Strength.ABOUT


def _contributions(article_ids: list[int]) -> dict[int, list[list]]:
    """What each article adds now: one row per published tag (none when unpublished)."""
    now: dict[int, list[list]] = {pk: [] for pk in article_ids}
    tags = ArticleTopic.objects.filter(article_id__in=article_ids, article__is_published=True).values_list(
        "article_id", "topic_id", "strength", "mentions", "article__published_at",
        "article__story__main_id", "article__story__main__is_published",
    )
    for article_id, topic_id, strength, mentions, published_at, main_id, main_published in tags:
        day = timezone.localdate(published_at).isoformat() if published_at else None
        now[article_id].append([topic_id, day, int(strength == _ABOUT), mentions,
                                int(not hidden_by_story(article_id, main_id, main_published))])
    return now


def hidden_by_story(article_id: int, main_id: int | None, main_published: bool | None) -> bool:
    """Whether the article's story hides it from lists: the story shows its main article, if
    that one is public (the rule of `articles.selectors.one_per_story`)."""
    return main_id is not None and main_id != article_id and bool(main_published)


def summaries_sync(*, article_ids: Iterable[int], removing: bool = False) -> None:
    """Bring the counts up to date with these articles as they are now (or, `removing`,
    as if they were gone: called before a delete)."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    with transaction.atomic():
        # The article rows are the lock: the stored contribution is read and replaced by
        # one transaction at a time. Ordered, so two syncs of overlapping sets never deadlock.
        ids = list(Article.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        before = dict(ArticleCounted.objects.filter(article_id__in=ids).values_list("article_id", "rows"))
        now = {pk: [] for pk in ids} if removing else _contributions(ids)
        changed = [pk for pk in ids if _key(before.get(pk, [])) != _key(now[pk])]
        if not changed:
            return
        deltas: Counter = Counter()
        for pk in changed:
            for sign, rows in ((-1, before.get(pk, [])), (1, now[pk])):
                for topic_id, day, about, mentions, shown in rows:
                    for where in ((topic_id, None), (topic_id, day)) if day else ((topic_id, None),):
                        deltas[(*where, "about")] += sign * about
                        deltas[(*where, "articles")] += sign
                        deltas[(*where, "mentions")] += sign * mentions
                    deltas[(topic_id, None, "shown")] += sign * shown
                    deltas[(topic_id, None, "shown_about")] += sign * shown * about
        _apply(deltas)
        ArticleCounted.objects.filter(article_id__in=changed).delete()
        if not removing:
            ArticleCounted.objects.bulk_create(ArticleCounted(article_id=pk, rows=now[pk]) for pk in changed if now[pk])


def _key(rows: list[list]) -> list:
    return sorted(tuple(row) for row in rows)


def _apply(deltas: Counter) -> None:
    """Add the differences: one upsert per table (the same statement on PostgreSQL and
    SQLite), then drop the rows nothing counts any more, so a chart's first and last
    periods are real ones. A topic deleted meanwhile took its rows with it: skipped."""
    cells: dict[tuple, list[int]] = {}
    for (topic_id, day, column), value in deltas.items():
        if value:
            columns = _DAY_COLUMNS if day else _TOTAL_COLUMNS
            cells.setdefault((topic_id, day), [0] * len(columns))[columns.index(column)] = value
    topics = set(Topic.objects.filter(pk__in={t for t, _ in cells}).values_list("pk", flat=True))
    # In key order: two workers applying overlapping counts lock the rows in the same order
    # and so never deadlock (a batch of articles touches many topics and days at once).
    totals = sorted((t, *v) for (t, day), v in cells.items() if day is None and t in topics)
    days = sorted((t, day, *v) for (t, day), v in cells.items() if day is not None and t in topics)
    _upsert(TopicCount._meta.db_table, ["topic_id"], _TOTAL_COLUMNS, totals)
    _upsert(TopicDayCount._meta.db_table, ["topic_id", "day"], _DAY_COLUMNS, days)
    if any(v[1] < 0 for v in cells.values()):
        TopicCount.objects.filter(topic_id__in=topics, articles=0).delete()
        TopicDayCount.objects.filter(topic_id__in=topics, articles=0).delete()


UPSERT_ROWS = 500  # rows per statement: SQLite takes at most 32,766 parameters
_DAY_COLUMNS = ("about", "articles", "mentions")
_TOTAL_COLUMNS = (*_DAY_COLUMNS, "shown", "shown_about")


def _upsert(table: str, keys: list[str], counted: tuple[str, ...], rows: list[tuple]) -> None:
    columns = [*keys, *counted]
    add = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in counted)
    for start in range(0, len(rows), UPSERT_ROWS):
        chunk = rows[start:start + UPSERT_ROWS]
        values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
        sql = (f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "
               f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {add}")
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])


def summaries_rebuild() -> int:
    """Every count from scratch, in one transaction (readers see the old tables until it
    commits); returns the number of articles counted."""
    with transaction.atomic():
        ArticleCounted.objects.all().delete()
        TopicDayCount.objects.all().delete()
        TopicCount.objects.all().delete()
        ids = list(Article.objects.filter(is_published=True).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), REBUILD_CHUNK):
            summaries_sync(article_ids=ids[start:start + REBUILD_CHUNK])
    return len(ids)


# The topics being deleted, per thread (see `tag_counts_changed`). The analysis replaces
# tags with plain SQL (keywords.analysis_save), which sends no signal, and syncs once.
_held = threading.local()


def article_counts_changed(sender=None, instance=None, raw=False, **kwargs) -> None:
    """Signal receiver: an article saved (published, taken down, re-dated, edited)."""
    if not raw:
        summaries_sync(article_ids=[instance.pk])


def tag_counts_changed(sender=None, instance=None, raw=False, **kwargs) -> None:
    """Signal receiver: one tag saved or deleted (the admin, a fixture-less test). A tag
    counts for its own topic only, so the tags of a topic being deleted need nothing: the
    topic's rows go with it, and the stored contributions that still name it are skipped."""
    if raw or instance.topic_id in getattr(_held, "topics", ()):
        return
    summaries_sync(article_ids=[instance.article_id])


def topic_deleting(sender=None, instance=None, **kwargs) -> None:
    """Signal receiver, before a topic is deleted (see `tag_counts_changed`)."""
    _held.topics = {*getattr(_held, "topics", ()), instance.pk}


def topic_deleted(sender=None, instance=None, **kwargs) -> None:
    _held.topics = set(getattr(_held, "topics", ())) - {instance.pk}


def article_counts_removed(sender=None, instance=None, **kwargs) -> None:
    """Signal receiver, before an article is deleted: take its contribution out."""
    summaries_sync(article_ids=[instance.pk], removing=True)

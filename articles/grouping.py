"""Grouping articles: reprints of one text, and stories of one event, across outlets.

Two levels, kept apart. A *reprint* is the same text (after normalisation, or nearly:
MinHash over character shingles, candidates found through indexed LSH bands, never by
comparing every pair). A *story* is different texts on the same event: titles and leads
whose rare words agree within a week, or a newsletter item that names the URL it was
reprinted from; never two items of one issue, never a profile with a news report (the
rule and its evidence: `articles.dedup.stories`). Both end in one `Story` whose main
article is the original outlet's or the earliest; the others are "also reported by".

Story candidates are bounded by index, not by the size of the date window: each of an
article's few rarest real words (`rare_words`) reads at most PER_WORD rows on either side
of its date from the (word, date) index of `StoryWord`. An article joins an existing story
only when it fits every member (complete linkage), so one story never chains into the next.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
from django.db import connection, transaction

from keywords.summaries import summaries_sync
from keywords.text.weights import word_weights

from .dedup.bands import band_hashes, estimated_jaccard, from_bytes, to_bytes
from .dedup.fingerprint import content_key, exact_hash
from .dedup.minhash import THRESHOLD, signature_values
from .dedup.stories import (
    NEWS,
    QUERY_WORDS,
    STORED_WORDS,
    WINDOW,
    StoryItem,
    group_stories,
    join_story,
    rare_words,
    story_partners,
)
from .models import Article, ArticleBand, Story, StoryWord
from .story_members import NOT_READ, story_item, story_rebuild

MAX_CANDIDATES = 200  # reprint candidates confirmed by their MinHash
STORY_CANDIDATES = 50  # those sharing the most rare words: a report of the same event shares several
PER_WORD = 25  # articles read per rare word on each side of an article's date (newest, nearest first)
MAX_MEMBERS = 500  # members of the candidates' stories loaded to check them against


def _text(article: Article) -> str:
    return f"{article.title}\n{article.body}"


@dataclass(frozen=True)
class Fingerprint:
    """What grouping stores of an article's text: its MinHash, its exact hash, its bands."""

    values: np.ndarray
    content_hash: str
    minhash: bytes
    bands: list[int]


def article_fingerprint(article: Article) -> Fingerprint:
    """Pure work on the text (no query): the normalised text is made once for both hashes."""
    text = _text(article)
    key = content_key(text)
    values = signature_values(text, key=key)
    return Fingerprint(values=values, content_hash=exact_hash(text, key=key),
                       minhash=to_bytes(values), bands=band_hashes(values))


def _keys_save(article: Article, fingerprint: Fingerprint, item: StoryItem) -> None:
    """The rows by which later articles find this one: its LSH bands and, for dated news,
    its rarest words. Plain SQL, a DELETE and one INSERT per table: the ORM's bulk_create
    cost more than the database's work for these thirty-odd small rows. The article's own
    `content_hash` and `minhash` are the caller's to write."""
    bands = [(article.pk, band, value) for band, value in enumerate(fingerprint.bands)]
    words = []
    if article.kind == NEWS and article.published_at is not None:
        when = connection.ops.adapt_datetimefield_value(article.published_at)
        words = [(article.pk, word[:40], when) for word in rare_words(item.words, word_weights(), STORED_WORDS)]
    with connection.cursor() as cursor:
        for model, columns, rows in ((ArticleBand, "article_id, band, value", bands),
                                     (StoryWord, "article_id, word, published_at", words)):
            table = model._meta.db_table
            cursor.execute(f"DELETE FROM {table} WHERE article_id = %s", [article.pk])
            if rows:
                marks = ", ".join(["(%s, %s, %s)"] * len(rows))
                cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {marks}", [v for row in rows for v in row])


def reprints_of(article: Article, values) -> list[Article]:
    """Other articles whose text this one repeats (exactly or nearly).

    Candidates are the articles sharing the exact hash or at least one LSH band: an
    indexed lookup, whatever the size of the corpus; each is then confirmed by its
    estimated Jaccard similarity.
    """
    # Written as SQL: the ORM took longer to compile the 32 band conditions (about 30 ms)
    # than the database to answer them. The two ways in are a UNION of ids, each read by
    # its own index: `id IN (bands) OR content_hash = …` made PostgreSQL scan every
    # article and test each against the bands (2 ms at 800 articles, 191 ms at 111,000).
    table, bands_table = Article._meta.db_table, ArticleBand._meta.db_table
    pairs = list(enumerate(band_hashes(values)))
    same_band = " OR ".join(["(band = %s AND value = %s)"] * len(pairs))
    hash_match = f" UNION SELECT id FROM {table} WHERE content_hash = %s" if article.content_hash else ""
    sql = (f"SELECT id, content_hash, minhash, story_id, reprint_of_id FROM {table} WHERE id <> %s AND "
           f"id IN (SELECT article_id FROM {bands_table} WHERE {same_band}{hash_match})"
           " ORDER BY published_at DESC NULLS LAST, id DESC LIMIT %s")
    params = [article.pk, *(v for pair in pairs for v in pair)]
    params += [article.content_hash] if article.content_hash else []
    candidates = Article.objects.raw(sql, [*params, MAX_CANDIDATES])
    found = []
    for other in candidates:
        same = article.content_hash and other.content_hash == article.content_hash
        if same or (other.minhash and estimated_jaccard(values, from_bytes(other.minhash)) >= THRESHOLD):
            found.append(other)
    return found


def _cited(article: Article) -> list[Article]:
    """The web article a newsletter item says it reprinted."""
    if not (article.url and article.publication_id):
        return []
    return list(Article.objects.exclude(pk=article.pk).filter(url=article.url, publication__isnull=True)[:5])


def _story_candidates(article: Article, item: StoryItem) -> list[int]:
    """Ids of dated news articles near this one in time that share its rarest real words,
    those sharing the most first: a few indexed rows per word, whatever the window holds.

    One round trip: per word, the PER_WORD nearest rows before and after the article's
    date, each a range scan of the (word, published_at) index with a LIMIT.
    """
    if article.kind != NEWS or article.published_at is None:
        return []
    words = rare_words(item.words, word_weights(), QUERY_WORDS)
    if not words:
        return []
    when, window = article.published_at, WINDOW + timedelta(days=1)
    table = StoryWord._meta.db_table
    side = (
        "SELECT article_id FROM (SELECT article_id FROM {table} WHERE word = %s AND article_id <> %s"
        " AND published_at {low} %s AND published_at {high} %s ORDER BY published_at {order} LIMIT %s) AS w{n}"
    )
    parts, params = [], []
    for word in words:
        for low, high, order, start, stop in ((">=", "<=", "DESC", when - window, when),
                                              (">", "<=", "ASC", when, when + window)):
            parts.append(side.format(table=table, low=low, high=high, order=order, n=len(parts)))
            params += [word, article.pk, *map(connection.ops.adapt_datetimefield_value, (start, stop)), PER_WORD]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        shared = Counter(pk for (pk,) in cursor.fetchall())
    return sorted(shared, key=lambda pk: (-shared[pk], -pk))[:STORY_CANDIDATES]


def _place(article: Article, item: StoryItem, reprints: list[Article]) -> tuple[int | None, list[int]]:
    """The existing story the article joins, or (None, the articles it starts one with)."""
    ids = {a.pk for a in [*reprints, *_cited(article)]} | set(_story_candidates(article, item))
    candidates = list(Article.objects.filter(pk__in=ids).exclude(pk=article.pk).select_related("source")
                      .defer(*NOT_READ))
    story_ids = {a.story_id for a in candidates if a.story_id}
    stories: dict[int, list[StoryItem]] = {}
    members = (Article.objects.filter(story_id__in=story_ids).exclude(pk=article.pk).select_related("source")
               .defer(*NOT_READ))
    for member in members.order_by("story_id", "pk")[:MAX_MEMBERS]:
        stories.setdefault(member.story_id, []).append(story_item(member))
    reprint_keys = [a.pk for a in reprints]
    story_id = join_story(item, stories, reprints=reprint_keys, weights=word_weights())
    if story_id is not None:
        return story_id, []
    loners = [story_item(a) for a in candidates if not a.story_id]
    partners = story_partners(item, loners, reprints=reprint_keys, weights=word_weights())
    if not partners:
        return None, []
    grouped = group_stories([item, *partners], reprint_groups=[[article.pk, *reprint_keys]], weights=word_weights())
    mine = next(s for s in grouped if any(i.key == article.pk for i in s.items))
    return None, [i.key for i in mine.items if i.key != article.pk]


@transaction.atomic
def article_group(*, article_id: int, prepared: Fingerprint | None = None, loaded: Article | None = None,
                  columns: dict | None = None) -> Story | None:
    """Fingerprint an article and put it in the story of its reprints or of its event.

    Its place is decided anew each time (an edit may move it), and the story it leaves is
    rebuilt. The rows by which later articles find it (its bands and story words) are
    stored in the same transaction: an article is found by others only once it has its
    place and, in its row, the words they compare. A batch (articles.pipeline_batch)
    passes the fingerprint it `prepared`, the article as it `loaded` it (only its story is
    read again, with the lock: another article's grouping may have moved it), and other
    `columns` of the row to write in the same UPDATE (its search columns, the marks of a
    finished run): every UPDATE of the row puts all its words into the search indexes again.
    """
    locked = Article.objects.select_for_update(of=("self",)).filter(pk=article_id)
    if loaded is None:
        article = locked.select_related("source").first()
    else:
        article = loaded
        article.story_id = next(iter(locked.values_list("story_id", flat=True)), -1)
        if article.story_id == -1:
            article = None
    if article is None:
        return None
    fingerprint = prepared or article_fingerprint(article)
    article.content_hash, article.minhash = fingerprint.content_hash, fingerprint.minhash
    item = story_item(article)
    _keys_save(article, fingerprint, item)
    reprints = reprints_of(article, fingerprint.values)
    article.reprint_of_id = None
    if reprints:
        first = min(reprints, key=lambda a: a.pk)
        article.reprint_of_id = first.reprint_of_id or first.pk
    left = article.story_id
    story_id, others = _place(article, item, reprints)
    story = Story.objects.get(pk=story_id) if story_id else (Story.objects.create() if others else None)
    article.story = story
    # An update, not save(): the pipeline makes the article's pages cold once per run.
    Article.objects.filter(pk=article.pk).update(content_hash=article.content_hash, minhash=article.minhash,
                                                 reprint_of_id=article.reprint_of_id, story=story,
                                                 **(columns or {}))
    if others:
        Article.objects.filter(pk__in=others).update(story=story)
    if left and left != (story.pk if story else None):
        story_rebuild(story=Story(pk=left))
    if story is None:
        if left:  # out of a story: listed again (a story's members are synced by its rebuild)
            summaries_sync(article_ids=[article.pk])
        return None
    return story_rebuild(story=story)


@transaction.atomic
def stories_undo() -> None:
    """Undo every story and the story-word index, before grouping every article anew
    (`pipeline.articles_regroup`, for an upgrade that changed the rule)."""
    Article.objects.exclude(story=None).update(story=None)
    Story.objects.all().delete()
    StoryWord.objects.all().delete()

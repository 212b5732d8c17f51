"""Writes for the keyword engine: an article's analysis and what it stores; re-tagging.

The analysis is one step of `articles.pipeline`, which decides when it runs and what runs
after it; nothing here queues or chains other steps."""
from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils import timezone

from articles.ingest.limits import run_with_time_limit
from articles.job_chunks import Chunking, chunks_step
from articles.jobs import job_create
from articles.models import Article, Job

from .dictionary import current_vocabulary
from .models import ArticleOrganisation, ArticleTopic, Organisation, TimelineEvent
from .summaries import summaries_held, summaries_sync
from .text.analysis import Analysis, EventFound, analyse_text
from .text.events import event_key

ANALYSE_IN_CHILD_CHARS = 20_000  # longer articles are analysed under the time and memory limits


def article_text_analyse(*, article: Article, body: str) -> Analysis:
    """The analysis step's work, outside any transaction: segment the article once and find
    its topics, organisations and dated events (`pipeline.article_process` runs it).

    A body longer than ANALYSE_IN_CHILD_CHARS is analysed in a child process under the
    parse's time and memory limits (IngestError when they stop it). Shorter ones are not:
    a fork costs 20-60 ms, as much as their whole analysis, and their length alone bounds
    the work.
    """
    vocabulary = current_vocabulary()
    published = timezone.localtime(article.published_at).date() if article.published_at else None
    if len(body) > ANALYSE_IN_CHILD_CHARS:
        return run_with_time_limit(
            analyse_text, vocabulary, article.title, body, published=published,
            seconds=settings.PARSE_TIME_LIMIT_SECONDS, memory_mb=settings.PARSE_MEMORY_LIMIT_MB,
        )
    return analyse_text(vocabulary, article.title, body, published=published)


def article_analysis_save(*, article: Article, found: Analysis) -> tuple[list[ArticleTopic], list[int]]:
    """Replace the article's topics, organisations and events with what its analysis found
    (inside the pipeline's transaction, which holds the article's row). Returns the new
    tags and the topics it had before, whose pages the pipeline makes cold once it is done.

    One round trip per table: each old row set goes with one DELETE (no SELECT first) and
    each new one with one INSERT, the events' topic and organisation links included."""
    old_topics = list(ArticleTopic.objects.filter(article=article).values_list("topic_id", flat=True))
    with summaries_held():  # the counts take the difference once, below
        ArticleTopic.objects.filter(article=article).delete()
    names = {m.name for m in found.organisations} | {name for e in found.events for name in e.organisations}
    org_ids = dict(Organisation.objects.filter(name__in=names).values_list("name", "pk")) if names else {}
    _save_organisations(article, found.organisations, org_ids)
    _save_events(article, found.events, org_ids)
    tags = ArticleTopic.objects.bulk_create(
        ArticleTopic(
            article=article,
            topic_id=m.key,
            mentions=m.mentions,
            title_mentions=m.title_mentions,
            in_title=m.in_title,
            score=m.score,
            strength=m.strength,
        )
        for m in found.topics
    )
    summaries_sync(article_ids=[article.pk])
    return tags, old_topics


RETAG_CHUNK = 200
RETAG_PROGRESS_EVERY = 20


def topics_retag_start(*, reason: str = "", user=None, foreground: bool = False) -> Job:
    """Re-tag every article (and rebuild its search tokens) after topics changed: a job,
    so the editor's save returns at once and the job list shows the progress.

    An older re-tag still under way is superseded: its remaining chunks stop, and the new
    job covers everything with the new dictionary.
    """
    Job.objects.filter(kind=Job.Kind.RETAG, status__in=Job.OPEN).update(
        status=Job.Status.SUPERSEDED, finished_at=timezone.now()
    )
    return job_create(kind=Job.Kind.RETAG, total=Article.objects.count(), message=reason, user=user,
                      params={"after_id": 0}, foreground=foreground)


def topics_retag_step(job: Job, progress) -> bool | str:
    """Hand the re-tag's chunks to the workers, RETAG_PARALLEL_CHUNKS at a time
    (articles.job_chunks: the job's row keeps what is left and one progress).

    Chunks keep each task short, so other work (new imports) interleaves and the site
    keeps serving; several workers share the chunks, each article runs alone.
    """
    return chunks_step(job, retag_chunking(), lanes=settings.RETAG_PARALLEL_CHUNKS)


def retag_chunking() -> Chunking:
    """What a re-tag's chunk is (articles.job_chunks.CHUNKINGS names this)."""
    return Chunking(next_ids=_retag_next_ids, run=_retag_run, size=RETAG_CHUNK)


def _retag_next_ids(after_id: int, size: int) -> list[int]:
    return list(Article.objects.filter(pk__gt=after_id).order_by("pk").values_list("pk", flat=True)[:size])


def _retag_run(ids: list[int], progress) -> None:
    """Analysis and index for each article; grouping only where the new cut changed
    what it reads (articles.pipeline: a re-tag leaves the text as it was)."""
    from articles.pipeline import article_process

    counted = 0
    for n, article_id in enumerate(ids, start=1):
        article_process(article_id=article_id, retag=True)
        if n % RETAG_PROGRESS_EVERY == 0 or n == len(ids):
            progress(n - counted)
            counted = n


def _save_organisations(article: Article, mentions, org_ids: dict[str, int]) -> None:
    ArticleOrganisation.objects.filter(article=article).delete()
    ArticleOrganisation.objects.bulk_create(
        ArticleOrganisation(article=article, organisation_id=org_ids[m.name], mentions=m.mentions)
        for m in mentions if m.name in org_ids
    )


def _events_delete(article: Article) -> None:
    """The article's events and their links, in three statements and no SELECT: Django's
    delete of the events would read them first to cascade to their links."""
    TopicLink, OrganisationLink = TimelineEvent.topics.through, TimelineEvent.organisations.through
    TopicLink.objects.filter(timelineevent__article=article).delete()
    OrganisationLink.objects.filter(timelineevent__article=article).delete()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TimelineEvent._meta.db_table} WHERE article_id = %s", [article.pk])


def _save_events(article: Article, events: list[EventFound], org_ids: dict[str, int]) -> None:
    """The article's dated sentences, each linked to the topics and organisations in it."""
    _events_delete(article)
    if not events:
        return
    rows = TimelineEvent.objects.bulk_create(
        TimelineEvent(
            article=article,
            sentence=found.event.sentence[:2000],
            date_text=found.event.raw[:50],
            happened_on=found.event.when,
            precision=found.event.precision,
            is_forecast=found.event.is_forecast,
            key=event_key(found.event),
            position=position,
            topic_count=len(set(found.topics)),
            year=found.event.when.year,
        )
        for position, found in enumerate(events)
    )
    TopicLink, OrganisationLink = TimelineEvent.topics.through, TimelineEvent.organisations.through
    TopicLink.objects.bulk_create(
        TopicLink(timelineevent_id=row.pk, topic_id=topic_id)
        for row, found in zip(rows, events, strict=True) for topic_id in sorted(set(found.topics))
    )
    OrganisationLink.objects.bulk_create(
        OrganisationLink(timelineevent_id=row.pk, organisation_id=org_id)
        for row, found in zip(rows, events, strict=True)
        for org_id in sorted({org_ids[name] for name in found.organisations if name in org_ids})
    )

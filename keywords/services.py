"""Writes for the keyword engine: an article's analysis and what it stores; re-tagging.

The analysis is one step of `articles.pipeline`, which decides when it runs and what runs
after it; nothing here queues or chains other steps."""
from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from articles.ingest.limits import run_with_time_limit
from articles.job_chunks import Chunking, chunks_step
from articles.jobs import job_create
from articles.models import Article, Job

from .analysis_save import analyses_save
from .dictionary import current_vocabulary
from .models import ArticleTopic
from .text.analysis import Analysis, analyse_text

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

    The same save as a batch's (keywords.analysis_save): one round trip per table, each
    old row set gone with one plain DELETE (no SELECT first), each new one with one INSERT,
    nothing written when the rows come out as they were."""
    saved = analyses_save({article.pk: found})[article.pk]
    return saved.tags, saved.old_topic_ids


RETAG_CHUNK = 200


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
    """Analysis and index for each article, a batch at a time; grouping only where the new
    cut changed what it reads (articles.pipeline: a re-tag leaves the text as it was)."""
    from articles.pipeline_batch import ARTICLES_PER_TASK, articles_process

    for start in range(0, len(ids), ARTICLES_PER_TASK):
        batch = ids[start:start + ARTICLES_PER_TASK]
        articles_process(article_ids=batch, retag=True)
        progress(len(batch))

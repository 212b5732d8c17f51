"""Writes for the keyword engine: analysing an article and storing its topics."""
from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from articles.cache import article_changed
from articles.grouping import article_group
from articles.ingest import IngestError
from articles.ingest.limits import run_with_time_limit
from articles.jobs import job_create
from articles.models import Article, Job
from articles.recovery import article_analysis_begin
from articles.search.index import index_text

from .dictionary import current_vocabulary
from .models import ArticleOrganisation, ArticleTopic, Organisation, TimelineEvent
from .summaries import summaries_held, summaries_sync
from .text.analysis import EventFound, analyse_text
from .text.events import event_key

log = logging.getLogger(__name__)


ANALYSE_IN_CHILD_CHARS = 20_000  # longer articles are analysed under the time and memory limits


def article_analyse(*, article_id: int) -> list[ArticleTopic]:
    """Segment an article once; store its topics and its search tokens from that one cut.

    Tagging and the search index use the same tokens, so a dictionary change that
    re-analyses the corpus also rebuilds the index the queries are matched against.
    At most MAX_ARTICLE_CHARS of the body are analysed (parsing cuts longer articles
    already; this covers older rows and edits), and a body longer than
    ANALYSE_IN_CHILD_CHARS is analysed in a child process under the parse's time and
    memory limits. Shorter ones are not: a fork costs 20-60 ms, as much as their whole
    analysis, and their length alone bounds the work.
    """
    if not article_analysis_begin(article_id=article_id):  # deleted while queued, or given up on
        return []
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return []
    vocabulary = current_vocabulary()
    body = article.body[: settings.MAX_ARTICLE_CHARS]
    published = timezone.localtime(article.published_at).date() if article.published_at else None
    try:
        if len(body) > ANALYSE_IN_CHILD_CHARS:
            found = run_with_time_limit(
                analyse_text, vocabulary, article.title, body, published=published,
                seconds=settings.PARSE_TIME_LIMIT_SECONDS, memory_mb=settings.PARSE_MEMORY_LIMIT_MB,
            )
        else:
            found = analyse_text(vocabulary, article.title, body, published=published)
    except IngestError as exc:
        log.error("analysing article %s was stopped: %s", article.pk, exc)
        return []
    with transaction.atomic():
        # Two runs for one article (a message delivered twice) replace its rows in turn.
        list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk"))
        _save_organisations(article, found.organisations)
        _save_events(article, found.events)
        old_topics = list(ArticleTopic.objects.filter(article=article).values_list("topic_id", flat=True))
        with summaries_held():
            ArticleTopic.objects.filter(article=article).delete()
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
        transaction.on_commit(lambda: article_changed(article=article, topic_ids=old_topics))
        index = index_text(article.title, body, found.title_tokens, found.body_tokens)
        Article.objects.filter(pk=article.pk).update(
            analysed_at=timezone.now(),
            analysis_attempts=0,
            search_title=index.title,
            search_body=index.body,
            search_title_grams=index.title_grams,
            search_lead=index.lead,
            search_body_grams=index.body_grams,
        )
    article_group(article_id=article.pk)
    return tags


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


def topics_retag_step(job: Job, progress) -> bool:
    """Analyse the next chunk of articles after the job's cursor; True when none are left.

    Chunks keep each task short, so other work (new imports) interleaves and the site
    keeps serving; the cursor in the job's row lets a re-queued job go on where it stopped.
    """
    after_id, before = job.params.get("after_id", 0), job.params.get("done", 0)  # a chunk redone starts here
    ids = list(Article.objects.filter(pk__gt=after_id).order_by("pk").values_list("pk", flat=True)[:RETAG_CHUNK])
    for n, article_id in enumerate(ids, start=1):
        article_analyse(article_id=article_id)
        if n % RETAG_PROGRESS_EVERY == 0 or n == len(ids):
            progress(before + n)
    job.done = before + len(ids)
    if ids:
        job.params = {"after_id": ids[-1], "done": job.done}
        Job.objects.filter(pk=job.pk).update(params=job.params)
    finished = len(ids) < RETAG_CHUNK
    if finished:
        progress(job.done, total=job.done)  # the corpus may have grown or shrunk meanwhile
    return finished


def _save_organisations(article: Article, mentions) -> None:
    ids = dict(Organisation.objects.filter(name__in=[m.name for m in mentions]).values_list("name", "pk"))
    ArticleOrganisation.objects.filter(article=article).delete()
    ArticleOrganisation.objects.bulk_create(
        ArticleOrganisation(article=article, organisation_id=ids[m.name], mentions=m.mentions)
        for m in mentions if m.name in ids
    )


def _save_events(article: Article, events: list[EventFound]) -> None:
    """The article's dated sentences, each linked to the topics and organisations in it."""
    TimelineEvent.objects.filter(article=article).delete()
    if not events:
        return
    org_ids = dict(Organisation.objects.values_list("name", "pk"))
    for position, found in enumerate(events):
        event = found.event
        row = TimelineEvent.objects.create(
            article=article,
            sentence=event.sentence[:2000],
            date_text=event.raw[:50],
            happened_on=event.when,
            precision=event.precision,
            is_forecast=event.is_forecast,
            key=event_key(event),
            position=position,
            topic_count=len(set(found.topics)),
            year=event.when.year,
        )
        row.topics.set(found.topics)
        row.organisations.set([org_ids[name] for name in found.organisations if name in org_ids])

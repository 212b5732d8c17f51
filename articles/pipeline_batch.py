"""Several articles through ARTICLE_STEPS at once: the same rows as one at a time, fewer writes.

One article's run (`pipeline.article_process`) costs about 40 statements and 4 updates of
the article's row, and on PostgreSQL each update of that row is the expensive write (its
two GIN indexes take every word again when the new row version cannot stay on its page).
A batch does the same steps with one statement per table for the whole batch:

    begin       one UPDATE counts an attempt on every article that is due (as
                `recovery.article_analysis_begin` does for one), committed first, so an
                article whose worker dies is still unanalysed, with its attempt counted
                (a re-tag counts none on analysed articles: see `_begin`)
    prepare     per article, outside any transaction: the analysis, the search columns,
                and for the articles grouping will see, their MinHash fingerprint
    save        one transaction: the analysis rows (keywords.analysis_save, nothing written
                for an article whose rows come out the same), and one UPDATE of the search
                columns of the articles that skip grouping (a re-tag that cut them the same)
    grouping    per article, in id order, its own transaction as in one article's run:
                the rows by which later articles find it (bands, story words), and one
                UPDATE that places it, writes its fingerprint and search columns, and
                marks it analysed. So each article sees what it would have seen had the
                batch run one article at a time, and its row is written once: each UPDATE
                of it puts all its words into the search indexes again
    finish      one UPDATE marks analysed those that needed no grouping (a re-tag that cut
                them the same) and whose rows changed; the pages of those that changed
                go cold once. A re-tag that changes nothing for an article writes nothing
                to its row, whose every UPDATE costs its words in the search indexes

An article that fails a step is recorded on its document as in one article's run and
stays unanalysed for the recovery sweep (with its search columns written, to match its
tags); the others go on. Between the save and its grouping a new article has its tags but
not yet its search columns: search finds it a moment later (before its analysis it did
not at all). Anything unexpected while saving the batch rolls the batch's transaction
back and runs its articles one at a time.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from keywords.models import Topic

from . import pipeline
from .cache import article_scopes, scopes_changed
from .grouping import article_fingerprint, article_group
from .ingest import IngestError
from .models import Article, Document
from .pipeline import (
    _NOT_THE_STEPS,
    NOTE_START,
    ArticleRun,
    StepFailed,
    _attempt,
    _failure_record,
    _note_key,
    article_process,
    index_write,
)

log = logging.getLogger(__name__)

ARTICLES_PER_TASK = 50  # a task's batch: long enough to share its statements, short enough to retry


def articles_process(*, article_ids: Iterable[int], retag: bool = False) -> list[ArticleRun]:
    """Run these articles through ARTICLE_STEPS (see the module's docstring); the runs of
    those that went through every step. `retag` as in `pipeline.article_process`."""
    steps = {step.name: step for step in pipeline.ARTICLE_STEPS}
    if tuple(steps) != ("analysis", "index", "grouping"):
        raise RuntimeError("articles_process knows the steps analysis, index, grouping: teach it the new one")
    failures: list[StepFailed] = []
    ids = _begin(sorted(set(article_ids)), retag)
    if not ids:
        return []
    articles = Article.objects.select_related("source").filter(pk__in=ids).order_by("pk")
    runs = [_prepared(ArticleRun(article=a, body=a.body[: settings.MAX_ARTICLE_CHARS]), steps, retag, failures)
            for a in articles]
    runs = [run for run in runs if run is not None]
    try:
        _save(runs, steps)
    except _NOT_THE_STEPS:
        raise
    except Exception:  # noqa: BLE001 - one article's fault: the one-at-a-time path finds and records it
        log.exception("a batch of %s articles failed to save; running them one at a time", len(runs))
        saved = False
    else:
        saved = True
    if not saved:
        return _one_at_a_time(runs, retag, failures)
    done = _group(runs, steps["grouping"], failures)
    # Marked analysed, unless a re-tag found nothing to change for it (its pages did not
    # change: `content_last_modified` reads this date), nor had it been analysed before.
    rest = [run.article.pk for run in done if "grouping" not in run.saved
            and (run.changed or run.article.analysed_at is None)]
    if rest:
        Article.objects.filter(pk__in=rest).update(analysed_at=timezone.now(), analysis_attempts=0)
    _pages_changed([run for run in runs if run.changed or "grouping" in run.saved or run.article.analysed_at is None])
    _failures_clear([run.article for run in done])
    if failures:  # as one article's run raises it: the task, or the re-tag job, fails with its message
        raise failures[0]
    return done


def _one_at_a_time(runs: list[ArticleRun], retag: bool, failures: list[StepFailed]) -> list[ArticleRun]:
    done = []
    for run in runs:
        try:
            done.append(article_process(article_id=run.article.pk, retag=retag, counted=True))
        except StepFailed as failure:  # recorded on its document by the one-article run
            failures.append(failure)
    if failures:
        raise failures[0]
    return [run for run in done if run is not None]


def _begin(ids: list[int], retag: bool) -> list[int]:
    """Count an attempt on every article still due, in one statement; the ids to run.

    A re-tag counts none on the articles analysed before: its chunk counts its own starts
    and fails the job after as many (articles.job_chunks), and an UPDATE of the row is
    the costly write here (every word into the search indexes again) for a re-tag that
    mostly changes nothing. Those articles are run whatever their count."""
    if not ids:
        return []
    table = Article._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET analysis_attempts = analysis_attempts + 1 WHERE id IN ({marks}) "
            f"AND analysis_attempts < %s{' AND analysed_at IS NULL' if retag else ''} RETURNING id",
            [*ids, settings.RECOVERY_MAX_ATTEMPTS],
        )
        started = [pk for (pk,) in cursor.fetchall()]
        if retag:
            started += Article.objects.filter(pk__in=ids, analysed_at__isnull=False).values_list("pk", flat=True)
    started = sorted(started)
    given_up = set(ids) - set(started)
    if given_up:
        for pk in Article.objects.filter(pk__in=given_up).values_list("pk", flat=True):
            log.error("article %s: analysis started %s times without finishing; not tried again",
                      pk, settings.RECOVERY_MAX_ATTEMPTS)
    return started


def _prepared(run: ArticleRun, steps: dict, retag: bool, failures: list[StepFailed]) -> ArticleRun | None:
    """The CPU work of the three steps; None (and the failure recorded) when one fails."""
    try:
        _attempt(steps["analysis"], run, steps["analysis"].prepare)
        _attempt(steps["index"], run, steps["index"].prepare)
        run.grouped = not retag or steps["grouping"].on_retag(run)
        if run.grouped:
            _attempt(steps["grouping"], run, _fingerprint_prepare)
    except StepFailed as failure:
        _failed(run, failure, failures)
        return None
    return run


def _failed(run: ArticleRun, failure: StepFailed, failures: list[StepFailed]) -> None:
    """As `pipeline.article_process` records a failure; the batch goes on without it, and
    raises the first that was not a limit once every other article is done."""
    _failure_record(run.article, str(failure))
    cause = failure.__cause__
    if isinstance(cause, IngestError):
        log.error("article %s: the %s step was stopped: %s", run.article.pk, failure.step.name, cause)
    else:
        log.error("article %s: the %s step failed", run.article.pk, failure.step.name, exc_info=cause)
        failures.append(failure)


def _save(runs: list[ArticleRun], steps: dict) -> None:
    """The analysis and index steps' saves for the whole batch, in one transaction."""
    if not runs:
        return
    with transaction.atomic():
        # Ordered, as every lock of several articles: two batches never deadlock on them.
        list(Article.objects.select_for_update().filter(pk__in=[r.article.pk for r in runs])
             .order_by("pk").values_list("pk"))
        for name in ("analysis", "index"):
            step = steps[name]
            if step.save_many is not None:
                step.save_many(runs)
            else:
                for run in runs:
                    step.save(run)
            for run in runs:
                run.saved.append(name)


def _group(runs: list[ArticleRun], step, failures: list[StepFailed]) -> list[ArticleRun]:
    """Grouping, one article at a time in id order; the runs that finished every step."""
    done = []
    for run in runs:
        if run.fingerprint is None:
            done.append(run)
            continue
        try:
            _attempt(step, run, _grouping_save)
        except StepFailed as failure:
            index_write(run)
            _failed(run, failure, failures)
            continue
        run.saved.append("grouping")
        done.append(run)
    return done


def _grouping_save(run: ArticleRun) -> None:
    """Grouping's save, which also writes the search columns the index step left to it
    and marks the run finished (its last transaction)."""
    article_group(article_id=run.article.pk, prepared=run.fingerprint, loaded=run.article,
                  columns={**run.unwritten, "analysed_at": timezone.now(), "analysis_attempts": 0})
    run.unwritten = {}


def _fingerprint_prepare(run: ArticleRun) -> None:
    run.fingerprint = article_fingerprint(run.article)


def _pages_changed(runs: list[ArticleRun]) -> None:
    """The pages of every article the batch saved go cold, each scope once (the topics'
    slugs read in one query for the batch)."""
    scopes: dict[str, None] = {}
    topic_ids: set[int] = set()
    for run in runs:
        topic_ids |= {*run.old_topic_ids, *(tag.topic_id for tag in run.tags)}
        scopes |= dict.fromkeys(article_scopes(run.article, (), ()))
    scopes |= dict.fromkeys(f"topic:{slug}" for slug in Topic.objects.filter(pk__in=topic_ids)
                            .values_list("slug", flat=True))
    if scopes:
        scopes_changed(list(scopes))


def _failures_clear(articles: list[Article]) -> None:
    """The lines a past failure left on the documents of the articles that went through."""
    by_document: dict[int, set[str]] = {}
    for article in articles:
        if article.document_id is not None:
            by_document.setdefault(article.document_id, set()).add(_note_key(article.pk))
    if not by_document:
        return
    noted = Document.objects.filter(pk__in=by_document, error__contains=NOTE_START).values_list("pk", flat=True)
    for document_id in noted:
        keys = by_document[document_id]
        with transaction.atomic():
            document = Document.objects.select_for_update().defer("content").get(pk=document_id)
            lines = document.error.splitlines()
            kept = [line for line in lines if not any(line.startswith(key) for key in keys)]
            if len(kept) != len(lines):
                document.error = "\n".join(kept)
                document.save(update_fields=["error"])

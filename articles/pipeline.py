"""One pipeline: the way every input goes, from its bytes to a grouped article, in order.

    structure   a document is read and split into articles, saved all or nothing
                (articles.services.document_parse, with the document's state and job)
    analysis    an article is segmented once; its topics, organisations and dated events
                (keywords.services)
    index       its search columns, from the tokens the analysis cut (articles.search.index)
    grouping    its reprints and its story (articles.grouping)

Structure runs once per document, in the document's task; the articles it yields then
go through ARTICLE_STEPS in tasks of ARTICLES_PER_TASK articles (articles.pipeline_batch:
the same steps and rows, one statement per table for the batch), and an article that
fails a step fails alone. Every door (upload, import, polling, re-parse, re-tag, the review's
edits, the recovery sweep, regroup) comes in here, and no step calls the next one: to
change the order or add a step, edit ARTICLE_STEPS.

A step may `prepare` outside any transaction (CPU work, perhaps in a child process under
limits) and then `save`. The saves of consecutive steps share one transaction that holds
the article's row, so the tags and the search columns made from one cut are written
together or not at all (a batch writes a new article's search columns with its grouping,
a moment later: articles.pipeline_batch); a step marked `own_transaction` starts a new
one after the steps before it have committed (grouping, which locks stories and other
articles, always had its own). A step that fails rolls its transaction back, leaving the article as it was,
and says so on the article's document (the document list shows it) and, through the
raised `StepFailed`, on the job that ran it. A whole run marks the article analysed in
its last transaction, so a new article that failed a step stays due for the recovery
sweep. Running an article again replaces what its previous run saved: the same input
gives the same rows. The article's cached pages are made cold once, after the run (no
step does it). A re-tag (`retag=True`) leaves out the steps with nothing to do when only
the vocabulary changed: grouping, for an article whose cut came out the same.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from keywords.analysis_save import analyses_save
from keywords.services import article_analysis_save, article_text_analyse
from keywords.text.analysis import Analysis

from .cache import article_changed
from .grouping import article_group, stories_undo
from .ingest import IngestError
from .jobs import JobFailed
from .models import Article, Document, Story
from .recovery import article_analysis_begin, task_send
from .search.index import IndexText, index_text
from .services import document_parse

log = logging.getLogger(__name__)


@dataclass
class ArticleRun:
    """One article on its way through the steps: what each step hands to the next."""

    article: Article
    body: str  # what the steps read: at most MAX_ARTICLE_CHARS of the body
    analysis: Analysis | None = None
    index: IndexText | None = None
    tags: list = field(default_factory=list)
    old_topic_ids: list[int] = field(default_factory=list)  # the topics it had before: their pages change too
    saved: list[str] = field(default_factory=list)  # the steps saved, in the order they ran
    grouped: bool = True  # in a batch (articles.pipeline_batch): whether grouping runs for it
    fingerprint: object = None  # in a batch: what grouping stores of its text, made beforehand
    unwritten: dict = field(default_factory=dict)  # in a batch: columns its index step left to grouping's UPDATE
    changed: bool = False  # in a batch: whether its save wrote anything (tags, events, columns)


@dataclass(frozen=True)
class Step:
    name: str
    label: str  # for the editor, in a failure's message
    save: Callable[[ArticleRun], None]
    prepare: Callable[[ArticleRun], None] | None = None
    own_transaction: bool = False
    # The save for several runs at once, in one transaction (articles.pipeline_batch);
    # None: the batch calls `save` for each run.
    save_many: Callable[[list[ArticleRun]], None] | None = None
    # On a re-tag (the text unchanged, the vocabulary perhaps not), whether the step still
    # has anything to do for this run; None: always.
    on_retag: Callable[[ArticleRun], bool] | None = None


def _analysis_prepare(run: ArticleRun) -> None:
    run.analysis = article_text_analyse(article=run.article, body=run.body)


def _analysis_save(run: ArticleRun) -> None:
    run.tags, run.old_topic_ids = article_analysis_save(article=run.article, found=run.analysis)


def _analysis_save_many(runs: list[ArticleRun]) -> None:
    saved = analyses_save({run.article.pk: run.analysis for run in runs})
    for run in runs:
        result = saved[run.article.pk]
        run.tags, run.old_topic_ids = result.tags, result.old_topic_ids
        run.changed = run.changed or result.changed


def _index_prepare(run: ArticleRun) -> None:
    run.index = index_text(run.article.title, run.body, run.analysis.title_tokens, run.analysis.body_tokens)


def _index_save(run: ArticleRun) -> None:
    index = run.index
    Article.objects.filter(pk=run.article.pk).update(
        search_title=index.title,
        search_body=index.body,
        search_title_grams=index.title_grams,
        search_lead=index.lead,
        search_body_grams=index.body_grams,
    )


SEARCH_COLUMNS = ("search_title", "search_body", "search_title_grams", "search_lead", "search_body_grams")


def _index_save_many(runs: list[ArticleRun]) -> None:
    """The search columns of the articles whose columns change, so that each row is written
    once: a run that goes on to grouping (it prepared grouping's fingerprint) leaves them to
    grouping's UPDATE (`run.unwritten`), which writes the row anyway; the others get one
    UPDATE for the batch. Every UPDATE of the row puts all its words into the two search
    indexes again. The article objects get the new values: grouping reads its words there."""
    changed = []
    for run in runs:
        article, index = run.article, run.index
        new = dict(zip(SEARCH_COLUMNS, (index.title, index.body, index.title_grams, index.lead, index.body_grams),
                       strict=True))
        if any(getattr(article, name) != value for name, value in new.items()):
            for name, value in new.items():
                setattr(article, name, value)
            run.changed = True
            if run.fingerprint is not None:
                run.unwritten = new
            else:
                changed.append(article)
    if changed:
        Article.objects.bulk_update(changed, SEARCH_COLUMNS, batch_size=len(changed))


def index_write(run: ArticleRun) -> None:
    """The search columns a batch left to grouping, for a run whose grouping failed: its
    tags and its search columns come from one cut and stay together."""
    if run.unwritten:
        Article.objects.filter(pk=run.article.pk).update(**run.unwritten)
        run.unwritten = {}


def _grouping_save(run: ArticleRun) -> None:
    article_group(article_id=run.article.pk)


def _grouping_on_retag(run: ArticleRun) -> bool:
    """Grouping reads the article's text, dates, outlet and URL, which a re-tag leaves as
    they were, and its words as the analysis cut them (`story_members.story_item` reads
    the search columns): it has something to do only where the new vocabulary cut the
    title or body differently, or the article never went through it."""
    article, index = run.article, run.index
    return article.analysed_at is None or (article.search_title, article.search_body) != (index.title, index.body)


ARTICLE_STEPS: tuple[Step, ...] = (
    Step("analysis", "分析", prepare=_analysis_prepare, save=_analysis_save, save_many=_analysis_save_many),
    Step("index", "建立搜索索引", prepare=_index_prepare, save=_index_save, save_many=_index_save_many),
    Step("grouping", "归入事件", save=_grouping_save, own_transaction=True, on_retag=_grouping_on_retag),
)


class StepFailed(JobFailed):
    """A step failed for one article; the message, for the editor, names both."""

    def __init__(self, step: Step, article: Article, reason: str):
        self.step, self.article_id = step, article.pk
        # One line: the document keeps one line per failing article.
        super().__init__(" ".join(f"{_note_prefix(article)}{step.label}失败：{reason}".split()))


# Failures that are not the step's: the task retries them (b2bwatch.celery), or the task's
# time limit ends the whole run.
_NOT_THE_STEPS = (OperationalError, InterfaceError, SoftTimeLimitExceeded)


def article_process(*, article_id: int, steps: Iterable[str] | None = None, retag: bool = False,
                    counted: bool = False) -> ArticleRun | None:
    """Run an article through ARTICLE_STEPS in order; None when it is not due.

    A whole run counts as an attempt (articles.recovery: an article that kills its worker
    every time is given up on) and marks the article analysed with its last step.
    `steps` runs only the steps named (in their declared order) on what the article has
    stored, for maintenance such as `manage.py regroup`; it counts no attempt.
    `retag` is a whole run after the vocabulary changed: a step whose `on_retag` finds
    nothing to do for the article is left out (grouping, unless the cut changed).
    `counted`: the caller counted this run's attempt already (a batch that fell back to
    running its articles one at a time).

    A step stopped by its limits (IngestError) is recorded and the run ends quietly, as
    the input's fault; any other failure is recorded and raised as StepFailed.
    """
    chosen = _chosen(steps)
    whole = steps is None
    # Not due: deleted while queued, or given up on.
    if whole and not counted and not article_analysis_begin(article_id=article_id):
        return None
    article = Article.objects.select_related("source").filter(pk=article_id).first()
    if article is None:
        return None
    run = ArticleRun(article=article, body=article.body[: settings.MAX_ARTICLE_CHARS])
    batches = _transactions(chosen)
    try:
        for number, batch in enumerate(batches, start=1):
            if retag:  # decided when the batch comes: what it reads was prepared by the steps before
                batch = [step for step in batch if step.on_retag is None or step.on_retag(run)]
                if not batch:
                    if whole and number == len(batches):
                        Article.objects.filter(pk=article.pk).update(analysed_at=timezone.now(), analysis_attempts=0)
                    continue
            for step in batch:
                if step.prepare is not None:
                    _attempt(step, run, step.prepare)
            with transaction.atomic():
                # Two runs for one article (a message delivered twice) save one after the other.
                list(Article.objects.select_for_update().filter(pk=article.pk).values_list("pk"))
                for step in batch:
                    _attempt(step, run, step.save)
                    run.saved.append(step.name)
                if whole and number == len(batches):
                    Article.objects.filter(pk=article.pk).update(analysed_at=timezone.now(), analysis_attempts=0)
    except StepFailed as failure:
        if run.saved:  # what the steps before it committed is on the pages
            article_changed(article=article, topic_ids=run.old_topic_ids)
        _failure_record(article, str(failure))
        if isinstance(failure.__cause__, IngestError):
            log.error("article %s: the %s step was stopped: %s", article.pk, failure.step.name, failure.__cause__)
            return None
        log.error("article %s: the %s step failed", article.pk, failure.step.name, exc_info=failure.__cause__)
        raise
    # Its pages go cold once, after its last transaction (no step does it itself).
    tagged = [tag.topic_id for tag in run.tags] if "analysis" in run.saved else None
    article_changed(article=article, topic_ids=run.old_topic_ids, tagged=tagged)
    if whole:
        _failure_clear(article)
    return run


def _chosen(names: Iterable[str] | None) -> list[Step]:
    if names is None:
        return list(ARTICLE_STEPS)
    wanted = set(names)
    unknown = wanted - {step.name for step in ARTICLE_STEPS}
    if unknown:
        raise ValueError(f"no such pipeline step: {', '.join(sorted(unknown))}")
    return [step for step in ARTICLE_STEPS if step.name in wanted]


def _transactions(steps: list[Step]) -> list[list[Step]]:
    """The steps cut where one wants its own transaction, in order."""
    batches: list[list[Step]] = []
    for step in steps:
        if step.own_transaction or not batches:
            batches.append([])
        batches[-1].append(step)
    return batches


def _attempt(step: Step, run: ArticleRun, part: Callable[[ArticleRun], None]) -> None:
    try:
        part(run)
    except _NOT_THE_STEPS:
        raise
    except IngestError as exc:
        raise StepFailed(step, run.article, str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - any failure of a step is told to the editor
        raise StepFailed(step, run.article, f"{type(exc).__name__}: {exc}"[:500]) from exc


def articles_regroup(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Group every analysed article anew under the current rule, oldest first (as stories
    grow in time), after undoing every story: the grouping step alone, on what each
    article has stored. Returns the number of stories made; `progress(done, total)` is
    called as it goes."""
    stories_undo()
    ids = list(
        Article.objects.exclude(analysed_at=None)
        .order_by(F("published_at").asc(nulls_last=True), "pk")
        .values_list("pk", flat=True)
    )
    for done, article_id in enumerate(ids, start=1):
        article_process(article_id=article_id, steps=["grouping"])
        if progress:
            progress(done, len(ids))
    return Story.objects.count()


# --- Where a failure is seen: a line on the article's document, until a run succeeds ------

NOTE_START = "文章 #"  # a document's line about one of its articles; other lines are parse warnings


def _note_key(article_id: int) -> str:
    return f"{NOTE_START}{article_id}《"


def _note_prefix(article: Article) -> str:
    return f"{_note_key(article.pk)}{article.title[:40]}》："


def article_failures(document: Document) -> list[str]:
    """The lines of the document's message that say one of its articles failed a step."""
    return [line for line in document.error.splitlines() if line.startswith(NOTE_START)]


def _failure_record(article: Article, message: str) -> None:
    if article.document_id is None:
        return
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=article.document_id).defer("content").first()
        if document is None:
            return
        lines = [line for line in document.error.splitlines() if not line.startswith(_note_key(article.pk))]
        document.error = "\n".join([*lines, message])
        document.save(update_fields=["error"])


def _failure_clear(article: Article) -> None:
    key = _note_key(article.pk)
    if article.document_id is None or not Document.objects.filter(pk=article.document_id, error__contains=key).exists():
        return
    with transaction.atomic():
        document = Document.objects.select_for_update().defer("content").get(pk=article.document_id)
        document.error = "\n".join(line for line in document.error.splitlines() if not line.startswith(key))
        document.save(update_fields=["error"])


# --- The doors: documents and articles queued, each run by its task -----------------------

def document_process(*, document_id: int) -> Document | None:
    """The structure step, then every article it saved queued for ARTICLE_STEPS once the
    articles are committed. Parsing keeps its own state machine (articles.services): only
    a document that is due is parsed, and its failure is on the document and its job."""
    return document_parse(document_id=document_id, saved=articles_queue)


def document_queue(document_id: int) -> bool:
    """Send a document's task now; False when the broker is down (the sweep queues it later)."""
    from .tasks import document_parse as task

    return task_send(task, document_id)


def articles_queue(article_ids: Iterable[int]) -> None:
    """Queue the articles for ARTICLE_STEPS once the current transaction commits, a batch
    of ARTICLES_PER_TASK per task (articles.pipeline_batch)."""
    from .pipeline_batch import ARTICLES_PER_TASK
    from .tasks import articles_process as task

    ids = list(article_ids)
    for start in range(0, len(ids), ARTICLES_PER_TASK):
        batch = ids[start:start + ARTICLES_PER_TASK]
        transaction.on_commit(lambda batch=batch: task_send(task, batch))

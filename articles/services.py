"""Writes for the articles app: storing documents and saving what parsing found (the
pipeline's structure step; `articles.pipeline` decides what comes after)."""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import PurePath

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from .audit import audit_record
from .ingest import IngestError, ParsedDocument, parse_document
from .ingest.safe import safe_http_url
from .ingest.sniff import sniff_media_type
from .jobs import parse_job_for, parse_job_update
from .models import Article, AuditEvent, Document, Job, Publication, Source
from .models.documents import issue_date_precision
from .recovery import document_give_up
from .story_members import articles_delete

log = logging.getLogger(__name__)


class DocumentRejected(Exception):
    """The bytes cannot be stored at all (empty, too large); the message is for the user."""


def document_create(
    *,
    data: bytes,
    filename: str,
    origin: str = "",
    source: Source | None = None,
    uploaded_by=None,
    structure: str = "",
    content_type: str = "",
    hints: dict | None = None,
    publish_when_parsed: bool = False,
) -> tuple[Document, bool]:
    """Keep the original bytes, then queue their parsing once the row is committed.

    The same bytes twice are one document: the second call returns the first one, and
    queues it again unless it was parsed (it failed, or its message was lost: the editor's
    second upload asks for another try). `document.parse_queued` then says whether a parse
    was queued: None when none was needed, False when the broker was unreachable (the
    document waits as received and the recovery sweep queues it later).
    """
    limit = settings.MAX_DOCUMENT_BYTES
    if not data:
        raise DocumentRejected("文件为空（0 字节），未保存。")
    if len(data) > limit:
        raise DocumentRejected(f"文件大小 {len(data):,} 字节，超过上限 {limit:,} 字节。")
    digest = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=digest).defer("content").first()
    if existing:
        if existing.status != Document.Status.PARSED:
            _document_requeue(existing, user=uploaded_by)
        return existing, False
    try:
        with transaction.atomic():
            document = Document.objects.create(
                sha256=digest,
                filename=PurePath(filename).name[:255] or digest[:12],
                media_type=sniff_media_type(data),
                size=len(data),
                content=data,
                source=source,
                origin=origin[:1000],
                content_type=content_type[:200],
                hints=hints or {},
                publish_when_parsed=publish_when_parsed,
                uploaded_by=uploaded_by,
                structure=structure,
            )
            audit_record(user=uploaded_by, action=AuditEvent.Action.UPLOAD, obj=document,
                         summary=f"上传《{document.filename}》（{document.size:,} 字节）",
                         details={"origin": origin[:200]})
            document.parse_job = parse_job_for(document_id=document.pk, user=uploaded_by)
            transaction.on_commit(lambda: _enqueue_parse_of(document))
    except IntegrityError:
        # Another door stored the same bytes at the same moment.
        return Document.objects.get(sha256=digest), False
    return document, True


# Re-parsing replaces what a document produced, so for a published document it takes
# articles off the site: that needs the right to take down (a chief editor's, see Roles).
TAKE_DOWN_PERMISSION = "articles.unpublish_publication"


def documents_reparse_refused(*, document_ids: list[int], user=None) -> list[Document]:
    """The documents among these that `user` may not parse again: those with anything
    published, unless `user` may take it down. Every door that re-parses (the document
    list's action, a parse job's retry) asks this first."""
    if user is not None and user.has_perm(TAKE_DOWN_PERMISSION):
        return []
    published = Q(publication__is_published=True) | Q(articles__is_published=True)
    return list(Document.objects.filter(published, pk__in=document_ids).distinct().defer("content").order_by("pk"))


def documents_reparse(*, document_ids: list[int], user=None) -> list[Document]:
    """Parse documents again (the admin's 重新解析): what they produced is replaced.
    Callers acting for a user check `documents_reparse_refused` first."""
    documents = list(Document.objects.filter(pk__in=document_ids).defer("content"))
    for document in documents:
        _document_requeue(document, user=user)
    return documents


@transaction.atomic
def _document_requeue(document: Document, *, user=None) -> None:
    """Mark a document as due for parsing, with fresh attempts, and queue it once committed.

    The mark comes first: if the message is lost, the database still says the work is due.
    """
    fields = {"status": Document.Status.RECEIVED, "error": "", "parse_attempts": 0, "parse_queued_at": timezone.now()}
    Document.objects.filter(pk=document.pk).update(**fields)
    for name, value in fields.items():
        setattr(document, name, value)
    document.parse_job = parse_job_for(document_id=document.pk, user=user)
    transaction.on_commit(lambda: _enqueue_parse_of(document))


QUEUE_DOWN = "任务队列暂时不可用：文件已保存，队列恢复后会自动解析。"


def _enqueue_parse_of(document: Document) -> None:
    from .pipeline import document_queue

    document.parse_queued = document_queue(document.pk)
    if not document.parse_queued:
        Document.objects.filter(pk=document.pk, status=Document.Status.RECEIVED).update(error=QUEUE_DOWN)
        document.error = QUEUE_DOWN


def document_parse(*, document_id: int, saved: Callable[[list[int]], None] | None = None) -> Document | None:
    """Parse a stored document and save its articles, all or nothing: the pipeline's
    structure step (`pipeline.document_process` runs it and passes `saved`, which is called
    with the new articles' ids inside the saving transaction).

    Only a document the database says is due (received, or parsing when a worker died
    under it) is parsed: the task may arrive twice (a redelivery, a sweep, a re-upload) and
    a second run changes nothing. To parse a parsed document again, `documents_reparse`.
    """
    document = _parse_begin(document_id)
    if document is None:
        _parse_job_settle(document_id)
        return None
    parse_job_update(document_id=document.pk, state=Job.Status.RUNNING, done=1)
    try:
        parsed = parse_document(
            bytes(document.content),
            document.filename,
            as_kind=document.structure or None,
            max_bytes=settings.MAX_DOCUMENT_BYTES,
            time_limit=settings.PARSE_TIME_LIMIT_SECONDS,
            memory_mb=settings.PARSE_MEMORY_LIMIT_MB,
            max_article_chars=settings.MAX_ARTICLE_CHARS,
            url=document.origin,
            content_type=document.content_type,
            hints=document.hints,
        )
    except IngestError as exc:
        return _document_fail(document, str(exc))
    except SoftTimeLimitExceeded:
        limit = settings.PARSE_TASK_TIME_LIMIT_SECONDS
        return _document_fail(document, f"解析超过 {limit} 秒仍未完成，已停止。文件可能过于复杂或已损坏。")
    except Exception:
        log.exception("parsing document %s failed", document.pk)
        return _document_fail(document, "解析时发生内部错误，已记录日志；原始文件已保留。")
    parse_job_update(document_id=document.pk, state=Job.Status.RUNNING, done=2)
    with transaction.atomic():
        # Two runs of one document (a message delivered twice) save one after the other,
        # and the later one finds the work done.
        status = Document.objects.select_for_update().values_list("status", flat=True).get(pk=document.pk)
        if status == Document.Status.PARSED:
            return document
        articles = _parsed_save(document, parsed)
        document.status = Document.Status.PARSED
        document.error = "\n".join(f"注意：{w}" for w in parsed.warnings)  # e.g. an article cut to the length cap
        document.parsed_at = timezone.now()
        document.save(update_fields=["status", "error", "parsed_at"])
        parse_job_update(document_id=document.pk, state=Job.Status.DONE, message=f"已解析 {len(articles)} 篇")
        if saved is not None:
            saved([a.pk for a in articles])
    return document


def _parse_job_settle(document_id: int) -> None:
    """A parse that was not due (a second message, a gone document): its job, if still
    open, ends as the document stands."""
    document = Document.objects.filter(pk=document_id).only("status", "error").first()
    if document is None or document.status == Document.Status.PARSED:
        parse_job_update(document_id=document_id, state=Job.Status.DONE,
                         message=f"已解析 {Article.objects.filter(document_id=document_id).count()} 篇")
    elif document.status == Document.Status.FAILED:
        parse_job_update(document_id=document_id, state=Job.Status.FAILED, message=document.error)


def _parse_begin(document_id: int) -> Document | None:
    """Mark a due document as parsing and count the attempt; None when it is not due."""
    due = [Document.Status.RECEIVED, Document.Status.PARSING]
    with transaction.atomic():
        row = (
            Document.objects.select_for_update()
            .filter(pk=document_id)
            .values("status", "parse_attempts")
            .first()
        )
        if row is None or row["status"] not in due:
            return None
        if row["parse_attempts"] >= settings.RECOVERY_MAX_ATTEMPTS:
            document_give_up(document_id=document_id, attempts=row["parse_attempts"])
            return None
        Document.objects.filter(pk=document_id).update(
            status=Document.Status.PARSING, error="", parse_attempts=F("parse_attempts") + 1,
            parse_queued_at=timezone.now(),
        )
        parse_job_update(document_id=document_id, state=Job.Status.RUNNING)
    return Document.objects.get(pk=document_id)


def _document_fail(document: Document, message: str) -> Document:
    # Not over a parse that another run of the same document has saved meanwhile.
    due = [Document.Status.RECEIVED, Document.Status.PARSING]
    Document.objects.filter(pk=document.pk, status__in=due).update(status=Document.Status.FAILED, error=message)
    document.refresh_from_db(fields=["status", "error"])
    if document.status == Document.Status.FAILED:
        parse_job_update(document_id=document.pk, state=Job.Status.FAILED, message=document.error)
    return document


def _free_slug(name: str) -> str:
    """The name's slug, numbered when another source has it (two names can slug alike)."""
    slug = base = slugify(name, allow_unicode=True)[:190] or "source"
    number = 1
    while Source.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def source_for_name(name: str, *, kind: str = Source.Kind.OUTLET, homepage: str = "") -> Source | None:
    if not name:
        return None
    source = Source.objects.filter(name=name[:200]).first()
    if source is None:
        source = Source.objects.create(
            name=name[:200], slug=_free_slug(name), kind=kind, homepage=safe_http_url(homepage)
        )
    return source


def _parsed_save(document: Document, parsed: ParsedDocument) -> list[Article]:
    """Replace whatever this document produced before with what it produces now (the
    stories its old articles were in choose their main article again)."""
    articles_delete(articles=Article.objects.filter(document=document))
    Publication.objects.filter(document=document).delete()
    publication = None
    if parsed.kind == "article":
        source = document.source or source_for_name(parsed.source_name)
        publish_now = True  # a single web article needs no review of its split
    else:
        source = document.source or source_for_name(
            parsed.source_name, kind=Source.Kind.ASSOCIATION if parsed.kind == "newsletter" else Source.Kind.PUBLISHER
        )
        publish_now = document.publish_when_parsed
        publication = Publication.objects.create(
            kind=parsed.kind,
            title=parsed.title or document.filename,
            source=source,
            issue_label=parsed.issue_label,
            published_on=timezone.localdate(parsed.published_at) if parsed.published_at else None,
            date_precision=issue_date_precision(parsed.date_precision) if parsed.published_at else "day",
            document=document,
            is_published=publish_now,
        )
    articles = [
        Article(
            kind=item.kind,
            title_derived=item.title_derived,
            chapter_number=item.number[:20],
            captions=item.captions,
            # Only http(s) URLs are stored: a link from outside must never run script.
            images=[{"src": safe, "alt": alt} for src, alt in item.images if (safe := safe_http_url(src))],
            attribution=item.attribution.raw if item.attribution else "",
            attributed_date=(
                item.attribution.published_at.date() if item.attribution and item.attribution.published_at else None
            ),
            title=item.title[:300],
            body=item.body,
            published_at=item.published_at or parsed.published_at,
            date_precision=item.date_precision if item.published_at else parsed.date_precision,
            author=item.author[:200],
            source=source,
            outlet=item.outlet[:200],
            url=safe_http_url(item.url)[:1000],
            publication=publication,
            section=item.section[:200],
            position=item.position or index,
            document=document,
            is_published=publish_now,
        )
        for index, item in enumerate(parsed.items, start=1)
    ]
    return Article.objects.bulk_create(articles)

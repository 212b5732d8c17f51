"""Exports: the articles of publications, sources, a selection or a search, with their
topics, as a file an editor downloads from the admin.

An export is a job (articles.jobs), so a large one never holds a request and the editor
sees its progress. The step reads the articles a chunk at a time and writes each line as
it goes (articles.export_format), so memory stays bounded whatever the size. It writes
to a `.part` file and renames it only once complete: a failed or stopped export leaves a
failed job with its message and no file to download. The file's name is random (never
guessed from a job number) and is only ever looked up through its job, and the download
asks who is asking (`export_may_download`).

Files are kept `EXPORT_KEEP_DAYS` days (`exports_expire`, on the schedule and before each
new export): an export is a download, not an archive, and each holds whole article
bodies. The job stays with its figures and says the file has expired.
"""
from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.db.models import F

from keywords.models import ArticleTopic

from .dates import article_date
from .export_format import FORMATS, ExportRow, ExportTopic
from .jobs import JobFailed, job_create
from .models import Article, Job, ReviewState
from .search import SearchFilters, search_ranked

CHUNK = 200
VIEW_PERMISSION = "articles.view_article"
_FILE_NAME = re.compile(r"^[A-Za-z0-9_-]{20,64}\.(csv|jsonl)$")
SCOPES = ("publications", "sources", "articles", "search")


def exports_dir() -> Path:
    return Path(settings.DATA_DIR) / "exports"


def export_start(*, user, format: str, scope: str, ids: list[int] | None = None, search: dict | None = None,
                 description: str) -> Job:
    """Queue an export of `scope`: the articles of these publications or sources, these
    articles, or a search's matches (`search`: q, year, topic, source, kind, order)."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown export scope {scope!r}")
    params = {"format": format, "scope": scope, "ids": [int(i) for i in ids or []], "search": search or {}}
    return job_create(kind=Job.Kind.EXPORT, user=user, params=params, message=description)


def export_article_ids(params: dict) -> list[int]:
    """The ids to export, in the file's order. Items an editor dropped or merged are left
    out; unpublished ones are in (an editor exports an issue under review too), except
    in a search, which finds published articles only, as on the site."""
    kept = Article.objects.filter(review_state=ReviewState.ACTIVE)
    ids = params.get("ids", [])
    scope = params["scope"]
    if scope == "publications":
        rows = kept.filter(publication_id__in=ids).order_by("publication_id", "position", "pk")
    elif scope == "sources":
        rows = kept.filter(source_id__in=ids).order_by(F("published_at").desc(nulls_last=True), "-pk")
    elif scope == "articles":
        rows = kept.filter(pk__in=ids).order_by(F("published_at").desc(nulls_last=True), "-pk")
    else:
        search = params["search"]
        filters = SearchFilters(year=search.get("year"), topic=search.get("topic", ""),
                                source=search.get("source", ""), kind=search.get("kind", ""))
        _, found = search_ranked(search.get("q", ""), filters, order=search.get("order", "relevance"))
        return [pk for pk, _ in found.ranked]
    return list(rows.values_list("pk", flat=True))


def export_rows(ids: list[int]) -> list[ExportRow]:
    """One chunk of articles as export rows, in the order of `ids`: two queries."""
    articles = Article.objects.select_related("source", "publication").in_bulk(ids)
    topics: dict[int, list[ExportTopic]] = {}
    tags = (ArticleTopic.objects.filter(article_id__in=ids).select_related("topic")
            .order_by("article_id", "strength", "-score", "topic__term"))  # about before mentions
    for tag in tags:
        topics.setdefault(tag.article_id, []).append(ExportTopic(tag.topic.term, tag.topic.slug, tag.strength))
    return [_row(articles[pk], tuple(topics.get(pk, ()))) for pk in ids if pk in articles]


def _row(article: Article, topics: tuple[ExportTopic, ...]) -> ExportRow:
    known = article_date(article)
    publication = article.publication
    return ExportRow(
        id=article.pk, title=article.title, date=known.iso if known else "", date_label=known.label if known else "",
        date_precision=known.precision if known else "", source=article.source.name if article.source else "",
        outlet=article.outlet, url=article.url, publication=publication.title if publication else "",
        issue=publication.issue_label if publication else "", section=article.section, kind=article.kind,
        kind_label=article.get_kind_display(), published=article.is_published,
        site_url=f"{settings.SITE_URL.rstrip('/')}{article.get_absolute_url()}", body=article.body, topics=topics,
    )


def exports_expire(now: float | None = None) -> int:
    """Delete finished export files older than EXPORT_KEEP_DAYS, and `.part` files a killed
    worker left (older than the task's hard time limit: no live export is that old).
    Returns how many files went."""
    now = time.time() if now is None else now
    finished_before = now - settings.EXPORT_KEEP_DAYS * 86400
    partial_before = now - settings.TASK_TIME_LIMIT_SECONDS - 60
    removed = 0
    try:
        entries = list(exports_dir().iterdir())
    except OSError:  # no folder yet, or not a folder: the export itself reports that
        return 0
    for path in entries:
        partial = path.name.endswith(".part")
        if not (partial or _FILE_NAME.match(path.name)):
            continue  # not ours: leave it
        try:
            if path.stat().st_mtime < (partial_before if partial else finished_before):
                path.unlink()
                removed += 1
        except OSError:  # another worker expired it first, or it is not ours to delete
            continue
    return removed


def export_expired(job: Job) -> bool:
    """A finished export whose file has been deleted by `exports_expire` (or by hand)."""
    return (job.kind == Job.Kind.EXPORT and job.status == Job.Status.DONE
            and bool((job.result or {}).get("file")) and export_path(job) is None)


def export_step(job: Job, progress) -> bool:
    """Write the whole file in one run, a chunk of articles at a time."""
    form = FORMATS[job.params["format"]]
    exports_expire()
    ids = export_article_ids(job.params)
    progress(0, len(ids))
    directory = exports_dir()
    name = f"{secrets.token_urlsafe(24)}.{form.suffix}"
    partial = directory / f"{name}.part"
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="") as out:
            out.write(form.header)
            for start in range(0, len(ids), CHUNK):
                for row in export_rows(ids[start : start + CHUNK]):
                    out.write(form.line(row))
                progress(min(start + CHUNK, len(ids)), len(ids))
        partial.replace(directory / name)
    except OSError as exc:
        _remove(partial)
        raise JobFailed(f"导出文件无法写入（{exc.strerror or exc}），未生成文件。") from exc
    except BaseException:  # stopped, timed out, a database error: no half file is left
        _remove(partial)
        raise
    job.result = {"file": name, "format": job.params["format"], "rows": len(ids)}
    job.message = f"{job.message}：{len(ids)} 篇（{form.label}）"
    return True


def _remove(partial: Path) -> None:
    try:
        partial.unlink(missing_ok=True)
    except OSError:  # its folder is the problem: there is no file either
        pass


def export_path(job: Job) -> Path | None:
    """The finished export's file, or None (not an export, not done, or gone)."""
    name = (job.result or {}).get("file", "")
    if job.kind != Job.Kind.EXPORT or job.status != Job.Status.DONE or not _FILE_NAME.match(name):
        return None
    path = exports_dir() / name
    return path if path.is_file() else None


def export_may_download(job: Job, user) -> bool:
    """Who started the export may fetch it while they may still read articles in the
    admin; a superuser may fetch any. Nobody else: an export can hold unpublished items."""
    if not (user.is_active and user.is_staff and user.has_perm(VIEW_PERMISSION)):
        return False
    return user.is_superuser or (job.created_by_id is not None and job.created_by_id == user.pk)


def export_filename(job: Job) -> str:
    """What the browser saves it as: the job's number and the format, nothing from outside."""
    return f"b2bwatch-export-{job.pk}.{FORMATS[job.params['format']].suffix}"

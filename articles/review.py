"""The editor's review of a parsed publication: fix the split, then publish.

Actions address an item by its id, never by its place in the list, and nothing is lost:
a dropped or merged item stays in the database (never public) and every change is
recorded as a `ReviewAction` holding what it replaced, so the editor can undo the
changes one by one, last first, until the publication is published. Positions order
all the rows, dropped and merged ones included; only a split moves the items after it.
Each change sends the articles it touched through the pipeline again once it commits, so
topic tags, the search index and stories follow the text.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from chinese_text import dates

from .audit import audit_record
from .ingest.titles import split_title
from .models import Article, AuditEvent, Publication, ReviewAction, ReviewState, Source
from .services import source_for_name
from .story_members import stories_of, stories_rebuild

Kind = ReviewAction.Kind
METADATA_FIELDS = ("title", "source_id", "issue_label", "published_on", "date_precision")


class ReviewError(Exception):
    """An edit that cannot be made; the message is shown to the editor."""


def publication_items(publication: Publication):
    """The items still in the publication, in order."""
    return publication.articles.filter(review_state=ReviewState.ACTIVE).order_by("position", "pk")


def _record(publication: Publication, kind: str, summary: str, *, by=None, article=None, **data) -> ReviewAction:
    """Keep what the change replaced (for undo) and put it on the audit trail."""
    action = ReviewAction.objects.create(
        publication=publication, article=article, kind=kind, summary=summary[:400], data=data, user=by
    )
    audit_record(user=by, action=kind, obj=publication, summary=summary,
                 details={"review_action": action.pk, "article": article.pk if article else None})
    return action


def _reanalyse(*article_ids: int) -> None:
    from .pipeline import articles_queue

    articles_queue(article_ids)


def _stories_rebuild(article: Article) -> None:
    """An item that left the issue (or came back) makes its story choose its main article again."""
    stories_rebuild(story_ids=stories_of(Article.objects.filter(pk=article.pk)))


def _active(article: Article) -> None:
    if article.review_state != ReviewState.ACTIVE:
        raise ReviewError(f"《{article.title}》已{article.get_review_state_display().removeprefix('已')}。")


def _content(article: Article) -> dict:
    return {"body": article.body, "captions": article.captions, "images": article.images,
            "extra_sources": article.extra_sources}


def _as_source(article: Article) -> dict:
    """What a merge must not lose of the item merged away: where it came from and when."""
    return {
        "title": article.title, "outlet": article.outlet, "url": article.url,
        "date": timezone.localdate(article.published_at).isoformat() if article.published_at else "",
        "date_precision": article.date_precision, "attribution": article.attribution,
        "source": article.source.name if article.source_id else "",
    }


@transaction.atomic
def publication_item_rename(*, article: Article, title: str, by=None) -> Article:
    title = " ".join(title.split())[:300]
    if not title:
        raise ReviewError("标题不能为空。")
    _record(article.publication, Kind.RENAME, f"改标题《{article.title}》为《{title}》", by=by, article=article,
            title=article.title, title_derived=article.title_derived)
    article.title = title
    article.title_derived = False
    article.save(update_fields=["title", "title_derived", "updated_at"])
    _reanalyse(article.pk)
    return article


@transaction.atomic
def publication_item_merge_previous(*, article: Article, by=None) -> Article:
    """Append an item to the one before it (the split cut one article in two). The
    earlier item's source, URL and date stay the item's; the later one's are listed in
    its `extra_sources`."""
    _active(article)
    previous = publication_items(article.publication).filter(position__lt=article.position).last()
    if previous is None:
        raise ReviewError(f"《{article.title}》之前没有可合并的条目。")
    _record(article.publication, Kind.MERGE, f"将《{article.title}》并入《{previous.title}》", by=by,
            article=article, into=previous.pk, before=_content(previous))
    # A real title line of the second half was a line of the first article's text.
    lines = [previous.body, "" if article.title_derived else article.title, article.body]
    previous.body = "\n".join(line for line in lines if line)
    previous.captions = [*previous.captions, *article.captions]
    previous.images = [*previous.images, *article.images]
    previous.extra_sources = [*previous.extra_sources, _as_source(article), *article.extra_sources]
    previous.save(update_fields=["body", "captions", "images", "extra_sources", "updated_at"])
    article.review_state = ReviewState.MERGED
    article.is_published = False
    article.save(update_fields=["review_state", "is_published", "updated_at"])
    _stories_rebuild(article)
    _reanalyse(previous.pk)
    return previous


@transaction.atomic
def publication_item_split(*, article: Article, paragraph: int, by=None) -> Article:
    """Cut an item before its paragraph number `paragraph` (1-based); the rest becomes
    a new item right after it, titled by its first paragraph when that is short."""
    _active(article)
    paragraphs = article.paragraphs
    if not 1 < paragraph <= len(paragraphs):
        raise ReviewError(f"只能在第 2 到第 {len(paragraphs)} 段之间拆分。")
    head, tail = paragraphs[: paragraph - 1], paragraphs[paragraph - 1 :]
    title, body_paragraphs, derived = split_title(tail)
    summary = f"在第 {paragraph - 1} 段与第 {paragraph} 段之间拆分《{article.title}》"
    action = _record(article.publication, Kind.SPLIT, summary, by=by, article=article, before=_content(article))
    article.body = "\n".join(head)
    article.save(update_fields=["body", "updated_at"])
    article.publication.articles.filter(position__gt=article.position).update(position=F("position") + 1)
    new = Article.objects.create(
        title=title, title_derived=derived, body="\n".join(body_paragraphs),
        published_at=article.published_at, date_precision=article.date_precision, source=article.source,
        outlet=article.outlet, url=article.url, attribution=article.attribution,
        attributed_date=article.attributed_date, publication=article.publication, section=article.section,
        position=article.position + 1, kind=article.kind, document=article.document,
        is_published=article.is_published,
    )
    action.data["created"] = new.pk
    action.save(update_fields=["data"])
    _reanalyse(article.pk, new.pk)
    return new


@transaction.atomic
def publication_item_drop(*, article: Article, by=None) -> None:
    """Take an item out of the publication; it stays in the database until the editor
    undoes the drop (and is never public meanwhile)."""
    _active(article)
    _record(article.publication, Kind.DROP, f"删除《{article.title}》", by=by, article=article,
            was_published=article.is_published)
    article.review_state = ReviewState.DROPPED
    article.is_published = False
    article.save(update_fields=["review_state", "is_published", "updated_at"])
    _stories_rebuild(article)


def _metadata(publication: Publication) -> dict:
    values = {name: getattr(publication, name) for name in METADATA_FIELDS}
    values["published_on"] = values["published_on"].isoformat() if values["published_on"] else None
    return values


def issue_date(value, precision: str):
    """The date an issue stores for what the editor chose: a month or a year is its first day."""
    if value is None or precision == dates.DAY:
        return value
    return value.replace(month=1 if precision == dates.YEAR else value.month, day=1)


@transaction.atomic
def publication_metadata_update(*, publication: Publication, by=None, **values) -> Publication:
    """Change the issue's title, source, label, date or date precision (as given)."""
    before = Publication.objects.get(pk=publication.pk)
    values["published_on"] = issue_date(
        values.get("published_on", before.published_on), values.get("date_precision", before.date_precision)
    )
    for name, value in values.items():
        setattr(publication, name, value)
    changed = [name for name in METADATA_FIELDS if getattr(before, name) != getattr(publication, name)]
    if changed:
        labels = "、".join(str(Publication._meta.get_field(name.removesuffix("_id")).verbose_name) for name in changed)
        _record(publication, Kind.METADATA, f"修改出版物信息：{labels}", by=by, before=_metadata(before))
        publication.save(update_fields=[name.removesuffix("_id") for name in changed])
    return publication


@transaction.atomic
def publication_source_create(*, publication: Publication, name: str, kind: str, by=None) -> Source:
    """A source new to the site, created from the review page and made the issue's."""
    name = " ".join(name.split())[:200]
    if not name:
        raise ReviewError("来源名称不能为空。")
    if kind not in Source.Kind.values:
        raise ReviewError("请选择来源类型。")
    if Source.objects.filter(name=name).exists():
        raise ReviewError(f"来源「{name}」已存在，请在上面的“主办/发布方”中选择。")
    source = source_for_name(name, kind=kind)
    audit_record(user=by, action=AuditEvent.Action.ADD, obj=source, summary=f"在审核页新建来源《{source.name}》",
                 details={"publication": publication.pk})
    publication_metadata_update(publication=publication, by=by, source_id=source.pk)
    return source


def undoable_action(publication: Publication) -> ReviewAction | None:
    """The change `publication_undo` would take back: the latest one not yet undone."""
    if publication.is_published:
        return None
    undoable = [k for k in Kind.values if k not in (Kind.PUBLISH, Kind.UNPUBLISH)]
    return publication.review_actions.filter(undone_at__isnull=True, kind__in=undoable).order_by("-pk").first()


@transaction.atomic
def publication_undo(*, publication: Publication, by=None) -> ReviewAction:
    """Take back the latest change not yet undone; changes are undone in reverse order,
    so each one finds the items exactly as it left them."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.is_published:
        raise ReviewError("出版物已发布：请先撤下，再撤销审核操作。")
    action = undoable_action(publication)
    if action is None:
        raise ReviewError("没有可以撤销的操作。")
    data, article = action.data, action.article
    if action.kind == Kind.RENAME:
        Article.objects.filter(pk=article.pk).update(title=data["title"], title_derived=data["title_derived"])
        _reanalyse(article.pk)
    elif action.kind == Kind.DROP:
        Article.objects.filter(pk=article.pk).update(review_state=ReviewState.ACTIVE)
        _stories_rebuild(article)
    elif action.kind == Kind.MERGE:
        Article.objects.filter(pk=data["into"]).update(**data["before"], updated_at=timezone.now())
        Article.objects.filter(pk=article.pk).update(review_state=ReviewState.ACTIVE)
        _stories_rebuild(article)
        _reanalyse(data["into"], article.pk)
    elif action.kind == Kind.SPLIT:
        Article.objects.filter(pk=data["created"]).delete()
        Article.objects.filter(pk=article.pk).update(**data["before"], updated_at=timezone.now())
        publication.articles.filter(position__gt=article.position).update(position=F("position") - 1)
        _reanalyse(article.pk)
    elif action.kind == Kind.METADATA:
        Publication.objects.filter(pk=publication.pk).update(**data["before"])
    action.undone_at, action.undone_by = timezone.now(), by
    action.save(update_fields=["undone_at", "undone_by"])
    audit_record(user=by, action=AuditEvent.Action.UNDO, obj=publication, summary=f"撤销：{action.summary}",
                 details={"review_action": action.pk, "article": action.article_id})
    return action


@transaction.atomic
def publication_publish(*, publication: Publication, published: bool = True, by=None) -> int:
    """Make the publication and the items it kept public (or take them all down);
    returns the number of items. Dropped and merged items are never published."""
    publication.is_published = published
    publication.save(update_fields=["is_published"])
    items = publication_items(publication) if published else publication.articles.all()
    count = items.update(is_published=published, updated_at=timezone.now())
    from keywords.summaries import summaries_sync  # a bulk update sends no signal

    summaries_sync(article_ids=publication.articles.values_list("pk", flat=True))
    kind = Kind.PUBLISH if published else Kind.UNPUBLISH
    _record(publication, kind, f"{'发布' if published else '撤下'} {count} 篇", by=by)
    stories_rebuild(story_ids=stories_of(publication.articles.all()))
    return count

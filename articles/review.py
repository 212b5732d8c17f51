"""The editor's review of a parsed publication: fix the split, then publish.

Every change keeps the items' positions contiguous (1, 2, 3…) and re-analyses the
articles it touched once the change commits, so topic tags follow the text.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .ingest.titles import split_title
from .models import Article, Publication
from .story_members import articles_delete, stories_of, stories_rebuild


class ReviewError(Exception):
    """An edit that cannot be made; the message is shown to the editor."""


def _items(publication: Publication):
    return publication.articles.order_by("position", "pk")


def _renumber(publication: Publication) -> None:
    for position, article in enumerate(_items(publication), start=1):
        if article.position != position:
            Article.objects.filter(pk=article.pk).update(position=position)


def _reanalyse(*article_ids: int) -> None:
    from keywords.tasks import article_analyse

    for article_id in article_ids:
        transaction.on_commit(lambda article_id=article_id: article_analyse.delay(article_id))


@transaction.atomic
def publication_item_rename(*, article: Article, title: str) -> Article:
    title = " ".join(title.split())[:300]
    if not title:
        raise ReviewError("标题不能为空。")
    article.title = title
    article.title_derived = False
    article.save(update_fields=["title", "title_derived", "updated_at"])
    _reanalyse(article.pk)
    return article


@transaction.atomic
def publication_item_merge_previous(*, article: Article) -> Article:
    """Append an item to the one before it (the split cut one article in two)."""
    previous = _items(article.publication).filter(position__lt=article.position).last()
    if previous is None:
        raise ReviewError("第一篇之前没有可合并的条目。")
    # A real title line of the second half was a line of the first article's text.
    lines = [previous.body, "" if article.title_derived else article.title, article.body]
    previous.body = "\n".join(line for line in lines if line)
    previous.captions = [*previous.captions, *article.captions]
    previous.images = [*previous.images, *article.images]
    previous.save(update_fields=["body", "captions", "images", "updated_at"])
    articles_delete(articles=Article.objects.filter(pk=article.pk))
    _renumber(previous.publication)
    _reanalyse(previous.pk)
    return previous


@transaction.atomic
def publication_item_split(*, article: Article, paragraph: int) -> Article:
    """Cut an item before its paragraph number `paragraph` (1-based); the rest becomes
    a new item right after it, titled by its first paragraph when that is short."""
    paragraphs = article.paragraphs
    if not 1 < paragraph <= len(paragraphs):
        raise ReviewError(f"只能在第 2 到第 {len(paragraphs)} 段之间拆分。")
    head, tail = paragraphs[: paragraph - 1], paragraphs[paragraph - 1 :]
    title, body_paragraphs, derived = split_title(tail)
    body = "\n".join(body_paragraphs)
    article.body = "\n".join(head)
    article.save(update_fields=["body", "updated_at"])
    _items(article.publication).filter(position__gt=article.position).update(position=F("position") + 1)
    new = Article.objects.create(
        title=title,
        title_derived=derived,
        body=body,
        published_at=article.published_at,
        date_precision=article.date_precision,
        source=article.source,
        publication=article.publication,
        section=article.section,
        position=article.position + 1,
        document=article.document,
        is_published=article.is_published,
    )
    _reanalyse(article.pk, new.pk)
    return new


@transaction.atomic
def publication_item_drop(*, article: Article) -> None:
    publication = article.publication
    articles_delete(articles=Article.objects.filter(pk=article.pk))
    _renumber(publication)


@transaction.atomic
def publication_publish(*, publication: Publication, published: bool = True) -> int:
    """Make the publication and all its items public (or take them down); returns the
    number of items. Stories holding its items choose their main article again."""
    publication.is_published = published
    publication.save(update_fields=["is_published"])
    count = publication.articles.update(is_published=published, updated_at=timezone.now())
    stories_rebuild(story_ids=stories_of(publication.articles.all()))
    return count

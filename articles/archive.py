"""The archive's filters: read from a query string and checked against what exists.

A value that names no year, topic, source or kind the site has is dropped, not passed
on: hostile or stale input gives the unfiltered archive, never an error, and only
checked values reach the page's links.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.db.models import F, QuerySet

from .models import Article, ItemKind
from .selectors import articles_published, one_per_story, sources_public

# What the home page leads with: news and analysis (its list is the first page of the
# archive of this kind); member profiles and chapters have shelves of their own.
LEAD_KIND = ItemKind.ARTICLE


@dataclass(frozen=True)
class ArchiveFilters:
    year: int | None = None
    topic: str = ""  # topic slug
    source: str = ""  # source slug
    kind: str = ""  # an ItemKind value

    def query(self) -> str:
        """The filters as a query string, for links to other pages of the same list."""
        return urlencode({name: value for name, value in asdict(self).items() if value})

    @property
    def any(self) -> bool:
        return bool(self.query())


def archive_filters_from(params, *, years: list[int]) -> ArchiveFilters:
    from keywords.models import Topic

    year = params.get("year", "")
    topic = params.get("topic", "")[:100]
    source = params.get("source", "")[:200]
    kind = params.get("kind", "")
    return ArchiveFilters(
        year=int(year) if len(year) == 4 and year.isdigit() and int(year) in years else None,
        topic=topic if topic and Topic.objects.filter(slug=topic).exists() else "",
        source=source if source and sources_public().filter(slug=source).exists() else "",
        kind=kind if kind in ItemKind.values else "",
    )


def articles_archive(filters: ArchiveFilters) -> QuerySet[Article]:
    """Every published article matching the filters, newest first, each story once; the
    items of one issue (which share its date) in the order of its table of contents."""
    articles = one_per_story(articles_published()).order_by(
        F("published_at").desc(nulls_last=True), F("publication_id").desc(nulls_last=True), "position", "-id"
    )
    return articles_filtered(articles, filters)


def articles_filtered(articles: QuerySet[Article], filters: ArchiveFilters) -> QuerySet[Article]:
    """The articles matching the filters: the archive's and the API's one way to filter."""
    if filters.year:
        articles = articles.filter(published_at__year=filters.year)
    if filters.topic:
        articles = articles.filter(topic_tags__topic__slug=filters.topic)
    if filters.source:
        articles = articles.filter(source__slug=filters.source)
    if filters.kind:
        articles = articles.filter(kind=filters.kind)
    return articles


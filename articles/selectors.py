"""Reads for the articles app: what pages and feeds show."""
from __future__ import annotations

from django.db import connection
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .cache import kept_with_lists
from .models import Article, Publication, Source


def union_all(parts: list[QuerySet], otherwise: QuerySet) -> list:
    """The rows of several bounded reads (each ordered and sliced to walk an index to its
    bound) in one UNION ALL statement; where the database takes no ordered slice inside a
    UNION (SQLite), the rows of `otherwise`: one query that reads what the parts cover,
    unbounded, as a small development database can. Callers order the rows themselves."""
    if len(parts) <= 1:
        return list(parts[0]) if parts else []
    if connection.features.supports_slicing_ordering_in_compound:
        return list(parts[0].union(*parts[1:], all=True))
    return list(otherwise)


def articles_published() -> QuerySet[Article]:
    return Article.objects.published().select_related("source", "publication")


def one_per_story(queryset: QuerySet, via: str = "") -> QuerySet:
    """Readers see a story once: by its main article, or by every member while the story has
    no public main one (deleted or taken down before `story_rebuild` ran): a story's
    missing main article never hides the rest of it. `via` filters rows that point to an
    article (`"article__"` for tags) by the same rule."""
    return queryset.filter(
        Q(**{f"{via}story__isnull": True})
        | Q(**{f"{via}story__main__isnull": True})
        | Q(**{f"{via}story__main": F(f"{via}pk")})
        | Q(**{f"{via}story__main__is_published": False})
    )


def articles_latest(limit: int = 20) -> list[Article]:
    return list(one_per_story(articles_published())[:limit])


def also_reported_by(article: Article) -> list[Article]:
    """The story's other articles: reprints and other reports of the same event."""
    if not article.story_id:
        return []
    return list(
        articles_published()
        .filter(story_id=article.story_id)
        .exclude(pk=article.pk)
        .order_by(F("published_at").asc(nulls_last=True), "pk")
    )


def article_get_published(pk: int) -> Article:
    return get_object_or_404(articles_published(), pk=pk)


def article_years() -> list[int]:
    """Years that have published articles, newest first (for filters).

    Read from the date index a year at a time (the first and last date, then one probe per
    year between), not by grouping every article, and kept until an article changes: the
    archive and every search page show it (15 statements, 13 ms at 100,000 articles).
    """
    return kept_with_lists("article-years", _article_years)


def _article_years() -> list[int]:
    dated = Article.objects.published().filter(published_at__isnull=False)
    first = dated.order_by("published_at").values_list("published_at", flat=True).first()
    last = dated.order_by("-published_at").values_list("published_at", flat=True).first()
    if first is None or last is None:
        return []
    span = range(timezone.localtime(last).year, timezone.localtime(first).year - 1, -1)
    return [year for year in span if dated.filter(published_at__year=year).exists()]


def content_last_modified():
    """When anything readers see last changed: an edit, a publication or a re-analysis.

    Feeds and pages answer `If-Modified-Since` with it; one indexed aggregate query.
    """
    latest = articles_published().aggregate(edited=Max("updated_at"), analysed=Max("analysed_at"))
    times = [t for t in latest.values() if t]
    return max(times) if times else None


def publications_published() -> QuerySet[Publication]:
    return Publication.objects.filter(is_published=True).select_related("source")


def publications_latest(limit: int = 6) -> list[Publication]:
    return list(publications_published().order_by("-published_on", "-created_at")[:limit])


def publication_get_published(pk: int) -> Publication:
    return get_object_or_404(publications_published(), pk=pk)


def _publication_items(publication: Publication) -> QuerySet[Article]:
    return publication.articles.filter(is_published=True).order_by("position", "pk")


def publication_items(publication: Publication) -> list[Article]:
    return list(_publication_items(publication))


def publication_item_titles(publication: Publication) -> list[str]:
    """The public items' titles only: a feed of 50 issues need not load every body."""
    return list(_publication_items(publication).values_list("title", flat=True))


def sources_public() -> QuerySet[Source]:
    """Sources readers may see: those with a published article or publication. A source
    whose only content is unpublished (an issue under review) has no public trace."""
    return Source.objects.filter(
        Exists(Article.objects.published().filter(source=OuterRef("pk")))
        | Exists(Publication.objects.filter(is_published=True, source=OuterRef("pk")))
    )


def sources_with_issues() -> QuerySet[Source]:
    """Public sources by name, each marked `has_issues` when it has a published issue or
    report (those have an issues feed besides the articles feed)."""
    return sources_public().annotate(
        has_issues=Exists(Publication.objects.filter(is_published=True, source=OuterRef("pk")))
    ).order_by("name")


def source_get(slug: str) -> Source:
    return get_object_or_404(sources_public(), slug=slug)


RELATED_CANDIDATES = 500  # the highest-scored tags of the article's topics


def articles_related(article: Article, limit: int = 5) -> list[Article]:
    """Published articles sharing the most topics with this one (then the most relevant).

    Candidates come from the article's topics' RELATED_CANDIDATES highest-scored tags, two
    narrow columns of the tag table: grouping every article that shares a topic, with its
    full row, scanned the archive (19,028 rows at 100,000 articles) for five links.
    """
    from keywords.models import ArticleTopic

    # Each topic's (topic, -score) index read to its bound, and the best of the slices kept:
    # one query over all the topics sorted every tag they have (75 ms at 34,000 articles).
    def candidates(topics) -> QuerySet:
        return (
            ArticleTopic.objects.filter(topic_id__in=topics, article__is_published=True)
            .exclude(article_id=article.pk)
            .order_by("-score")
            .values_list("article_id", "score")[:RELATED_CANDIDATES]
        )

    topics = list(article.topic_tags.values_list("topic_id", flat=True))
    tags = union_all([candidates([t]) for t in topics], otherwise=candidates(topics))
    tags = sorted(tags, key=lambda tag: -tag[1])[:RELATED_CANDIDATES]
    shared: dict[int, list[float]] = {}
    for pk, score in tags:
        counts = shared.setdefault(pk, [0, 0.0])
        counts[0] += 1
        counts[1] += score
    best = sorted(shared, key=lambda pk: (-shared[pk][0], -shared[pk][1], -pk))
    # What a related link shows: its title and its date (its own, else its issue's).
    shown = ("pk", "title", "published_at", "date_precision", "publication__published_on",
             "publication__date_precision")
    others = (
        one_per_story(Article.objects.published()).filter(pk__in=best[: limit * 4])
        .select_related("publication").only(*shown)
    )
    if article.story_id:
        others = others.exclude(story_id=article.story_id)
    found = {a.pk: a for a in others}
    return [found[pk] for pk in best[: limit * 4] if pk in found][:limit]

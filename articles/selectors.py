"""Reads for the articles app: what pages and feeds show."""
from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Article


def articles_published() -> QuerySet[Article]:
    return Article.objects.published().select_related("source", "publication")


def articles_latest(limit: int = 20) -> list[Article]:
    return list(articles_published()[:limit])


def article_get_published(pk: int) -> Article:
    return get_object_or_404(articles_published(), pk=pk)


def article_years() -> list[int]:
    """Years that have published articles, newest first (for filters)."""
    return sorted(
        {d.year for d in articles_published().filter(published_at__isnull=False).dates("published_at", "year")},
        reverse=True,
    )

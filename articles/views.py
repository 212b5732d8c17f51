from django.shortcuts import render

from keywords.models import Topic
from keywords.selectors import topics_for_article

from .models import Source
from .search import KINDS, SearchFilters, search_articles
from .selectors import article_get_published, article_years


def article_detail(request, pk: int):
    article = article_get_published(pk)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "topic_tags": topics_for_article(article)},
    )


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) == 4 else None


def search(request):
    """Any query string gives a page: the query is cleaned and capped before use."""
    q = request.GET.get("q", "")
    filters = SearchFilters(
        year=_int_or_none(request.GET.get("year")),
        topic=request.GET.get("topic", "")[:100],
        source=request.GET.get("source", "")[:200],
        kind=request.GET.get("kind", "") if request.GET.get("kind") in KINDS else "",
    )
    results = search_articles(q, filters, page=request.GET.get("page") or 1) if q.strip() else None
    return render(
        request,
        "articles/search.html",
        {
            "q": results.query.text if results else "",
            "results": results,
            "filters": filters,
            "years": article_years(),
            "topics": Topic.objects.order_by("term"),
            "sources": Source.objects.order_by("name"),
            "kinds": KINDS,
        },
    )

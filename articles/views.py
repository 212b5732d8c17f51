from django.conf import settings
from django.shortcuts import render

from keywords.models import Topic
from keywords.selectors import topics_for_article

from . import selectors
from .archive import archive_filters_from, articles_archive
from .cache import cached_page
from .counting import TotalPaginator
from .models import ItemKind
from .pictures import pictures_to_show, policy_allowing
from .search import KINDS, SearchFilters, search_articles
from .search.snippets import highlighted_paragraphs
from .selectors import article_get_published, article_years


@cached_page
def archive(request):
    """Every published article, newest first, a page at a time; filters that name
    nothing the site has are ignored (see articles.archive)."""
    years = article_years()
    filters = archive_filters_from(request.GET, years=years)
    page = TotalPaginator(articles_archive(filters), settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    canonical = "&".join(part for part in (filters.query(), f"page={page.number}" if page.number > 1 else "") if part)
    return render(
        request,
        "articles/archive.html",
        {
            "page": page,
            "filters": filters,
            "query": filters.query(),
            "canonical_query": canonical,
            "years": years,
            "topics": Topic.objects.order_by("term"),
            "sources": selectors.sources_public().order_by("name"),
            "kinds": ItemKind.choices,
        },
    )


@cached_page
def article_detail(request, pk: int):
    article = article_get_published(pk)
    topic_tags = topics_for_article(article)
    highlight = request.GET.get("highlight") == "1"
    paragraphs = article.paragraphs
    if highlight:
        terms = [form for tag in topic_tags for form in tag.topic.surface_forms]
        paragraphs = highlighted_paragraphs(article.body, article.search_body.split(), terms)
    # Pictures are shown only where the source allows hot-linking; else all stay links.
    pictures, image_links = ([], article.images)
    if article.source and article.source.show_images:
        pictures, image_links = pictures_to_show(article.images)
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "topic_tags": topic_tags,
            "paragraphs": paragraphs,
            "highlight": highlight,
            "pictures": pictures,
            "image_links": image_links,
            "related": selectors.articles_related(article),
            "also_reported_by": selectors.also_reported_by(article),
        },
    )
    if pictures:  # this page alone may load images from these hosts
        response.headers["Content-Security-Policy"] = policy_allowing(
            settings.CONTENT_SECURITY_POLICY, [p.origin for p in pictures]
        )
    return response


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) == 4 else None


@cached_page
def search(request):
    """Any query string gives a page: the query is cleaned and capped before use."""
    q = request.GET.get("q", "")
    filters = SearchFilters(
        year=_int_or_none(request.GET.get("year")),
        topic=request.GET.get("topic", "")[:100],
        source=request.GET.get("source", "")[:200],
        kind=request.GET.get("kind", "") if request.GET.get("kind") in KINDS else "",
    )
    sort = "newest" if request.GET.get("sort") == "newest" else "relevance"
    results = search_articles(q, filters, page=request.GET.get("page") or 1, order=sort) if q.strip() else None
    return render(
        request,
        "articles/search.html",
        {
            "q": results.query.text if results else "",
            "results": results,
            "filters": filters,
            "sort": sort,
            "years": article_years(),
            "topics": Topic.objects.order_by("term"),
            "sources": selectors.sources_public().order_by("name"),
            "kinds": KINDS,
        },
    )


@cached_page
def publication_detail(request, pk: int):
    """A newsletter issue with its table of contents by section, or a report by chapter."""
    publication = selectors.publication_get_published(pk)
    items = selectors.publication_items(publication)
    sections: list[tuple[str, list]] = []
    for item in items:
        if not sections or sections[-1][0] != item.section:
            sections.append((item.section, []))
        sections[-1][1].append(item)
    return render(request, "articles/publication_detail.html", {"publication": publication, "sections": sections})


@cached_page
def source_detail(request, slug: str):
    source = selectors.source_get(slug)
    page = TotalPaginator(selectors.articles_published().filter(source=source), settings.ARTICLES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    publications = selectors.publications_published().filter(source=source)[:50]
    return render(
        request, "articles/source_detail.html", {"source": source, "page": page, "publications": publications}
    )

"""Chinese full-text search over all published articles.

One entry point, `search_articles`: the query is segmented by the same segmenter as the
index (keywords.dictionary), the database's own full-text engine ranks the hits, and the
snippets are cut from the original text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from articles.models import Article
from articles.selectors import one_per_story

from .backends import backend
from .query import ParsedQuery, parse_query
from .snippets import snippet

KINDS = {"article": "网页文章", "newsletter": "会刊文章", "digest": "摘要条目", "report": "报告章节"}


@dataclass
class SearchFilters:
    year: int | None = None
    topic: str = ""  # topic slug
    source: str = ""  # source slug
    kind: str = ""  # article | newsletter | report


@dataclass
class SearchHit:
    article: Article
    rank: float
    snippet: str


@dataclass
class SearchResults:
    query: ParsedQuery
    total: int = 0
    page: Page | None = None
    hits: list[SearchHit] = field(default_factory=list)


def filtered(filters: SearchFilters):
    queryset = one_per_story(Article.objects.published())
    if filters.year:
        queryset = queryset.filter(published_at__year=filters.year)
    if filters.topic:
        queryset = queryset.filter(topic_tags__topic__slug=filters.topic)
    if filters.source:
        queryset = queryset.filter(source__slug=filters.source)
    if filters.kind == "article":
        queryset = queryset.filter(publication__isnull=True)
    elif filters.kind in KINDS:
        queryset = queryset.filter(publication__kind=filters.kind)
    return queryset


def search_articles(text: str, filters: SearchFilters | None = None, *, page: int | str = 1, per_page: int = 20):
    from keywords.dictionary import current_vocabulary

    parsed = parse_query(text, current_vocabulary().segmenter.tokens)
    results = SearchResults(query=parsed)
    if parsed.is_empty:
        return results
    ranked = backend().ranked_ids(parsed, filtered(filters or SearchFilters()))
    results.total = len(ranked)
    results.page = Paginator(ranked, per_page).get_page(page)
    ids = [pk for pk, _ in results.page.object_list]
    articles = Article.objects.select_related("source", "publication").in_bulk(ids)
    terms = parsed.highlight_terms()
    for pk, rank in results.page.object_list:
        article = articles[pk]
        results.hits.append(SearchHit(article, rank, snippet(article.body, article.search_body.split(), terms)))
    return results

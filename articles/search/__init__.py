"""Chinese full-text search over all published articles.

One entry point, `search_articles`, for the search page, the API and the search feed: the
query is segmented and folded like the index (keywords.dictionary, articles.search.index),
a word naming a topic is expanded with all the topic's names, the database's own
full-text engine ranks the hits (or orders them newest first), and the snippets are cut
from the original text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator

from articles.archive import ArchiveFilters, articles_filtered
from articles.counting import Total
from articles.models import Article
from articles.selectors import one_per_story

from .backends import ORDERS, Matches, backend
from .query import ParsedQuery, parse_query
from .ranking import RERANK_DEPTH, Candidate, rerank
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
    # Past a few thousand matches the total is the database's estimate (PostgreSQL), and
    # only the first of them can be paged through: see articles.search.postgres.
    total_estimated: bool = False
    page: Page | None = None
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def total_text(self) -> str:
        """The total as a reader is told it: exact, or an estimate said to be one."""
        return str(Total(self.total, estimated=self.total_estimated))


def filtered(filters: SearchFilters):
    """Year, topic and source filter as the archive's do; `kind` here is what the article
    came in (a web article, a newsletter, a report), not the archive's item kind."""
    queryset = articles_filtered(
        one_per_story(Article.objects.published()),
        ArchiveFilters(year=filters.year, topic=filters.topic, source=filters.source),
    )
    if filters.kind == "article":
        queryset = queryset.filter(publication__isnull=True)
    elif filters.kind in KINDS:
        queryset = queryset.filter(publication__kind=filters.kind)
    return queryset


def search_matches(parsed: ParsedQuery, queryset, order: str = "relevance") -> Matches:
    """The engine's matches with their total; for relevance, the first RERANK_DEPTH
    re-ordered by what each article is about."""
    found = backend().matches(parsed, queryset, order)
    if order != "relevance" or not found.ranked:
        return found
    head = [pk for pk, _ in found.ranked[:RERANK_DEPTH]]
    columns = ("pk", "search_title_grams", "search_body_grams", "search_title", "search_body")
    rows = Article.objects.filter(pk__in=head).values_list(*columns)
    candidates = {pk: Candidate(pk, tg, bg, f"{title} {body}") for pk, tg, bg, title, body in rows}
    # Past the re-ordered head the engine's order stands; its scores are on another scale.
    reordered = rerank(parsed, [candidates[pk] for pk in head if pk in candidates])
    found.ranked = reordered + [(pk, 0.0) for pk, _ in found.ranked[RERANK_DEPTH:]]
    return found


def ranked_ids(parsed: ParsedQuery, queryset, order: str = "relevance") -> list[tuple[int, float]]:
    """Matching ids best first, or newest first (see `search_matches`)."""
    return search_matches(parsed, queryset, order).ranked


def search_ranked(text: str, filters: SearchFilters | None = None, *, order: str = "relevance"
                  ) -> tuple[ParsedQuery, Matches]:
    """The query as understood and its matches in order (on PostgreSQL a bounded set when
    very many match, with the total estimated): what the search page pages through and an
    export writes out."""
    from keywords.dictionary import current_vocabulary

    vocabulary = current_vocabulary()
    parsed = parse_query(text, vocabulary.segmenter.tokens, vocabulary.synonyms)
    if parsed.is_empty:
        return parsed, Matches(ranked=[], total=0)
    order = order if order in ORDERS else "relevance"
    return parsed, search_matches(parsed, filtered(filters or SearchFilters()), order)


def search_articles(
    text: str,
    filters: SearchFilters | None = None,
    *,
    page: int | str = 1,
    per_page: int = 20,
    order: str = "relevance",
):
    """Matching articles, most relevant first, or newest first with `order="newest"`.

    Both orders match the same articles; the newest order is taken over every match (not
    over the most relevant ones), so a feed always carries the latest match.
    """
    parsed, found = search_ranked(text, filters, order=order)
    results = SearchResults(query=parsed)
    if parsed.is_empty:
        return results
    results.total, results.total_estimated = found.total, found.estimated
    results.page = Paginator(found.ranked, per_page).get_page(page)
    ids = [pk for pk, _ in results.page.object_list]
    articles = Article.objects.select_related("source", "publication").in_bulk(ids)
    terms = parsed.highlight_terms()
    for pk, rank in results.page.object_list:
        article = articles[pk]
        results.hits.append(SearchHit(article, rank, snippet(article.body, terms)))
    return results

"""Read-only JSON API for articles, publications and search."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from b2bwatch.api_errors import DOCUMENTED_ERRORS
from b2bwatch.api_pagination import Pages
from keywords.text.strength import ABOUT

from .archive import ArchiveFilters, articles_filtered
from .cache import cached_page
from .dates import KnownDate, article_date, publication_date
from .ingest.safe import safe_http_url
from .models import Article, ItemKind, Publication
from .search import KINDS, SearchFilters, search_articles
from .selectors import articles_published, publications_published

router = Router(tags=["articles"])


class SourceOut(Schema):
    name: str
    slug: str
    kind: str


class DateOut(Schema):
    """A date as precisely as it is known: the same on pages and in feeds."""

    value: str = Field(
        description="ISO 8601 cut to the precision: 2015, 2015-03, 2015-03-01 or 2013-12-19T17:44+08:00"
    )
    precision: str = Field(description="year | quarter | month | day | minute")
    label: str = Field(description="as pages show it: 2015年3月")


def date_out(known: KnownDate | None) -> dict | None:
    return {"value": known.iso, "precision": known.precision, "label": known.label} if known else None


class ArticleOut(Schema):
    id: int
    title: str
    url: str = Field(description="原文链接")
    outlet: str = Field(description="原始媒体")
    author: str
    date: DateOut | None = Field(description="the article's own date, else its publication's; null when unknown")
    published_at: datetime | None = Field(
        description="the article's own date as a moment (the start of its period); prefer `date`"
    )
    date_precision: str
    source: SourceOut | None
    publication_id: int | None
    section: str
    kind: str
    site_url: str

    @staticmethod
    def resolve_url(article: Article) -> str:
        return safe_http_url(article.url)

    @staticmethod
    def resolve_site_url(article: Article) -> str:
        return article.get_absolute_url()

    @staticmethod
    def resolve_date(article: Article) -> dict | None:
        return date_out(article_date(article))


class ImageOut(Schema):
    src: str = Field(description="图片链接（不转存）")
    alt: str = Field(description="图片说明")


class TagOut(Schema):
    topic: str = Field(description="关键词标识（slug）")
    strength: str = Field(description="about：文章以此为主题；mentions：仅提及")


class ArticleDetailOut(ArticleOut):
    body: str
    topics: list[str]
    tags: list[TagOut]
    images: list[ImageOut]

    @staticmethod
    def resolve_topics(article: Article) -> list[str]:
        return [tag.topic.slug for tag in article.topic_tags.all()]

    @staticmethod
    def resolve_tags(article: Article) -> list[dict]:
        """Each topic with its strength, the topics the article is about first."""
        tags = sorted(article.topic_tags.all(), key=lambda tag: (tag.strength != ABOUT, -tag.score))
        return [{"topic": tag.topic.slug, "strength": tag.strength} for tag in tags]

    @staticmethod
    def resolve_images(article: Article) -> list[dict]:
        """Only images with an http(s) address; an image is never a `data:` or script URL."""
        images = ({"src": safe_http_url(i.get("src")), "alt": str(i.get("alt") or "")} for i in article.images or [])
        return [image for image in images if image["src"]]


class ArticleFilters(Schema):
    year: int | None = Field(None, ge=1990, le=2100)
    topic: str | None = None
    source: str | None = None
    kind: ItemKind | None = Field(None, description="article | editorial | profile | foreword | chapter")


class PublicationOut(Schema):
    id: int
    kind: str
    title: str
    issue_label: str
    published_on: str | None
    date: DateOut | None
    source: SourceOut | None
    site_url: str

    @staticmethod
    def resolve_date(publication: Publication) -> dict | None:
        return date_out(publication_date(publication))

    @staticmethod
    def resolve_published_on(publication: Publication) -> str | None:
        return publication.published_on.isoformat() if publication.published_on else None

    @staticmethod
    def resolve_site_url(publication: Publication) -> str:
        return publication.get_absolute_url()


class PublicationDetailOut(PublicationOut):
    items: list[ArticleOut]

    @staticmethod
    def resolve_items(publication: Publication) -> list[Article]:
        items = publication.articles.filter(is_published=True).select_related("source", "publication")
        return list(items.order_by("position"))


class SearchHitOut(Schema):
    article: ArticleOut
    rank: float
    snippet: str = Field(description="HTML，命中词以 <mark> 标出")


class SearchOut(Schema):
    query: str
    total: int
    total_estimated: bool = Field(
        description="true 时 total 是数据库的估计（匹配数以千计时），只有最相关的前若干篇可翻页"
    )
    page: int
    pages: int
    hits: list[SearchHitOut]


@router.get("/articles", response=list[ArticleOut], openapi_extra=DOCUMENTED_ERRORS)
@decorate_view(cached_page)  # one body per URL in the page cache, invalidated like the lists
@paginate(Pages, page_size=20)
def list_articles(request, filters: Query[ArticleFilters]):
    return articles_filtered(
        articles_published(),
        ArchiveFilters(
            year=filters.year, topic=filters.topic or "", source=filters.source or "", kind=filters.kind or ""
        ),
    )


@router.get("/articles/{article_id}", response=ArticleDetailOut, openapi_extra=DOCUMENTED_ERRORS)
def get_article(request, article_id: int = Path(..., ge=1, le=2**62)):
    return get_object_or_404(articles_published().prefetch_related("topic_tags__topic"), pk=article_id)


@router.get("/publications", response=list[PublicationOut], openapi_extra=DOCUMENTED_ERRORS)
@decorate_view(cached_page)  # one body per URL in the page cache, invalidated like the lists
@paginate(Pages, page_size=20)
def list_publications(request, kind: str | None = None):
    queryset = publications_published()
    return queryset.filter(kind=kind) if kind else queryset


@router.get("/publications/{publication_id}", response=PublicationDetailOut, openapi_extra=DOCUMENTED_ERRORS)
def get_publication(request, publication_id: int = Path(..., ge=1, le=2**62)):
    return get_object_or_404(publications_published(), pk=publication_id)


@router.get("/search", response=SearchOut, openapi_extra=DOCUMENTED_ERRORS)
def search(
    request,
    q: str = Query(..., max_length=10_000),
    year: int | None = Query(None, ge=1990, le=2100),
    topic: str = "",
    source: str = "",
    kind: str = Query("", description="article | newsletter | report"),
    page: int = Query(1, ge=1, le=10_000),
    sort: str = Query("relevance", description="relevance | newest (the search feed's order)"),
):
    filters = SearchFilters(year=year, topic=topic[:100], source=source[:200], kind=kind if kind in KINDS else "")
    results = search_articles(q, filters, page=page, order=sort)
    return {
        "query": results.query.text,
        "total": results.total,
        "total_estimated": results.total_estimated,
        "page": results.page.number if results.page else 1,
        "pages": results.page.paginator.num_pages if results.page else 0,
        "hits": [{"article": h.article, "rank": h.rank, "snippet": str(h.snippet)} for h in results.hits],
    }

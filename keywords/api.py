"""Read-only JSON API for topics and yearly keyword lists."""

from ninja import Field, Path, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from articles.api import ArticleOut
from articles.cache import cached_page
from b2bwatch.api_errors import DOCUMENTED_ERRORS
from b2bwatch.api_pagination import Pages

from . import selectors
from .models import Topic
from .topic_articles import TopicArticles

router = Router(tags=["keywords"])


class YearRankOut(Schema):
    year: int
    rank: int


class TopicOut(Schema):
    term: str
    slug: str
    description: str
    aliases: list[str]
    years: list[YearRankOut]
    site_url: str

    @staticmethod
    def resolve_aliases(topic: Topic) -> list[str]:
        return [a.text for a in topic.aliases.all()]

    @staticmethod
    def resolve_years(topic: Topic) -> list[dict]:
        return [{"year": e.keyword_year.year, "rank": e.rank} for e in topic.year_entries.all()]

    @staticmethod
    def resolve_site_url(topic: Topic) -> str:
        return topic.get_absolute_url()


class MentionsOut(Schema):
    year: int
    about: int = Field(description="以此为主题的文章数")
    articles: int = Field(description="提及的文章数（含以此为主题的）")
    mentions: int


class TopicDetailOut(TopicOut):
    mentions_by_year: list[MentionsOut]


class YearKeywordOut(Schema):
    rank: int
    term: str
    slug: str
    articles_in_year: int
    articles_total: int


class YearOut(Schema):
    year: int
    title: str
    keywords: list[YearKeywordOut]


def _topics():
    return Topic.objects.prefetch_related("aliases", "year_entries__keyword_year").order_by("term")


@router.get("/topics", response=list[TopicOut], openapi_extra=DOCUMENTED_ERRORS)
@decorate_view(cached_page)  # one body per URL in the page cache, invalidated like the lists
def list_topics(request):
    return _topics()


@router.get("/topics/{slug}", response=TopicDetailOut, openapi_extra=DOCUMENTED_ERRORS)
def get_topic(request, slug: str):
    topic = selectors.topic_get(slug)
    topic.mentions_by_year = selectors.topic_mentions_by_year(topic)
    return topic


@router.get("/topics/{slug}/articles", response=list[ArticleOut], openapi_extra=DOCUMENTED_ERRORS)
@decorate_view(cached_page)  # one body per URL in the page cache, invalidated like the lists
@paginate(Pages, page_size=20)
def topic_articles(request, slug: str):
    return TopicArticles(selectors.topic_get(slug), "date")


def _year_out(keyword_year) -> dict:
    return {
        "year": keyword_year.year,
        "title": str(keyword_year),
        "keywords": [
            {"rank": e.rank, "term": e.topic.term, "slug": e.topic.slug,
             "articles_in_year": e.articles_in_year, "articles_total": e.articles_total}
            for e in selectors.year_entries_with_counts(keyword_year)
        ],
    }


@router.get("/years", response=list[YearOut], openapi_extra=DOCUMENTED_ERRORS)
@decorate_view(cached_page)  # one body per URL in the page cache, invalidated like the lists
def list_years(request):
    return [_year_out(y) for y in selectors.keyword_years()]


@router.get("/years/{year}", response=YearOut, openapi_extra=DOCUMENTED_ERRORS)
def get_year(request, year: int = Path(..., ge=1, le=9999)):
    return _year_out(selectors.keyword_year_get(year))

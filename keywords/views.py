from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from articles.archive import LEAD_KIND, ArchiveFilters, articles_archive
from articles.cache import cached_page
from articles.feeds import absolute
from articles.models import ItemKind
from articles.selectors import publications_latest

from . import selectors
from .feed_directory import feed_directory
from .models import Topic
from .timeline import global_timeline, topic_timeline


@cached_page
def home(request):
    """The lead stories are the first page of the news archive (linked, with its page
    2); member profiles and report chapters are on shelves of their own."""
    keyword_year = selectors.keyword_year_latest()
    leads = ArchiveFilters(kind=LEAD_KIND)
    # One row more than a page says whether the archive of news has a page 2.
    articles = list(articles_archive(leads)[: settings.ARTICLES_PER_PAGE + 1])
    shelves = [
        (label, ArchiveFilters(kind=kind).query(), list(articles_archive(ArchiveFilters(kind=kind))[:6]))
        for kind, label in ((ItemKind.PROFILE, "会员风采"), (ItemKind.CHAPTER, "报告与教材章节"))
    ]
    publications = publications_latest(6)
    return render(
        request,
        "home.html",
        {
            "articles": articles[: settings.ARTICLES_PER_PAGE],
            "has_page_2": len(articles) > settings.ARTICLES_PER_PAGE,
            "leads_query": leads.query(),
            "shelves": shelves,
            "empty": not (articles or publications or any(shelf for _, _, shelf in shelves)),
            "publications": publications,
            "trending": selectors.topics_trending(),
            "keyword_year": keyword_year,
            "entries": selectors.year_entries_with_counts(keyword_year) if keyword_year else [],
            "seeds_dir": settings.SEEDS_DIR,
        },
    )


@cached_page
def topic_detail(request, slug: str):
    topic = selectors.topic_get(slug)
    order = "relevance" if request.GET.get("sort") == "relevance" else "date"
    counts = selectors.topic_strength_counts(topic)
    page = selectors.topic_articles_page(topic, order, request.GET.get("page"), counts=counts)
    by_period = selectors.topic_mentions_by_period(topic, "quarter")
    return render(
        request,
        "keywords/topic_detail.html",
        {
            "topic": topic,
            "page": page,
            "order": order,
            "query": "sort=relevance" if order == "relevance" else "",
            "ranks": selectors.topic_year_ranks(topic),
            "by_year": selectors.topic_mentions_by_year(topic),
            "by_period": by_period,
            "chart": {"labels": [r["period"] for r in by_period], "mentions": [r["mentions"] for r in by_period],
                      "articles": [r["articles"] for r in by_period], "about": [r["about"] for r in by_period]},
            "counts": counts,
            "related": selectors.topics_related(topic),
            "timeline": topic_timeline(topic),
            "organisations": selectors.topic_organisations(topic),
            "sources": selectors.topic_sources(topic),
        },
    )


@cached_page
def year_detail(request, year: int):
    keyword_year = selectors.keyword_year_get(year)
    review = selectors.year_review(keyword_year)
    for item in review:
        item["mentions"] = sum(item["monthly"])
    # One chart compares the year's keywords on one scale (ten small charts, each with
    # its own, made every keyword look alike).
    chart = {
        "terms": [item["entry"].topic.term for item in review],
        "mentions": [item["mentions"] for item in review],
        "axis": f"{keyword_year.year}年提及次数",
    }
    return render(
        request,
        "keywords/year_detail.html",
        {
            "keyword_year": keyword_year,
            "review": review,
            "chart": chart,
            "years": selectors.keyword_years(),
        },
    )


@cached_page
def topics_index(request):
    """Every topic, grouped by the years whose list it is on, with ranks and counts."""
    return render(request, "keywords/topics_index.html", selectors.topics_index())


@cached_page
def years_index(request):
    """Every year's keyword list."""
    return render(request, "keywords/years_index.html", {"years": selectors.years_index()})


@cached_page
def topics_opml(request):
    """Every topic's feed in one OPML file, for a one-click import into a feed reader."""
    response = render(
        request,
        "keywords/topics.opml",
        {"topics": Topic.objects.order_by("term"), "site_url": settings.SITE_URL.rstrip("/")},
        content_type="text/x-opml; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="b2bwatch-topics.opml"'
    return response


@cached_page
def topic_timeline_page(request, slug: str):
    """A topic's full timeline; its page shows only the key events."""
    topic = selectors.topic_get(slug)
    return render(request, "keywords/topic_timeline.html", {"topic": topic, "timeline": topic_timeline(topic)})


def subscribe(request):
    """Every feed with an address to copy, how to use it in common readers, and the OPML:
    the 订阅 link leads here rather than to one feed's XML."""
    example = "跨境电商"
    return render(
        request,
        "keywords/subscribe.html",
        {
            "sections": feed_directory(),
            "opml_url": absolute(reverse("keywords:topics_opml")),
            "search_example": example,
            "search_example_url": absolute(f"{reverse('articles:search_feed_rss')}?{urlencode({'q': example})}"),
        },
    )


@cached_page
def timeline(request):
    """Year by year, the keywords and the main events."""
    return render(request, "keywords/timeline.html", {"years": global_timeline()})

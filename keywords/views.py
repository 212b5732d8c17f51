from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from articles.cache import cached_page
from articles.selectors import articles_latest, publications_latest

from . import selectors
from .models import Topic
from .timeline import global_timeline, topic_timeline


@cached_page
def home(request):
    keyword_year = selectors.keyword_year_latest()
    return render(
        request,
        "home.html",
        {
            "articles": articles_latest(settings.ARTICLES_PER_PAGE),
            "publications": publications_latest(6),
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
    articles = selectors.topic_articles_by(topic, order)
    page = Paginator(articles, settings.ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    by_period = selectors.topic_mentions_by_period(topic, "quarter")
    return render(
        request,
        "keywords/topic_detail.html",
        {
            "topic": topic,
            "page": page,
            "order": order,
            "ranks": selectors.topic_year_ranks(topic),
            "by_year": selectors.topic_mentions_by_year(topic),
            "by_period": by_period,
            "chart": {"labels": [r["period"] for r in by_period], "mentions": [r["mentions"] for r in by_period],
                      "articles": [r["articles"] for r in by_period], "about": [r["about"] for r in by_period]},
            "counts": selectors.topic_strength_counts(topic),
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
        item["chart_id"] = f"spark-{item['entry'].rank}"
    return render(
        request,
        "keywords/year_detail.html",
        {
            "keyword_year": keyword_year,
            "review": review,
            "years": selectors.keyword_years(),
        },
    )


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
def timeline(request):
    """Year by year, the keywords and the main events."""
    return render(request, "keywords/timeline.html", {"years": global_timeline()})

"""Reads for the keyword pages: topics, yearly lists and what articles say of them."""
from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth, TruncQuarter
from django.shortcuts import get_object_or_404
from django.utils import timezone

from articles.models import Article
from articles.selectors import one_per_story

from .models import (
    ArticleOrganisation,
    ArticleTopic,
    KeywordYear,
    Organisation,
    Topic,
    TopicCount,
    TopicDayCount,
    YearKeyword,
)
from .topic_articles import TopicArticles, topic_strength_counts  # noqa: F401 (the pages' reads, here)


def keyword_year_latest() -> KeywordYear | None:
    return KeywordYear.objects.order_by("-year").first()


def keyword_year_get(year: int) -> KeywordYear:
    return get_object_or_404(KeywordYear, year=year)


def keyword_years() -> QuerySet[KeywordYear]:
    return KeywordYear.objects.order_by("-year")


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


def _articles_in_year(year: int, topic: str = "topic") -> Coalesce:
    """A topic's articles in a year, as a subquery on the outer row's `topic`."""
    start, end = _year_bounds(year)
    days = TopicDayCount.objects.filter(topic=OuterRef(topic), day__gte=start, day__lt=end)
    return Coalesce(Subquery(days.values("topic").annotate(n=Sum("articles")).values("n")), 0)


def _articles_total(topic: str = "topic") -> Coalesce:
    return Coalesce(Subquery(TopicCount.objects.filter(topic=OuterRef(topic)).values("articles")), 0)


def year_entries_with_counts(keyword_year: KeywordYear) -> list[YearKeyword]:
    """The year's keywords in rank order, each with `articles_in_year` and `articles_total`
    (read from the summary tables, keywords.summaries)."""
    return list(
        keyword_year.entries.select_related("topic")
        .annotate(articles_in_year=_articles_in_year(keyword_year.year), articles_total=_articles_total())
        .order_by("rank")
    )


def topic_get(slug: str) -> Topic:
    return get_object_or_404(Topic.objects.prefetch_related("aliases"), slug=slug)


def topic_year_ranks(topic: Topic) -> list[YearKeyword]:
    return list(topic.year_entries.select_related("keyword_year").order_by("-keyword_year__year"))


ABOUT_FIRST = Case(When(strength=ArticleTopic.Strength.ABOUT, then=Value(0)), default=Value(1))


def topic_articles_page(topic: Topic, order: str, number, *, counts: dict[str, int] | None = None) -> Page:
    """One page of the topic's articles, by date (newest first) or by relevance, those
    about it before those that only mention it; each with `is_about`. `counts`, when the
    caller has them (`topic_strength_counts`), are not read again (keywords.topic_articles)."""
    page = Paginator(TopicArticles(topic, order, counts), settings.ARTICLES_PER_PAGE).get_page(number)
    return page


def topic_articles_latest(topic: Topic, limit: int, *, counts: dict[str, int] | None = None) -> list[Article]:
    """The first `limit` of the topic's articles by date, read as one page is (a feed)."""
    return TopicArticles(topic, "date", counts)[:limit]


_SUMS = {"about": Sum("about"), "articles": Sum("articles"), "mentions": Sum("mentions")}


def topic_mentions_by_year(topic: Topic) -> list[dict]:
    """Per year of publication: how many articles are about the topic, how many name it at
    all, and how often."""
    return list(
        TopicDayCount.objects.filter(topic=topic)
        .annotate(year=ExtractYear("day")).values("year").annotate(**_SUMS).order_by("year")
    )


def topics_for_article(article: Article) -> list[ArticleTopic]:
    """The article's tags, the topics it is about first."""
    return list(
        article.topic_tags.select_related("topic").prefetch_related("topic__aliases").order_by(ABOUT_FIRST, "-score")
    )


def topic_mentions_by_period(topic: Topic, period: str = "quarter") -> list[dict]:
    """Articles and mentions per month or quarter, for the topic's trend chart: every
    period from the first to the last, an empty one as zero (a chart that skipped it
    would draw 2013Q4 next to 2015Q1)."""
    trunc = TruncQuarter if period == "quarter" else TruncMonth
    rows = list(
        TopicDayCount.objects.filter(topic=topic)
        .annotate(period=trunc("day")).values("period").annotate(**_SUMS).order_by("period")
    )
    counts = {period_label(row["period"], period): row for row in rows}
    if not counts:
        return []
    labels = periods_between(rows[0]["period"], rows[-1]["period"], period)
    return [
        {
            "period": label,
            "about": counts[label]["about"] if label in counts else 0,
            "articles": counts[label]["articles"] if label in counts else 0,
            "mentions": counts[label]["mentions"] if label in counts else 0,
        }
        for label in labels
    ]


def periods_between(first, last, period: str) -> list[str]:
    """The labels of every quarter (or month) from the one holding `first` to the one
    holding `last`."""
    step = 3 if period == "quarter" else 1
    index = first.year * 12 + (first.month - 1) // step * step
    end = last.year * 12 + last.month - 1
    labels = []
    while index <= end:
        labels.append(period_label(date(index // 12, index % 12 + 1, 1), period))
        index += step
    return labels


def period_label(when, period: str) -> str:
    if period == "quarter":
        return f"{when.year}Q{(when.month - 1) // 3 + 1}"
    return f"{when.year}-{when.month:02d}"


# The topic's most relevant articles that its related keywords, sources and organisations
# are counted over: a bounded read of the (topic, -score) index, where grouping every
# article of the topic cost 100-440 ms each at 25,000 articles.
TOPIC_SAMPLE = 1000


def _sample(topic: Topic) -> QuerySet[ArticleTopic]:
    return (
        ArticleTopic.objects.filter(topic=topic, article__is_published=True)
        .order_by("-score").values("article_id")[:TOPIC_SAMPLE]
    )


def topics_related(topic: Topic, limit: int = 8) -> list[dict]:
    """Topics tagged on the same articles (of the topic's TOPIC_SAMPLE most relevant), most
    shared articles first."""
    return list(
        ArticleTopic.objects.filter(article_id__in=_sample(topic))
        .exclude(topic=topic)
        .values("topic__term", "topic__slug")
        .annotate(shared=Count("article", distinct=True))
        .order_by("-shared", "topic__term")[:limit]
    )


def topic_sources(topic: Topic, limit: int = 10) -> list[dict]:
    """The sources of the topic's TOPIC_SAMPLE most relevant articles, most articles first."""
    return list(
        Article.objects.filter(pk__in=_sample(topic), source__isnull=False)
        .values("source__name", "source__slug")
        .annotate(articles=Count("pk", distinct=True))
        .order_by("-articles", "source__name")[:limit]
    )


def topics_trending(*, days: int = 90, limit: int = 8) -> list[dict]:
    """Topics with the most articles in the latest `days` of content, with the count of
    the period before for comparison.

    The window ends at the newest article rather than today, so an archive whose news
    stops in 2015 still shows what was rising then. Counted by day from the summary table.
    """
    newest = Article.objects.published().aggregate(newest=Max("published_at"))["newest"]
    if newest is None:
        return []
    last = timezone.localdate(newest)
    recent_start = last - timedelta(days=days)
    earlier_start = recent_start - timedelta(days=days)
    window = TopicDayCount.objects.filter(topic=OuterRef("pk")).values("topic")

    def articles(**days) -> Coalesce:
        return Coalesce(Subquery(window.filter(**days).annotate(n=Sum("articles")).values("n")), 0)

    rows = (
        Topic.objects.annotate(recent=articles(day__gt=recent_start, day__lte=last),
                               earlier=articles(day__gt=earlier_start, day__lte=recent_start))
        .filter(recent__gt=0)
        .order_by("-recent", "earlier", "term")[:limit]
    )
    return [{"topic": t, "recent": t.recent, "earlier": t.earlier, "rising": t.recent > t.earlier} for t in rows]


def year_review(keyword_year: KeywordYear, *, top: int = 3) -> list[dict]:
    """The year's keywords in order, each with its counts, its mentions per month of
    that year and its most relevant articles of the year."""
    entries = year_entries_with_counts(keyword_year)
    monthly: dict[int, list[int]] = {e.topic_id: [0] * 12 for e in entries}
    start, end = _year_bounds(keyword_year.year)
    rows = (
        TopicDayCount.objects.filter(topic_id__in=monthly, day__gte=start, day__lt=end)
        .annotate(month=TruncMonth("day")).values("topic_id", "month").annotate(mentions=Sum("mentions"))
    )
    for row in rows:
        monthly[row["topic_id"]][row["month"].month - 1] = row["mentions"]
    review = []
    best = _best_of_year(list(monthly), keyword_year.year, top)
    for entry in entries:
        review.append({"entry": entry, "monthly": monthly[entry.topic_id], "articles": best.get(entry.topic_id, [])})
    return review


def _best_of_year(topic_ids: list[int], year: int, top: int) -> dict[int, list[Article]]:
    """Each topic's `top` articles of the year (one per story), about it first, then by
    relevance: one query, each topic's n-th best a subquery that walks the topic's tags
    in that order (the `tag_topic_strength_score` index) until it meets the year, one
    more loads the few articles shown. Ranking all the year's tags of every keyword with
    a window function grew with the year (143 ms at 34,000 articles)."""
    tags = one_per_story(
        ArticleTopic.objects.filter(topic=OuterRef("pk"), article__is_published=True,
                                    article__published_at__year=year),
        via="article__",
    ).order_by("strength", "-score", "-article_id").values("article_id")  # "about" sorts before "mentions"
    ranks = [f"best_{n}" for n in range(top)]
    rows = (
        Topic.objects.filter(pk__in=topic_ids)
        .annotate(**{rank: Subquery(tags[n:n + 1]) for n, rank in enumerate(ranks)})
        .values_list("pk", *ranks)
    )
    ranked = [(topic_id, pk) for topic_id, *best in rows for pk in best if pk is not None]
    articles = Article.objects.only("pk", "title", "published_at").in_bulk([pk for _, pk in ranked])
    best: dict[int, list[Article]] = {}
    for topic_id, pk in ranked:
        best.setdefault(topic_id, []).append(articles[pk])
    return best


def topic_organisations(topic: Topic, limit: int = 10) -> list[dict]:
    """Who is involved: the organisations most mentioned in the topic's TOPIC_SAMPLE most
    relevant articles."""
    return list(
        ArticleOrganisation.objects.filter(
            article_id__in=_sample(topic), organisation__status=Organisation.Status.REVIEWED
        )
        .values("organisation__name")
        .annotate(articles=Count("article", distinct=True), mentions=Sum("mentions"))
        .order_by("-articles", "-mentions", "organisation__name")[:limit]
    )


def topics_index() -> dict:
    """Every topic for the /topics/ page: each year's list in rank order (each entry with
    its articles that year, its articles in all, and the topic's other years' ranks),
    then the topics on no list. Three queries whatever the number of years."""
    entries = list(
        YearKeyword.objects.select_related("keyword_year", "topic").annotate(articles_total=_articles_total())
        .order_by("-keyword_year__year", "rank")
    )
    per_year = dict(
        ((topic_id, year), n) for topic_id, year, n in
        TopicDayCount.objects.annotate(year=ExtractYear("day")).values("topic_id", "year")
        .annotate(n=Sum("articles")).values_list("topic_id", "year", "n")
    )
    for entry in entries:
        entry.articles_in_year = per_year.get((entry.topic_id, entry.keyword_year.year), 0)
    ranks: dict[int, list[YearKeyword]] = {}
    for entry in entries:
        ranks.setdefault(entry.topic_id, []).append(entry)
    years: dict[int, dict] = {}
    for entry in entries:
        entry.other_years = [e for e in ranks[entry.topic_id] if e is not entry]
        years.setdefault(entry.keyword_year_id, {"keyword_year": entry.keyword_year, "entries": []})
        years[entry.keyword_year_id]["entries"].append(entry)
    unlisted = list(
        Topic.objects.filter(year_entries__isnull=True).annotate(articles_total=_articles_total("pk"))
        .order_by("term")
    )
    return {"years": list(years.values()), "unlisted": unlisted}


def years_index() -> list[KeywordYear]:
    """Every year's list for the /years/ page, newest year first, entries in rank order."""
    return list(
        KeywordYear.objects.order_by("-year").prefetch_related(
            Prefetch("entries", queryset=YearKeyword.objects.select_related("topic").order_by("rank"))
        )
    )

"""Reads for the keyword pages: topics, yearly lists and what articles say of them."""
from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Case, Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear, TruncMonth, TruncQuarter
from django.shortcuts import get_object_or_404

from articles.models import Article
from articles.selectors import one_per_story

from .models import ArticleOrganisation, ArticleTopic, KeywordYear, Organisation, Topic, YearKeyword


def keyword_year_latest() -> KeywordYear | None:
    return KeywordYear.objects.order_by("-year").first()


def keyword_year_get(year: int) -> KeywordYear:
    return get_object_or_404(KeywordYear, year=year)


def keyword_years() -> QuerySet[KeywordYear]:
    return KeywordYear.objects.order_by("-year")


def year_entries_with_counts(keyword_year: KeywordYear) -> list[YearKeyword]:
    """The year's keywords in rank order, each with `articles_in_year` and `articles_total`."""
    published = Q(topic__article_tags__article__is_published=True)
    in_year = published & Q(topic__article_tags__article__published_at__year=keyword_year.year)
    return list(
        keyword_year.entries.select_related("topic")
        .annotate(
            articles_in_year=Count("topic__article_tags", filter=in_year),
            articles_total=Count("topic__article_tags", filter=published),
        )
        .order_by("rank")
    )


def topic_get(slug: str) -> Topic:
    return get_object_or_404(Topic.objects.prefetch_related("aliases"), slug=slug)


def topic_year_ranks(topic: Topic) -> list[YearKeyword]:
    return list(topic.year_entries.select_related("keyword_year").order_by("-keyword_year__year"))


ABOUT_FIRST = Case(When(strength=ArticleTopic.Strength.ABOUT, then=Value(0)), default=Value(1))


def _tagged(topic: Topic) -> QuerySet[Article]:
    """The topic's published articles, one per story, each with `is_about`."""
    about = ArticleTopic.objects.filter(article=OuterRef("pk"), topic=topic, strength=ArticleTopic.Strength.ABOUT)
    return (
        one_per_story(Article.objects.published())
        .filter(topic_tags__topic=topic)
        .annotate(is_about=Exists(about))
        .select_related("source", "publication")
    )


def topic_articles(topic: Topic) -> QuerySet[Article]:
    """The articles about the topic, newest first, then those that only mention it."""
    return _tagged(topic).order_by("-is_about", F("published_at").desc(nulls_last=True), "-id")


def topic_strength_counts(topic: Topic) -> dict[str, int]:
    """How many of the topic's articles (one per story) are about it, and how many only mention it."""
    counts = _tagged(topic).aggregate(about=Count("pk", filter=Q(is_about=True)), total=Count("pk"))
    return {"about": counts["about"], "mentions": counts["total"] - counts["about"]}


_ABOUT = Q(strength=ArticleTopic.Strength.ABOUT)


def topic_mentions_by_year(topic: Topic) -> list[dict]:
    """Per year of publication: how many articles are about the topic, how many name it at
    all, and how often."""
    return list(
        ArticleTopic.objects.filter(topic=topic, article__is_published=True, article__published_at__isnull=False)
        .annotate(year=ExtractYear("article__published_at"))
        .values("year")
        .annotate(about=Count("article", filter=_ABOUT, distinct=True), articles=Count("article", distinct=True),
                  mentions=Sum("mentions"))
        .order_by("year")
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
        ArticleTopic.objects.filter(topic=topic, article__is_published=True, article__published_at__isnull=False)
        .annotate(period=trunc("article__published_at"))
        .values("period")
        .annotate(about=Count("article", filter=_ABOUT, distinct=True), articles=Count("article", distinct=True),
                  mentions=Sum("mentions"))
        .order_by("period")
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


def topics_related(topic: Topic, limit: int = 8) -> list[dict]:
    """Topics tagged on the same articles, most shared articles first."""
    return list(
        ArticleTopic.objects.filter(article__topic_tags__topic=topic, article__is_published=True)
        .exclude(topic=topic)
        .values("topic__term", "topic__slug")
        .annotate(shared=Count("article", distinct=True))
        .order_by("-shared", "topic__term")[:limit]
    )


def topic_sources(topic: Topic, limit: int = 10) -> list[dict]:
    return list(
        Article.objects.published()
        .filter(topic_tags__topic=topic, source__isnull=False)
        .values("source__name", "source__slug")
        .annotate(articles=Count("pk", distinct=True))
        .order_by("-articles", "source__name")[:limit]
    )


def topic_articles_by(topic: Topic, order: str) -> QuerySet[Article]:
    """The topic's articles by date (newest first) or by relevance score, those about it
    before those that only mention it."""
    articles = topic_articles(topic)
    if order == "relevance":
        score = Max("topic_tags__score", filter=Q(topic_tags__topic=topic))
        return articles.annotate(relevance=score).order_by(
            "-is_about", "-relevance", F("published_at").desc(nulls_last=True)
        )
    return articles


def topics_trending(*, days: int = 90, limit: int = 8) -> list[dict]:
    """Topics with the most articles in the latest `days` of content, with the count of
    the period before for comparison.

    The window ends at the newest article rather than today, so an archive whose news
    stops in 2015 still shows what was rising then.
    """
    newest = Article.objects.published().aggregate(newest=Max("published_at"))["newest"]
    if newest is None:
        return []
    recent_start = newest - timedelta(days=days)
    earlier_start = recent_start - timedelta(days=days)
    published = Q(article_tags__article__is_published=True)
    recent = published & Q(article_tags__article__published_at__gt=recent_start)
    earlier = published & Q(
        article_tags__article__published_at__gt=earlier_start, article_tags__article__published_at__lte=recent_start
    )
    rows = (
        Topic.objects.annotate(
            recent=Count("article_tags", filter=recent), earlier=Count("article_tags", filter=earlier)
        )
        .filter(recent__gt=0)
        .order_by("-recent", "earlier", "term")[:limit]
    )
    return [{"topic": t, "recent": t.recent, "earlier": t.earlier, "rising": t.recent > t.earlier} for t in rows]


def year_review(keyword_year: KeywordYear, *, top: int = 3) -> list[dict]:
    """The year's keywords in order, each with its counts, its mentions per month of
    that year and its most relevant articles of the year."""
    entries = year_entries_with_counts(keyword_year)
    monthly: dict[int, list[int]] = {e.topic_id: [0] * 12 for e in entries}
    rows = (
        ArticleTopic.objects.filter(
            topic_id__in=monthly, article__is_published=True, article__published_at__year=keyword_year.year
        )
        .annotate(month=TruncMonth("article__published_at"))
        .values("topic_id", "month")
        .annotate(mentions=Sum("mentions"))
    )
    for row in rows:
        monthly[row["topic_id"]][row["month"].month - 1] = row["mentions"]
    review = []
    for entry in entries:
        articles = list(
            one_per_story(Article.objects.published())
            .filter(topic_tags__topic_id=entry.topic_id, published_at__year=keyword_year.year)
            .order_by(F("topic_tags__strength").asc(), "-topic_tags__score")  # "about" sorts before "mentions"
            .only("pk", "title", "published_at")[:top]
        )
        review.append({"entry": entry, "monthly": monthly[entry.topic_id], "articles": articles})
    return review


def topic_organisations(topic: Topic, limit: int = 10) -> list[dict]:
    """Who is involved: the organisations most mentioned in the topic's articles."""
    return list(
        ArticleOrganisation.objects.filter(
            article__topic_tags__topic=topic,
            article__is_published=True,
            organisation__status=Organisation.Status.REVIEWED,
        )
        .values("organisation__name")
        .annotate(articles=Count("article", distinct=True), mentions=Sum("mentions"))
        .order_by("-articles", "-mentions", "organisation__name")[:limit]
    )


def topics_index() -> dict:
    """Every topic for the /topics/ page: each year's list in rank order (each entry with
    its articles that year, its articles in all, and the topic's other years' ranks),
    then the topics on no list. Three queries whatever the number of years."""
    published = Q(topic__article_tags__article__is_published=True)
    in_year = published & Q(topic__article_tags__article__published_at__year=F("keyword_year__year"))
    entries = list(
        YearKeyword.objects.select_related("keyword_year", "topic")
        .annotate(
            articles_in_year=Count("topic__article_tags", filter=in_year),
            articles_total=Count("topic__article_tags", filter=published),
        )
        .order_by("-keyword_year__year", "rank")
    )
    ranks: dict[int, list[YearKeyword]] = {}
    for entry in entries:
        ranks.setdefault(entry.topic_id, []).append(entry)
    years: dict[int, dict] = {}
    for entry in entries:
        entry.other_years = [e for e in ranks[entry.topic_id] if e is not entry]
        years.setdefault(entry.keyword_year_id, {"keyword_year": entry.keyword_year, "entries": []})
        years[entry.keyword_year_id]["entries"].append(entry)
    unlisted = list(
        Topic.objects.filter(year_entries__isnull=True)
        .annotate(articles_total=Count("article_tags", filter=Q(article_tags__article__is_published=True)))
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

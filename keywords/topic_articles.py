"""A topic's list of articles: those about it first, then those that only mention it, each
story once, by date (newest first) or by relevance; its counts; one page of it.

What a page costs must not grow with the topic. At 100,000 articles 跨境电商 is tagged on
half the archive (47,000 tags): ordering all of them by the about-first expression for
20 rows, and counting them one per story, each read every tag with its article and story
(ABOUT_FIRST is a CASE no index serves). Here:

- the list is two runs, the topic's "about" tags and the rest, each ordered by what an
  index orders by (the articles' latest-first index for dates, the tags' (topic, score)
  index for relevance), so the database walks either one until the page is full; the
  counts say where the first run ends;
- the counts are kept totals (`TopicCount.shown`, `shown_about`, keywords.summaries: the
  published articles tagged that no story hides), one row read. Subtracting the hidden
  ones per request joined the topic's tags to the story members: 81-220 ms at 100,000.
"""
from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F, QuerySet

from articles.models import Article
from articles.selectors import one_per_story

from .models import ArticleTopic, Topic, TopicCount

ABOUT = ArticleTopic.Strength.ABOUT
_ORDERS = {
    "date": (F("article__published_at").desc(nulls_last=True), F("article_id").desc()),
    "relevance": (F("score").desc(), F("article__published_at").desc(nulls_last=True), F("article_id").desc()),
}


def shown_tags(topic: Topic) -> QuerySet[ArticleTopic]:
    """The topic's tags on published articles, one per story."""
    return one_per_story(ArticleTopic.objects.filter(topic=topic, article__is_published=True), via="article__")


def topic_strength_counts(topic: Topic) -> dict[str, int]:
    """How many of the topic's articles (one per story) are about it, and how many only
    mention it: the kept totals of what no story hides (keywords.summaries)."""
    shown_about, shown = (TopicCount.objects.filter(topic=topic).values_list("shown_about", "shown").first()
                          or (0, 0))
    return {"about": shown_about, "mentions": shown - shown_about}


class TopicArticles(Sequence):
    """The topic's list as a sequence a Paginator (or the API's pages) slices: each slice
    reads its rows from one or both runs, then only those articles, each with `is_about`."""

    def __init__(self, topic: Topic, order: str = "date", counts: dict[str, int] | None = None):
        self.topic, self.order = topic, order
        self.counts = counts if counts is not None else topic_strength_counts(topic)

    def count(self) -> int:
        return self.counts["about"] + self.counts["mentions"]

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[:])

    def _run(self, about: bool) -> QuerySet[ArticleTopic]:
        tags = shown_tags(self.topic)
        tags = tags.filter(strength=ABOUT) if about else tags.exclude(strength=ABOUT)
        return tags.order_by(*_ORDERS[self.order]).values_list("article_id", "strength")

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        first = self.counts["about"]
        rows = []
        if start < first:
            rows += self._run(True)[start:min(stop, first)]
        if stop > first:
            rows += self._run(False)[max(0, start - first):stop - first]
        return _articles_of(rows)


def _articles_of(rows) -> list[Article]:
    """The articles of these (article id, strength) rows, in their order, each with `is_about`."""
    found = Article.objects.select_related("source", "publication").in_bulk([pk for pk, _ in rows])
    articles = []
    for pk, strength in rows:
        if pk in found:  # deleted since the ids were read
            found[pk].is_about = strength == ABOUT
            articles.append(found[pk])
    return articles

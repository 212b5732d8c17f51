"""Feeds for one topic and for one year."""
from django.shortcuts import get_object_or_404

from articles.feeds import FEED_SIZE, ArticleFeed, with_atom
from articles.selectors import articles_published

from .models import KeywordYear
from .selectors import topic_articles_latest, topic_get, topic_strength_counts


class TopicFeed(ArticleFeed):
    """The articles about the topic first (newest first), then those that only mention it."""

    def get_object(self, request, slug):
        topic = topic_get(slug)
        topic.counts = topic_strength_counts(topic)  # the description's, and where the list's first run ends
        return topic

    def title(self, topic):
        return f"b2bwatch · {topic.term}"

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        counts = topic.counts
        about = topic.description or f"关于“{topic.term}”的B2B行业文章"
        return f"{about}（{counts['about']} 篇以此为主题，另有 {counts['mentions']} 篇提及）"

    def items(self, topic):
        return topic_articles_latest(topic, FEED_SIZE, counts=topic.counts)


class YearFeed(ArticleFeed):
    def get_object(self, request, year):
        return get_object_or_404(KeywordYear, year=year)

    def title(self, keyword_year):
        return f"b2bwatch · {keyword_year.year}年"

    def link(self, keyword_year):
        return keyword_year.get_absolute_url()

    def description(self, keyword_year):
        return f"{keyword_year.year}年发布的B2B行业文章"

    def items(self, keyword_year):
        return articles_published().filter(published_at__year=keyword_year.year)[:FEED_SIZE]


TopicAtomFeed = with_atom(TopicFeed)
YearAtomFeed = with_atom(YearFeed)

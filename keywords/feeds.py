"""One feed per topic, RSS 2.0 and Atom."""
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from articles.feeds import FEED_SIZE, ArticleItemsMixin

from .selectors import topic_articles, topic_get


class TopicFeed(ArticleItemsMixin, Feed):
    def get_object(self, request, slug):
        return topic_get(slug)

    def title(self, topic):
        return f"b2bwatch · {topic.term}"

    def link(self, topic):
        return topic.get_absolute_url()

    def description(self, topic):
        return topic.description or f"关于“{topic.term}”的B2B行业文章"

    def items(self, topic):
        return topic_articles(topic)[:FEED_SIZE]


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed

    def subtitle(self, topic):
        return self.description(topic)

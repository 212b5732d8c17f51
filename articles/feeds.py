"""The latest-articles feed, RSS 2.0 and Atom, from Django's syndication framework."""
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from .selectors import articles_latest

FEED_SIZE = 50


class ArticleItemsMixin:
    """How any of our feeds renders an article."""

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(" ".join(item.paragraphs)).chars(300)

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author or item.outlet or None

    def item_guid(self, item):
        # Stable across edits of the title or body: the site's own id for the article.
        return f"{settings.SITE_URL.rstrip('/')}{item.get_absolute_url()}"

    item_guid_is_permalink = True


class LatestArticlesFeed(ArticleItemsMixin, Feed):
    title = "b2bwatch · 最新文章"
    description = "中国B2B电子商务行业资讯与报告的最新文章"

    def link(self):
        return reverse("keywords:home")

    def items(self):
        return articles_latest(FEED_SIZE)


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description

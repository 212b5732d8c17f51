from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import KeywordYear, Topic


class IndexSitemap(Sitemap):
    """The pages that lead to everything else: home, the archive and the index pages."""

    changefreq = "daily"
    priority = 0.9

    def items(self):
        return ["keywords:home", "articles:archive", "keywords:topics", "keywords:years", "keywords:timeline",
                "keywords:subscribe"]

    def location(self, name):
        return reverse(name)


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Topic.objects.order_by("pk")

    def lastmod(self, topic):
        return topic.updated_at


class TopicTimelineSitemap(Sitemap):
    """Each topic's full timeline (/topics/<slug>/timeline/)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Topic.objects.only("slug").order_by("pk")

    def location(self, topic):
        return reverse("keywords:topic_timeline", args=[topic.slug])


class YearSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return KeywordYear.objects.order_by("year")

from django.contrib.sitemaps import Sitemap

from .models import KeywordYear, Topic


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Topic.objects.order_by("pk")

    def lastmod(self, topic):
        return topic.updated_at


class YearSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return KeywordYear.objects.order_by("year")

from django.contrib.sitemaps import Sitemap

from .models import Article
from .selectors import publications_published


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, article):
        return article.updated_at


class PublicationSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return publications_published().order_by("pk")

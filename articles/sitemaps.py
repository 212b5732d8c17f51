from django.contrib.sitemaps import Sitemap

from .dates import article_date
from .models import Article
from .selectors import publications_published


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .select_related("publication")
            .only("pk", "published_at", "date_precision", "publication__published_on", "publication__date_precision")
            .order_by("pk")
        )

    def lastmod(self, article):
        """The article's own date (else its issue's), never when it was imported or
        re-analysed: an article whose date is unknown has no lastmod."""
        known = article_date(article)
        return known.as_datetime() if known else None

    def get_latest_lastmod(self):
        """No date for the section in the sitemap index: Django's default calls `lastmod`
        on every article (the whole archive read for one line of the index), and a page
        of the section is re-read by date anyway."""
        return None


class PublicationSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return publications_published().order_by("pk")

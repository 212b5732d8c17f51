from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from articles.cache import cached_page
from articles.sitemaps import ArticleSitemap, PublicationSitemap
from keywords.sitemaps import IndexSitemap, TopicSitemap, TopicTimelineSitemap, YearSitemap

from .api import api

admin.site.site_header = "b2bwatch 编辑后台"
admin.site.site_title = "b2bwatch"
admin.site.index_title = "内容管理"

SITEMAPS = {
    "index": IndexSitemap,
    "topics": TopicSitemap,
    "timelines": TopicTimelineSitemap,
    "years": YearSitemap,
    "articles": ArticleSitemap,
    "publications": PublicationSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # An index and a file per section, each split into pages (`?p=`): one file of every
    # article would hold 100,000 of them, and a single sitemap reaches only its first page.
    path("sitemap.xml", cached_page(sitemaps.index), {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<section>.xml", cached_page(sitemaps.sitemap), {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("", include("keywords.urls")),
    path("", include("articles.urls")),
]

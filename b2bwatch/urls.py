from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path("", include("keywords.urls")),
    path("", include("articles.urls")),
]

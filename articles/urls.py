from django.urls import path

from . import feeds, views
from .cache import cached_page

app_name = "articles"
urlpatterns = [
    path("articles/", views.archive, name="archive"),
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("publications/<int:pk>/", views.publication_detail, name="publication"),
    path("sources/<str:slug>/", views.source_detail, name="source"),
    path("sources/<str:slug>/feed.rss", cached_page(feeds.SourceArticlesFeed()), name="source_feed_rss"),
    path("sources/<str:slug>/feed.atom", cached_page(feeds.SourceArticlesAtomFeed()), name="source_feed_atom"),
    path("sources/<str:slug>/issues.rss", cached_page(feeds.SourcePublicationsFeed()), name="source_issues_rss"),
    path("sources/<str:slug>/issues.atom", cached_page(feeds.SourcePublicationsAtomFeed()), name="source_issues_atom"),
    path("search/", views.search, name="search"),
    path("search/feed.rss", cached_page(feeds.SearchFeed()), name="search_feed_rss"),
    path("search/feed.atom", cached_page(feeds.SearchAtomFeed()), name="search_feed_atom"),
    path("feeds/latest.rss", cached_page(feeds.LatestArticlesFeed()), name="feed_latest_rss"),
    path("feeds/latest.atom", cached_page(feeds.LatestArticlesAtomFeed()), name="feed_latest_atom"),
]

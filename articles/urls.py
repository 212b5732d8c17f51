from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("publications/<int:pk>/", views.publication_detail, name="publication"),
    path("sources/<str:slug>/", views.source_detail, name="source"),
    path("sources/<str:slug>/feed.rss", feeds.SourceArticlesFeed(), name="source_feed_rss"),
    path("sources/<str:slug>/feed.atom", feeds.SourceArticlesAtomFeed(), name="source_feed_atom"),
    path("sources/<str:slug>/issues.rss", feeds.SourcePublicationsFeed(), name="source_issues_rss"),
    path("sources/<str:slug>/issues.atom", feeds.SourcePublicationsAtomFeed(), name="source_issues_atom"),
    path("search/", views.search, name="search"),
    path("search/feed.rss", feeds.SearchFeed(), name="search_feed_rss"),
    path("search/feed.atom", feeds.SearchAtomFeed(), name="search_feed_atom"),
    path("feeds/latest.rss", feeds.LatestArticlesFeed(), name="feed_latest_rss"),
    path("feeds/latest.atom", feeds.LatestArticlesAtomFeed(), name="feed_latest_atom"),
]

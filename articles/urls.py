from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("articles/<int:pk>/", views.article_detail, name="detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest.rss", feeds.LatestArticlesFeed(), name="feed_latest_rss"),
    path("feeds/latest.atom", feeds.LatestArticlesAtomFeed(), name="feed_latest_atom"),
]

from django.urls import path

from . import feeds, views

app_name = "keywords"
urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
    path("topics/<str:slug>/feed.rss", feeds.TopicFeed(), name="topic_feed_rss"),
    path("topics/<str:slug>/feed.atom", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("years/<int:year>/", views.year_detail, name="year"),
]

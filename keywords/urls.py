from django.urls import path

from . import feeds, views

app_name = "keywords"
urlpatterns = [
    path("", views.home, name="home"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
    path("topics/<str:slug>/feed.rss", feeds.TopicFeed(), name="topic_feed_rss"),
    path("topics/<str:slug>/feed.atom", feeds.TopicAtomFeed(), name="topic_feed_atom"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("years/<int:year>/feed.rss", feeds.YearFeed(), name="year_feed_rss"),
    path("years/<int:year>/feed.atom", feeds.YearAtomFeed(), name="year_feed_atom"),
    path("feeds/topics.opml", views.topics_opml, name="topics_opml"),
]

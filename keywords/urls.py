from django.urls import path

from articles.cache import cached_page

from . import feeds, views

app_name = "keywords"
urlpatterns = [
    path("", views.home, name="home"),
    path("topics/", views.topics_index, name="topics"),
    path("topics/<str:slug>/", views.topic_detail, name="topic"),
    path("topics/<str:slug>/timeline/", views.topic_timeline_page, name="topic_timeline"),
    path("topics/<str:slug>/feed.rss", cached_page(feeds.TopicFeed()), name="topic_feed_rss"),
    path("topics/<str:slug>/feed.atom", cached_page(feeds.TopicAtomFeed()), name="topic_feed_atom"),
    path("years/", views.years_index, name="years"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("years/<int:year>/feed.rss", cached_page(feeds.YearFeed()), name="year_feed_rss"),
    path("years/<int:year>/feed.atom", cached_page(feeds.YearAtomFeed()), name="year_feed_atom"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("feeds/topics.opml", views.topics_opml, name="topics_opml"),
    path("timeline/", views.timeline, name="timeline"),
]

"""What the analysis stores besides topics: organisations and dated events."""
from datetime import date

import pytest
from django.urls import reverse

from articles.models import Article, Publication
from articles.review import publication_publish
from keywords.models import ArticleOrganisation, TimelineEvent, Topic
from tests.articles.ingest.makefiles import NEWSLETTER, TEXTBOOK

pytestmark = pytest.mark.django_db


def test_seed_000_mentions_its_platforms_merged_under_one_name(import_seed):
    import_seed()
    mentions = dict(ArticleOrganisation.objects.values_list("organisation__name", "mentions"))
    assert mentions["阿里巴巴"] >= 5  # 阿里, 1688, 阿里巴巴 …
    assert {"慧聪网", "敦煌网", "国务院", "商务部"} <= set(mentions)


def test_seed_000_events_have_dates_resolved_against_the_article(import_seed):
    import_seed()
    events = [(e.date_label, e.sentence) for e in TimelineEvent.objects.all()]
    assert ("2013年7月", "7月，国务院常务会议公布外贸“国六条”，确定促进贸易便利化推动进出口稳定发展的措施。") in events
    assert any(label == "2013年第3季度" for label, _ in events)  # 2013年Q3
    assert any(label == "2013年12月" and "年末" in s for label, s in events)  # 年末 of 2013


def test_a_forecast_is_marked_and_shown_apart(import_seed):
    import_seed()
    forecast = TimelineEvent.objects.get(sentence__contains="预计2014年累积贷款超过500亿", is_forecast=True)
    assert forecast.happened_on == date(2014, 1, 1) and forecast.precision == "year"


def test_events_link_the_topics_in_their_sentence(import_seed):
    import_seed()
    event = TimelineEvent.objects.filter(sentence__startswith="8月，国务院办公厅转发商务部").first()
    assert event is not None
    assert "跨境电商" in {t.term for t in event.topics.all()}
    assert "商务部" in {o.name for o in event.organisations.all()}


def test_the_cross_border_timeline_spans_the_seeds(import_seed, client):
    import_seed()
    import_seed(TEXTBOOK)
    import_seed(NEWSLETTER)
    for publication in Publication.objects.all():
        publication_publish(publication=publication)
    topic = Topic.objects.get(term="跨境电商")
    timeline = client.get(reverse("keywords:topic", args=[topic.slug])).context["timeline"]
    years = {e.happened_on.year for e in timeline["happened"]}
    assert {2013, 2015} <= years
    articles = {e.article_id for e in timeline["happened"]}
    assert len(articles) >= 3


def test_topic_page_shows_who_is_involved(import_seed, client):
    import_seed()
    page = client.get(reverse("keywords:topic", args=["hulianwang-jinrong"])).content.decode()
    assert "相关机构" in page and "阿里巴巴" in page


def test_a_reprinted_event_appears_once(import_seed, client):
    import_seed()
    original = Article.objects.get()
    copy = Article.objects.create(title="转载：十大关键词", body=original.body, is_published=True,
                                  published_at=original.published_at, outlet="亿邦动力网")
    from articles.pipeline import article_process

    article_process(article_id=copy.pk)
    topic = Topic.objects.get(term="跨境电商")
    timeline = client.get(reverse("keywords:topic", args=[topic.slug])).context["timeline"]
    events = [(e.sentence, e.happened_on) for e in timeline["happened"]]
    assert len(events) == len(set(events))
    assert {e.article_id for e in timeline["happened"]} == {Article.objects.get(title=original.title).pk}

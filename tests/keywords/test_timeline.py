from datetime import date

import pytest
from django.urls import reverse

from articles.models import Article
from keywords.models import TimelineEvent, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    topic = Topic.objects.get(term="跨境电商")
    first = Article.objects.create(title="原发", body="…", is_published=True)
    reprint = Article.objects.create(title="转载", body="…", is_published=True)
    hidden = Article.objects.create(title="未发布", body="…")

    def event(article, sentence, when, precision="month", forecast=False, key=None):
        e = TimelineEvent.objects.create(article=article, sentence=sentence, date_text="", happened_on=when,
                                         precision=precision, is_forecast=forecast, key=key or sentence)
        e.topics.add(topic)
        return e

    event(first, "8月，国务院办公厅转发商务部等部门关于实施支持跨境电商零售出口有关政策的意见。", date(2013, 8, 1))
    event(reprint, "8月，国务院办公厅转发商务部等部门关于实施支持跨境电商零售出口有关政策的意见。", date(2013, 8, 1))
    event(first, "2013年Q3跨境电商交易额增长。", date(2013, 7, 1), precision="quarter")
    event(first, "预计2016年跨境电商交易规模将达6.5万亿。", date(2016, 1, 1), precision="year", forecast=True)
    event(hidden, "未发布文章里的事件。", date(2014, 1, 1))
    return topic


def test_topic_timeline_shows_each_event_once_and_forecasts_apart(client, events):
    response = client.get(reverse("keywords:topic", args=[events.slug]))
    timeline = response.context["timeline"]
    assert [e.date_label for e in timeline["happened"]] == ["2013年第3季度", "2013年8月"]
    assert [e.sentence[:7] for e in timeline["forecasts"]] == ["预计2016年"]
    page = response.content.decode()
    assert page.count("国务院办公厅转发商务部") == 1
    assert "预测与展望" in page and "未发布文章里的事件" not in page


def test_global_timeline_goes_year_by_year_with_keywords_and_events(client, events):
    response = client.get(reverse("keywords:timeline"))
    years = response.context["years"]
    assert [y["year"] for y in years] == [2013]
    assert years[0]["keyword_year"].year == 2013
    assert len(years[0]["events"]) == 2
    page = response.content.decode()
    assert "2013年中国B2B行业十大关键词" in page and "预计2016年" not in page


def test_global_timeline_keeps_each_years_events_touching_most_topics(events):
    from keywords.timeline import global_timeline

    article = Article.objects.create(title="多主题", body="…", is_published=True)
    others = list(Topic.objects.exclude(pk=events.pk)[:3])
    for day in range(1, 6):
        e = TimelineEvent.objects.create(article=article, sentence=f"2014年3月{day}日的事件。", date_text="",
                                         happened_on=date(2014, 3, day), precision="day", key=f"k{day}")
        e.topics.set(others[: 1 + day % 3])
    untopical = TimelineEvent.objects.create(article=article, sentence="2015年无主题。", date_text="",
                                             happened_on=date(2015, 1, 1), precision="year", key="none")
    years = {y["year"]: y["events"] for y in global_timeline(per_year=2)}
    assert [e.sentence for e in years[2014]] == ["2014年3月2日的事件。", "2014年3月5日的事件。"]
    assert 2015 not in years and untopical.sentence not in [e.sentence for e in years[2013]]
    assert [e.date_label for e in years[2013]] == ["2013年第3季度", "2013年8月"]

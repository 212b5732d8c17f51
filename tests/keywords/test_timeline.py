from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from articles.models import Article
from articles.pipeline import article_process
from keywords.models import TimelineEvent, Topic
from keywords.timeline import KEY_EVENTS_SHOWN

pytestmark = pytest.mark.django_db

REPRINTED = "8月，国务院办公厅转发商务部等部门关于实施支持跨境电商零售出口有关政策的意见。"


def _article(title, day=1, **fields):
    return Article.objects.create(title=title, body="…", is_published=True,
                                  published_at=datetime(2013, 12, day, tzinfo=UTC), **fields)


def _event(article, topic, sentence, when, precision="month", forecast=False, key=None):
    e = TimelineEvent.objects.create(article=article, sentence=sentence, date_text="", happened_on=when,
                                     precision=precision, is_forecast=forecast, key=key or sentence)
    e.topics.add(topic)
    return e


@pytest.fixture
def events():
    topic = Topic.objects.get(term="跨境电商")
    reprint = _article("转载", day=20)
    first = _article("原发", day=2)
    hidden = Article.objects.create(title="未发布", body="…")
    _event(reprint, topic, REPRINTED, date(2013, 8, 1))
    _event(first, topic, REPRINTED, date(2013, 8, 1))
    _event(first, topic, "2013年Q3跨境电商交易额增长。", date(2013, 7, 1), precision="quarter")
    _event(first, topic, "预计2016年跨境电商交易规模将达6.5万亿。", date(2016, 1, 1), precision="year", forecast=True)
    _event(hidden, topic, "未发布文章里的事件。", date(2014, 1, 1))
    return topic


def test_a_reprinted_event_is_shown_once_from_its_earliest_article_with_the_others_as_also(client, events):
    response = client.get(reverse("keywords:topic_timeline", args=[events.slug]))
    timeline = response.context["timeline"]
    assert [e.date_label for e in timeline["happened"]] == ["2013年第3季度", "2013年8月"]
    reprinted = timeline["happened"][1]
    assert reprinted.article.title == "原发" and [a.title for a in reprinted.also] == ["转载"]
    page = response.content.decode()
    assert page.count("国务院办公厅转发商务部") == 1 and "另见" in page
    assert "预测与展望" in page and "预计2016年" in page and "未发布文章里的事件" not in page


def test_each_event_shows_its_date_at_its_precision(client, events):
    page = client.get(reverse("keywords:topic_timeline", args=[events.slug])).content.decode()
    assert 'title="精确到季度"' in page and ">2013年第3季度</time>" in page
    assert 'title="精确到月"' in page and ">2013年8月</time>" in page


def test_a_sentence_with_two_dates_appears_once_at_its_first(client):
    article = _article("2013年B2B十大关键词", day=30)
    article.body = "在企业方面，敦煌网3月宣布全程外贸开放平台上线，12月与宁波海曙区合作跨境电商平台。"
    article.save()
    article_process(article_id=article.pk)
    assert TimelineEvent.objects.filter(article=article).count() == 2
    topic = Topic.objects.get(term="跨境电商")
    for url in (reverse("keywords:topic_timeline", args=[topic.slug]), reverse("keywords:timeline")):
        page = client.get(url).content.decode()
        assert page.count("敦煌网3月宣布") == 1, url
        assert ">2013年3月</time>" in page and ">2013年12月</time>" not in page


def test_no_entry_has_empty_parentheses_or_a_lost_subject(client):
    article = _article("跨境电商平台")
    article.body = ("1. () 于 2015 年推出了“信用保障体系”，完成了跨境电商 B2B 平台的贸易闭环。\n"
                    "2. 阿里巴巴（）于2014年推出跨境电商信用保障服务。")
    article.save()
    article_process(article_id=article.pk)
    sentences = list(TimelineEvent.objects.filter(article=article).values_list("sentence", flat=True))
    assert sentences == ["阿里巴巴于2014年推出跨境电商信用保障服务。"]
    topic = Topic.objects.get(term="跨境电商")
    page = client.get(reverse("keywords:topic_timeline", args=[topic.slug])).content.decode()
    assert "()" not in page and "（）" not in page and "信用保障体系" not in page


def test_topic_page_lists_its_articles_before_a_short_timeline_linking_to_the_full_one(client, events):
    article = _article("很多事件")
    for month in range(1, 13):
        _event(article, events, f"2014年{month}月跨境电商第{month}件事。", date(2014, month, 1))
    response = client.get(reverse("keywords:topic", args=[events.slug]))
    page = response.content.decode()
    shown = response.context["timeline"]["key"]
    sentences = [e.sentence for e in shown]
    assert len(shown) == KEY_EVENTS_SHOWN and REPRINTED in sentences  # two outlets carried it
    assert "2014年12月跨境电商第12件事。" not in sentences
    assert [e.happened_on for e in shown] == sorted(e.happened_on for e in shown)
    assert page.index('id="articles-heading"') < page.index('id="timeline-heading"')
    assert reverse("keywords:topic_timeline", args=[events.slug]) in page
    assert "完整时间线（14 个事件，1 项预测）" in page


def test_global_timeline_goes_year_by_year_with_keywords_and_events(client, events):
    response = client.get(reverse("keywords:timeline"))
    years = response.context["years"]
    assert [y["year"] for y in years] == [2013]
    assert years[0]["keyword_year"].year == 2013
    assert len(years[0]["events"]) == 2
    page = response.content.decode()
    assert "2013年中国B2B行业十大关键词" in page and "预计2016年" not in page
    assert page.count("国务院办公厅转发商务部") == 1 and "另见：" in page


def test_global_timeline_keeps_each_years_events_touching_most_topics(events):
    from keywords.timeline import global_timeline

    article = _article("多主题")
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
    reprinted = years[2013][1]
    assert reprinted.article.title == "原发" and [a.title for a in reprinted.also] == ["转载"]


def test_the_years_with_main_events_leave_out_forecasts_and_events_without_topics(events):
    """Read one index step a year: 2013's events, and 2014's of an unpublished article
    (the candidates' read leaves it out); not 2016, only forecast, nor 2015, no topic."""
    from keywords.timeline import _main_event_years

    TimelineEvent.objects.create(article=_article("无主题"), sentence="2015年无主题。", date_text="",
                                 happened_on=date(2015, 1, 1), precision="year", key="none")
    assert _main_event_years() == [2013, 2014]
    TimelineEvent.objects.all().delete()
    assert _main_event_years() == []


def test_deleting_a_topic_lowers_the_topic_count_its_events_are_ranked_by(events):
    article = _article("两个主题")
    other = Topic.objects.exclude(pk=events.pk).first()
    both = TimelineEvent.objects.create(article=article, sentence="2014年5月的事件。", date_text="",
                                        happened_on=date(2014, 5, 1), precision="month", key="both")
    both.topics.set([events, other])
    only_other = _event(article, other, "2014年6月的事件。", date(2014, 6, 1), key="other")
    assert TimelineEvent.objects.get(pk=both.pk).topic_count == 2

    other.delete()

    assert TimelineEvent.objects.get(pk=both.pk).topic_count == 1
    assert TimelineEvent.objects.get(pk=only_other.pk).topic_count == 0
    assert list(TimelineEvent.objects.get(pk=both.pk).topics.all()) == [events]

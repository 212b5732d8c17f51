"""Charts in Chromium: the topic chart draws an empty quarter as zero on labelled axes, mentions
and articles each on an axis of their own; the year page compares its keywords on one scale."""
from datetime import UTC, datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def two_quarters_apart(keywords_2013):
    from articles.models import Article
    from keywords.models import ArticleTopic, Topic

    topic = Topic.objects.get(slug="kuajing-dianshang")
    for when, mentions in ((datetime(2013, 12, 1, tzinfo=UTC), 3), (datetime(2014, 6, 1, tzinfo=UTC), 2)):
        article = Article.objects.create(title="跨境电商", body="跨境电商。", published_at=when, is_published=True)
        ArticleTopic.objects.create(article=article, topic=topic, mentions=mentions)
    return topic


def drawn(page) -> None:
    page.wait_for_selector("[data-chart][data-drawn]")


def test_the_chart_draws_the_empty_quarter_on_labelled_axes(page, live_server, two_quarters_apart, screens):
    page.goto(live_server.url + two_quarters_apart.get_absolute_url())
    page.wait_for_selector("[data-chart][data-drawn]")
    option = page.evaluate(
        """() => {
            const o = echarts.getInstanceByDom(document.querySelector('[data-chart="trend"]')).getOption();
            return {x: o.xAxis[0].data, xName: o.xAxis[0].name, y: o.yAxis.map(a => a.name),
                    series: o.series.map(s => [s.name, s.yAxisIndex, s.data])};
        }"""
    )
    assert screens(two_quarters_apart.get_absolute_url(), "topic-chart-empty-quarter", ready=drawn) == {
        "desktop": 0, "phone": 0,
    }
    assert option["x"] == ["2013Q4", "2014Q1", "2014Q2"] and option["xName"] == "季度"
    assert option["y"] == ["提及次数", "文章数"]
    assert option["series"] == [
        ["提及次数", 0, [3, 0, 2]], ["文章数", 1, [1, 0, 1]], ["以此为主题的文章数", 1, [0, 0, 0]],
    ]


def test_the_year_page_compares_its_keywords_on_one_scale(page, live_server, keywords_2013, screens):
    from articles.services import document_create
    from tests.conftest import SEED_000, seed_bytes

    document_create(data=seed_bytes(SEED_000), filename=SEED_000)
    page.goto(live_server.url + "/years/2013/")
    page.wait_for_selector("[data-chart='compare'][data-drawn]")
    option = page.evaluate(
        """() => {
            const o = echarts.getInstanceByDom(document.querySelector('[data-chart="compare"]')).getOption();
            const charts = document.querySelectorAll('[data-chart]').length;
            return {terms: o.yAxis[0].data, axis: o.xAxis[0].name, charts: charts};
        }"""
    )
    assert screens("/years/2013/", "year-2013-compare", ready=drawn) == {"desktop": 0, "phone": 0}
    assert option["charts"] == 1 and option["axis"] == "2013年提及次数"
    assert option["terms"][:3] == ["在线交易", "互联网金融", "大数据"] and len(option["terms"]) == 10

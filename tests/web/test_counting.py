"""A list's total as a reader and an API client are told it: counted while that is cheap,
and past a size (on PostgreSQL) the database's estimate, said to be one."""
import random
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from articles import counting
from articles.counting import Total, TotalPaginator
from articles.models import Article, Source
from articles.pipeline import article_process

pytestmark = pytest.mark.django_db

WORDS = ["外贸", "物流", "支付", "仓储", "海关", "退税", "品牌", "采购", "供应链", "钢铁", "纺织", "家具", "汽配",
         "跨境", "平台", "融资", "信用", "展会", "买家", "卖家", "订单", "样品", "报关", "运费", "结汇", "关税",
         "广交会", "义乌", "深圳", "宁波", "东莞", "泉州", "小商品", "电子", "服装", "鞋业", "玩具", "五金"]

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="SQLite has no estimate: an embedded site always counts")


@pytest.fixture
def thirty():
    source = Source.objects.create(name="媒体", slug="outlet")
    Article.objects.bulk_create(Article(title=f"第{n}篇", body="正文。", source=source, is_published=True)
                                for n in range(30))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")


def test_a_small_list_is_counted_exactly(client, thirty):
    body = client.get("/api/articles").json()
    assert (body["count"], body["count_estimated"]) == (30, False)
    page = client.get("/articles/").content.decode()
    assert "共 30 篇" in page and "第 1 / 2 页" in page


@postgresql_only
def test_a_list_past_the_counting_size_shows_the_estimate_and_says_so(client, thirty, monkeypatch):
    monkeypatch.setattr(counting, "ESTIMATE_FROM", 10)  # as 1,000,000 articles are past 200,000

    body = client.get("/api/articles").json()
    assert body["count_estimated"] is True and 20 <= body["count"] <= 45  # the planner's, from ANALYZE
    assert len(body["items"]) == 20
    page = client.get("/articles/").content.decode()
    assert "共 约 " in page
    assert "第 1 页" in page and "第 1 / " not in page  # no page count built on an estimate
    source_page = client.get("/sources/outlet/").content.decode()
    assert "第 1 页" in source_page


def test_a_list_that_keeps_its_own_count_is_never_estimated(client, thirty, monkeypatch):
    monkeypatch.setattr(counting, "ESTIMATE_FROM", 10)
    start = datetime(2013, 1, 1, tzinfo=UTC)
    for n, article in enumerate(Article.objects.order_by("pk")):  # thirty different reports, months apart
        article.title = f"跨境电商：{''.join(random.Random(n).sample(WORDS, 4))}"
        article.body = "".join(random.Random(n + 100).sample(WORDS, 14)) + "。"
        article.published_at = start + timedelta(days=40 * n)
        article.save()
        article_process(article_id=article.pk)

    body = client.get("/api/topics/kuajing-dianshang/articles").json()
    assert (body["count"], body["count_estimated"]) == (30, False)  # the topic's kept total


@postgresql_only
def test_a_page_past_the_estimated_end_is_empty_not_an_error(thirty, monkeypatch):
    monkeypatch.setattr(counting, "ESTIMATE_FROM", 10)
    paginator = TotalPaginator(Article.objects.order_by("pk"), 20)
    paginator.total = Total(100, estimated=True)  # the planner overestimating by three times

    last = paginator.get_page(5)
    assert last.number == 5 and list(last.object_list) == []


def test_an_estimate_is_shown_to_two_figures():
    assert str(Total(1_004_211, estimated=True)) == "约 1,000,000"
    assert str(Total(38_612, estimated=True)) == "约 39,000"
    assert str(Total(38_612)) == "38612"

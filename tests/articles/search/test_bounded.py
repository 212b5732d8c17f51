"""Search reads a bounded number of matches, and says so when there are more (issue 15).

The bound (`backends.MAX_HITS`, 1,000) is made small here so that a few articles exceed
it; runs on whichever database the suite runs on. On PostgreSQL a total past the bound is
the planner's estimate and is labelled one; SQLite counts exactly.
"""
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.urls import reverse

from articles.counting import rounded
from articles.models import Article
from articles.pipeline import article_process
from articles.search import backends, postgres, search_articles

pytestmark = pytest.mark.django_db
FILLER = "本刊讯，会议还讨论了其他事项，与会代表交流了经验，并就下一步工作进行了部署。"


def article(title, body, *, day):
    row = Article.objects.create(
        title=title, body=body, is_published=True, published_at=datetime(2016, 5, day, tzinfo=UTC)
    )
    article_process(article_id=row.pk)
    Article.objects.update(story=None, reprint_of=None)  # shared filler is not a story here
    return row


@pytest.fixture
def bound(monkeypatch):
    monkeypatch.setattr(backends, "MAX_HITS", 4)
    monkeypatch.setattr(postgres, "HEAD_CANDIDATES", 4)


@pytest.fixture
def many_mentions():
    """An old story about 跨境电商, then eight newer items that mention it in passing."""
    about = article("跨境电商综试区扩容", "跨境电商综合试验区再扩容，跨境电商企业受益。" + FILLER, day=1)
    passing = [article(f"会议纪要{n}", FILLER * 6 + "会上也谈到跨境电商。", day=2 + n) for n in range(8)]
    return about, passing


def test_a_story_about_the_word_comes_first_when_more_articles_match_than_are_read(bound, many_mentions):
    about, _ = many_mentions
    hits = search_articles("跨境电商", per_page=20).hits
    assert hits[0].article == about


def test_the_newest_order_starts_with_the_newest_match_past_the_bound(bound, many_mentions):
    _, passing = many_mentions
    hits = search_articles("跨境电商", per_page=20, order="newest").hits
    assert [h.article for h in hits[:2]] == [passing[-1], passing[-2]]


def test_a_total_past_the_bound_is_labelled_an_estimate(client, bound, many_mentions):
    results = client.get(reverse("articles:search"), {"q": "跨境电商"}).context["results"]
    api = client.get("/api/search", {"q": "跨境电商"}).json()
    assert api["total_estimated"] is results.total_estimated
    if connection.vendor == "postgresql":
        assert results.total_estimated and results.total >= 4
        assert results.total_text.startswith("约 ")
        page = client.get(reverse("articles:search"), {"q": "跨境电商"}).content.decode()
        assert f"找到 {results.total_text} 篇相关文章（估计数" in page
    else:
        assert not results.total_estimated and results.total == 9


def test_an_exact_total_has_no_label(client, many_mentions):
    results = client.get(reverse("articles:search"), {"q": "跨境电商"}).context["results"]
    assert (results.total, results.total_estimated, results.total_text) == (9, False, "9")
    assert client.get("/api/search", {"q": "跨境电商"}).json()["total_estimated"] is False


def test_a_common_word_still_finds_the_article_about_it(bound):
    about = article("发展的新阶段", "发展的关键在于企业自身的转型。" + FILLER, day=1)
    for n in range(8):
        article(f"简讯{n}", FILLER * 4 + "这是的字很多的一段话。", day=2 + n)
    hits = search_articles("发展", per_page=20).hits
    assert hits[0].article == about
    assert len(search_articles("的", per_page=20).hits) >= 4


def test_words_that_are_all_present_but_not_in_a_row_are_no_match(bound):
    article("环境与物流", "跨境物流成本下降，环境电力改善，电商平台扩张。" + FILLER, day=1)
    kept = article("跨境电商一则", "跨境电商继续增长。" + FILLER, day=2)
    assert [h.article for h in search_articles("跨境电商", per_page=20).hits] == [kept]


def test_an_excluded_word_stays_out_past_the_bound(bound, many_mentions):
    excluded = article("跨境电商物流", "跨境电商物流成本下降。" + FILLER, day=20)
    hits = search_articles("跨境电商 -物流", per_page=20).hits
    assert hits and excluded not in [h.article for h in hits]


def test_an_excluded_word_of_three_characters_is_excluded_by_every_way_it_is_written(bound, many_mentions):
    """A word is matched whole or by its grams; excluding it excludes both (on PostgreSQL
    `~(a | b)` could not be built and every such query was a server error)."""
    excluded = article("跨境电商与亚马逊", "跨境电商卖家入驻亚马逊。" + FILLER, day=21)
    hits = search_articles("跨境电商 -亚马逊", per_page=20).hits
    assert hits and excluded not in [h.article for h in hits]


def test_a_changed_text_is_found_by_its_new_words_only():
    row = article("旧标题", "产业带的旧消息。" + FILLER, day=1)
    row.title, row.body = "新标题", "直播电商的新消息。" + FILLER
    row.save()
    article_process(article_id=row.pk)
    assert [h.article for h in search_articles("直播电商").hits] == [row]
    assert search_articles("产业带").hits == []


@pytest.mark.parametrize("n, shown", [(7, 7), (99, 99), (100, 100), (38_612, 39_000), (1_234_567, 1_200_000)])
def test_an_estimate_is_rounded_to_two_figures(n, shown):
    assert rounded(n) == shown


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the two ways to read matches are PostgreSQL's")
@pytest.mark.parametrize("order", ["newest", "relevance"])
def test_the_matches_are_the_same_read_down_the_date_index_or_through_the_bitmap(
    monkeypatch, bound, many_mentions, order
):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")  # the archive's size, for the choice
    found = {}
    for walk_cost in (0, 10**6):  # a walk always allowed; never
        monkeypatch.setattr(postgres, "WALK_COST", walk_cost)
        found[walk_cost] = [(h.article.pk, h.rank) for h in search_articles("跨境电商", per_page=20, order=order).hits]
    assert found[0] == found[10**6] and found[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the two ways to read matches are PostgreSQL's")
def test_past_the_bitmap_bound_the_matches_are_walked_whatever_the_share(monkeypatch, bound, many_mentions):
    """A bitmap of more expected rows than BITMAP_MAX_ROWS would turn lossy: walk instead."""
    settings_made = []
    real_set = postgres._set
    monkeypatch.setattr(postgres, "_set", lambda **values: settings_made.append(values) or real_set(**values))
    monkeypatch.setattr(postgres, "WALK_COST", 10**6)  # the share alone would always choose the bitmap
    search_articles("跨境电商", order="newest")
    assert {"enable_indexscan": "off", "enable_seqscan": "off"} in settings_made
    settings_made.clear()
    monkeypatch.setattr(postgres, "BITMAP_MAX_ROWS", 0)
    search_articles("跨境电商", order="newest")
    assert {"enable_indexscan": "off", "enable_seqscan": "off"} not in settings_made


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the two ways to read matches are PostgreSQL's")
@pytest.mark.parametrize("order", ["newest", "relevance"])
def test_reading_the_newest_part_of_the_archive_first_finds_the_same_matches(monkeypatch, bound, many_mentions, order):
    """The bitmap read over the newest window (enough of it, or too little and then the
    whole bitmap) gives what the whole bitmap gives."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")
    monkeypatch.setattr(postgres, "WALK_COST", 10**6)  # always the bitmap
    windows = []
    real_start = postgres._window_start
    monkeypatch.setattr(postgres, "_window_start", lambda *a: windows.append(real_start(*a)) or windows[-1])
    found = {}
    for margin in (10**6, 1, 0):  # no window; a window holding enough; one holding too few
        monkeypatch.setattr(postgres, "WINDOW_MARGIN", margin)
        found[margin] = [(h.article.pk, h.rank) for h in search_articles("跨境电商", per_page=20, order=order).hits]
    assert found[1] == found[0] == found[10**6] and found[1]
    assert windows and all(windows)  # the windows were read (none with no margin)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's")
def test_the_planner_keeps_the_shares_of_ten_thousand_words_of_each_search_vector():
    """The search chooses how to read a query's matches from the planner's estimate of them;
    with the default 1,000 words kept, any word rarer than the 1,000th (12 % of the articles
    at 100,000) was guessed, and a phrase's grams multiplied out far below their matches."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstattarget FROM pg_attribute WHERE attrelid = 'articles_article'::regclass "
            "AND attname IN ('search_document', 'search_head')"
        )
        assert dict(cursor.fetchall()) == {"search_document": 1000, "search_head": 1000}


def test_the_newest_window_starts_where_the_date_statistics_put_the_newest_share():
    """Buckets of equal share between the bounds, and common values with their own shares:
    the window starts where the rows known to be at or after it complete the share."""
    bounds = [datetime(2012 + n, 1, 1, tzinfo=UTC) for n in range(5)]  # 4 buckets of 20 %
    common = [(datetime(2015, 6, 1, tzinfo=UTC), 0.2)]  # and one day with 20 % of the rows
    assert postgres.newest_start(0.1, common, bounds, 0.8) == datetime(2015, 6, 1, tzinfo=UTC)  # that day alone
    assert postgres.newest_start(0.4, common, bounds, 0.8) == datetime(2015, 1, 1, tzinfo=UTC)
    assert postgres.newest_start(0.5, common, bounds, 0.8) == datetime(2014, 1, 1, tzinfo=UTC)
    assert postgres.newest_start(1.5, common, bounds, 0.8) is None  # more than the archive holds
    assert postgres.newest_start(0.5, [], [], 0.0) is None  # no statistics of the column

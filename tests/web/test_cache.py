import pytest
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def seeded(import_seed):
    import_seed()
    return Article.objects.get()


def test_a_cached_page_needs_no_queries(client, seeded, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        assert TITLE in client.get("/").content.decode()


@pytest.fixture
def cache_calls(monkeypatch):
    """The names of the page cache's methods called from outside the cache, in order."""
    from django.core.cache import cache

    calls, depth = [], [0]

    def counted(name, method):
        def call(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1
        return call

    for name in ("get", "get_many", "add", "set", "set_many", "incr"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    return calls


def test_a_cached_page_is_one_read_of_the_cache(client, seeded, cache_calls):
    """The versions and the page come back together: a hit is one round trip to Redis (one
    MGET; the local-memory cache used here answers `get_many` with its own `get`s)."""
    client.get("/")
    cache_calls.clear()
    assert TITLE in client.get("/").content.decode()
    assert cache_calls == ["get_many"]


def test_the_pages_of_many_scopes_go_cold_in_one_write_to_the_cache(client, seeded, cache_calls):
    """A batch of articles changes some seventy scopes: one MSET on Redis, not an INCR each."""
    from articles.cache import scopes_changed

    url = reverse("articles:detail", args=[seeded.pk])
    client.get(url)
    Article.objects.filter(pk=seeded.pk).update(title="不经信号的修改")
    cache_calls.clear()
    scopes_changed(["lists", f"article:{seeded.pk}", "year:2013", "topic:big-data"])
    assert cache_calls == ["set_many"]
    assert "不经信号的修改" in client.get(url).content.decode()


def test_an_edit_shows_on_the_next_request(client, seeded):
    assert TITLE in client.get("/").content.decode()
    seeded.title = "编辑改过的标题"
    seeded.save()
    assert "编辑改过的标题" in client.get("/").content.decode()


def test_publishing_a_publication_refreshes_cached_feeds(client, seeded):
    from articles.models import Publication
    from articles.review import publication_publish

    url = reverse("articles:feed_latest_rss")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    Article.objects.create(publication=issue, title="会刊文章", body="正文", position=1)
    assert "会刊文章" not in client.get(url).content.decode()
    publication_publish(publication=issue)
    assert "会刊文章" in client.get(url).content.decode()


def test_editors_see_live_pages(admin_client, seeded, django_assert_max_num_queries):
    admin_client.get("/")
    Article.objects.filter(pk=seeded.pk).update(title="不经信号的修改")  # no signal: the cache is not told
    assert "不经信号的修改" in admin_client.get("/").content.decode()


def test_analysing_an_article_refreshes_its_topics_pages_and_leaves_other_topics_cached(
    client, seeded, django_assert_num_queries
):
    from articles.pipeline import article_process
    from keywords.models import Topic

    tagged = {t.topic.slug for t in seeded.topic_tags.select_related("topic")}
    untouched = Topic.objects.create(term="供应链金融", slug="supply-chain-finance")
    other_url = reverse("keywords:topic", args=[untouched.slug])
    tagged_url = reverse("keywords:topic", args=[sorted(tagged)[0]])
    client.get(other_url), client.get(tagged_url)
    Article.objects.filter(pk=seeded.pk).update(title="重新分析后的标题")
    article_process(article_id=seeded.pk)
    with django_assert_num_queries(0):
        client.get(other_url)
    assert "重新分析后的标题" in client.get(tagged_url).content.decode()


def test_a_topic_renamed_refreshes_every_page(client, seeded):
    url = reverse("articles:detail", args=[seeded.pk])
    client.get(url)
    topic = seeded.topic_tags.first().topic
    topic.term = "改名后的关键词"
    topic.save()
    assert "改名后的关键词" in client.get(url).content.decode()


@pytest.mark.parametrize("url", ["/api/articles", "/feeds/latest.rss"])
def test_api_lists_and_feeds_are_served_from_the_cache_as_one_body_until_an_article_changes(
    client, seeded, django_assert_num_queries, url
):
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert len(again._container) == 1  # one bytes object, not the writer's pieces
    seeded.title = "编辑改过的标题 edited"  # Latin letters read the same in JSON's escapes
    seeded.save()
    assert "edited" in client.get(url).content.decode()


def test_the_years_with_articles_are_kept_until_an_article_changes(django_assert_num_queries):
    from datetime import UTC, datetime

    from articles.selectors import article_years

    Article.objects.create(title="旧文", body="正文", is_published=True, published_at=datetime(2015, 3, 1, tzinfo=UTC))
    assert article_years() == [2015]
    with django_assert_num_queries(0):
        assert article_years() == [2015]
    Article.objects.create(title="新文", body="正文", is_published=True, published_at=datetime(2019, 3, 1, tzinfo=UTC))
    assert article_years() == [2019, 2015]


def test_a_cached_page_carries_its_etag_so_a_hit_hashes_nothing(client, seeded, monkeypatch):
    """The ETag is made once, when the page is stored: a hit is served as it was stored,
    and a reader holding the page gets 304 Not Modified."""
    import django.middleware.http

    first = client.get("/")
    hashed = []
    real = django.middleware.http.set_response_etag
    monkeypatch.setattr(django.middleware.http, "set_response_etag", lambda r: hashed.append(r) or real(r))
    again = client.get("/")
    assert hashed == [] and again["ETag"] == first["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

"""With Redis down, pages and feeds are built without the cache instead of answering 500."""
import socket

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from articles.models import Article

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


def redis_nobody_listens_on() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"redis://127.0.0.1:{probe.getsockname()[1]}/0"


@pytest.fixture
def redis_down():
    """The site's Redis cache (as configured with REDIS_URL), at an address where nothing listens."""
    from b2bwatch import settings as project

    configured = project.CACHES["default"] if project.REDIS_URL else {"BACKEND": "b2bwatch.cache.TolerantRedisCache"}
    with override_settings(CACHES={"default": {**configured, "LOCATION": redis_nobody_listens_on()}}):
        yield


@pytest.mark.parametrize("path", [
    "/", "/feeds/latest.rss", "/feeds/latest.atom", "/years/2013/",
    "/topics/kuajing-dianshang/", "/topics/kuajing-dianshang/feed.rss",
])
def test_pages_and_feeds_answer_while_redis_is_down(client, import_seed, redis_down, path):
    import_seed()
    response = client.get(path)
    assert response.status_code == 200
    assert TITLE in response.content.decode()


def test_an_edit_shows_at_once_while_redis_is_down(client, import_seed, redis_down):
    import_seed()
    article = Article.objects.get()
    client.get(reverse("articles:detail", args=[article.pk]))
    article.title = "编辑改过的标题"
    article.save()
    assert "编辑改过的标题" in client.get(reverse("articles:detail", args=[article.pk])).content.decode()


def test_a_cache_that_is_down_reads_as_empty_and_drops_writes(redis_down):
    assert cache.add("k", 1) is False
    cache.set("k", 1)
    assert cache.get("k", "missing") == "missing"
    assert cache.get_many(["k"]) == {}
    assert cache.incr("k") is None
    assert cache.delete("k") is False

"""Celery beat and a worker poll a web source on their own: a feed served on 127.0.0.1
becomes tagged articles, with nothing but the channel row set up."""
import pytest

from articles.models import Article, Channel, Source
from keywords.models import ArticleTopic
from tests.articles.fetch.server import respond, serve
from tests.articles.test_polling import PAGE, rss
from tests.integration.conftest import wait_for


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_beat_and_a_worker_poll_a_feed_into_tagged_articles(keywords_2013, celery_processes):
    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url, "/a/1.html"), content_type="application/rss+xml")
        server.routes["/a/1.html"] = respond(PAGE.encode(), content_type="text/html; charset=utf-8")
        outlet = Source.objects.create(name="亿邦动力网", slug="ebrun")
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        fetching = {"FETCH_ALLOW_LOOPBACK": "1", "FETCH_HOST_DELAY_SECONDS": "0", "POLL_DUE_EVERY_SECONDS": "3"}
        worker, worker_log = celery_processes("worker", **fetching)
        beat, beat_log = celery_processes("beat", **fetching)
        tagged = wait_for(
            lambda: ArticleTopic.objects.filter(article__url=server.url("/a/1.html"), topic__term="跨境电商").exists()
        )
        logs = f"worker:\n{worker_log.read_text()}\nbeat:\n{beat_log.read_text()}"
        assert worker.poll() is None and beat.poll() is None, logs
        assert tagged, logs
    channel.refresh_from_db()
    assert channel.last_status == 200 and channel.items_found == 1 and channel.next_poll_at
    assert Article.objects.get().title == "跨境电商试点扩大"
    assert "articles.tasks.channels_poll_due" in beat_log.read_text()

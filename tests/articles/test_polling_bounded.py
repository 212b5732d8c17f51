"""A poll's cost does not grow with the feed, failed pages wait before they are fetched
again, and robots.txt failures are not remembered for a day."""
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import polling
from articles.fetch import robots
from articles.models import Article, Channel, Document, Source
from articles.models.channels import FailedEntry
from tests.articles.fetch.server import respond, serve

from .test_polling import PAGE, poll, rss

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    settings.FETCH_HOST_DELAY_SECONDS = 0
    settings.FETCH_TIMEOUT_SECONDS = 5
    settings.FETCH_ENTRY_RETRY_MINUTES = 60
    settings.FETCH_ENTRY_MAX_ATTEMPTS = 3  # robots.txt answers are cached per host:port, new for each server


@pytest.fixture
def outlet():
    return Source.objects.create(name="亿邦动力网", slug="ebrun")


def test_a_feed_of_thousands_of_entries_polls_in_a_few_queries(outlet, django_assert_max_num_queries,
                                                                django_capture_on_commit_callbacks):
    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url, *(f"/a/{n}.html" for n in range(3000))),
                                             content_type="application/rss+xml")
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        with django_capture_on_commit_callbacks() as queued, django_assert_max_num_queries(10):
            polling.channel_poll(channel_id=channel.pk)
    channel.refresh_from_db()
    assert (channel.last_status, channel.items_found) == (200, polling.MAX_ENTRIES)
    assert len(queued) == polling.MAX_NEW_PER_POLL  # the page fetches, not run here


def test_which_entries_are_known_is_one_query(outlet):
    document = Document.objects.create(sha256="a" * 64, filename="a.html", size=1, content=b"x",
                                       origin="http://127.0.0.1/stored.html")
    Article.objects.create(title="t", body="b", url="http://127.0.0.1/article.html", document=document)
    channel = Channel.objects.create(source=outlet, url="http://127.0.0.1/feed.xml")
    FailedEntry.objects.create(channel=channel, url="http://127.0.0.1/waiting.html", attempts=1,
                               next_try_at=timezone.now() + timedelta(hours=1))
    FailedEntry.objects.create(channel=channel, url="http://127.0.0.1/due.html", attempts=1,
                               next_try_at=timezone.now() - timedelta(minutes=1))
    FailedEntry.objects.create(channel=channel, url="http://127.0.0.1/given-up.html", attempts=3, next_try_at=None)
    urls = [f"http://127.0.0.1/{name}.html" for name in ("stored", "article", "waiting", "due", "given-up", "new")]
    with CaptureQueriesContext(connection) as queries:
        known = polling._known(urls)
    assert len(queries) == 1
    assert known == {f"http://127.0.0.1/{name}.html" for name in ("stored", "article", "waiting", "given-up")}


def test_a_page_that_failed_waits_for_its_next_try_then_backs_off_and_is_given_up(
    outlet, django_capture_on_commit_callbacks
):
    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url, "/a/1.html"), content_type="application/rss+xml")
        server.routes["/a/1.html"] = respond(b"busy", status=503)
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        page = server.url("/a/1.html")

        poll(channel, django_capture_on_commit_callbacks)
        failed = FailedEntry.objects.get(url=page)
        first_wait = failed.next_try_at - timezone.now()
        assert failed.attempts == 1 and "503" in failed.last_error
        assert timedelta(minutes=55) < first_wait <= timedelta(minutes=60)

        poll(channel, django_capture_on_commit_callbacks)  # before its next try: not fetched
        assert server.hits("/a/1.html") == 1

        FailedEntry.objects.filter(url=page).update(next_try_at=timezone.now() - timedelta(seconds=1))
        poll(channel, django_capture_on_commit_callbacks)  # its time has come: fetched, fails again
        failed.refresh_from_db()
        assert server.hits("/a/1.html") == 2 and failed.attempts == 2
        assert timedelta(minutes=115) < failed.next_try_at - timezone.now() <= timedelta(minutes=120)

        FailedEntry.objects.filter(url=page).update(next_try_at=timezone.now() - timedelta(seconds=1))
        poll(channel, django_capture_on_commit_callbacks)  # the last of 3 tries
        failed.refresh_from_db()
        assert failed.attempts == 3 and failed.given_up

        poll(channel, django_capture_on_commit_callbacks)
        assert server.hits("/a/1.html") == 3  # given up: never fetched again


def test_a_failed_page_that_recovers_is_stored_and_its_failure_forgotten(outlet, django_capture_on_commit_callbacks):
    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url, "/a/1.html"), content_type="application/rss+xml")
        server.routes["/a/1.html"] = respond(b"busy", status=503)
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        poll(channel, django_capture_on_commit_callbacks)
        FailedEntry.objects.update(next_try_at=timezone.now() - timedelta(seconds=1))
        server.routes["/a/1.html"] = respond(PAGE.encode(), content_type="text/html; charset=utf-8")
        poll(channel, django_capture_on_commit_callbacks)
    assert Article.objects.get().title == "跨境电商试点扩大"
    assert not FailedEntry.objects.exists()


def test_a_robots_txt_failure_is_asked_again_minutes_later_not_a_day(outlet, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    monkeypatch.setattr(robots, "KEEP_FAILED", 1)  # ten minutes in production
    with serve() as server:
        server.routes["/robots.txt"] = respond(b"busy", status=503)
        server.routes["/feed.xml"] = respond(rss(server.base_url), content_type="application/rss+xml")
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        poll(channel, django_capture_on_commit_callbacks)
        assert "robots.txt 暂时无法读取" in channel.last_error and server.hits("/feed.xml") == 0

        server.routes["/robots.txt"] = respond(b"User-agent: *\nAllow: /\n", content_type="text/plain")
        time.sleep(1.2)  # past the failure's short keep: not a timing assertion
        poll(channel, django_capture_on_commit_callbacks)
    assert channel.consecutive_failures == 0 and server.hits("/feed.xml") == 1

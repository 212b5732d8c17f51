"""Polling a web source end to end, against a fixture server on 127.0.0.1: the feed, its
pages, conditional requests, failures and recovery, robots.txt."""
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import polling
from articles.models import Article, Channel, Document, Source
from keywords.models import ArticleTopic
from tests.articles.fetch.server import conditional, failing_then, respond, serve

pytestmark = pytest.mark.django_db

PAGE = """<html><head><meta charset="utf-8"><title>跨境电商试点扩大 - 亿邦动力网</title>
<meta property="og:title" content="跨境电商试点扩大">
<meta property="article:published_time" content="2015-04-02T09:30:00+08:00"></head>
<body><nav>首页 | 新闻 | 登录</nav>
<article><h1>跨境电商试点扩大</h1>
<p>国务院常务会议决定，跨境电子商务综合试验区扩大到更多城市，支持产业带企业出海。</p>
<p>商务部表示，将完善通关、结汇和退税等配套措施，推动外贸转型升级，为跨境电商发展清除障碍。</p>
<p>业内人士认为，自贸区与跨境电商的结合将带来新的机会，中小企业可以借助平台直接面对海外买家。</p>
</article><div class="share">分享到微博 微信</div><footer>版权所有</footer></body></html>"""


def rss(base: str, *paths: str) -> bytes:
    items = "".join(
        f"<item><title>条目{n}</title><link>{base}{path}</link><guid>{base}{path}</guid>"
        f"<pubDate>Thu, 02 Apr 2015 09:30:00 +0800</pubDate></item>"
        for n, path in enumerate(paths)
    )
    head = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>亿邦</title>'
    return f"{head}{items}</channel></rss>".encode()


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    settings.FETCH_HOST_DELAY_SECONDS = 0
    settings.FETCH_TIMEOUT_SECONDS = 5


@pytest.fixture
def outlet():
    return Source.objects.create(name="亿邦动力网", slug="ebrun")


def poll(channel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        polling.channel_poll(channel_id=channel.pk)
    channel.refresh_from_db()
    return channel


def test_a_feed_becomes_tagged_articles_and_a_second_poll_gets_304(outlet, django_capture_on_commit_callbacks):
    with serve() as server:
        server.routes["/feed.xml"] = conditional(rss(server.base_url, "/a/1.html"), etag='"v1"')
        server.routes["/a/1.html"] = respond(PAGE.encode(), content_type="text/html; charset=utf-8")
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        poll(channel, django_capture_on_commit_callbacks)
        assert (channel.last_status, channel.items_found, channel.consecutive_failures) == (200, 1, 0)
        article = Article.objects.get()
        assert article.title == "跨境电商试点扩大" and article.is_published
        assert article.url == server.url("/a/1.html") and article.source == outlet
        assert article.published_at.isoformat() == "2015-04-02T01:30:00+00:00"
        assert "分享到微博" not in article.body and "首页" not in article.body
        assert ArticleTopic.objects.filter(article=article, topic__term="跨境电商").exists()

        poll(channel, django_capture_on_commit_callbacks)
        assert (channel.last_status, channel.items_found) == (304, 0)
        assert server.hits("/a/1.html") == 1
        assert Article.objects.count() == 1


def test_a_gbk_page_without_a_charset_header_is_read(outlet, django_capture_on_commit_callbacks):
    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url, "/gbk.html"), content_type="application/rss+xml")
        meta = '<meta http-equiv="Content-Type" content="text/html; charset=gbk">'
        gbk = PAGE.replace('<meta charset="utf-8">', meta)
        server.routes["/gbk.html"] = respond(gbk.encode("gbk"), content_type="text/html")
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        poll(channel, django_capture_on_commit_callbacks)
    assert "国务院常务会议决定" in Article.objects.get().body


def test_a_pages_pictures_are_kept_as_links_with_their_alt_text(outlet, client, django_capture_on_commit_callbacks):
    pictures = ('<p><img src="/img/map.png#zoom" alt="试点城市分布图"></p>'
                '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="内嵌图"></p>'
                '<p><img src="javascript:alert(1)" alt="脚本"></p>')
    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url, "/a/2.html"), content_type="application/rss+xml")
        page = PAGE.replace("</article>", f"{pictures}</article>")
        server.routes["/a/2.html"] = respond(page.encode(), content_type="text/html; charset=utf-8")
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        poll(channel, django_capture_on_commit_callbacks)
        picture = server.url("/img/map.png")
    article = Article.objects.get()
    assert article.images == [{"src": picture, "alt": "试点城市分布图"}]
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{picture}" rel="noopener nofollow">试点城市分布图</a>' in html
    assert "data:image" not in html and "javascript:" not in html
    detail = client.get(f"/api/articles/{article.pk}").json()
    assert detail["images"] == [{"src": picture, "alt": "试点城市分布图"}]


def test_a_failing_source_backs_off_and_recovers(outlet, django_capture_on_commit_callbacks):
    with serve() as server:
        feed = respond(rss(server.base_url), content_type="application/rss+xml")
        server.routes["/feed.xml"] = failing_then(feed, 2)
        channel = Channel.objects.create(source=outlet, url=server.url("/feed.xml"), interval_minutes=60)
        delays = []
        for _ in range(3):
            before = timezone.now()
            poll(channel, django_capture_on_commit_callbacks)
            delays.append(round((channel.next_poll_at - before) / timedelta(minutes=1)))
        assert channel.consecutive_failures == 0 and channel.last_error == ""
    assert delays[0] < delays[1]  # waiting longer after each failure …
    assert delays[2] < delays[1]  # … and back to normal after the first success


def test_an_unreachable_source_records_a_readable_error(outlet, django_capture_on_commit_callbacks):
    with serve() as server:
        url = server.url("/missing.xml")
    channel = Channel.objects.create(source=outlet, url=url)
    poll(channel, django_capture_on_commit_callbacks)
    assert channel.consecutive_failures == 1 and channel.last_error
    assert channel.next_poll_at > timezone.now()


def test_robots_txt_is_honoured(outlet, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    cache.clear()
    with serve() as server:
        server.routes["/robots.txt"] = respond(b"User-agent: *\nDisallow: /private/", content_type="text/plain")
        server.routes["/private/feed.xml"] = respond(rss(server.base_url), content_type="application/rss+xml")
        channel = Channel.objects.create(source=outlet, url=server.url("/private/feed.xml"))
        poll(channel, django_capture_on_commit_callbacks)
        assert server.hits("/private/feed.xml") == 0
    assert "robots.txt" in channel.last_error


def test_private_addresses_are_refused_without_the_test_setting(outlet, settings, django_capture_on_commit_callbacks):
    settings.FETCH_ALLOW_LOOPBACK = False
    channel = Channel.objects.create(source=outlet, url="http://127.0.0.1:9/feed.xml")
    poll(channel, django_capture_on_commit_callbacks)
    assert channel.consecutive_failures == 1
    assert Document.objects.count() == 0


def test_only_due_channels_are_queued(outlet, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr("articles.tasks.channel_poll.delay", queued.append)
    due = Channel.objects.create(source=outlet, url="http://example.invalid/a.xml")
    Channel.objects.create(source=outlet, url="http://example.invalid/b.xml",
                           next_poll_at=timezone.now() + timedelta(hours=1))
    Channel.objects.create(source=outlet, url="http://example.invalid/c.xml", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert polling.channels_poll_due() == 1
    assert queued == [due.pk]
    due.refresh_from_db()
    assert due.next_poll_at > timezone.now()  # leased: the next beat tick does not queue it again


def test_poll_now_in_the_admin_is_a_job_that_ends_with_the_polls_outcome(
    outlet, admin_client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from articles.models import Job

    with serve() as server:
        server.routes["/feed.xml"] = respond(rss(server.base_url), content_type="application/rss+xml")
        good = Channel.objects.create(source=outlet, url=server.url("/feed.xml"))
        bad = Channel.objects.create(source=outlet, url=server.url("/missing.xml"))
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(reverse("admin:articles_channel_changelist"),
                                         {"action": "poll_now", "_selected_action": [good.pk, bad.pk]}, follow=True)
    assert "已安排抓取 2 个来源" in response.content.decode()
    jobs = {job.params["channel_id"]: job for job in Job.objects.filter(kind=Job.Kind.CHANNEL_POLL)}
    assert jobs[good.pk].status == Job.Status.DONE and "0 个新条目" in jobs[good.pk].message
    assert jobs[bad.pk].status == Job.Status.FAILED and jobs[bad.pk].error.startswith("抓取失败：")
    assert jobs[bad.pk].created_by.username == "admin"

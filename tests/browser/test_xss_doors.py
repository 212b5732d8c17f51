"""Script through every door, rendered in Chromium: no dialog fires and no link runs script.

Doors: front-matter files uploaded in the admin (a `javascript:` URL, script in the title
and body), a page polled from a fixture server on 127.0.0.1 (its text, its images, its
feed entry's title), rows written directly (every text field a page shows, every URL), and
query strings. Pages: home, article, topic, year, timeline, search, source, publication,
the editor's admin pages, and each feed's text rendered as HTML, as a feed reader does.

The browser context bypasses the Content-Security-Policy on purpose: what is tested here
is that nothing is live in the markup, not that the policy would have blocked it.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from urllib.parse import quote

import pytest

from tests.articles.fetch.server import respond, serve
from tests.web.xss import TEXT_VECTORS, URL_VECTORS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-password"
ROW_URLS = [u for u in URL_VECTORS if "\x00" not in u]  # PostgreSQL refuses NUL in text
FRONT_MATTER_URLS = [u for u in ROW_URLS if "\n" not in u]
POLLED_PAGE = """<html><head><meta charset="utf-8"><title>跨境电商试点扩大 - 测试网</title>
<meta property="article:published_time" content="2015-04-02T09:30:00+08:00"></head>
<body><article><h1>跨境电商试点扩大&lt;script&gt;alert('poll-h1')&lt;/script&gt;</h1>
<p>国务院常务会议决定，跨境电子商务综合试验区扩大到更多城市。&lt;script&gt;alert('poll-1')&lt;/script&gt;</p>
<p>商务部表示，将完善通关、结汇和退税等配套措施。&lt;img src=x onerror=alert('poll-2')&gt;</p>
<p>业内人士认为，自贸区与跨境电商的结合将带来新的机会。<a href="javascript:alert('poll-3')">原文</a></p>
<p><img src="javascript:alert('poll-4')" alt="图一"><img src="x" onerror="alert('poll-5')" alt="图二"></p>
<script>alert('poll-6')</script></article></body></html>"""


def vector(n: int) -> str:
    return TEXT_VECTORS[n % len(TEXT_VECTORS)]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)


@pytest.fixture
def rows():
    """Every text field a page shows, and every URL, written straight into the database."""
    from articles.models import Article, Publication, Source, Story
    from keywords.models import (
        ArticleOrganisation,
        ArticleTopic,
        KeywordYear,
        Organisation,
        TimelineEvent,
        Topic,
        YearKeyword,
    )

    source = Source.objects.create(name=f"来源{vector(0)}", slug="hostile", homepage=ROW_URLS[0])
    topic = Topic.objects.create(term=f"话题{vector(1)}"[:100], slug="hostile-topic", description=vector(2))
    year = KeywordYear.objects.create(year=2015, title=f"2015{vector(3)}", introduction=vector(4))
    YearKeyword.objects.create(keyword_year=year, topic=topic, rank=1)
    issue = Publication.objects.create(kind="newsletter", title=f"会刊{vector(5)}", source=source,
                                       issue_label=vector(6), is_published=True)
    organisation = Organisation.objects.create(name=f"机构{vector(7)}"[:100], status=Organisation.Status.REVIEWED)
    story = Story.objects.create()
    articles = []
    for n, url in enumerate(ROW_URLS):
        article = Article.objects.create(
            title=f"文章{n}{vector(n)}", body=f"第一段{vector(n + 1)}\n第二段{vector(n + 2)}",
            url=url, outlet=vector(n + 3)[:200] if n % 2 else "", author=vector(n + 4)[:200],
            attribution=vector(n + 5), section=vector(n + 6)[:200], source=source if n % 3 else None,
            publication=issue if n < 4 else None, position=n, story=story, is_published=True,
            images=[{"src": u, "alt": vector(n)} for u in ROW_URLS[:4]],
            published_at=datetime(2015, 4, 1 + n, tzinfo=UTC), search_title="xsstoken", search_body="xsstoken",
        )
        ArticleTopic.objects.create(article=article, topic=topic, mentions=2, score=1.0)
        ArticleOrganisation.objects.create(article=article, organisation=organisation, mentions=1)
        event = TimelineEvent.objects.create(article=article, sentence=vector(n), date_text=vector(n + 1)[:50],
                                             happened_on=date(2015, 4, 1 + n), precision="day", key=f"k{n}")
        event.topics.add(topic)
        articles.append(article)
    story.main = articles[0]
    story.save()
    return {"source": source, "topic": topic, "year": year, "issue": issue, "articles": articles}


@pytest.fixture
def polled(settings):
    """A web source's feed and page served on 127.0.0.1, polled through the real pipeline."""
    from articles import polling
    from articles.models import Article, Channel, Source

    settings.FETCH_ALLOW_LOOPBACK = True
    settings.FETCH_HOST_DELAY_SECONDS = 0
    source = Source.objects.create(name="测试网", slug="ceshi")
    with serve() as server:
        item = (f"<item><title>&lt;script&gt;alert('feed-title')&lt;/script&gt;</title>"
                f"<link>{server.base_url}/a/1.html</link><guid>{server.base_url}/a/1.html</guid>"
                f"<pubDate>Thu, 02 Apr 2015 09:30:00 +0800</pubDate></item>")
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>测试</title>{item}</channel></rss>'
        server.routes["/feed.xml"] = respond(feed.encode(), content_type="application/rss+xml")
        server.routes["/a/1.html"] = respond(POLLED_PAGE.encode(), content_type="text/html; charset=utf-8")
        channel = Channel.objects.create(source=source, url=server.url("/feed.xml"))
        polling.channel_poll(channel_id=channel.pk)
    return Article.objects.get(source=source)


@pytest.fixture
def watched(browser, live_server):
    """A page in a context that ignores CSP, recording every dialog."""
    context = browser.new_context(locale="zh-CN", bypass_csp=True)
    context.route(lambda url: not url.startswith(live_server.url),
                  lambda route: route.fulfill(status=200, content_type="text/html", body="<p>外部</p>"))
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{page.url}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


SCRIPT_LINKS = """() => [...document.querySelectorAll('a[href], img[src], iframe[src], form[action]')]
    .map(e => e.href || e.src || e.action).filter(u => !/^https?:/i.test(u))"""


def visit(page, url: str) -> list[str]:
    """Load a page, let every image error out, and list the links that are not http(s)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.mouse.move(5, 5)
    return page.evaluate(SCRIPT_LINKS)


def upload_front_matter(page, live_server, tmp_path) -> int:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    files = []
    for n, url in enumerate(FRONT_MATTER_URLS):
        path = tmp_path / f"upload-{n}.txt"
        path.write_text(f"---\nurl: {url}\ntitle: 上传{n}{vector(n)}\nname: {vector(n + 1)}\n"
                        f"time: 2015-05-0{1 + n % 9} 10:00\n---\n上传的第{n}篇。{vector(n + 2)}\n{vector(n + 3)}\n")
        files.append(str(path))
    page.goto(live_server.url + "/admin/articles/document/upload/")
    page.set_input_files("#id_files", files)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/document/")
    return len(files)


def feed_payloads(page, url: str) -> list[str]:
    """Every text a reader may render as HTML: titles, summaries, content, names."""
    response = page.request.get(url)
    assert response.ok, url
    return [e.text for e in ET.fromstring(response.body()).iter() if e.text and e.text.strip()]


def test_no_script_runs_through_any_door(watched, live_server, editor, rows, polled, tmp_path):
    from articles.models import Article

    page = watched
    uploaded = upload_front_matter(page, live_server, tmp_path)
    uploads = list(Article.objects.filter(title__startswith="上传"))
    assert len(uploads) == uploaded

    slugs = (rows["source"].slug, rows["topic"].slug)
    queries = [*TEXT_VECTORS, "xsstoken", f"xsstoken {vector(0)}"]
    paths = [
        "/", f"/topics/{slugs[1]}/", "/years/2015/", "/timeline/", f"/sources/{slugs[0]}/", "/sources/ceshi/",
        rows["issue"].get_absolute_url(), polled.get_absolute_url(),
        *[a.get_absolute_url() for a in rows["articles"] + uploads],
        *[a.get_absolute_url() + "?highlight=1" for a in rows["articles"][:3]],
        *[f"/search/?q={quote(q)}" for q in queries],
        f"/search/?q=xsstoken&topic={quote(vector(0))}&source={quote(vector(1))}&year=2015",
        "/admin/articles/document/", "/admin/articles/article/", "/admin/articles/publication/",
        f"/admin/articles/publication/{rows['issue'].pk}/review/",
        f"/admin/articles/source/{rows['source'].pk}/change/",
        f"/admin/articles/article/{rows['articles'][1].pk}/change/", "/admin/keywords/organisation/",
        f"/admin/keywords/keywordyear/{rows['year'].pk}/discover/",
    ]
    bad_links = {}
    for path in paths:
        links = visit(page, live_server.url + path)
        if links:
            bad_links[path] = links

    feeds = ["/feeds/latest", f"/sources/{slugs[0]}/feed", f"/sources/{slugs[0]}/issues", f"/topics/{slugs[1]}/feed",
             "/years/2015/feed", "/sources/ceshi/feed"]
    feeds = [f"{f}.{kind}" for f in feeds for kind in ("rss", "atom")]
    feeds += [f"/search/feed.{kind}?q={quote(q)}" for kind in ("rss", "atom") for q in ("xsstoken", vector(0))]
    feeds += ["/feeds/latest.rss?full=1", f"/topics/{slugs[1]}/feed.atom?full=1"]
    texts = 0
    for feed in feeds:
        payloads = feed_payloads(page, live_server.url + feed)
        texts += len(payloads)
        page.set_content("".join(f"<div>{p}</div>" for p in payloads))  # as a reader renders them
        page.wait_for_timeout(50)
    print(f"\n{len(page.dialogs)} dialogs, {sum(map(len, bad_links.values()))} script links")
    assert page.dialogs == []
    assert bad_links == {}
    assert [a.url for a in uploads if a.url] == []
    assert [i["src"] for i in polled.images if not i["src"].startswith("http")] == []
    print(f"\nXSS doors: {len(TEXT_VECTORS)} text vectors, {len(ROW_URLS)} URL vectors in rows, "
          f"{uploaded} uploads, 1 polled page (6 vectors), {len(queries) + 1} query strings; "
          f"{len(paths)} pages and {len(feeds)} feeds ({texts} feed texts) rendered; 0 dialogs")

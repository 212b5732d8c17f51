"""With every sample document imported and published, each kind of page renders in
Chromium, on whichever database the suite runs (PostgreSQL in CI), and a crawl from the
home page finds no broken link."""
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Links a crawl reads in a page: anchors, head links (icons, feeds, OPML, stylesheets) and
# scripts and images.
LINK = re.compile(r'''(?:href|src)="([^"#]+)''')
CRAWL_LIMIT = 600


@pytest.fixture
def all_seeds(keywords_2013):
    call_command("import", "--samples", "--publish")


def test_every_page_renders_with_all_seeds(page, live_server, all_seeds, screenshot):
    from articles.models import Article, Publication, Source

    newsletter = Publication.objects.get(kind="newsletter")
    report = Publication.objects.filter(kind="report").first()
    article = Article.objects.filter(publication=newsletter, position=2).get()
    association = Source.objects.get(name="上海市电子商务行业协会")
    pages = {
        "home": ("/", "最新文章"),
        "archive": ("/articles/", "全部文章"),
        "archive-profiles": ("/articles/?kind=profile", "会员介绍"),
        "topics": ("/topics/", "全部关键词"),
        "years": ("/years/", "历年关键词榜"),
        "topic": ("/topics/kuajing-dianshang/", "时间线"),
        "year": ("/years/2013/", "2013年中国B2B行业十大关键词"),
        "timeline": ("/timeline/", "行业时间线"),
        "article": (article.get_absolute_url(), article.title),
        "newsletter": (newsletter.get_absolute_url(), "【重要消息】"),
        "report": (report.get_absolute_url(), "目录"),
        "source": (association.get_absolute_url(), "会刊与报告"),
        "search": ("/search/?q=跨境电商", "找到"),
        "api-docs": ("/api/docs", "b2bwatch API"),
    }
    for name, (path, expected) in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert expected in page.content(), f"{name}: {expected!r} not on {path}"
        screenshot(page, f"all-seeds-{name}")
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404 and "页面不存在" in page.content()


def test_a_crawl_from_the_home_page_finds_no_broken_link(page, live_server, all_seeds):
    """Every link of the site reached from home (pages, feeds, icons, the archive's
    pages and filters, the index pages) answers without an error."""
    origin = live_server.url
    seen, queue, broken = {"/"}, deque(["/"]), []
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.popleft()
        response = page.request.get(origin + path, max_redirects=3)
        if response.status >= 400:
            broken.append((path, response.status))
            continue
        if "text/html" not in response.headers.get("content-type", "") or path.startswith("/api/docs"):
            continue
        for href in LINK.findall(response.text().replace("&amp;", "&")):
            url = urlsplit(urljoin(origin + path, href))
            if f"{url.scheme}://{url.netloc}" != origin or url.path.startswith("/admin/"):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    assert not broken, broken
    for reached in ("/articles/", "/articles/?page=2", "/topics/", "/years/", "/favicon.ico",
                    "/feeds/topics.opml", "/topics/kuajing-dianshang/"):
        assert reached in seen, f"{reached} is not linked from the site"

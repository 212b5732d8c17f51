"""With every sample document imported and published, each kind of page renders in
Chromium, on whichever database the suite runs (PostgreSQL in CI)."""
import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


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

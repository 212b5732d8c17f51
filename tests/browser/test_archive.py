"""A reader goes from the home page to page 2 of the news, filters the archive, and
opens the index pages from the navigation, on a desktop and on a phone (screenshots of
both kept in tests/browser/screenshots/)."""
import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def all_seeds(keywords_2013, settings):
    settings.ARTICLES_PER_PAGE = 4  # the samples hold nine news articles: three pages
    call_command("import", "--samples", "--publish")


def test_page_2_of_the_news_is_reached_from_the_home_page(page, live_server, all_seeds, screens):
    page.goto(live_server.url + "/")
    first = page.locator(".main-col .article-item .article-title").all_inner_texts()
    page.get_by_role("link", name="下一页").click()
    page.wait_for_url("**/articles/?kind=article&page=2")
    second = page.locator(".article-item .article-title").all_inner_texts()
    assert len(first) == 4 and second and not set(first) & set(second)
    assert "第 2 / 3 页" in page.locator(".pagination").inner_text()
    overflow = screens("/articles/?kind=article&page=2", "archive-page-2")
    assert overflow == {"desktop": 0, "phone": 0}
    page.get_by_role("link", name="上一页").click()
    page.wait_for_url("**/articles/?kind=article&page=1")
    assert page.locator(".article-item .article-title").all_inner_texts() == first


def test_the_archive_is_filtered_with_its_form(page, live_server, all_seeds, screenshot):
    page.goto(live_server.url + "/articles/")
    page.get_by_label("类型").select_option("profile")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/articles/?*kind=profile*")
    titles = page.locator(".article-item .article-title").all_inner_texts()
    assert titles and all(t.endswith("有限公司") for t in titles)
    screenshot(page, "archive-profiles")


@pytest.mark.parametrize("path", ["/articles/", "/topics/", "/years/"])
def test_the_archive_and_index_pages_fit_a_desktop_and_a_phone(page, live_server, all_seeds, screens, path):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").locator(f'a[href="{path}"]').click()
    page.wait_for_url("**" + path)
    assert page.locator("h1").inner_text() in ("全部文章", "全部关键词", "历年关键词榜")
    overflow = screens(path, path.strip("/"))
    assert overflow == {"desktop": 0, "phone": 0}, f"{path} scrolls sideways: {overflow}"

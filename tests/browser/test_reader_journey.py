"""A reader's journey in Chromium: home → a topic → an article → the original."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def seeded(keywords_2013):
    from articles.services import document_create
    from tests.conftest import SEED_000, seed_bytes

    document_create(data=seed_bytes(SEED_000), filename=SEED_000)


def canvas_is_drawn(page) -> bool:
    """True when the chart's canvas has pixels that are not all the same colour."""
    return page.evaluate(
        """() => {
            const canvas = document.querySelector('[data-chart] canvas');
            if (!canvas) return false;
            const ctx = canvas.getContext('2d');
            const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 4; i < data.length; i += 4) {
                for (let k = 0; k < 4; k++) { if (data[i + k] !== data[k]) return true; }
            }
            return false;
        }"""
    )


def test_home_to_topic_to_article_to_the_original(page, live_server, seeded, screenshot):
    page.goto(live_server.url + "/")
    screenshot(page, "home")
    page.get_by_role("link", name="跨境电商", exact=True).first.click()
    page.wait_for_url("**/topics/kuajing-dianshang/")
    assert page.locator("h1").inner_text() == "跨境电商"
    page.wait_for_selector("[data-chart][data-drawn]")
    assert canvas_is_drawn(page)
    timeline = page.locator("#timeline-heading + .timeline .event")
    assert timeline.count() >= 3
    assert any(t.startswith("2013年8月") for t in timeline.all_inner_texts())
    screenshot(page, "topic")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url("**/articles/*/")
    assert page.locator("h1").inner_text() == TITLE
    screenshot(page, "article")
    original = page.get_by_role("link", name="https://www.huxiu.com/article/24694")
    assert original.get_attribute("rel") == "noopener nofollow"
    original.click()
    page.wait_for_url("https://www.huxiu.com/article/24694")
    assert "原文" in page.locator("h1").inner_text()


def test_search_with_a_chinese_query(page, live_server, seeded, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="搜索文章").fill("产业带")
    page.get_by_role("searchbox", name="搜索文章").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("mark").first.inner_text() == "产业带"
    assert page.get_by_role("link", name=TITLE).count() == 1
    screenshot(page, "search")


@pytest.mark.parametrize("path", ["/", "/topics/chanyedai/", "/years/2013/", "/search/?q=跨境电商"])
def test_a_phone_sized_screen_needs_no_horizontal_scrolling(browser, live_server, seeded, screenshot, path):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    name = "phone-" + (path.strip("/").replace("/", "-").replace("?q=", "-") or "home")
    screenshot(page, name)
    context.close()
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a 375px screen"


def test_the_year_page_in_the_browser(page, live_server, seeded, screenshot):
    page.goto(live_server.url + "/years/2013/")
    screenshot(page, "year-2013")
    terms = page.locator(".year-keywords .term").all_inner_texts()
    assert terms[:3] == ["在线交易", "互联网金融", "大数据"] and len(terms) == 10

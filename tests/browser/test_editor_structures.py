"""An editor uploads documents of four shapes in the admin, forcing no structure, and gets the right items.

A saved news page is one article with its headline, date, author and the address it
states; a Markdown digest is one item per `###` story with its `[查看原文]` link; a book
is one item per 第X章 chapter; a short PDF research note is titled from its first page,
and its running header and `N / M` page marks are never items.
"""
import re
from pathlib import Path

import pytest

from tests.articles.ingest.makefiles import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TESTS = Path(__file__).resolve().parents[1]
SAVED_PAGE = TESTS / "articles" / "fixtures" / "pages" / "saved_news.html"
DOCUMENTS = TESTS / "fixtures" / "documents"
DIGEST = TESTS.parents[1] / "shared" / "corpus" / "digests" / "xwlb_20230315.md"
RUNNING_HEADER = "请务必阅读正文之后的信息披露和法律声明"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-password")


@pytest.fixture
def upload(page, live_server, editor):
    """Log in once, then upload a file with the structure left at 自动识别; back on the document list."""
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")

    def send(path: Path):
        page.goto(live_server.url + "/admin/articles/document/upload/")
        assert page.locator("#id_structure").input_value() == ""  # 自动识别
        page.set_input_files("#id_files", str(path))
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/articles/document/")
        line = page.locator(".messagelist").inner_text()  # the admin capitalises its first letter
        assert line.lower().startswith(f"{path.name.lower()}：已解析")  # parsed within the request: no worker here
        return page

    return send


def open_review(page):
    """The review of what the upload became; it must have become a publication, not one article."""
    link = page.locator("#result_list").get_by_role("link", name=re.compile("审核拆分"))
    assert link.count() == 1, page.locator("#result_list").inner_text()
    link.click()
    page.wait_for_url("**/review/")
    return [h.inner_text() for h in page.locator(".review-item h4").all()]


def test_a_saved_news_page_is_one_article_with_its_headline_date_author_and_url(upload, screenshot):
    page = upload(SAVED_PAGE)
    title = "义乌小商品城上线跨境B2B撮合平台 首月成交额超三亿元"
    assert "登录/注册" not in page.locator("#result_list").inner_text()
    page.locator("#result_list").get_by_role("link", name=title).click()
    page.wait_for_url("**/change/")
    assert page.locator("#id_title").input_value() == title
    assert page.locator("#id_url").input_value() == "https://www.b2bguancha.example.cn/chanye/2024/0318/10245.html"
    published = page.locator("#id_published_at_0").input_value()
    assert re.fullmatch(r"2024[-/]03[-/]18", published)  # written as the zh-CN locale writes dates
    assert page.locator("#id_author").input_value() == "李明远"
    body = page.locator("#id_body").input_value()
    assert body.startswith("记者日前从义乌市商务部门获悉") and body.endswith("进一步降低跨境贸易的门槛。")
    for noise in ("首页", "分享到", "责任编辑", "相关阅读", "热点排行", "版权所有"):
        assert noise not in body
    screenshot(page, "admin-saved-page-article")


def markdown_stories(path: Path) -> list[tuple[str, str]]:
    """(title, 查看原文 URL) of each `###` story under `## 详细新闻`, as a reader counts them."""
    stories, in_stories = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_stories = "详细新闻" in line
        elif in_stories and line.startswith("### "):
            stories.append([line[4:].strip(), ""])
        elif in_stories and stories and (m := re.search(r"\[查看原文\]\((\S+?)\)", line)):
            stories[-1][1] = m.group(1)
    return [tuple(s) for s in stories]


def test_a_markdown_digest_is_one_item_per_story_with_its_source_link(upload, screenshot):
    if not DIGEST.exists():
        pytest.skip(f"{DIGEST} is absent")
    stories = markdown_stories(DIGEST)
    page = upload(DIGEST)
    titles = open_review(page)
    screenshot(page, "admin-review-digest")
    assert len(titles) == len(stories)
    for heading, (title, url) in zip(titles, stories, strict=True):
        assert heading.split(". ", 1)[1].startswith(title) and "#" not in heading
        assert page.locator(f'.review-item a[href="{url}"]').count() == 1
    assert page.locator(".review-item .meta", has_text="2023年3月15日").count() == len(stories)


def test_a_book_is_one_item_per_chapter(upload, screenshot):
    chapters = ["产业带为什么要上网", "选一个合适的平台", "把产品资料准备好", "询盘与报价", "从第一单到长期客户"]
    page = upload(DOCUMENTS / "book_chapters.txt")
    titles = open_review(page)
    screenshot(page, "admin-review-book")
    assert len(titles) == len(chapters)
    for heading, chapter in zip(titles, chapters, strict=True):
        assert heading.endswith(chapter)
    assert page.locator("#id_title").input_value() == "产业带电商实务"


def test_a_short_pdf_report_is_titled_from_its_first_page_without_running_header_or_page_marks(
    upload, tmp_path, screenshot
):
    note = tmp_path / "research-note.pdf"
    text = (DOCUMENTS / "research_note.txt").read_text(encoding="utf-8")
    note.write_bytes(make_pdf(text, header=RUNNING_HEADER, footer="{page} / {pages}", font_size=18))
    page = upload(note)
    titles = open_review(page)
    screenshot(page, "admin-review-research-note")
    assert page.locator("#id_title").input_value() == "产业带数字化跟踪：五金与家纺采购回暖"
    assert page.locator("#id_published_on").input_value() == "2024-03-20"
    chapters = ["核心观点", "五金产业带：询盘回升，小单为主", "家纺产业带：店铺增加，转化待提升"]
    assert len(titles) == len(chapters)
    for heading, chapter in zip(titles, chapters, strict=True):
        assert heading.endswith(chapter)
    content = page.locator("#content").inner_text()
    assert RUNNING_HEADER not in content and not re.search(r"\b\d / 3\b", content)

"""An editor fixes a newsletter's split on the review page, with the keyboard-friendly
controls a 60-item issue needs, on a 1366×768 screen."""
from datetime import date

import pytest

from articles.models import Publication
from tests.articles.ingest.makefiles import NEWSLETTER
from tests.conftest import SEEDS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MERGED_AWAY = "“互联网+”的12个风口行业"  # 东道网络's, after 腾讯科技's 上海与腾讯战略合作
SPLIT = "我国电子商务发展存在的六大方面特点"
DROPPED = "上海迈尚网络科技有限公司"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-password")


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def submit(page, button) -> None:
    """Click a button that posts a form, and wait for the page it leads to."""
    with page.expect_navigation():
        button.click()


def item(page, title):
    return page.locator(".review-item", has=page.get_by_role("heading", name=title))


def test_review_a_newsletter_by_item(page, live_server, editor, screenshot):
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/articles/document/upload/")
    page.set_input_files("#id_files", f"{SEEDS}/{NEWSLETTER}")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/document/")

    review_link = page.get_by_role("link", name="审核拆分").first
    box = review_link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1366, "the review link is off-screen"
    review_link.click()
    page.wait_for_url("**/review/")
    assert page.locator(".review-item").count() == 17
    assert fits_the_width(page)

    confirmations = []
    page.on("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))

    # Merge: the merged item's outlet is listed on the item it went into.
    submit(page, item(page, MERGED_AWAY).get_by_role("button", name=f"把《{MERGED_AWAY}》并入上一篇"))
    assert page.locator(".review-item").count() == 16
    kept = item(page, "上海与腾讯战略合作")
    assert "其他出处：东道网络" in kept.inner_text()

    # Split between paragraphs 4 and 5: the button sits there once the text is open.
    target = item(page, SPLIT)
    target.locator("summary").click()
    paragraphs = target.locator(".paragraphs p")
    fifth = paragraphs.nth(4).inner_text().split(" ", 1)[1].strip()
    submit(page, target.get_by_role("button", name=f"在第 4 段与第 5 段之间拆分《{SPLIT}》"))
    assert page.locator(".review-item").count() == 17
    assert item(page, SPLIT).locator(".paragraphs p").count() == 4
    new_item = item(page, SPLIT).locator("xpath=following-sibling::section[1]")
    assert fifth[:8] in new_item.locator("h4").inner_text() + new_item.locator(".paragraphs").inner_text()

    # Drop, with a confirmation that names the item, then undo.
    submit(page, item(page, DROPPED).get_by_role("button", name=f"删除《{DROPPED}》"))
    assert confirmations == [f"删除《{DROPPED}》？（发布前可以撤销）"]
    assert item(page, DROPPED).count() == 0 and "已删除的条目" in page.content()
    submit(page, page.get_by_role("button", name=f"撤销上一步：删除《{DROPPED}》"))
    assert item(page, DROPPED).count() == 1
    screenshot(page, "admin-review-by-item")

    # The details, saved twice, keep their date.
    publication = Publication.objects.get()
    assert (publication.published_on, publication.date_precision) == (date(2015, 3, 1), "month")
    for _ in range(2):
        assert page.locator("#id_published_on").input_value() == "2015-03-01"
        submit(page, page.get_by_role("button", name="保存出版物信息"))
        assert "已保存出版物信息" in page.content()
    publication.refresh_from_db()
    assert (publication.published_on, publication.date_precision) == (date(2015, 3, 1), "month")
    assert fits_the_width(page)

"""An editor uploads a newsletter as PDF in the admin, reviews its split and publishes it."""
import pytest

from tests.articles.ingest.makefiles import NEWSLETTER, make_pdf, seed_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-password")


def test_upload_review_and_publish_a_newsletter_pdf(page, live_server, keywords_2013, editor, tmp_path, screenshot):
    pdf = tmp_path / "电子商务资讯-2015-2.pdf"
    pdf.write_bytes(make_pdf(seed_text(NEWSLETTER)))

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/articles/document/upload/")
    page.set_input_files("#id_files", str(pdf))
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/articles/document/")
    assert "电子商务资讯-2015-2.pdf：已解析 17 篇" in page.content()
    # On a 1366 px screen the list fits: the review link is in view without scrolling sideways.
    page.set_viewport_size({"width": 1366, "height": 768})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    review = page.locator("td.field-result_link a").first.bounding_box()
    assert review["x"] + review["width"] <= 1366
    download = page.locator("td.field-download_link a").first.bounding_box()
    assert download["x"] + download["width"] <= 1366
    screenshot(page, "admin-documents-1366")

    page.get_by_role("link", name="审核拆分").first.click()
    page.wait_for_url("**/review/")
    items = page.locator(".review-item")
    assert items.count() == 17
    assert "【新增会员】" in page.content() and "出处原文：(来源: CNET科技资讯网 摘自: 网易科技)" in page.content()
    screenshot(page, "admin-review")
    page.get_by_role("button", name="发布全部 17 篇").click()
    page.wait_for_load_state()
    assert "已发布 17 篇文章" in page.content()

    page.goto(live_server.url + "/topics/hulianwang-jinrong/")
    page.get_by_role("link", name="李克强: 制定“互联网+”计划 已设立400亿元基金").first.click()
    assert page.locator("h1").inner_text() == "李克强: 制定“互联网+”计划 已设立400亿元基金"
    assert page.get_by_role("link", name="互联网金融").count() >= 1
    assert "电子商务资讯" in page.locator(".article header").inner_text()
    screenshot(page, "published-newsletter-article")

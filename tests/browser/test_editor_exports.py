"""An editor exports an issue and a search from the admin and downloads the files."""
import csv
import io
import json

import pytest
from django.contrib.auth.models import Group

from articles.models import Article, Publication, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def editor(django_user_model, roles):
    user = django_user_model.objects.create_user("export-editor", password="a-long-password", is_staff=True)
    user.groups.add(Group.objects.get(name="编辑"))
    return user


def test_an_editor_exports_an_issue_and_a_search_and_downloads_them(page, live_server, editor, screenshot):
    source = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期", source=source)
    Article.objects.create(publication=issue, source=source, position=1, title="=跨境电商综试区扩围",
                           body="杭州、宁波，跨境电商综试区\n第二段", is_published=True)
    Article.objects.create(publication=issue, source=source, position=2, title="产业带“上线”",
                           body="产业带电商继续发展。", is_published=True)
    from keywords.services import topics_retag_start  # the search needs the articles' tokens

    topics_retag_start(reason="测试")

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "export-editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/articles/publication/")
    page.locator("#result_list input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", "export_csv")
    page.get_by_role("button", name="执行").click()
    page.get_by_role("link", name="查看进度并下载").click()
    assert "已完成" in page.locator(".job-cell").inner_text()
    screenshot(page, "admin-export-job")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载（2 篇）").click()
    raw = open(download.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["标题"] for r in rows] == ["'=跨境电商综试区扩围", "产业带“上线”"]

    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name="导出搜索结果").click()
    page.fill("#id_q", "综试区")
    page.select_option("#id_format", "jsonl")
    screenshot(page, "admin-export-search")
    page.get_by_role("button", name="开始导出").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载（1 篇）").click()
    [record] = [json.loads(line) for line in open(download.value.path(), encoding="utf-8")]
    assert record["title"] == "=跨境电商综试区扩围" and record["publication"] == "电子商务资讯"

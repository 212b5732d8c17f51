"""Issue 14's whole desk, end to end, in Chromium against PostgreSQL and a real Celery
worker: a chief editor creates an editor; the editor uploads a newsletter PDF the test
generates, watches its parse job finish, merges, splits, drops and undoes, saves the
issue's details twice and publishes; the articles are public with their sources and
dates, and the audit trail shows every step under the editor's name. All at 1366×768,
where the review link must be in view without scrolling sideways."""
from __future__ import annotations

from datetime import date

import pytest

from articles.models import Article, AuditEvent, Job, Publication
from tests.articles.ingest.makefiles import NEWSLETTER, make_pdf, seed_text
from tests.integration.conftest import celery_processes  # noqa: F401 - a fixture: the real worker

pytestmark = [pytest.mark.browser, pytest.mark.worker,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREEN = {"width": 1366, "height": 768}
MERGED_AWAY = "“互联网+”的12个风口行业"  # 东道网络's, after 腾讯科技's 上海与腾讯战略合作
KEPT = "上海与腾讯战略合作"
SPLIT = "我国电子商务发展存在的六大方面特点"
DROPPED = "上海迈尚网络科技有限公司"
PASSWORD = "Desk-test-password-1"


@pytest.fixture
def chief_editor(django_user_model, roles):
    from django.contrib.auth.models import Group

    chief = django_user_model.objects.create_user("主编老李", password=PASSWORD, is_staff=True)
    chief.groups.add(Group.objects.get(name="主编"))
    return chief


@pytest.fixture
def screen(browser, live_server):
    """A fresh browser window (no session) at 1366×768; nothing leaves this machine."""
    contexts = []

    def open_window():
        context = browser.new_context(locale="zh-CN", viewport=SCREEN)
        context.route(lambda url: not url.startswith(live_server.url),
                      lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>测试替身</h1>"))
        contexts.append(context)
        return context.new_page()

    yield open_window
    for context in contexts:
        context.close()


def log_in(page, base: str, username: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert "/admin/login/" not in page.url, f"{username} could not log in"


def submit(page, button) -> None:
    with page.expect_navigation():
        button.click()


def item(page, title):
    return page.locator(".review-item", has=page.get_by_role("heading", name=title))


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_chief_editor_hires_an_editor_who_takes_an_issue_to_the_site(
    screen, live_server, chief_editor, celery_processes, tmp_path, screenshot  # noqa: F811
):
    worker, worker_log = celery_processes("worker")
    base = live_server.url

    # The chief editor creates the editor's account, with the role 编辑 and nothing more.
    chief = screen()
    log_in(chief, base, "主编老李")
    chief.goto(base + "/admin/auth/user/add/")
    assert chief.locator("#id_is_superuser").count() == 0
    chief.fill("#id_username", "编辑小王")
    chief.fill("#id_password1", PASSWORD)
    chief.fill("#id_password2", PASSWORD)
    chief.check("#id_is_staff")
    chief.get_by_label("编辑", exact=True).check()
    submit(chief, chief.locator("input[name=_save]"))
    from django.contrib.auth import get_user_model

    editor_user = get_user_model().objects.get(username="编辑小王")
    assert list(editor_user.groups.values_list("name", flat=True)) == ["编辑"] and not editor_user.is_superuser

    # The editor uploads a newsletter laid out as a PDF; the worker parses it.
    page = screen()
    log_in(page, base, "编辑小王")
    pdf = tmp_path / "电子商务资讯-2015-2.pdf"
    pdf.write_bytes(make_pdf(seed_text(NEWSLETTER)))
    page.goto(base + "/admin/articles/document/upload/")
    page.set_input_files("#id_files", str(pdf))
    submit(page, page.locator("input[type=submit]"))
    assert "电子商务资讯-2015-2.pdf：" in page.locator(".messagelist").inner_text()

    # ...and watches the parse job finish on the job list, which updates itself.
    page.goto(base + f"/admin/articles/job/?kind__exact={Job.Kind.PARSE}")
    cell = page.locator("a.job-cell").first
    try:
        page.wait_for_function(
            "() => document.querySelector('a.job-cell .job-label')?.textContent === '已完成'", timeout=180_000
        )
    except Exception:
        raise AssertionError(f"the parse job did not finish:\n{worker_log.read_text()}") from None
    assert worker.poll() is None, worker_log.read_text()
    assert "3/3" in cell.inner_text()
    screenshot(page, "desk-parse-job-done")

    # The chief editor's front page now lists the issue as waiting for review.
    chief.goto(base + "/admin/")
    waiting = chief.locator("#dashboard section", has=chief.get_by_role("heading", name="待审核"))
    assert "电子商务资讯" in waiting.inner_text()
    assert fits_the_width(chief)
    screenshot(chief, "desk-dashboard-1366")

    # The document list fits the screen: the review link is in view, no sideways scroll.
    page.goto(base + "/admin/articles/document/")
    review_link = page.get_by_role("link", name="审核拆分").first
    box = review_link.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= SCREEN["width"], "the review link is off-screen"
    assert fits_the_width(page)
    screenshot(page, "desk-documents-1366")
    submit(page, review_link)
    assert page.url.endswith("/review/")
    count = page.locator(".review-item").count()
    assert count == 17

    confirmations = []
    page.on("dialog", lambda dialog: (confirmations.append(dialog.message), dialog.accept()))

    # Merge: the item merged away keeps its source, listed on the item it joined.
    submit(page, item(page, MERGED_AWAY).get_by_role("button", name=f"把《{MERGED_AWAY}》并入上一篇"))
    assert page.locator(".review-item").count() == count - 1
    assert "其他出处：东道网络" in item(page, KEPT).inner_text()

    # Split between paragraphs 4 and 5.
    target = item(page, SPLIT)
    target.locator("summary").click()
    fifth = target.locator(".paragraphs p").nth(4).inner_text().split(" ", 1)[1].strip()
    submit(page, target.get_by_role("button", name=f"在第 4 段与第 5 段之间拆分《{SPLIT}》"))
    assert page.locator(".review-item").count() == count
    assert item(page, SPLIT).locator(".paragraphs p").count() == 4
    new_item = item(page, SPLIT).locator("xpath=following-sibling::section[1]")
    assert fifth[:8] in new_item.locator("h4").inner_text() + new_item.locator(".paragraphs").inner_text()

    # Drop, confirmed by name, then undo.
    submit(page, item(page, DROPPED).get_by_role("button", name=f"删除《{DROPPED}》"))
    assert confirmations == [f"删除《{DROPPED}》？（发布前可以撤销）"]
    assert item(page, DROPPED).count() == 0
    submit(page, page.get_by_role("button", name=f"撤销上一步：删除《{DROPPED}》"))
    assert item(page, DROPPED).count() == 1

    # The issue's details saved twice (a new title, then a new 期号): the date survives.
    publication = Publication.objects.get()
    assert (publication.published_on, publication.date_precision) == (date(2015, 3, 1), "month")
    for field, value in (("#id_title", "电子商务资讯（2015年第2期）"), ("#id_issue_label", "2015年第2期")):
        assert page.locator("#id_published_on").input_value() == "2015-03-01"
        page.fill(field, value)
        submit(page, page.get_by_role("button", name="保存出版物信息"))
        assert "已保存出版物信息" in page.content()
    publication.refresh_from_db()
    assert (publication.title, publication.issue_label) == ("电子商务资讯（2015年第2期）", "2015年第2期")
    assert (publication.published_on, publication.date_precision) == (date(2015, 3, 1), "month")
    assert fits_the_width(page)
    screenshot(page, "desk-review-1366")

    # Publish.
    submit(page, page.get_by_role("button", name=f"发布全部 {count} 篇"))
    assert f"已发布 {count} 篇文章" in page.content()

    # On the site: the merged article with both its sources, and each article's date.
    kept = Article.objects.get(publication=publication, title__startswith=KEPT)
    page.goto(base + kept.get_absolute_url())
    assert page.locator("h1").inner_text() == kept.title
    header = page.locator(".article header").inner_text()
    assert "腾讯科技" in header and "其他出处：东道网络" in header and "2015年" in header
    page.goto(base + publication.get_absolute_url())
    listed = page.locator("main").inner_text()
    assert KEPT in listed and DROPPED in listed and MERGED_AWAY not in listed
    screenshot(page, "desk-published-issue")

    # The audit trail, read by the chief editor: every step, under the editor's name.
    chief.goto(base + f"/admin/articles/auditevent/?user__id__exact={editor_user.pk}")
    rows = chief.locator("#result_list tbody tr").all_inner_texts()
    assert all("编辑小王" in row for row in rows)
    steps = [label for label in AuditEvent.Action.labels if any(f"\t{label}\t" in f"\t{row}\t" for row in rows)]
    expected = {"上传", "开始任务", "合并", "拆分", "删除条目", "撤销审核操作", "修改出版物信息", "发布"}
    assert expected <= set(steps), rows
    assert sum("修改出版物信息" in row for row in rows) == 2
    assert fits_the_width(chief)
    screenshot(chief, "desk-audit-trail")
    chief.goto(base + "/admin/articles/auditevent/?action__exact=add")
    assert "主编老李" in chief.locator("#result_list").inner_text() and "编辑小王" in chief.content()

    # Published, the issue no longer waits.
    chief.goto(base + "/admin/")
    assert "没有等待审核的出版物" in chief.locator("#dashboard").inner_text()

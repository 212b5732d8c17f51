"""An editor asks the corpus for organisation names, reviews the candidates and accepts one."""
import pytest

from articles.services import document_create
from tests.articles.ingest.makefiles import NEWSLETTER
from tests.conftest import seed_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", "a-long-password")


def test_organisation_candidates_are_reviewed_in_the_admin(page, live_server, keywords_2013, editor, screenshot):
    document_create(data=seed_bytes(NEWSLETTER), filename=NEWSLETTER, publish_when_parsed=True)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/keywords/organisation/")
    page.get_by_role("button", name="从语料中发现机构").click()
    page.wait_for_url("**/admin/keywords/organisation/?status__exact=candidate")
    assert "正在从最近的文章中发现新的机构名称" in page.content()
    assert page.get_by_role("link", name="上海义天网络科技有限公司", exact=True).count() == 1
    screenshot(page, "admin-organisation-candidates")

    row = page.locator("#result_list tbody tr").filter(has=page.get_by_role("link", name="工商总局", exact=True))
    assert "例句：" in row.inner_text() and "政府部门" in row.inner_html()
    row.locator("input[name=_selected_action]").check()
    page.select_option("select[name=action]", "accept")
    page.get_by_role("button", name="执行").click()
    page.wait_for_load_state()
    assert "已审核通过 1 个机构" in page.content()
    assert "正在用新的词典重新标注全部文章" in page.content()

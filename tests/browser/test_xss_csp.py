"""Under the Content-Security-Policy (`script-src 'self'`, no inline script or style) the
site still works in Chromium: charts draw, Swagger UI at /api/docs renders from static
files, the admin's pages and the review page's confirm button work, and the browser
reports no violation on any of them."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a-long-password"
# Recorded before any page script runs, so nothing the policy blocks goes unseen.
RECORD_VIOLATIONS = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile}:${e.lineNumber}`));"""


@pytest.fixture
def site(keywords_2013, django_user_model):
    from articles.models import Article, Publication
    from articles.review import publication_publish
    from keywords.models import ArticleTopic, Topic

    django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    topic = Topic.objects.get(term="跨境电商")
    issue = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期")
    for n in range(1, 4):
        article = Article.objects.create(publication=issue, title=f"条目{n}", body="第一段。\n第二段。", position=n,
                                         published_at=f"2013-0{n}-15T10:00:00+08:00")
        ArticleTopic.objects.create(article=article, topic=topic, mentions=n)
    publication_publish(publication=issue)
    return {"topic": topic, "issue": issue}


@pytest.fixture
def csp_page(page):
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []")


def test_pages_charts_swagger_and_admin_work_under_the_policy(csp_page, live_server, site):
    page = csp_page
    seen = {}

    def check(path: str):
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)

    check(site["topic"].get_absolute_url())
    page.wait_for_selector("[data-chart='trend'][data-drawn]")
    check("/years/2013/")
    page.wait_for_selector("[data-chart='compare'][data-drawn]")
    check("/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "b2bwatch API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 8  # every operation listed
    page.locator(".opblock-summary").first.click()
    page.wait_for_selector(".opblock-body")
    for path in ("/", "/timeline/", "/search/?q=跨境电商", site["issue"].get_absolute_url()):
        check(path)

    check("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in ("/admin/", "/admin/articles/article/", "/admin/keywords/topic/1/change/",
                 "/admin/articles/article/add/", "/admin/articles/document/upload/"):
        check(path)

    review = f"/admin/articles/publication/{site['issue'].pk}/review/"
    check(review)
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    third = page.locator(".review-item").nth(2)
    title = third.locator("h4").inner_text().split(". ", 1)[1]
    third.locator("button[value=drop]").click()
    page.wait_for_timeout(300)
    assert asked == [f"删除《{title}》？（发布前可以撤销）"]  # confirm.js runs under the policy
    assert page.locator(".review-item").count() == 3  # and cancelling keeps the item
    page.once("dialog", lambda d: d.accept())
    page.locator(".review-item").nth(2).locator("button[value=drop]").click()
    page.wait_for_load_state()
    assert page.locator(".review-item").count() == 2
    seen[review + " (after drop)"] = violations(page)

    assert {path: v for path, v in seen.items() if v} == {}
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    # The recorder works and the policy holds: an injected inline script is refused.
    try:
        page.add_script_tag(content="window.__injected = 1;")
    except Exception:  # Playwright reports the blocked script as an error
        pass
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in violations(page))
    print(f"\nCSP: {len(seen)} pages loaded under the policy, 0 violations")

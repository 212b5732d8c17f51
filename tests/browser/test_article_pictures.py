"""An article's pictures in Chromium: from a source that allows it they load lazily under
the page's policy (no violation), in boxes that keep the text below from moving; from
any other source the page lists their links and loads nothing from outside."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RECORD_VIOLATIONS = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""
IMAGES = [{"src": f"https://img.example.com/2013/{n}.png", "alt": f"图{n} 交易规模"} for n in range(1, 4)]


@pytest.fixture
def article():
    from articles.models import Article, Source

    source = Source.objects.create(name="某资讯网", slug="mouzixun", show_images=True)
    paragraph = "2013年跨境电商交易规模继续增长，平台与卖家都在寻找新的增长点。" * 3
    body = "\n".join(f"第{n}段：{paragraph}" for n in range(1, 30))  # the pictures start below the fold
    return Article.objects.create(title="带图的文章", body=body, source=source, images=IMAGES,
                                  url="https://news.example.com/2013/05/02/trade.html",
                                  published_at="2013-05-02T10:00:00+08:00", is_published=True)


def pictures_loaded(page) -> None:
    page.locator(".picture").last.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.picture img')].every(i => i.complete && i.naturalWidth)"
    )


def test_allowed_pictures_load_lazily_under_the_policy_without_moving_the_text(page, live_server, article, screens):
    page.add_init_script(RECORD_VIOLATIONS)
    requested = []
    page.on("request", lambda r: r.url.startswith("https://img.example.com") and requested.append(r.url))
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert requested == [], "pictures below the fold wait until the reader gets near them"
    original = page.locator(".original")
    before = original.bounding_box()["y"]

    pictures_loaded(page)
    assert sorted(requested) == [i["src"] for i in IMAGES]
    assert original.evaluate("e => e.getBoundingClientRect().top + scrollY") == before
    assert page.locator("figcaption").all_inner_texts() == [i["alt"] for i in IMAGES]
    assert page.evaluate("window.__csp") == []
    overflow = screens(article.get_absolute_url(), "article-pictures", ready=pictures_loaded, start="#images-heading")
    assert overflow == {"desktop": 0, "phone": 0}


def test_pictures_of_a_source_that_did_not_allow_it_stay_links(page, live_server, article):
    article.source.show_images = False
    article.source.save()
    page.add_init_script(RECORD_VIOLATIONS)
    requested = []
    page.on("request", lambda r: r.url.startswith("https://img.example.com") and requested.append(r.url))
    page.goto(live_server.url + article.get_absolute_url())
    page.locator("#images-heading").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.locator("img").count() == 0 and requested == []
    assert page.get_by_role("link", name="图2 交易规模").get_attribute("href") == IMAGES[1]["src"]

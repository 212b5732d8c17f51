"""Accessibility checked by a tool and by keyboard: axe-core finds no violation of any
impact (critical, serious, moderate or minor) on any kind of page, and a reader with only
the Tab key reaches every link and control of the home, topic and article pages, sees
where the focus is, and can skip to the main content."""
from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command

from tests.browser.axe import axe_source, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def all_seeds(keywords_2013):
    from articles.models import Article, Source

    call_command("import", "--samples", "--publish")
    source = Source.objects.create(name="允许引用图片的网站", slug="pictures-allowed", show_images=True)
    images = [{"src": "https://img.example.com/1.png", "alt": "图1 交易规模"}, {"src": "https://img.example.com/2.png"}]
    Article.objects.create(title="带图的文章", body="正文。", source=source, images=images, is_published=True,
                           published_at="2013-05-02T10:00:00+08:00")


@pytest.fixture
def axe_page(page):
    page.add_init_script(path=str(axe_source()))
    return page


def every_page_type() -> dict[str, str]:
    from articles.models import Article, Publication, Source

    newsletter = Publication.objects.get(kind="newsletter")
    report = Publication.objects.filter(kind="report").first()
    article = Article.objects.filter(publication=newsletter, position=2).get()
    web_article = Article.objects.filter(publication=None).exclude(title="带图的文章").first()
    association = Source.objects.get(name="上海市电子商务行业协会")
    outlet = web_article.source
    return {
        "home": "/",
        "archive": "/articles/",
        "archive page 2, filtered": "/articles/?kind=article&page=2",
        "topics index": "/topics/",
        "years index": "/years/",
        "topic": "/topics/kuajing-dianshang/",
        "topic timeline": "/topics/kuajing-dianshang/timeline/",
        "year": "/years/2013/",
        "timeline": "/timeline/",
        "article in an issue": article.get_absolute_url(),
        "web article": web_article.get_absolute_url(),
        "article, keywords marked": web_article.get_absolute_url() + "?highlight=1",
        "article with pictures": Article.objects.get(title="带图的文章").get_absolute_url(),
        "newsletter issue": newsletter.get_absolute_url(),
        "report": report.get_absolute_url(),
        "association": association.get_absolute_url(),
        "outlet": outlet.get_absolute_url() if outlet else "/",
        "search with results": "/search/?q=跨境电商",
        "search without results": "/search/?q=没有这样的词语",
        "search form": "/search/",
        "subscribe": "/subscribe/",
        "feed shown in a browser": "/feeds/latest.rss",
        "not found": "/no-such-page/",
        "admin login": "/admin/login/",
    }


def test_no_page_has_any_violation(axe_page, live_server, all_seeds):
    page = axe_page
    found = {}
    for name, path in every_page_type().items():
        # "load", not "networkidle": Chromium never reports the XSLT-styled feed idle.
        page.goto(live_server.url + path, wait_until="load")
        if violations := axe_violations(page):
            found[f"{name} {path}"] = violations
    by_impact = Counter(v["impact"] for vs in found.values() for v in vs)
    print(f"\naxe: {len(every_page_type())} page types, violations by impact: {dict(by_impact) or 'none'}")
    report = "\n".join(f"{where}: {v['id']} ({v['impact']}, {v['count']}×) {v['help']} {v['nodes']}"
                       for where, vs in found.items() for v in vs)
    if report:
        print(report)
    assert not found, report


# Everything a keyboard user must reach: links, controls, and summaries of <details>,
# when rendered (a closed <details>' content is not, and is not expected).
MARK_FOCUSABLE = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
    const rendered = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const all = [...document.querySelectorAll(selector)].filter(e => !e.disabled && e.tabIndex >= 0 && rendered(e));
    all.forEach((e, i) => { e.dataset.kbd = String(i); });
    return all.map(e => `${e.tagName.toLowerCase()} ${(e.innerText || e.value || e.name || '').trim().slice(0, 30)}`);
}"""
FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e.dataset.kbd === undefined) return null;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    return {key: Number(e.dataset.kbd), ring: e.matches(':focus-visible') && style.outlineStyle !== 'none'
                                              && parseFloat(style.outlineWidth) >= 2,
            onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
                      && box.top < innerHeight && box.left < innerWidth,
            inMain: Boolean(e.closest('main')), href: e.getAttribute('href')};
}"""


def tab_through(page) -> list[dict]:
    """Press Tab until the focus leaves the page or comes back round; what was focused."""
    targets = page.evaluate(MARK_FOCUSABLE)
    reached = []
    for _ in range(len(targets) + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or reached and focused["key"] == reached[0]["key"]:
            break
        reached.append(focused)
    return targets, reached


@pytest.fixture
def seeded(keywords_2013):
    from articles.services import document_create
    from tests.conftest import SEED_000, seed_bytes

    document_create(data=seed_bytes(SEED_000), filename=SEED_000)


@pytest.mark.parametrize("which", ["home", "topic", "article"])
def test_the_keyboard_alone_reaches_everything_and_shows_where_it_is(page, live_server, seeded, which):
    from articles.models import Article

    path = {"home": "/", "topic": "/topics/kuajing-dianshang/",
            "article": Article.objects.get().get_absolute_url()}[which]
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    targets, reached = tab_through(page)

    assert sorted(f["key"] for f in reached) == list(range(len(targets))), (
        f"not reached by Tab: {[t for i, t in enumerate(targets) if i not in {f['key'] for f in reached}]}"
    )
    unmarked = [targets[f["key"]] for f in reached if not (f["ring"] and f["onScreen"])]
    assert unmarked == [], "focused without a visible focus ring on screen"

    skip = reached[0]
    assert skip["href"] == "#main" and not skip["inMain"]
    page.goto(live_server.url + path)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => Boolean(document.activeElement.closest('main'))"), (
        "after the skip link, Tab goes on inside the main content"
    )
    print(f"\n{which}: {len(reached)} links and controls reached by Tab")

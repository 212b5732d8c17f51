"""A 2013 newsletter issue imported today: every surface that dates its articles (pages,
every kind of feed, the API, the sitemap) gives each the date it carries (its own, else
the issue's, at its precision), and none gives the time it was imported."""
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Article, Publication

pytestmark = pytest.mark.django_db

ISSUE = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "newsletter_2013.txt"
OWN = "五城市获批开展跨境电商服务试点"  # dated by its source's URL: 2013-01-17
ISSUES = "大数据助力B2B平台精准营销"  # no date of its own: the issue's month, 2013年1月


def import_days() -> set:
    """Today, in China and in UTC (the import time in either zone)."""
    return {timezone.localdate(), datetime.now(UTC).date()}


def no_import_time(text: str, where: str) -> None:
    for day in import_days():
        for form in (day.isoformat(), f"{day.year}年{day.month}月{day.day}日", day.strftime("%d %b %Y"),
                     f"{day.year}年{day.month}月</time>"):
            assert form not in text, f"{where} shows the import day ({form})"


@pytest.fixture
def old_issue(django_capture_on_commit_callbacks):
    from articles.services import document_create

    with django_capture_on_commit_callbacks(execute=True):
        document_create(data=ISSUE.read_bytes(), filename=ISSUE.name, publish_when_parsed=True)
    issue = Publication.objects.get()
    return {"issue": issue, "own": Article.objects.get(title=OWN), "issues": Article.objects.get(title=ISSUES)}


def test_the_issue_and_its_articles_carry_2013_dates(old_issue):
    assert (old_issue["issue"].published_on.isoformat(), old_issue["issue"].date_precision) == ("2013-01-01", "month")
    own = old_issue["own"]
    assert (timezone.localtime(own.published_at).date().isoformat(), own.date_precision) == ("2013-01-17", "day")


PAGE_OWN = '<time datetime="2013-01-17">2013年1月17日</time>'
PAGE_ISSUES = '<time datetime="2013-01">2013年1月</time>'


@pytest.mark.parametrize("path", ["/", "/articles/", "/articles/?year=2013", "/topics/kuajing-dianshang/",
                                  "/search/?q=跨境电商", "/search/?q=跨境电商&sort=newest"])
def test_lists_show_the_articles_own_day(client, old_issue, path):
    page = client.get(path).content.decode()
    assert PAGE_OWN in page
    no_import_time(page, path)


@pytest.mark.parametrize("path", ["/", "/articles/", "/topics/dashuju/", "/search/?q=大数据"])
def test_lists_show_the_issues_month_for_an_article_without_a_date(client, old_issue, path):
    page = client.get(path).content.decode()
    assert PAGE_ISSUES in page and "2013年1月1日" not in page
    no_import_time(page, path)


def test_article_issue_source_and_year_pages(client, old_issue):
    own, issues, issue = old_issue["own"], old_issue["issues"], old_issue["issue"]
    pages = {
        own.get_absolute_url(): [PAGE_OWN],
        issues.get_absolute_url(): [PAGE_ISSUES],
        issue.get_absolute_url(): [PAGE_ISSUES],
        issue.source.get_absolute_url(): [PAGE_OWN, PAGE_ISSUES],
        "/years/2013/": [OWN],
        "/topics/kuajing-dianshang/timeline/": [],
    }
    for path, expected in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert all(e in page for e in expected), path
        no_import_time(page, path)


def feeds(issue) -> list[str]:
    slug = issue.source.slug
    paths = ["/feeds/latest", "/topics/kuajing-dianshang/feed", "/years/2013/feed", f"/sources/{slug}/feed",
             "/search/feed"]
    return [f"{p}.{kind}" + ("?q=跨境电商" if p == "/search/feed" else "") for p in paths for kind in ("rss", "atom")]


def test_every_article_feed_dates_the_entry_by_its_own_day(client, old_issue):
    for path in feeds(old_issue["issue"]):
        feed = client.get(path).content.decode()
        entry = next(e for e in re.findall(r"<(?:item|entry)>.*?</(?:item|entry)>", feed, re.S) if OWN in e)
        if path.split("?")[0].endswith(".rss"):
            assert "<pubDate>Thu, 17 Jan 2013 00:00:00 +0800</pubDate>" in entry, path
        else:
            assert "<published>2013-01-17T00:00:00+08:00</published>" in entry, path
            assert "<updated>2013-01-17T00:00:00+08:00</updated>" in entry, path
        no_import_time(feed, path)


def test_the_issues_feeds_date_the_issue_by_its_month(client, old_issue):
    slug = old_issue["issue"].source.slug
    rss = client.get(f"/sources/{slug}/issues.rss").content.decode()
    assert "<pubDate>Tue, 01 Jan 2013 00:00:00 +0800</pubDate>" in rss
    atom = client.get(f"/sources/{slug}/issues.atom").content.decode()
    assert "<updated>2013-01-01T00:00:00+08:00</updated>" in atom
    no_import_time(rss + atom, "issues feeds")


def test_the_api_lists_and_details_give_the_dates_with_their_precision(client, old_issue):
    own, issues, issue = old_issue["own"], old_issue["issues"], old_issue["issue"]
    day = {"value": "2013-01-17", "precision": "day", "label": "2013年1月17日"}
    month = {"value": "2013-01", "precision": "month", "label": "2013年1月"}
    listed = {a["id"]: a["date"] for a in json.loads(client.get("/api/articles").content)["items"]}
    assert listed[own.pk] == day and listed[issues.pk] == month
    assert json.loads(client.get(f"/api/articles/{own.pk}").content)["date"] == day
    assert json.loads(client.get(f"/api/articles/{issues.pk}").content)["date"] == month
    publications = json.loads(client.get("/api/publications").content)["items"]
    assert [p["date"] for p in publications if p["id"] == issue.pk] == [month]
    assert json.loads(client.get(f"/api/publications/{issue.pk}").content)["date"] == month
    for path in ("/api/articles", f"/api/articles/{own.pk}", "/api/publications", f"/api/publications/{issue.pk}"):
        no_import_time(client.get(path).content.decode(), path)


def test_the_sitemap_gives_each_article_its_own_date(client, old_issue):
    sitemap = client.get("/sitemap-articles.xml").content.decode() + client.get("/sitemap-index.xml").content.decode()
    own = re.search(rf"<loc>[^<]*{old_issue['own'].get_absolute_url()}</loc>\s*<lastmod>(.*?)</lastmod>", sitemap)
    issues = re.search(rf"<loc>[^<]*{old_issue['issues'].get_absolute_url()}</loc>\s*<lastmod>(.*?)</lastmod>", sitemap)
    assert own.group(1) == "2013-01-17" and issues.group(1) == "2013-01-01"
    # (A topic's lastmod is when the topic itself was last edited: not an article's date.)
    articles = [u for u in re.findall(r"<url>.*?</url>", sitemap, re.S) if "/articles/" in u]
    assert len(articles) == Article.objects.published().count() + 1  # and the archive's own page
    no_import_time("".join(articles), "/sitemap-articles.xml")

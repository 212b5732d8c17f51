"""An old newsletter issue imported today: every surface gives its articles the issue's
date at the issue's precision (2015年3月), and no surface gives an import time as an
article's date. Undated report chapters stay undated."""
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Publication
from tests.conftest import seed_bytes

pytestmark = pytest.mark.django_db

NEWSLETTER = "004_38fb784fea1a796c.txt"  # 电子商务资讯 2015年3、4月合刊
REPORT = "002_23272ef6e7c342b9.txt"  # a report whose chapters carry no date
TODAY = timezone.localdate()


@pytest.fixture
def old_issue(django_capture_on_commit_callbacks):
    from articles.services import document_create

    for name in (NEWSLETTER, REPORT):
        with django_capture_on_commit_callbacks(execute=True):
            document_create(data=seed_bytes(name), filename=name, publish_when_parsed=True)
    return Publication.objects.get(kind="newsletter")


@pytest.fixture
def item(old_issue):
    return Article.objects.get(publication=old_issue, title__startswith="商务部办公厅关于印发")


def test_the_issue_is_dated_by_its_month(old_issue):
    assert (old_issue.published_on.isoformat(), old_issue.date_precision) == ("2015-03-01", "month")


def no_import_time(text: str) -> None:
    for form in (TODAY.isoformat(), f"{TODAY.year}年{TODAY.month}月{TODAY.day}日", TODAY.strftime("%d %b %Y")):
        assert form not in text


@pytest.mark.parametrize("path", ["/", "/articles/", "/search/?q=电子商务", "/articles/?year=2015"])
def test_lists_show_the_issues_month(client, item, path):
    page = client.get(path).content.decode()
    assert '<time datetime="2015-03">2015年3月</time>' in page
    assert "2015年3月1日" not in page and "2015-03-01" not in page
    no_import_time(page)


def test_the_article_and_its_issue_show_the_same_month(client, item, old_issue):
    article_page = client.get(item.get_absolute_url()).content.decode()
    assert '<time datetime="2015-03">2015年3月</time>' in article_page
    issue_page = client.get(old_issue.get_absolute_url()).content.decode()
    assert '<time datetime="2015-03">2015年3月</time>' in issue_page
    no_import_time(article_page + issue_page)


def test_related_lists_use_the_same_format(client, item):
    page = client.get(item.get_absolute_url()).content.decode()
    related = page[page.index('id="related-heading"'):]
    assert '<time datetime="2015-03">2015年3月</time>' in related and "2015-03-01" not in related


def test_an_article_without_a_date_of_its_own_takes_its_issues(client, old_issue):
    undated = Article.objects.filter(publication=old_issue).first()
    Article.objects.filter(pk=undated.pk).update(published_at=None)
    page = client.get(undated.get_absolute_url()).content.decode()
    assert '<time datetime="2015-03">2015年3月</time>' in page


def test_feeds_date_entries_by_the_issue_and_leave_out_unknown_dates(client, old_issue):
    rss = client.get("/feeds/latest.rss").content.decode()
    items = re.findall(r"<item>.*?</item>", rss, re.S)
    chapters = [i for i in items if "/articles/" in i and "<pubDate>" not in i]
    assert chapters, "the report's undated chapters are in the feed without a pubDate"
    assert {d for d in re.findall(r"<pubDate>(.*?)</pubDate>", rss)} == {"Sun, 01 Mar 2015 00:00:00 +0800"}
    assert "<lastBuildDate>Sun, 01 Mar 2015 00:00:00 +0800</lastBuildDate>" in rss
    no_import_time(rss)


def test_atom_gives_every_entry_an_updated_date_from_what_it_knows(client, old_issue):
    atom = client.get("/feeds/latest.atom").content.decode()
    entries = re.findall(r"<entry>.*?</entry>", atom, re.S)
    assert all(e.count("<updated>") == 1 for e in entries)
    assert set(re.findall(r"<updated>(.*?)</updated>", atom)) == {"2015-03-01T00:00:00+08:00"}
    assert sum("<published>" in e for e in entries) < len(entries)  # undated chapters: no <published>
    no_import_time(atom)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_entries_carry_the_date_as_the_site_shows_it(client, old_issue, kind):
    """RSS and Atom dates are instants (2015-03-01T00:00); each entry also says 2015年3月 at
    month precision, which the browser stylesheet shows, and an undated entry says nothing."""
    xml = client.get(f"/feeds/latest.{kind}").content.decode()
    assert 'xmlns:b2b="urn:b2bwatch:feed"' in xml
    entries = re.findall(r"<(item|entry)>(.*?)</\1>", xml, re.S)
    labels = {m for _, body in entries for m in re.findall(r'<b2b:date precision="(\w+)">(.*?)</b2b:date>', body)}
    assert labels == {("month", "2015年3月")}
    undated = [body for _, body in entries if "<b2b:date" not in body]
    assert undated and all("<pubDate>" not in body and "<published>" not in body for body in undated)


def test_the_issues_feed_dates_issues_by_their_own_date(client, old_issue):
    url = reverse("articles:source_issues_atom", args=[old_issue.source.slug])
    atom = client.get(url).content.decode()
    assert "<updated>2015-03-01T00:00:00+08:00</updated>" in atom
    no_import_time(atom)


def test_the_api_gives_the_date_with_its_precision(client, item, old_issue):
    article = json.loads(client.get(f"/api/articles/{item.pk}").content)
    assert article["date"] == {"value": "2015-03", "precision": "month", "label": "2015年3月"}
    publication = json.loads(client.get(f"/api/publications/{old_issue.pk}").content)
    assert publication["date"]["value"] == "2015-03"
    chapter = Article.objects.filter(publication__kind="report").first()
    assert json.loads(client.get(f"/api/articles/{chapter.pk}").content)["date"] is None

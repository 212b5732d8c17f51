"""Site-wide pages: sitemap, robots.txt, canonical links, Open Graph, errors, sources
and publications."""
import re

import pytest
from django.urls import reverse

from articles.models import Article, Publication, Source
from articles.sitemaps import ArticleSitemap

pytestmark = pytest.mark.django_db

TITLE = "通过十大关键词，解读2013年中国B2B行业"


@pytest.fixture
def seeded(import_seed):
    import_seed()


@pytest.fixture
def issue():
    association = Source.objects.create(name="上海市电子商务行业协会", slug="shec", kind="association")
    publication = Publication.objects.create(kind="newsletter", title="电子商务资讯", issue_label="第2期",
                                             source=association, is_published=True)
    for position, (section, title) in enumerate(
        [("重要消息", "李克强：制定互联网+计划"), ("重要消息", "国务院常务会议"), ("行业动态", "12个风口行业")], start=1
    ):
        Article.objects.create(publication=publication, section=section, title=title, body="正文。",
                               position=position, source=association, is_published=True)
    return publication


def sitemap_everything(client) -> str:
    """Every file the sitemap index names, as a crawler reads them, one after the other."""
    index = client.get("/sitemap.xml").content.decode()
    files = re.findall(r"<loc>http://testserver(/sitemap-[^<]+)</loc>", index)
    assert files, index
    return "".join(client.get(path.replace("&amp;", "&")).content.decode() for path in files)


def test_sitemap_lists_topics_years_and_articles(client, seeded):
    content = sitemap_everything(client)
    assert "/topics/chanyedai/" in content and "/years/2013/" in content
    assert Article.objects.get().get_absolute_url() in content


def test_the_sitemap_index_reaches_every_article_however_many_pages_they_fill(client, seeded, monkeypatch):
    source = Article.objects.get().source
    for n in range(4):
        Article.objects.create(title=f"第{n}篇", body="正文。", source=source, is_published=True)
    monkeypatch.setattr(ArticleSitemap, "limit", 2)  # five articles: three pages of the section

    index = client.get("/sitemap.xml").content.decode()
    assert "/sitemap-articles.xml?p=3</loc>" in index and "?p=4" not in index
    content = sitemap_everything(client)
    for article in Article.objects.all():
        assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in content


def test_sitemap_lists_each_topic_s_timeline_and_the_index_pages(client, seeded):
    content = sitemap_everything(client)
    assert "<loc>http://testserver/topics/chanyedai/timeline/</loc>" in content
    for path in ("/", "/articles/", "/topics/", "/years/", "/timeline/", "/subscribe/"):
        assert f"<loc>http://testserver{path}</loc>" in content


def test_robots_points_to_the_sitemap(client):
    content = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in content and "Sitemap: http://testserver/sitemap.xml" in content


def test_pages_have_a_canonical_link_and_open_graph(client, seeded):
    article = Article.objects.get()
    page = client.get(article.get_absolute_url() + "?utm_source=x").content.decode()
    assert f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">' in page
    assert f'<meta property="og:title" content="{TITLE}">' in page
    assert '<meta property="og:type" content="article">' in page


def test_404_page_is_in_the_site_style(client, settings):
    settings.DEBUG = False
    response = client.get("/topics/no-such-topic/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and 'role="search"' in page


def test_publication_page_shows_the_toc_by_section(client, issue):
    page = client.get(issue.get_absolute_url()).content.decode()
    order = [page.index(text) for text in ["【重要消息】", "国务院常务会议", "【行业动态】", "12个风口行业"]]
    assert order == sorted(order)


def test_an_unpublished_publication_is_not_public(client, issue):
    issue.is_published = False
    issue.save()
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_source_page_lists_its_issues_and_articles_with_feeds(client, issue):
    page = client.get(reverse("articles:source", args=["shec"])).content.decode()
    assert "电子商务资讯 第2期" in page and "12个风口行业" in page
    assert reverse("articles:source_issues_rss", args=["shec"]) in page


def test_article_page_links_its_publication(client, issue):
    article = issue.articles.get(position=3)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{issue.get_absolute_url()}"' in page


def test_the_favicon_is_served_at_the_root_and_linked_with_app_icons(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in page and 'rel="apple-touch-icon"' in page
    for href in ["/apple-touch-icon.png", *re.findall(r'href="(/static/icons/[^"]+)"', page)]:
        assert client.get(href).status_code == 200, href


def test_the_opml_is_advertised_in_every_pages_head(client):
    page = client.get("/").content.decode()
    head = page[:page.index("</head>")]
    opml = reverse("keywords:topics_opml")
    assert f'<link rel="alternate" type="text/x-opml" title="b2bwatch 全部关键词订阅（OPML）" href="{opml}">' in head


def test_a_server_error_page_is_the_sites_own(rf, settings):
    from django.views.defaults import server_error

    settings.DEBUG = False
    response = server_error(rf.get("/"))
    assert response.status_code == 500 and "出错了" in response.content.decode()

"""Only http(s) URLs are stored, linked and served: a `javascript:` URL from front matter,
an attribution, a page's images or a source's homepage never becomes a clickable link."""
from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.ingest.safe import safe_http_url
from articles.models import Article, Source, Story
from articles.services import document_create
from tests.web.xss import URL_VECTORS

# Vectors a text file or a database row can hold (PostgreSQL refuses NUL; a front-matter
# line cannot hold a newline).
ROW_VECTORS = [v for v in URL_VECTORS if "\x00" not in v]
FRONT_MATTER_VECTORS = [v for v in ROW_VECTORS if "\n" not in v]
SAFE_LINK = re.compile(r"^(https?://|/|\?|#)")


def hrefs(page: str) -> list[str]:
    return re.findall(r"""(?:href|src)\s*=\s*["']([^"']*)["']""", page)


def unsafe_links(page: str) -> list[str]:
    return [h for h in hrefs(page) if not SAFE_LINK.match(h)]


@pytest.mark.parametrize("url", URL_VECTORS)
def test_safe_http_url_refuses_every_script_or_data_url(url):
    assert safe_http_url(url) == ""


@pytest.mark.parametrize("url, expected", [
    ("https://www.huxiu.com/article/24694", "https://www.huxiu.com/article/24694"),
    ("HTTP://Example.com/a?b=1#c", "HTTP://Example.com/a?b=1#c"),
    ("  http://news.example.cn/2015/04/02/1.html\n", "http://news.example.cn/2015/04/02/1.html"),
    ("http://例子.中国/新闻", "http://例子.中国/新闻"),
    ("http://a.example/x y.png", "http://a.example/x%20y.png"),
])
def test_safe_http_url_keeps_web_addresses(url, expected):
    assert safe_http_url(url) == expected


@pytest.mark.parametrize("url", ["ftp://example.com/a", "//example.com/a", "/articles/1/", "mailto:a@b.c", "", None])
def test_safe_http_url_refuses_what_is_not_an_absolute_web_address(url):
    assert safe_http_url(url) == ""


@pytest.mark.django_db
def test_front_matter_urls_that_are_not_http_are_not_stored(client, django_capture_on_commit_callbacks):
    for n, url in enumerate(FRONT_MATTER_VECTORS):
        text = f"---\nurl: {url}\ntitle: 测试文章{n}\ntime: 2015-04-02 09:30\n---\n第{n}篇正文，关于跨境电商。\n"
        with django_capture_on_commit_callbacks(execute=True):
            document_create(data=text.encode(), filename=f"{n}.txt", origin="test")
    articles = list(Article.objects.all())
    assert len(articles) == len(FRONT_MATTER_VECTORS)
    for article in articles:
        assert article.url == ""
        page = client.get(article.get_absolute_url()).content.decode()
        assert "原文链接：" not in page and unsafe_links(page) == []
        assert client.get(f"/api/articles/{article.pk}").json()["url"] == ""


@pytest.mark.django_db
def test_admin_upload_with_a_script_url_stores_no_link(admin_client, django_capture_on_commit_callbacks):
    text = "---\nurl: JaVaScRiPt:alert(document.domain)\ntitle: 上传的文章\n---\n正文一段。\n"
    upload = SimpleUploadedFile("a.txt", text.encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:articles_document_upload"), {"files": [upload]})
    assert Article.objects.get().url == ""


@pytest.mark.django_db
def test_rows_saved_before_the_check_are_not_rendered_as_links(client):
    """Rows already in the database (or typed in elsewhere) are checked again where a URL
    becomes a link: 原文链接, 同时报道, images, a source's homepage, the API."""
    source = Source.objects.create(name="来源", slug="src", homepage=ROW_VECTORS[0])
    story = Story.objects.create()
    images = [{"src": url, "alt": f"图{n}"} for n, url in enumerate(ROW_VECTORS)]
    main = Article.objects.create(title="主文章", body="正文", url=ROW_VECTORS[1], images=images, source=source,
                                  is_published=True, story=story)
    others = [Article.objects.create(title=f"转载{n}", body="正文", url=url, outlet=f"媒体{n}", is_published=True,
                                     story=story) for n, url in enumerate(ROW_VECTORS)]
    story.main = main
    story.save()
    pages = [main.get_absolute_url(), others[0].get_absolute_url(), source.get_absolute_url()]
    for path in pages:
        page = client.get(path).content.decode()
        assert unsafe_links(page) == [], path
    assert "同时报道" in client.get(main.get_absolute_url()).content.decode()
    detail = client.get(f"/api/articles/{main.pk}").json()
    assert detail["url"] == "" and detail["images"] == []
    listed = client.get("/api/articles").json()["items"]
    assert {a["url"] for a in listed} == {""}


@pytest.mark.django_db
@pytest.mark.parametrize("homepage", ["javascript:alert(1)", "ftp://example.com/", "data:text/html,x"])
def test_the_admin_refuses_a_homepage_that_is_not_http(admin_client, homepage):
    response = admin_client.post(reverse("admin:articles_source_add"), {
        "name": "某协会", "slug": "mou", "kind": "association", "homepage": homepage,
        "channels-TOTAL_FORMS": "0", "channels-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200  # the form again, with its error
    assert not Source.objects.filter(slug="mou").exists()

"""An article's pictures in its page: shown, lazily, with captions, only when its source
allows hot-linking, and then under a policy naming exactly their hosts; otherwise the
page lists their links as before."""
import pytest
from django.conf import settings

from articles.models import Article, Source

pytestmark = pytest.mark.django_db

IMAGES = [
    {"src": "https://img.example.com/2013/trade.jpg", "alt": "图1 <b>交易</b>规模"},
    {"src": "https://cdn.example.net/p.png", "alt": ""},
    {"src": "http://192.168.1.1/reboot.gif", "alt": "内网图片"},
    {"src": "javascript:alert(1)", "alt": "脚本"},
]


@pytest.fixture
def article():
    source = Source.objects.create(name="某资讯网", slug="mouzixun")
    return Article.objects.create(title="带图的文章", body="正文。", source=source, images=IMAGES,
                                  published_at="2013-05-02T10:00:00+08:00", is_published=True)


def test_without_the_source_s_leave_the_pictures_are_links(client, article):
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "<img" not in page
    link = '<a href="https://img.example.com/2013/trade.jpg" rel="noopener nofollow">'
    assert link + "图1 &lt;b&gt;交易&lt;/b&gt;规模</a>" in page
    assert 'href="javascript' not in page and "<li>脚本</li>" in page
    assert response.headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY


def test_with_leave_the_pictures_are_shown_lazily_with_their_captions(client, article):
    article.source.show_images = True
    article.source.save()
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert page.count("<figure") == 2
    assert ('<img src="https://img.example.com/2013/trade.jpg" alt="图1 &lt;b&gt;交易&lt;/b&gt;规模" loading="lazy" '
            'decoding="async" referrerpolicy="no-referrer" width="800" height="600">') in page
    assert "<figcaption>图1 &lt;b&gt;交易&lt;/b&gt;规模</figcaption>" in page
    assert 'alt="文中图片 2"' in page  # a picture without alt text still says what it is
    # A picture from the reader's own network and a script stay out of <img> and of the policy.
    assert 'src="http://192.168.1.1' not in page and '>内网图片</a>' in page
    policy = response.headers["Content-Security-Policy"]
    img_src = next(d for d in policy.split("; ") if d.startswith("img-src"))
    assert img_src == "img-src 'self' data: https://cdn.example.net https://img.example.com"
    assert policy.replace(img_src, "img-src 'self' data:") == settings.CONTENT_SECURITY_POLICY


def test_other_pages_keep_the_site_s_own_policy(client, article):
    article.source.show_images = True
    article.source.save()
    for path in ("/", "/articles/", article.source.get_absolute_url()):
        assert client.get(path).headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY


def test_allowing_pictures_reaches_a_page_already_cached(client, article):
    assert "<img" not in client.get(article.get_absolute_url()).content.decode()
    article.source.show_images = True
    article.source.save()
    response = client.get(article.get_absolute_url())
    assert "<img" in response.content.decode() and "img.example.com" in response.headers["Content-Security-Policy"]
    article.source.show_images = False
    article.source.save()
    response = client.get(article.get_absolute_url())
    assert "<img" not in response.content.decode()
    assert response.headers["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY

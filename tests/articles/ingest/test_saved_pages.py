"""A saved web page, uploaded, imported or given to `manage.py parse`, reads as the same page fetched."""
from pathlib import Path

from articles.ingest import parse_document
from articles.ingest.readers import detect_format
from tests.articles.ingest.makefiles import NEWSLETTER, make_html, seed_text

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SAVED = (PAGES / "saved_news.html").read_bytes()
TITLE = "义乌小商品城上线跨境B2B撮合平台 首月成交额超三亿元"


def uploaded(data: bytes, name: str = "page.html", **kwargs):
    return parse_document(data, name, time_limit=None, **kwargs)


def test_saved_news_page_is_one_article_with_the_headline_date_author_and_source():
    parsed = uploaded(SAVED)
    assert parsed.kind == "article" and len(parsed.items) == 1
    item = parsed.items[0]
    assert item.title == parsed.title == TITLE
    assert item.published_at.isoformat() == "2024-03-18T09:30:00+08:00" and item.date_precision == "minute"
    assert item.author == "李明远"
    assert parsed.source_name == "中国B2B观察网"


def test_saved_page_keeps_the_article_and_drops_navigation_share_bars_credits_and_related_links():
    body = uploaded(SAVED).items[0].body
    assert body.startswith("记者日前从义乌市商务部门获悉") and body.endswith("进一步降低跨境贸易的门槛。")
    assert len(body.split("\n")) == 5
    for noise in ("登录", "首页", "分享到", "责任编辑", "相关阅读", "永康五金", "热点排行", "版权所有", "_hmt"):
        assert noise not in body


def test_the_url_a_saved_page_states_for_itself_is_its_source():
    assert uploaded(SAVED).items[0].url == "https://www.b2bguancha.example.cn/chanye/2024/0318/10245.html"


def test_og_url_is_the_source_when_there_is_no_canonical_link():
    data = SAVED.replace(b'<link rel="canonical"', b'<meta property="og:url" content="https://example.cn/a/1.html"><link')
    assert uploaded(data).items[0].url == "https://example.cn/a/1.html"


def test_a_path_the_file_was_imported_from_is_not_a_url():
    assert uploaded(SAVED, url="/home/editor/pages/page.html").items[0].url.startswith("https://www.b2bguancha")


def test_upload_and_fetch_read_a_page_the_same_way():
    fetched = parse_document(SAVED, "page.html", as_kind="webpage", time_limit=None).items[0]
    saved = uploaded(SAVED).items[0]
    assert (saved.title, saved.body, saved.published_at, saved.author, saved.url) == (
        fetched.title, fetched.body, fetched.published_at, fetched.author, fetched.url
    )


def test_forcing_article_on_a_saved_page_still_finds_its_main_text():
    item = uploaded(SAVED, as_kind="article").items[0]
    assert item.title == TITLE and "分享到" not in item.body


def test_html_newsletter_is_still_split_as_a_newsletter():
    parsed = uploaded(make_html(seed_text(NEWSLETTER)), "issue.htm")
    assert parsed.kind == "newsletter" and len(parsed.items) == 17


def test_page_saved_without_its_html_shell_is_read_as_html():
    fragment = SAVED.split(b"<body>")[1].split(b"</body>")[0]
    assert detect_format(fragment) == "html"
    assert uploaded(fragment).items[0].title == TITLE


def test_markdown_with_a_few_inline_tags_is_still_text():
    digest = "# 每日新闻 2024年3月18日\n\n### 第一条\n\n<p>正文一。</p>\n\n[查看原文](https://example.cn/1)\n".encode()
    assert detect_format(digest) == "txt"

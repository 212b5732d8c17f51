"""Reading fetched pages: decoding, main text (measured), metadata, sanitising, listing links."""
from collections import Counter
from pathlib import Path

import pytest

from articles.fetch import fetch
from articles.ingest import IngestError
from articles.ingest.sanitize import sanitize_html
from articles.ingest.webpage import decode_page, listing_links, parse_webpage
from tests.articles.fetch.server import respond, serve

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
URL = "http://news.example.cn/news/20131219/1.html"
FIXTURES = [
    ("gbk_news", None),
    ("utf8_og", "text/html; charset=utf-8"),
    ("fabu_time", "text/html"),
    ("brief_br", "text/html; charset=UTF-8"),
    ("portal_gb2312", "text/html; charset=ISO-8859-1"),
]


def page(name: str) -> bytes:
    return (PAGES / f"{name}.html").read_bytes()


def char_scores(extracted: str, expected: str) -> tuple[float, float, float]:
    """Character-level precision, recall and F1 (bags of characters, white space ignored)."""
    got = Counter(ch for ch in extracted if not ch.isspace())
    want = Counter(ch for ch in expected if not ch.isspace())
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def test_main_text_extraction_quality_on_the_fixture_pages():
    lines, f1s = [], []
    for name, content_type in FIXTURES:
        parsed = parse_webpage(page(name), url=URL, content_type_header=content_type)
        expected = (PAGES / f"{name}.expected.txt").read_text(encoding="utf-8")
        precision, recall, f1 = char_scores(parsed.body, expected)
        f1s.append(f1)
        lines.append(f"  {name:10} precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    mean = sum(f1s) / len(f1s)
    print("\nmain-text extraction (character F1):\n" + "\n".join(lines) + f"\n  mean F1 {mean:.3f}")
    assert mean >= 0.9


def test_gbk_page_without_any_charset_is_decoded():
    parsed = parse_webpage(page("gbk_news"), url=URL, content_type_header="text/html")
    assert parsed.encoding == "gb18030"
    assert "备货节" in parsed.body and "41.9亿元" in parsed.body


def test_gbk_page_served_without_charset_header_reads_after_fetch():
    with serve({"/news.html": respond(page("gbk_news"), content_type="text/html")}) as server:
        result = fetch(server.url("/news.html"), allow_loopback=True, timeout=5)
    parsed = parse_webpage(result.body, url=result.final_url, content_type_header=result.content_type)
    assert parsed.title == "阿里巴巴1688推出“备货节” 在线支付总额达41.9亿"


def test_nav_ads_comments_share_and_scripts_are_left_out():
    body = parse_webpage(page("gbk_news"), url=URL, content_type_header=None).body
    noises = ("免费注册", "中小企业贷款", "分享到", "网友评论", "刷单", "招商加盟", "版权所有", "_hmt", "悬浮广告")
    for noise in (*noises, "相关阅读"):
        assert noise not in body


def test_layout_table_page_keeps_only_the_article():
    body = parse_webpage(page("fabu_time"), url=URL, content_type_header=None).body
    assert body.startswith("商务部办公厅日前印发")
    for noise in ("首页", "打印本页", "上一篇", "热点排行", "备案号", "浏览次数"):
        assert noise not in body


def test_header_charset_wins_over_the_page():
    data = "<html><head><meta charset='utf-8'><title>t</title></head><body><p>跨境电商</p></body></html>".encode("gbk")
    assert decode_page(data, "text/html; charset=GB2312") == (data.decode("gb18030"), "gb18030")


def test_a_lying_header_charset_falls_back_to_the_page():
    data = "<html><head><meta charset='gbk'></head><body><p>跨境电商</p></body></html>".encode("gbk")
    text, encoding = decode_page(data, "text/html; charset=utf-8")
    assert "跨境电商" in text and encoding == "gb18030"


def test_og_and_article_meta_give_title_time_author_and_site():
    parsed = parse_webpage(page("utf8_og"), url=URL, content_type_header="text/html; charset=utf-8")
    assert parsed.title == "通过十大关键词，解读2013年中国B2B行业"
    assert parsed.published_at.isoformat() == "2013-12-19T17:44:00+08:00"
    assert parsed.date_precision == "minute"
    assert parsed.author == "B2B行业资讯"
    assert parsed.outlet == parsed.site_name == "虎嗅网"
    assert parsed.attribution is None


def test_chinese_info_line_gives_time_source_and_author():
    parsed = parse_webpage(page("fabu_time"), url=URL, content_type_header=None)
    assert parsed.title == "商务部：2015年电子商务工作要点发布"
    assert parsed.published_at.isoformat() == "2015-03-16T09:30:00+08:00"
    assert parsed.author == "张华"
    assert parsed.outlet == "电子商务研究网"  # the carrying site, from the <title> suffix
    assert parsed.attribution.outlet == "亿邦动力网"
    assert parsed.attribution.url == "http://www.ebrun.com/20150316/128000.shtml"


def test_images_are_kept_as_absolute_links_with_alt_text():
    parsed = parse_webpage(page("utf8_og"), url=URL, content_type_header="text/html; charset=utf-8")
    src = "http://news.example.cn/images/2013/1219/keywords.png"
    assert parsed.images == [(src, "2013年B2B行业十大关键词示意图")]
    assert f'src="{src}"' in parsed.html and 'alt="2013年B2B行业十大关键词示意图"' in parsed.html


def test_stored_html_is_sanitised():
    parsed = parse_webpage(page("utf8_og"), url=URL, content_type_header="text/html; charset=utf-8")
    assert "<script" not in parsed.html and "<h2>在线交易</h2>" in parsed.html


def test_sanitize_html_drops_scripts_handlers_and_javascript_urls():
    dirty = (
        '<p onclick="steal()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a>'
        '<img src="x.png" onerror="steal()"><iframe src="http://evil.example"></iframe></p>'
    )
    clean = sanitize_html(dirty)
    for bad in ("onclick", "<script", "alert", "javascript:", "onerror", "<iframe"):
        assert bad not in clean
    assert "正文" in clean


def test_page_without_text_is_an_error():
    with pytest.raises(IngestError):
        parse_webpage(b"<html><body><nav><a href='/'>home</a></nav></body></html>", url=URL, content_type_header=None)


def test_listing_links_are_absolute_deduplicated_and_http_only():
    links = listing_links(page("listing"), url="http://news.example.cn/news/list.html", selector="ul.news-list li")
    assert links == [
        "http://news.example.cn/news/20131219/1.html",
        "http://news.example.cn/news/20131218/2.html",
        "https://www.ebrun.com/20131217/3.shtml",
    ]


def test_listing_links_can_stay_on_the_host():
    links = listing_links(page("listing"), url="http://news.example.cn/news/list.html", selector="a", same_host=True)
    assert "https://www.ebrun.com/20131217/3.shtml" not in links
    assert "http://news.example.cn/news/hot/9.html" in links


def test_unlabelled_time_under_the_headline_is_read():
    parsed = parse_webpage(page("brief_br"), url=URL, content_type_header=None)
    assert parsed.published_at.isoformat() == "2013-05-21T14:03:00+08:00"


def test_printed_minute_refines_a_meta_date():
    parsed = parse_webpage(page("portal_gb2312"), url=URL, content_type_header="text/html; charset=ISO-8859-1")
    assert parsed.published_at.isoformat() == "2015-04-03T08:15:00+08:00"
    assert (parsed.author, parsed.attribution.outlet) == ("王佳", "解放日报")


def test_extraction_does_not_remember_earlier_pages():
    first = parse_webpage(page("gbk_news"), url=URL, content_type_header=None)
    again = parse_webpage(page("gbk_news"), url=URL, content_type_header=None)
    assert again.body == first.body

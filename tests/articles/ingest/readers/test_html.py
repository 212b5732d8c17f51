from collections import Counter

import pytest

from articles.ingest import IngestError
from articles.ingest.readers import read_document
from articles.ingest.readers.html import read_html
from tests.articles.ingest.makefiles import cjk, make_html


@pytest.mark.parametrize(("charset", "meta"), [("utf-8", "charset"), ("gbk", "charset"), ("gb2312", "http-equiv")])
def test_html_newsletter_gives_every_cjk_character_of_the_seed(newsletter_text, charset, meta):
    result = read_document(make_html(newsletter_text, charset=charset, meta=meta), "issue.htm")
    assert result.format == "html"
    assert Counter(cjk(result.text)) == Counter(cjk(newsletter_text))


def test_gb2312_label_is_read_as_gb18030_so_gbk_characters_survive():
    page = '<html><head><meta charset="gb2312"></head><body><p>镕基与喆</p></body></html>'
    result = read_html(page.encode("gb18030"))
    assert (result.text, result.encoding) == ("镕基与喆", "gb18030")


def test_a_lying_charset_falls_back_to_the_bytes():
    page = '<html><head><meta charset="utf-8"></head><body><p>跨境电商</p></body></html>'
    assert read_html(page.encode("gbk")).text == "跨境电商"


def test_page_without_a_charset_is_decoded_like_any_text():
    assert read_html("<html><body><p>产业带</p></body></html>".encode("gb18030")).encoding == "gb18030"


def test_scripts_styles_and_navigation_are_dropped(newsletter_text):
    text = read_html(make_html(newsletter_text[:500])).text
    assert "脚本不是正文" not in text
    assert "导航不是正文" not in text
    assert "color" not in text


def test_blocks_become_lines_and_inline_markup_does_not():
    page = (
        "<html><body><h1>电子商务资讯</h1><div>第一段<b>加粗</b>的文字\n换行</div>"
        "<ul><li>一</li><li>二</li></ul>第三<br>行<table><tr><td>公司</td><td>地址</td></tr></table></body></html>"
    )
    assert read_html(page.encode()).text.split("\n") == [
        "电子商务资讯", "第一段加粗的文字 换行", "一", "二", "第三", "行", "公司\t地址"
    ]


def test_full_width_spaces_are_content_and_kept():
    assert read_html("<p>\u3000\u3000首行缩进</p>".encode()).text == "\u3000\u3000首行缩进"


def test_html_without_any_text_says_so():
    with pytest.raises(IngestError, match="没有正文"):
        read_document(b"<html><head><script>1</script></head><body> </body></html>")

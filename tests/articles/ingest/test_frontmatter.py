import pytest

from articles.ingest import IngestError, parse_document
from articles.ingest.frontmatter import parse_front_matter
from tests.conftest import SEED_000, seed_bytes


@pytest.fixture(scope="module")
def seed_article():
    parsed = parse_document(seed_bytes(SEED_000), SEED_000)
    assert parsed.kind == "article"
    assert len(parsed.items) == 1
    return parsed.items[0]


def test_front_matter_gives_title_url_time_and_author(seed_article):
    assert seed_article.title == "通过十大关键词，解读2013年中国B2B行业"
    assert seed_article.url == "https://www.huxiu.com/article/24694"
    assert seed_article.author == "B2B行业资讯"
    assert seed_article.published_at.isoformat() == "2013-12-19T17:44:00+08:00"
    assert seed_article.date_precision == "minute"


def test_outlet_is_named_from_the_url(seed_article):
    assert seed_article.outlet == "虎嗅网"


def test_body_repeated_by_the_capture_is_kept_once(seed_article):
    body = seed_article.body
    assert body.count("现在，我们结合行业发展状况对这十大关键词进行解读。") == 1
    assert body.count("本次关键词评选，有几个词汇未能进入前十让2B哥稍有意外") == 1
    assert body.count("2B哥小评") == 9


def test_the_paragraphed_copy_is_the_one_kept(seed_article):
    paragraphs = seed_article.body.split("\n")
    assert all(len(p) < 500 for p in paragraphs)
    assert paragraphs[0].startswith("在线交易，互联网金融，大数据")
    assert paragraphs[-1] == "作者微博：@B2B行业资讯，作者网站：我爱B2B话题社区"


def test_sub_headings_lost_in_the_paragraphed_copy_are_put_back(seed_article):
    paragraphs = seed_article.body.split("\n")
    assert paragraphs[2] == "在线交易"
    assert paragraphs[3].startswith("2013年，在线交易依然是B2B行业探索发展的方向")
    for heading in ["互联网金融", "大数据", "跨境电商", "自贸区", "为效果付费", "B2B社交营销"]:
        assert heading in paragraphs


def test_a_title_with_a_colon_and_quotes_is_read_whole():
    fields, body = parse_front_matter('---\ntitle: "专访：慧聪网 [2013]"\nurl: http://a.cn/1\n---\n正文\n')
    assert fields["title"] == "专访：慧聪网 [2013]"
    assert body.strip() == "正文"


def test_front_matter_without_a_body_is_an_error():
    with pytest.raises(IngestError, match="没有正文"):
        parse_document("---\ntitle: 空\n---\n\n".encode())


def test_plain_text_without_front_matter_is_one_article_titled_by_its_first_line():
    parsed = parse_document("B2B平台上线交易系统\n慧聪网于10月底上线B2B在线交易系统。".encode(), "note.txt")
    assert parsed.kind == "article"
    assert parsed.items[0].title == "B2B平台上线交易系统"
    assert parsed.items[0].body == "慧聪网于10月底上线B2B在线交易系统。"

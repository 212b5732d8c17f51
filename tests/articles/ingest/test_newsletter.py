"""Newsletter issues split into their items, on the sample and on newsletters unlike it."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.ingest import IngestError, parse_document
from articles.ingest.newsletter import parse_newsletter
from tests.articles.ingest.makefiles import NEWSLETTER, make_docx, make_pdf, seed_text

EXPECTED_004 = [
    ("编辑寄语", "编辑寄语", ""),
    ("重要消息", "李克强: 制定“互联网+”计划 已设立400亿元基金", "CNET科技资讯网"),
    ("重要消息", "李克强主持召开国务院常务会议确定加快发展电子商务的措施 培育经济新动力", "中国政府网"),
    ("重要消息", "李克强主持召开国务院常务会议部署完善消费品进出口相关政策", "中国政府网"),
    ("政策法规", "商务部办公厅关于印发《2015年电子商务工作要点》的通知", "商务部网站"),
    ("政策法规", "国务院办公厅关于印发《2015年全国打击侵犯知识产权和制售假冒伪劣商品工作要点》的通知", "中国政府网"),
    ("行业动态", "上海与腾讯战略合作 共建“互联网+”智慧城市", "腾讯科技"),
    ("行业动态", "“互联网+”的12个风口行业", "东道网络"),
    ("行业动态", "我国电子商务发展存在的六大方面特点", "电商御林军"),
    ("新增会员", "上海诚兑金融信息服务有限公司", ""),
    ("新增会员", "上海义天网络科技有限公司", ""),
    ("新增会员", "上海熔意网络科技有限公司", ""),
    ("新增会员", "上海书阳网络科技有限公司", ""),
    ("新增会员", "上海益漾电子商务有限公司", ""),
    ("新增会员", "上海迈尚网络科技有限公司", ""),
    ("交流园地", "制胜全球电商市场的七大黄金法则", "雨果网"),
    ("交流园地", "B2C电商平台的十大发展趋势", "搜狐网"),
]


@pytest.fixture(scope="module")
def issue_004():
    return parse_newsletter(seed_text(NEWSLETTER))


def test_004_splits_into_the_17_items_of_its_table_of_contents(issue_004):
    assert [(i.section, i.title, i.outlet) for i in issue_004.items] == EXPECTED_004
    assert [i.position for i in issue_004.items] == list(range(1, 18))


def test_the_toc_is_not_an_article(issue_004):
    assert len(issue_004.toc) == 17 and issue_004.toc[0] == "编辑寄语"
    first = issue_004.items[1].body
    assert "上海迈尚网络科技有限公司" not in first and "【编辑寄语】" not in first
    assert not issue_004.items[0].body.startswith("目录")


def test_issue_metadata(issue_004):
    assert issue_004.source_name == "上海市电子商务行业协会"
    assert issue_004.newsletter_name == "电子商务资讯"
    assert issue_004.issue_label == "2015年3、4月合刊 第2期 总第142期"
    assert issue_004.published_at.strftime("%Y-%m") == "2015-03" and issue_004.date_precision == "month"


def test_kinds_editorial_profiles_articles(issue_004):
    kinds = [i.kind for i in issue_004.items]
    assert kinds[0] == "editorial" and kinds[9:15] == ["profile"] * 6 and kinds[16] == "article"


def test_attribution_stays_out_of_the_body_and_is_kept_raw(issue_004):
    item = issue_004.items[1]
    assert item.attribution.raw == "(来源: CNET科技资讯网 摘自: 网易科技)"
    assert "来源" not in item.body.split("\n")[-1]


def test_lines_broken_inside_a_sentence_are_rejoined(issue_004):
    body = issue_004.items[1].body
    assert "增加公共产品和服务供给，加大政府对教育" in body
    assert "13亿人口、9亿劳动力资源" in body  # `13 亿` tidied


def test_a_profile_keeps_its_fields_as_paragraphs(issue_004):
    lines = issue_004.items[10].body.split("\n")
    assert lines[0].startswith("主要业务经营范围：") and lines[1].startswith("会员企业情况介绍：")


NO_TOC = """上海某协会简报
2013年第1期

【协会动态】

跨境电商沙龙在沪举行

1月15日，协会举办跨境电商沙龙，三十余家会员企业参加。

（大华网2013年1月17日http://www.dahuawang.com/2013/0116/123.html）

【亿邦动力网讯】1月16日，某平台宣布上线在线交易系统，支持担保交易。

（本文转载自亿邦动力网:http://www.ebrun.com/20130116/65.shtml）

[图片]

【行业观察】

产业带频道扩容

多个地方产业带频道在年初集中上线，地方政府参与运营。

（转载自http://b2b.toocle.com/detail--6071.html）
"""


@pytest.fixture(scope="module")
def no_toc():
    return parse_newsletter(NO_TOC)


def test_without_a_toc_items_are_cut_at_sections_titles_and_attributions(no_toc):
    assert [(i.section, i.title) for i in no_toc.items] == [
        ("协会动态", "跨境电商沙龙在沪举行"),
        ("协会动态", "1月16日，某平台宣布上线在线交易系统，支持担保交易"),
        ("行业观察", "产业带频道扩容"),
    ]


def test_an_in_paragraph_byline_is_not_a_section_and_names_the_outlet(no_toc):
    item = no_toc.items[1]
    assert item.section == "协会动态" and item.title_derived
    assert item.outlet == "亿邦动力网"


def test_the_url_date_wins_over_the_stated_date_and_both_are_kept(no_toc):
    attribution = no_toc.items[0].attribution
    assert attribution.outlet == "大华网"
    assert attribution.published_at.date().isoformat() == "2013-01-17"
    assert attribution.url_date.date().isoformat() == "2013-01-16"
    assert no_toc.items[0].published_at.date().isoformat() == "2013-01-16"


def test_an_attribution_with_only_a_url_names_the_host(no_toc):
    assert no_toc.items[2].url == "http://b2b.toocle.com/detail--6071.html"
    assert no_toc.items[2].outlet


def test_image_placeholders_are_dropped(no_toc):
    assert all("[图片]" not in i.body for i in no_toc.items)


@pytest.mark.parametrize("form", ["gb18030", "docx", "pdf", "pdf-large-type"])
def test_the_same_issue_in_other_formats_gives_the_same_items(issue_004, form):
    text = seed_text(NEWSLETTER)
    data = {"gb18030": lambda: text.encode("gb18030"), "docx": lambda: make_docx(text),
            "pdf": lambda: make_pdf(text),
            # larger type wraps long titles onto two lines, in the contents and above the article
            "pdf-large-type": lambda: make_pdf(text, font_size=12.5)}[form]()
    parsed = parse_document(data, f"004.{form}", time_limit=None)
    assert parsed.kind == "newsletter"
    assert [(i.section, i.title) for i in parsed.items] == [(i.section, i.title) for i in issue_004.items]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("【】（）()：:来源摘自目录第期年月12 \n\t.电商协会会刊http://a.cn/2013/0101/")),
               max_size=400))
def test_no_text_makes_the_splitter_raise_anything_but_its_own_error(text):
    try:
        parse_newsletter(text)
    except IngestError:
        pass

"""An issue with no contents list is split where an editor would split it, in every format.

The issue (newsletter_samples) is seed 004's articles laid out like another association's
newsletter: sections, most articles closed by a source line with a URL, sub-headings and
numbered steps inside articles, image placeholders, a masthead and a colophon.
"""

import re

import pytest

from articles.ingest import parse_document
from articles.ingest.attribution import is_attribution, separate_attributions
from articles.ingest.newsletter import parse_newsletter
from articles.ingest.toc import key as toc_key
from tests.articles.ingest.makefiles import NEWSLETTER, cjk, make_docx, make_pdf, seed_text
from tests.articles.ingest.newsletter_samples import ARTICLES, ISSUE_MONTH, issue_text
from tests.articles.ingest.test_newsletter import EXPECTED_004

HEADER = "网商通讯  2013年第1期"


def _key(title: str) -> str:
    """A title as compared across copies: letters, digits and ideographs only (the
    contents list prints 李克强: where the article prints 李克强：)."""
    return toc_key(title)


def _read(form: str, text: str):
    data = {
        "utf-8": lambda: text.encode("utf-8"),
        "gb18030": lambda: text.encode("gb18030"),
        "docx": lambda: make_docx(text),
        "pdf": lambda: make_pdf(text, header=HEADER),
        "pdf-large-type": lambda: make_pdf(text, header=HEADER, font_size=12.5),
    }[form]()
    suffix = {"utf-8": "txt", "gb18030": "txt", "pdf-large-type": "pdf"}.get(form, form)
    return parse_document(data, f"issue.{suffix}", time_limit=None)


FORMS = ["utf-8", "gb18030", "docx", "pdf", "pdf-large-type"]


@pytest.fixture(scope="module")
def as_text():
    return _read("utf-8", issue_text())


@pytest.mark.parametrize("form", FORMS)
def test_every_format_gives_each_article_once_with_its_own_source_and_date(form):
    parsed = _read(form, issue_text())
    assert parsed.kind == "newsletter"
    got = [(i.section, _key(i.title), i.url, i.outlet, _date(i)) for i in parsed.items]
    expected = [(a.section, _key(a.title), a.url, a.outlet, a.date) for a in ARTICLES]
    assert got == expected


@pytest.mark.parametrize("form", ["gb18030", "docx", "pdf", "pdf-large-type"])
def test_every_format_gives_the_same_text_as_the_text_file(as_text, form):
    parsed = _read(form, issue_text())
    assert [cjk(i.body) for i in parsed.items] == [cjk(i.body) for i in as_text.items]


def _date(item) -> str:
    fmt = {"year": "%Y", "month": "%Y-%m"}.get(item.date_precision, "%Y-%m-%d")
    return item.published_at.strftime(fmt) if item.published_at else ""


def test_the_masthead_gives_the_issue_its_name_association_number_and_month(as_text):
    assert as_text.title == "网商通讯" and as_text.newsletter_name == "网商通讯"
    assert as_text.source_name == "某市网商协会"
    assert as_text.issue_label == "2013年第1期 总第25期"
    assert as_text.published_at.strftime("%Y-%m") == ISSUE_MONTH and as_text.date_precision == "month"


def test_an_item_without_a_date_of_its_own_carries_the_issues_month(as_text):
    undated = [
        i for i in as_text.items if i.attribution is None or not (i.attribution.url_date or i.attribution.published_at)
    ]
    assert undated and all(
        i.published_at.strftime("%Y-%m") == ISSUE_MONTH and i.date_precision == "month" for i in undated
    )


def test_sub_headings_and_numbered_steps_go_on_with_their_article(as_text):
    bodies = {i.title: i.body for i in as_text.items}
    assert (
        "打击假货、窜货，规范集市秩序"
        in bodies["李克强主持召开国务院常务会议确定加快发展电子商务的措施 培育经济新动力"]
    )
    assert "1.找到目标用户" in bodies["我国电子商务发展存在的六大方面特点"]
    assert "一、本土政策及财政支持" in bodies["制胜全球电商市场的七大黄金法则"]


def test_image_placeholders_are_never_items_titles_or_text(as_text):
    assert all("image" not in i.title and "[图片]" not in i.body and "image1" not in i.body for i in as_text.items)


def test_the_colophon_is_no_articles_text(as_text):
    assert all("地址：" not in i.body and "主办：" not in i.body for i in as_text.items)


def test_a_byline_opening_a_paragraph_is_not_a_section(as_text):
    item = next(i for i in as_text.items if i.title == "我国电子商务发展存在的六大方面特点")
    assert "【亿邦动力网讯】" in item.body and item.section == "产业透视"


def test_section_names_printed_without_brackets_are_still_sections():
    text = re.sub(r"【(本期关注|产业透视|网商实战|协会动态)】", r"◆ \1", issue_text())
    parsed = parse_newsletter(text)
    assert [(i.section, _key(i.title)) for i in parsed.items] == [(a.section, _key(a.title)) for a in ARTICLES]


@pytest.mark.parametrize("form", ["utf-8", "pdf"])
def test_source_lines_printed_under_their_titles_still_give_each_article_once(form):
    parsed = _read(form, issue_text(source_under_title=True))
    assert [(i.section, _key(i.title), i.url) for i in parsed.items] == [
        (a.section, _key(a.title), a.url) for a in ARTICLES
    ]


def test_seed_004_without_its_contents_list_gives_the_same_17_items():
    text = seed_text(NEWSLETTER)
    start = text.index("目录")
    body = text.index("【编辑寄语】", start + 10)
    parsed = parse_newsletter(text[:start] + text[body:])
    assert [(i.section, _key(i.title)) for i in parsed.items] == [(s, _key(t)) for s, t, _ in EXPECTED_004]


def test_a_piece_of_a_paragraph_carried_over_a_page_is_not_an_item():
    # a PDF's pages: a line the page width filled ends page 1, the sentence goes on on page 2
    long_line = "在电子商务的发展中，平台的考核方式决定了商家的行为，有的平台既没有流量上"
    pages = [
        "\n".join(["网商通讯", "【产业透视】", "", "平台考核与商家", "", long_line, "第 1 页"]),
        "\n".join(
            [
                "网商通讯",
                "的考核，也不会有收入上的考核。这让商家可以专心经营。",
                "",
                "（来源：某网 http://a.example.cn/2013/0110/1.html）",
                "",
                "下一篇文章的标题",
                "第 2 页",
            ]
        ),
        "\n".join(
            [
                "网商通讯",
                "这是下一篇文章的正文，说明了另一件事情。",
                "",
                "（来源：某网 http://a.example.cn/2013/0111/2.html）",
                "第 3 页",
            ]
        ),
    ]
    parsed = parse_newsletter("\n".join(pages), pages)
    assert [i.title for i in parsed.items] == ["平台考核与商家", "下一篇文章的标题"]
    assert "有的平台既没有流量上的考核，也不会有收入上的考核。" in parsed.items[0].body


def test_no_item_is_empty():
    # a heading with nothing under it but a picture, then an article
    lines = ["【协会动态】", "协会活动剪影", "[image: image3.jpg]", "【行业资讯】", "第二条消息的标题",
             "这是第二条消息的正文内容。", "（来源：某网 http://a.cn/x）", "【会员风采】", "[图片]"]
    parsed = parse_newsletter("\n\n".join(lines))
    assert [(i.section, i.title) for i in parsed.items] == [("行业资讯", "第二条消息的标题")]


def test_a_source_line_wrapped_at_the_page_width_is_joined_whole():
    lines = [
        "会议还研究了其他事项。（来源：中国政府网 http://www.gov.cn/guowuyuan/2015-04/0",
        "1/content_2841598.htm）",
        "下一篇",
    ]
    assert separate_attributions(lines) == [
        "会议还研究了其他事项。",
        "（来源：中国政府网 http://www.gov.cn/guowuyuan/2015-04/01/content_2841598.htm）",
        "下一篇",
    ]


def test_brackets_that_are_not_sources_are_left_as_they_are():
    lines = ["（一）培育和催生经济", "社会发展新动力", "他说（大意如此）很好。"]
    assert separate_attributions(lines) == lines


@pytest.mark.parametrize(
    "line", ["原文链接：http://a.cn/1.html", "文章来源：中国政府网", "（转载自http://b2b.toocle.com/x.html）"]
)
def test_source_lines_in_the_forms_associations_print(line):
    assert is_attribution(line)


@pytest.mark.parametrize("line", ["数据来源：国家统计局", "（一）培育和催生经济社会发展新动力", "（上海某某有限公司）"])
def test_lines_that_are_not_source_lines(line):
    assert not is_attribution(line)


def test_with_few_source_lines_headings_still_split_the_articles():
    text = "\n\n".join(
        [
            "某协会简报",
            "第3期",
            "【协会动态】",
            "协会召开理事会",
            "1月10日，协会召开理事会，审议年度工作计划。",
            "协会举办培训",
            "1月12日，协会举办电商培训，六十人参加。",
            "会员走访活动",
            "1月14日，秘书处走访五家会员企业。",
            "【行业资讯】",
            "跨境电商新政发布",
            "某部门发布跨境电商新政，简化通关手续。",
            "（来源：某网）",
        ]
    )
    parsed = parse_newsletter(text)
    assert [i.title for i in parsed.items] == ["协会召开理事会", "协会举办培训", "会员走访活动", "跨境电商新政发布"]


def test_an_unsourced_article_between_sourced_ones_is_an_article_of_its_own():
    """Most articles end with a source line, so headings before one are sub-headings; but a
    heading whose text opens like news (its day, an outlet's byline) starts an article."""
    text = "\n\n".join(
        [
            "某协会简报",
            "2015年第3期",
            "2015年4月",
            "【行业资讯】",
            "跨境电商新政发布",
            "某部门发布跨境电商新政，简化通关手续，企业出口更加便利。",
            "政策要点",
            "新政包括简化申报、统一查验和快速退税三项内容。",
            "（来源：某网 http://news.example.cn/2015/0401/a.html）",
            "协会举办跨境电商培训",
            "4月2日，协会举办跨境电商培训，六十家会员企业参加。",
            "电商平台发布年度报告",
            "【亿邦动力网讯】某平台发布年度报告，全年交易额增长三成。",
            "（来源：亿邦动力网 http://www.ebrun.com/20150402/1.shtml）",
            "农村电商试点扩大",
            "2015年4月3日，商务部宣布农村电商试点扩大到两百个县。",
            "（来源：商务部网站 http://www.mofcom.gov.cn/article/t20150403_2.html）",
        ]
    )
    parsed = parse_newsletter(text)
    assert [(i.title, i.outlet, _date(i)) for i in parsed.items] == [
        ("跨境电商新政发布", "某网", "2015-04-01"),
        ("协会举办跨境电商培训", "", "2015-04"),
        ("电商平台发布年度报告", "亿邦动力网", "2015-04-02"),
        ("农村电商试点扩大", "商务部网站", "2015-04-03"),
    ]
    assert "政策要点" in parsed.items[0].body

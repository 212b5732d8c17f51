"""Lines a person copying an article out of a page leaves behind, and the page's layout before extraction."""
from bs4 import BeautifulSoup

from articles.ingest.boilerplate import is_prose, trim_body
from articles.ingest.layout import drop_notices, measure, unwrap_layout_tables

ARTICLE = [
    "记者日前从义乌市商务部门获悉，跨境B2B撮合平台运行首月，累计撮合成交额超过三亿元。",
    "业内人士认为，产业带与跨境电商的结合正在改变中小外贸企业的获客方式。",
]


def test_breadcrumbs_and_teasers_for_other_articles_are_dropped():
    lines = ["您所在的位置： 首页 > 快讯 > 公司", *ARTICLE, "致敬改革开放四十年，文化大家讲述亲历 【详细】"]
    assert trim_body(lines) == ARTICLE


def test_a_disclaimer_after_the_article_ends_it():
    disclaimer = "声明：本网力求信息真实、准确，文章提及内容仅供参考，不构成投资建议。"
    assert trim_body([*ARTICLE, disclaimer, "证券时报APP 微信公众号"]) == ARTICLE


def test_a_notice_heading_ends_the_article_with_the_clauses_under_it():
    clause = "一、任何单位或个人使用本报原创内容，必须事先取得书面授权；"
    assert trim_body([*ARTICLE, "反侵权公告：", clause, "陈律师（法律顾问）"]) == ARTICLE


def test_related_news_after_the_article_ends_it():
    assert trim_body([*ARTICLE, "相关新闻", "一家人乘车赴跨国婚礼", "湖州：山村箍桶匠坚守57年"]) == ARTICLE


def test_a_list_heading_above_the_article_is_only_a_line_to_drop():
    assert trim_body(["发表评论", "查看评论", *ARTICLE]) == ["查看评论", *ARTICLE]


def test_a_metadata_table_is_not_prose_and_a_sentence_is():
    assert not is_prose(["索 引 号：", "11220000013544357T/2022-00426", "发文机关：", "吉林省人民政府"])
    assert is_prose(ARTICLE)


def _layout(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "lxml")
    sizes = measure(soup)
    unwrap_layout_tables(soup, sizes)
    drop_notices(soup, sizes)
    return soup


def test_a_data_table_inside_a_layout_table_stays_a_table():
    rows = "".join(f"<tr><td><div>0504{n}</div></td><td><div>方向{n}</div></td><td>导师{n}</td></tr>" for n in range(5))
    page = f"<table><tr><td><p>{ARTICLE[0]}</p><table id='grid'>{rows}</table></td></tr></table>"
    soup = _layout(page)
    assert soup.find("table", id="grid") is not None and len(soup.find_all("table")) == 1


def test_a_whole_notice_block_is_removed_before_extraction():
    notice = "【免责声明】本文仅代表作者本人观点，与本网无关。本网站对文中陈述、观点判断保持中立，请读者仅作参考。"
    soup = _layout(f"<body><div><p>{ARTICLE[0]}</p></div><div class='x'>{notice}</div></body>")
    assert "免责声明" not in soup.get_text() and ARTICLE[0] in soup.get_text()

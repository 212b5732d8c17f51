"""The one heading recogniser, and running headers told apart from their page marks."""
import pytest

from articles.ingest.clean import drop_running_lines, running_key
from articles.ingest.headings import follows, is_contents_heading, parse_heading


@pytest.mark.parametrize("line, expected", [
    ("第一章：总则", ("ordinal", "1", "总则", 1)),
    ("第二十四章：后续还能怎么演进", ("ordinal", "24", "后续还能怎么演进", 1)),
    ("## 第一章　总则", ("ordinal", "1", "总则", 1)),
    ("### 第二节 委托人", ("ordinal", "2", "委托人", 2)),
    ("2.1、 涨跌幅因子时间维度的切割效果不佳", ("arabic", "2.1", "涨跌幅因子时间维度的切割效果不佳", 2)),
    ("1 三大趋势指明新一代工业品电商机遇", ("arabic", "1", "三大趋势指明新一代工业品电商机遇", 1)),
    ("三、基于圆弧底形态的策略", ("chinese", "3", "基于圆弧底形态的策略", 1)),
    ("**1. 复习iOS的rebase和bind**", ("arabic", "1", "复习iOS的rebase和bind", 1)),
    ("后记", ("named", "", "后记", 1)),
])
def test_headings_are_read_with_their_number_title_and_level(line, expected):
    h = parse_heading(line)
    assert (h.style, h.number, h.title, h.level) == expected


@pytest.mark.parametrize("line", [
    "1、取当日向前追溯两年的股价数据进行核回归，根据核回归的结果找到所有局部极值点；",
    "7、对于其他极小值点-极大值点组合，重复上述过程。",
    "3) 货到付款制度",
    "2016 年 1 月 8 日,在国务院新闻办召开的发布会上",
    "第一章：总则。",
])
def test_numbered_sentences_and_steps_are_not_headings(line):
    assert parse_heading(line) is None


def test_a_laws_article_is_recognised_as_a_clause_that_continues_its_chapter():
    assert parse_heading("第十条 拍卖人是指依照本法设立的从事拍卖活动的企业法人。").is_clause


def test_heading_numbers_are_read_as_numbers_whatever_their_numerals():
    lines = ("第一章 总则", "第二十四章：结语", "第一百零三条 附则", "十二、展望", "第7节 小结")
    assert [parse_heading(line).number for line in lines] == ["1", "24", "103", "12", "7"]


def test_an_outline_number_must_follow_the_one_before():
    assert follows("", "1") and follows("2", "2.1") and follows("2.2", "3") and follows("2.3.1", "2.4")
    assert not follows("3.3", "1") and not follows("4.1", "2.3") and not follows("2", "2.2")


def test_contents_headings_with_spaces_and_marks():
    assert all(is_contents_heading(line) for line in ("目 录", "## 目录", "内容目录", "图表目录", "CONTENTS"))
    assert not is_contents_heading("目录管理办法")


def test_a_running_header_is_the_same_on_every_page_without_its_page_mark():
    assert running_key("请务必参阅正文后面的信息披露和法律声明 3 / 10") == "请务必参阅正文后面的信息披露和法律声明"
    assert running_key("- 2 - 请务必阅读正文之后的重要声明部分") == "请务必阅读正文之后的重要声明部分"
    assert running_key("2 / 4") == ""


def test_running_headers_and_page_marks_go_wherever_they_are_on_the_page():
    pages = [f"声明见文末 {n} / 3\n第{n}页的正文在这里。\n{n} / 3" for n in range(1, 4)]
    # The first page prints its header without the mark.
    pages[0] = pages[0].replace("声明见文末 1 / 3", "声明见文末")
    text = "\n".join(pages)
    expected = ["第1页的正文在这里。", "第2页的正文在这里。", "第3页的正文在这里。"]
    assert drop_running_lines(text, pages).split("\n") == expected

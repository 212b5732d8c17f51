from datetime import date

import pytest

from keywords.text.chinese_dates import cn_number, find_dates

DEC_2013 = date(2013, 12, 19)


def only(text, published=DEC_2013):
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    return found[0].when, found[0].precision


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2013年9月", (date(2013, 9, 1), "month")),
        ("2015 年 4 月 1 日", (date(2015, 4, 1), "day")),
        ("二〇一五年", (date(2015, 1, 1), "year")),
        ("二零一五年十二月三十一日", (date(2015, 12, 31), "day")),
        ("2013年Q3", (date(2013, 7, 1), "quarter")),
        ("2014 年第 2 季度", (date(2014, 4, 1), "quarter")),
        ("2013-09-01", (date(2013, 9, 1), "day")),
        ("2013.9", (date(2013, 9, 1), "month")),
        ("２０１５年４月", (date(2015, 4, 1), "month")),
    ],
)
def test_explicit_dates_are_normalised_with_their_precision(text, expected):
    assert only(text) == expected


def test_month_without_year_takes_the_articles_year():
    assert only("9月，上海自贸区挂牌") == (date(2013, 9, 1), "month")


def test_month_without_year_takes_the_paragraphs_year_first():
    found = find_dates("2015年1月,试点开始；5月,扩大", published=DEC_2013)
    assert [d.when for d in found] == [date(2015, 1, 1), date(2015, 5, 1)]


def test_relative_years_and_months_are_resolved_against_the_publication_date():
    assert only("今年5月") == (date(2013, 5, 1), "month")
    assert only("去年") == (date(2012, 1, 1), "year")
    assert only("前年") == (date(2011, 1, 1), "year")
    assert only("明年") == (date(2014, 1, 1), "year")
    assert only("上月") == (date(2013, 11, 1), "month")
    assert only("去年底") == (date(2012, 12, 1), "month")


def test_relative_dates_without_a_publication_date_are_skipped():
    assert find_dates("今年5月上线，9月扩张", published=None) == []


def test_parts_of_a_year_get_a_coarse_precision():
    assert only("年初") == (date(2013, 1, 1), "month")
    assert only("2013年年底") == (date(2013, 12, 1), "month")
    assert only("上半年") == (date(2013, 1, 1), "year")
    assert only("2015年下半年") == (date(2015, 7, 1), "year")
    assert only("第三季度") == (date(2013, 7, 1), "quarter")
    assert only("Q3") == (date(2013, 7, 1), "quarter")


@pytest.mark.parametrize(
    "text",
    ["1688平台", "13 亿人口", "400亿元", "增长12.7%", "12.3采购节", "9.4备货节", "90年代", "前11个月",
     "三四月间", "加上年轻团队", "2013.9亿元", "2月30日"],
)
def test_numbers_that_are_not_dates_are_ignored(text):
    assert find_dates(text, published=DEC_2013) == []


def test_chinese_numerals():
    assert cn_number("十二") == 12
    assert cn_number("三十一") == 31
    assert cn_number("二〇一五") == 2015
    assert cn_number("09") == 9


def test_offsets_point_at_the_expression():
    text = "据悉，2013 年 7 月国务院发布"
    (d,) = find_dates(text)
    assert text[d.start:d.end].strip() == d.raw == "2013 年 7 月"

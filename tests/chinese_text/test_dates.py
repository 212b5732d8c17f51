from datetime import date, datetime

import pytest

from chinese_text.dates import (
    CHINA,
    date_label,
    find_dates,
    first_day,
    opens_with_day,
    parse_published,
    stated_date,
    url_date,
)

DEC_2013 = date(2013, 12, 19)


def only(text, published=DEC_2013):
    found = find_dates(text, published=published)
    assert len(found) == 1, found
    return found[0].when, found[0].precision


# --- dates in running text -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2013年9月", (date(2013, 9, 1), "month")),
        ("2015 年 4 月 1 日", (date(2015, 4, 1), "day")),
        ("二〇一五年", (date(2015, 1, 1), "year")),
        ("二零一五年十二月三十一日", (date(2015, 12, 31), "day")),
        ("二〇一三年三月", (date(2013, 3, 1), "month")),
        ("二〇一三年三月廿三日", (date(2013, 3, 23), "day")),
        ("2013年Q3", (date(2013, 7, 1), "quarter")),
        ("2014 年第 2 季度", (date(2014, 4, 1), "quarter")),
        ("2013-09-01", (date(2013, 9, 1), "day")),
        ("2015.03.01", (date(2015, 3, 1), "day")),
        ("2013.9", (date(2013, 9, 1), "month")),
        ("２０１５年４月", (date(2015, 4, 1), "month")),
    ],
)
def test_explicit_dates_are_normalised_with_their_precision(text, expected):
    assert only(text) == expected


def test_a_month_without_a_day_has_month_precision():
    assert only("2013年3月，义乌试点启动") == (date(2013, 3, 1), "month")


def test_a_range_of_months_is_its_first_month():
    assert only("2013年3、4月合刊") == (date(2013, 3, 1), "month")
    assert only("1-3月，销售额增长") == (date(2013, 1, 1), "month")


def test_months_listed_one_by_one_are_two_dates():
    assert [d.when for d in find_dates("2月、3月", published=DEC_2013)] == [date(2013, 2, 1), date(2013, 3, 1)]


def test_month_without_year_takes_the_articles_year():
    assert only("9月，上海自贸区挂牌") == (date(2013, 9, 1), "month")


def test_month_without_year_takes_the_paragraphs_year_first():
    found = find_dates("2015年1月,试点开始；5月,扩大", published=DEC_2013)
    assert [d.when for d in found] == [date(2015, 1, 1), date(2015, 5, 1)]


def test_an_earlier_paragraphs_year_does_not_carry_over():
    found = find_dates("2015年1月,试点开始\n5月,扩大", published=DEC_2013)
    assert [d.when for d in found] == [date(2015, 1, 1), date(2013, 5, 1)]


def test_relative_years_and_months_are_resolved_against_the_publication_date():
    assert only("今年5月") == (date(2013, 5, 1), "month")
    assert only("去年") == (date(2012, 1, 1), "year")
    assert only("前年") == (date(2011, 1, 1), "year")
    assert only("明年") == (date(2014, 1, 1), "year")
    assert only("上月") == (date(2013, 11, 1), "month")
    assert only("上个月底") == (date(2013, 11, 1), "month")
    assert only("去年底") == (date(2012, 12, 1), "month")
    assert only("今年第三季度") == (date(2013, 7, 1), "quarter")


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


def test_offsets_point_at_the_expression():
    text = "据悉，2013 年 7 月国务院发布"
    (d,) = find_dates(text)
    assert text[d.start:d.end].strip() == d.raw == "2013 年 7 月"


# --- a stated publication date ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso", "precision"),
    [
        ("2013-12-19 17:44", "2013-12-19T17:44:00+08:00", "minute"),
        ("2013-12-19T17:44:05", "2013-12-19T17:44:05+08:00", "minute"),
        ("2013年12月19日 17：44", "2013-12-19T17:44:00+08:00", "minute"),
        ("2013-12-19", "2013-12-19T00:00:00+08:00", "day"),
        ("2015.03.01", "2015-03-01T00:00:00+08:00", "day"),
        ("2015年4月1日", "2015-04-01T00:00:00+08:00", "day"),
        ("二〇一三年三月五日", "2013-03-05T00:00:00+08:00", "day"),
        ("2015 年 4 月", "2015-04-01T00:00:00+08:00", "month"),
        ("2013年3、4月合刊", "2013-03-01T00:00:00+08:00", "month"),
        ("二〇一三年", "2013-01-01T00:00:00+08:00", "year"),
        ("2013-12-19T09:44:00+00:00", "2013-12-19T09:44:00+00:00", "minute"),
        ("发布时间：2013-12-19 17:44 来源：新华网", "2013-12-19T17:44:00+08:00", "minute"),
    ],
)
def test_dates_as_chinese_outlets_write_them(value, iso, precision):
    when, found_precision = parse_published(value)
    assert when.isoformat() == iso
    assert found_precision == precision


def test_a_stated_quarter_is_kept_as_its_year():
    when, precision = parse_published("2013年第三季度")
    assert (when.year, precision) == (2013, "year")


def test_a_time_only_counts_after_a_whole_day():
    assert parse_published("2013年12月 17:44")[1] == "month"


@pytest.mark.parametrize("line", ["2013年3月", "2013.3", "二〇一三年三月", "2013-12-19 17:44"])
def test_a_line_that_is_only_a_date_is_read_whole(line):
    assert parse_published(line, whole=True)[0] is not None


@pytest.mark.parametrize("line", ["2013年3月发布", "截至2013年3月", "2013年第1期 总第25期"])
def test_a_line_that_only_mentions_a_date_is_not_a_date_line(line):
    assert parse_published(line, whole=True)[0] is None


def test_a_stated_date_says_where_it_stands_so_the_rest_can_be_read():
    line = "（大华网2013年1月17日http://www.dahuawang.com/）"
    found = stated_date(line)
    assert line[found.start:found.end] == "2013年1月17日"
    assert (found.when.isoformat(), found.precision) == ("2013-01-17T00:00:00+08:00", "day")


@pytest.mark.parametrize("value", ["", "昨天", "2013-13-45", "上月", "9月5日"])
def test_unreadable_or_relative_stated_dates_are_none(value):
    assert parse_published(value)[0] is None


# --- dates in URLs, and the label of a date ------------------------------------------


@pytest.mark.parametrize(
    "url, day",
    [
        ("http://www.ebrun.com/20130116/65432.shtml", date(2013, 1, 16)),
        ("http://news.xinhuanet.com/fortune/2013-01/16/c_124235.htm", date(2013, 1, 16)),
        ("http://www.chinanews.com/it/2013/01-16/4493337.shtml", date(2013, 1, 16)),
        ("http://www.gov.cn/zwgk/2013-01/17/content_2314.htm", date(2013, 1, 17)),
        ("http://www.mofcom.gov.cn/article/ae/ai/201301/t20130117_1234.html", date(2013, 1, 17)),
        ("http://tech.163.com/13/0116/10/8LQ.html", None),
        ("http://example.cn/2013/13/45/a.html", None),
    ],
)
def test_a_url_names_its_day_in_its_path(url, day):
    found = url_date(url)
    assert (found.date() if found else None) == day
    assert found is None or found.tzinfo == CHINA


@pytest.mark.parametrize(
    "precision, label",
    [("year", "2013年"), ("quarter", "2013年第3季度"), ("month", "2013年9月"), ("day", "2013年9月5日"),
     ("minute", "2013年9月5日 08:30")],
)
def test_a_date_is_labelled_as_precisely_as_it_was_written(precision, label):
    assert date_label(datetime(2013, 9, 5, 8, 30, tzinfo=CHINA), precision) == label


@pytest.mark.parametrize(
    "text, day",
    [("新闻联播 20250110", date(2025, 1, 10)), ("xwlb_20221108.md", date(2022, 11, 8)), ("订单号 202501101234", None),
     ("t20130117", None), ("20251301", None)],
)
def test_eight_digits_alone_are_a_compact_day(text, day):
    found = [d for d in find_dates(text) if d.precision == "day"]
    assert [d.when for d in found] == ([day] if day else [])
    assert all(d.explicit_year for d in found)


def test_the_first_day_skips_coarser_dates():
    found = first_day("2024年工作回顾，2025年1月10日发布")
    assert found.when == date(2025, 1, 10) and found.raw == "2025年1月10日"


@pytest.mark.parametrize(
    "text, opens",
    [("1月12日，协会举办培训。", True), ("2015年4月3日上午，商务部宣布…", True), ("１月１２日，协会…", True),
     ("1月12日协会举办培训。", False), ("协会于1月12日举办培训。", False), ("2015年，电商交易额增长三成。", False)],
)
def test_a_paragraph_that_opens_with_its_day_and_a_pause_opens_like_news(text, opens):
    assert opens_with_day(text) is opens

"""A newsletter's masthead read as a person reads it: name, association, issue, date."""

import pytest

from articles.ingest.masthead import colophon_start, is_masthead_line, read_masthead


@pytest.mark.parametrize(
    ("head", "publication", "association", "issue", "date", "precision"),
    [
        (
            [
                "Shanghai eCommerce Association",
                "会员资料 注意保存",
                "电子商务资讯",
                "2015年3、4月合刊第2期总第142期",
                "上海市电子商务行业协会主办",
            ],
            "电子商务资讯",
            "上海市电子商务行业协会",
            "2015年3、4月合刊 第2期 总第142期",
            "2015-03",
            "month",
        ),
        (
            ["网商通讯", "2013年第1期（总第25期）", "某市网商协会秘书处编印", "2013年1月"],
            "网商通讯",
            "某市网商协会",
            "2013年第1期 总第25期",
            "2013-01",
            "month",
        ),
        (["上海某协会简报", "2013年第1期"], "上海某协会简报", "上海某协会", "2013年第1期", "2013", "year"),
        (
            ["《浙江电商》", "第12期", "主办：浙江省电子商务促进会"],
            "浙江电商",
            "浙江省电子商务促进会",
            "第12期",
            "",
            "",
        ),
        (
            ["工作简报", "第 3 期", "市商务局办公室编    2019年4月2日"],
            "工作简报",
            "市商务局办公室",
            "第3期",
            "2019-04-02",
            "day",
        ),
        (["网商会刊 2013年1月 总第56期"], "网商会刊", "", "2013年1月 总第56期", "2013-01", "month"),
    ],
)
def test_the_masthead_names_the_publication_association_issue_and_date(
    head, publication, association, issue, date, precision
):
    masthead = read_masthead(head)
    assert (masthead.publication, masthead.association, masthead.issue_label) == (publication, association, issue)
    fmt = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}.get(precision)
    assert (masthead.published_at.strftime(fmt) if masthead.published_at else "") == date
    if date:
        assert masthead.precision == precision


def test_an_association_named_only_in_the_colophon_is_found_there():
    masthead = read_masthead(["会员通讯", "第5期"], ["编辑：王某", "主办：某省电子商务协会", "地址：某路1号"])
    assert masthead.association == "某省电子商务协会"


def test_a_stated_day_is_finer_than_the_issue_labels_month():
    masthead = read_masthead(["会刊", "2013年1月合刊", "2013年1月20日"])
    assert masthead.published_at.strftime("%Y-%m-%d") == "2013-01-20" and masthead.precision == "day"


def test_the_colophon_is_where_the_publisher_or_editors_are_named_among_contact_lines():
    body = ["正文最后一段。", "编辑：王某", "主办：某市网商协会", "地址：某路1号  电话：000"]
    assert colophon_start(body) == 1


def test_a_profiles_own_web_address_is_not_a_colophon():
    body = ["公司简介。", "单位网址：www.example.com", "网址：www.example.com"]
    assert colophon_start(body) == len(body)


@pytest.mark.parametrize(
    "line", ["电子商务资讯", "2013年第1期", "某市网商协会主办", "ONLINE MERCHANTS NEWSLETTER", "2013年1月"]
)
def test_masthead_lines(line):
    assert is_masthead_line(line)


@pytest.mark.parametrize("line", ["李克强：制定“互联网+”计划 已设立400亿元基金", "1月15日，协会举办跨境电商沙龙。"])
def test_titles_and_text_are_not_masthead_lines(line):
    assert not is_masthead_line(line)

import pytest

from articles.ingest.titles import HEADING_MAX, UNTITLED, derive_title, looks_like_title, split_title


def test_a_short_first_line_followed_by_text_is_the_title():
    assert split_title(["B2B平台上线交易系统", "慧聪网于10月底上线交易系统。"]) == (
        "B2B平台上线交易系统", ["慧聪网于10月底上线交易系统。"], False,
    )


def test_a_long_official_title_is_still_a_title():
    title = "商务部关于印发《关于促进电子商务应用的实施意见》的通知（商电函〔2013〕911号）"
    assert looks_like_title(title)


@pytest.mark.parametrize("line", ["海关出台配套措施。", "主要措施如下：", "据悉，", ""])
def test_a_line_that_ends_like_text_is_not_a_title(line):
    assert not looks_like_title(line)


def test_a_heading_amid_text_is_held_to_the_shorter_length():
    line = "跨境电子商务综合试验区建设的若干经验与下一步推进的思路和具体安排措施以及各地试点情况汇总"
    assert len(line) > HEADING_MAX
    assert looks_like_title(line) and not looks_like_title(line, longest=HEADING_MAX)


def test_without_a_title_line_the_first_sentence_becomes_the_title():
    assert split_title(["海关出台配套措施。试点城市扩大到十个。", "第二段。"]) == (
        "海关出台配套措施", ["海关出台配套措施。试点城市扩大到十个。", "第二段。"], True,
    )


def test_a_byline_is_not_part_of_a_derived_title():
    assert derive_title("【亿邦动力网讯】12月19日，敦煌网发布年度报告。") == "12月19日，敦煌网发布年度报告"


def test_a_long_first_sentence_is_cut():
    text = "据商务部统计今年前三季度全国跨境电子商务交易额同比增长超过三成其中出口占比持续上升。"
    assert derive_title(text) == text[:30]


def test_text_without_words_is_untitled():
    assert derive_title("\n \n") == UNTITLED

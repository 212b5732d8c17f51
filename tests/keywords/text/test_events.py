from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chinese_text.sentences import split_sentences
from keywords.text.events import event_key, event_sentence, extract_events

DEC_2013 = date(2013, 12, 19)


def test_each_dated_sentence_is_an_event_with_its_offset():
    text = "在线交易很热。慧聪网于10月底上线交易系统！没有日期的一句。"
    (event,) = extract_events(text, published=DEC_2013)
    assert event.sentence == "慧聪网于10月底上线交易系统！"
    assert text[event.start:].startswith("慧聪网")
    assert (event.when, event.precision, event.raw) == (date(2013, 10, 1), "month", "10月底")


def test_sentences_end_at_semicolons_and_line_breaks():
    assert [s for _, s in split_sentences("甲；乙\n丙。")] == ["甲；", "乙", "丙。"]


def test_forecast_is_not_an_event_that_happened():
    (event,) = extract_events("预计2024年，工业品电商交易规模将达2.3万亿。", published=None)
    assert event.is_forecast


def test_date_after_publication_is_a_forecast():
    (event,) = extract_events("明年平台将全面收费。", published=DEC_2013)
    assert event.is_forecast and event.when == date(2014, 1, 1)


def test_future_words_mark_a_forecast():
    for text in ["有望在2015年扩容。", "到2025年实现全覆盖。", "该计划将于2014年3月实施。"]:
        assert all(e.is_forecast for e in extract_events(text, published=None)), text


def test_will_later_in_the_sentence_does_not_make_a_past_date_a_forecast():
    (event,) = extract_events("12月，慧聪与神州数码发布公告称将成立合资公司。", published=DEC_2013)
    assert not event.is_forecast


def test_up_to_a_past_date_is_not_a_forecast():
    (event,) = extract_events("截至2013年底，累计交易额达100亿。", published=DEC_2013)
    assert not event.is_forecast


def test_reprints_of_one_event_have_the_same_key():
    a = extract_events("2013年7月，国务院发布“国六条”。", published=DEC_2013)[0]
    b = extract_events("2013 年 7 月, 国务院发布 \"国六条\"", published=None)[0]
    other = extract_events("2013年8月，国务院发布“国六条”。", published=DEC_2013)[0]
    assert event_key(a) == event_key(b) != event_key(other)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_extract_events_never_raises(text, published):
    for event in extract_events(text, published=published):
        assert event.precision in {"year", "quarter", "month", "day"}


def test_a_date_standing_alone_is_a_forecast_when_the_next_clause_predicts():
    (event,) = extract_events("2024年，中国工业品B2B电商线上交易规模将达2.3万亿规模。", published=None)
    assert event.is_forecast


def test_a_sentence_with_two_dates_is_one_event_key():
    sentence = "在企业方面，敦煌网3月宣布全程外贸开放平台上线，12月与宁波海曙区合作跨境电子商务平台。"
    march, december = extract_events(sentence, published=DEC_2013)
    assert (march.when.month, december.when.month) == (3, 12)
    assert event_key(march) == event_key(december)


def test_list_numbering_and_empty_brackets_are_cleaned_from_an_event():
    assert event_sentence("2. 阿里巴巴（）于2014年推出信用保障。") == "阿里巴巴于2014年推出信用保障。"
    assert event_sentence("（3）2013年7月，国务院发布“国六条”。") == "2013年7月，国务院发布“国六条”。"
    assert event_sentence("12.3采购节于2013年12月举行。") == "12.3采购节于2013年12月举行。"


def test_an_event_whose_subject_was_lost_is_dropped():
    assert event_sentence("1. () 于 2015 年推出了“信用保障体系”。") is None
    assert event_sentence("于2015年推出了“信用保障体系”。") is None
    assert extract_events("1. () 于 2015 年推出了“信用保障体系”，完成了贸易闭环。", published=None) == []
    assert event_sentence("于是2015年阿里推出了信用保障。") == "于是2015年阿里推出了信用保障。"

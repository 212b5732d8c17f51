from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from chinese_text.sentences import split_sentences
from keywords.text.events import event_key, extract_events

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

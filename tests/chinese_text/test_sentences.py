import pytest

from chinese_text.sentences import ends_like_text, ends_sentence, ends_statement, first_sentence, split_sentences


def test_sentences_end_at_full_stops_semicolons_and_line_breaks():
    assert [s for _, s in split_sentences("甲；乙\n丙。")] == ["甲；", "乙", "丙。"]


def test_each_sentence_knows_where_it_starts():
    text = "在线交易很热。  慧聪网于10月底上线交易系统！"
    (_, second) = split_sentences(text)
    assert second.text == "慧聪网于10月底上线交易系统！"
    assert text[second.start:].startswith("慧聪网")


def test_closing_quotes_stay_with_their_sentence():
    assert [s.text for s in split_sentences("他说：“明年上线。”随后离场。")] == ["他说：“明年上线。”", "随后离场。"]


def test_a_decimal_point_or_a_url_does_not_end_a_sentence():
    assert len(split_sentences("增长12.7%，详见www.ebrun.com的报道。")) == 1


def test_an_ellipsis_ends_a_sentence():
    assert [s.text for s in split_sentences("市场还在变化……下一步看政策。")] == ["市场还在变化……", "下一步看政策。"]


def test_the_first_sentence_of_a_text_without_marks_is_the_text():
    assert first_sentence("海关出台配套措施") == "海关出台配套措施"
    assert first_sentence("海关出台配套措施。试点扩大。") == "海关出台配套措施。"


@pytest.mark.parametrize("line", ["试点扩大。", "真的吗？", "他说：“好。”", "See the table below.", "未完待续……"])
def test_lines_that_end_a_sentence(line):
    assert ends_sentence(line)


@pytest.mark.parametrize("line", ["跨境电商试点扩大", "“互联网+”行动", "2.0", "（来源：新华网）"])
def test_lines_that_do_not_end_a_sentence(line):
    assert not ends_sentence(line)


@pytest.mark.parametrize("line", ["据悉，", "主要措施如下：", "品牌、渠道、", "试点扩大。"])
def test_a_line_stopping_at_a_pause_is_text_not_a_title(line):
    assert ends_like_text(line)


def test_a_heading_does_not_end_like_text():
    assert not ends_like_text("打击假货、窜货，规范集市秩序")


@pytest.mark.parametrize("line", ["价格战还能打多久？", "从“一带一路”看……", "What next?", "他说：“好。”", "就这样。"])
def test_a_statement_ends_with_a_full_stop_and_a_headline_may_ask_or_trail_off(line):
    assert ends_statement(line) == line.endswith(("。", "”"))

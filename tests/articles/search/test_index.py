"""What the index stores: folded words, sub-word grams and the lead (pure, no database)."""
from articles.search.index import LEAD_CHARS, grams, index_text, search_words


def test_grams_are_cjk_bigrams_and_whole_latin_runs():
    assert grams("线上线下，O2O模式") == ["线上", "上线", "线下", "o2o", "模式"]


def test_a_word_inside_a_longer_word_has_its_grams_in_a_row():
    text = grams("大数据分析")
    assert text[1:2] == grams("数据") and " ".join(grams("数据分析")) in " ".join(text)


def test_full_width_case_and_traditional_fold_to_one_form():
    assert grams("Ｐ４Ｐ與數據") == grams("p4p与数据")
    assert search_words(["Ｐ４Ｐ", "數據", "，"]) == ["p4p", "数据"]


def test_the_lead_holds_the_start_of_the_body_only():
    body = "跨境电商" + "。" + "农业" * LEAD_CHARS
    found = index_text("标题", body, ["标题"], ["跨境电商", "。"] + ["农业"] * LEAD_CHARS)
    assert found.lead.startswith("跨境电商 ")
    assert found.lead.split().count("农业") < LEAD_CHARS
    assert found.title == "标题" and found.title_grams == "标题"

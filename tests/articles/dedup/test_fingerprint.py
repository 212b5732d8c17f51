"""Normalisation: what reprints change without changing the text."""
from articles.dedup.fingerprint import content_key, exact_hash, jaccard, normalise, shingles, strip_boilerplate

TEXT = "慧聪网于10月底上线B2B在线交易系统，随后举行12.3采购节。"


def test_width_case_punctuation_and_spacing_do_not_matter():
    variant = "慧聪网于１０月底上线ｂ２ｂ在线交易系统, 随后举行12.3采购节.\n"
    assert normalise(variant) == normalise(TEXT) == "慧聪网于10月底上线b2b在线交易系统随后举行123采购节"


def test_exact_hash_ignores_bylines_urls_and_credits():
    carried = f"【亿邦动力网讯】{TEXT}\n（来源：中国电子商务研究中心 http://www.100ec.cn/detail--6140000.html）\n责任编辑：王芳"
    assert exact_hash(carried) == exact_hash(TEXT)


def test_exact_hash_changes_with_the_words():
    assert exact_hash(TEXT) != exact_hash(TEXT.replace("慧聪网", "敦煌网"))


def test_a_byline_inside_a_sentence_is_text_not_boilerplate():
    assert "亿邦动力网讯" in content_key("据报道，【亿邦动力网讯】称")
    assert strip_boilerplate("本文转载自某处，不在括号里") == "本文转载自某处，不在括号里"


def test_shingles_of_short_text():
    assert shingles("b2b", 4) == {"b2b"}
    assert shingles("", 4) == set()
    assert shingles("abcde", 4) == {"abcd", "bcde"}


def test_jaccard():
    assert jaccard({1, 2}, {2, 3}) == 1 / 3
    assert jaccard(set(), set()) == 1.0

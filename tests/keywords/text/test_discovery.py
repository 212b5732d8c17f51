from keywords.text.discovery import candidate_terms, is_term
from keywords.text.weights import word_weights

OLD = [["电商", "平台", "交易", "电商"], ["电商", "交易", "采购"]]
NEW = [["跨境电商", "电商", "海外仓", "的"], ["海外仓", "跨境电商", "2015", "。"], ["海外仓", "交易", "了"]]


def terms(**kwargs):
    return [c.term for c in candidate_terms({2013: OLD, 2015: NEW}, 2015, **kwargs)]


def test_a_term_that_rose_this_year_ranks_above_one_that_was_always_there():
    found = terms(existing=set())
    assert found[0] == "海外仓"


def test_existing_keywords_are_not_proposed_again():
    assert "跨境电商" not in terms(existing={"跨境电商"})


def test_stop_words_single_characters_numbers_and_punctuation_are_not_terms():
    assert not any(is_term(t) for t in ["的", "了", "。", "2015", "12.7%", "400亿", "我们", "，，"])
    assert is_term("海外仓")


def test_candidates_carry_counts_document_frequency_and_examples():
    sentences = {2015: ["海外仓建设加快。", "别的句子。", "海外仓一", "海外仓二", "海外仓三"]}
    found = candidate_terms({2013: OLD, 2015: NEW}, 2015, existing=set(), sentences_by_year=sentences)
    (cand,) = [c for c in found if c.term == "海外仓"]
    assert (cand.count, cand.earlier_count, cand.document_frequency) == (3, 0, 3)
    assert cand.examples == ["海外仓建设加快。", "海外仓一", "海外仓二"]


def test_a_year_without_documents_has_no_candidates():
    assert candidate_terms({2013: OLD}, 2020, existing=set()) == []


def test_words_common_in_any_chinese_text_give_way_to_rare_ones():
    year = [["虽然", "创新", "海外仓", "虽然"], ["创新", "虽然", "海外仓", "创新"], ["虽然", "创新", "交易"]]
    plain = [c.term for c in candidate_terms({2015: year}, 2015, existing=set())]
    weighed = [c.term for c in candidate_terms({2015: year}, 2015, existing=set(), background=word_weights())]
    assert plain[0] in {"虽然", "创新"}  # the corpus alone cannot tell them apart
    assert weighed == ["海外仓"]  # 虽然 and 创新 are words of every text; 海外仓 is not in the table at all


def test_web_address_pieces_are_not_terms():
    assert not any(is_term(t) for t in ["www", "com", "http", "html"])

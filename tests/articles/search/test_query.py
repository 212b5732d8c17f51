import pytest

from articles.search.query import clean_query, parse_query, to_fts5
from keywords.text.segmenter import Segmenter

TOPICS = {"为效果付费": ["为效果付费", "P4P"], "p4p": ["为效果付费", "P4P"]}


@pytest.fixture(scope="module")
def tokens():
    return Segmenter(["跨境电商", "产业带", "B2B社交营销", "为效果付费"]).tokens


def words(parsed):
    return [(c.exclude, [p.words for p in c.alternatives]) for c in parsed.clauses]


def test_words_are_segmented_like_the_index(tokens):
    assert words(parse_query("跨境电商", tokens)) == [(False, [["跨境电商"]])]


def test_a_word_of_several_tokens_becomes_a_phrase(tokens):
    assert words(parse_query("跨境电商平台", tokens)) == [(False, [["跨境电商", "平台"]])]


def test_a_word_is_also_sought_by_its_grams_inside_longer_words(tokens):
    assert to_fts5(parse_query("线上线下", tokens)) == '("线 上线 下" OR "线上 上线 线下")'


def test_minus_excludes_and_quotes_make_a_phrase(tokens):
    parsed = parse_query('"产业带 平台" -跨境电商', tokens)
    assert words(parsed) == [(False, [["产业带", "平台"]]), (True, [["跨境电商"]])]
    assert to_fts5(parsed) == '("产业带 平台" OR "产业 业带 平台") NOT ("跨境电商" OR "跨境 境电 电商")'


def test_or_offers_alternatives(tokens):
    parsed = parse_query("产业带 OR 跨境电商", tokens)
    assert words(parsed) == [(False, [["产业带"], ["跨境电商"]])]


def test_latin_full_width_and_case_are_folded(tokens):
    assert words(parse_query("B2B社交营销 Ｐ４Ｐ", tokens)) == [(False, [["b2b社交营销"]]), (False, [["p4p"]])]


def test_traditional_characters_are_folded_to_simplified(tokens):
    assert words(parse_query("數據", tokens)) == words(parse_query("数据", tokens))


def test_a_topic_name_is_expanded_with_all_its_names(tokens):
    parsed = parse_query("Ｐ４Ｐ", tokens, lambda w: TOPICS.get(w, []))
    assert sorted(p.text for p in parsed.clauses[0].alternatives) == ["p4p", "为效果付费"]


@pytest.mark.parametrize("text", ["", "！？。，", '"""', "-", "- -", "«»"])
def test_nothing_searchable_is_an_empty_query(tokens, text):
    assert parse_query(text, tokens).is_empty


def test_only_exclusions_is_an_empty_query(tokens):
    assert parse_query("-跨境电商", tokens).is_empty


def test_quotes_inside_tokens_cannot_break_the_fts_syntax(tokens):
    parsed = parse_query('a"b OR "c', tokens)
    assert to_fts5(parsed).count('"') % 2 == 0


def test_nul_bytes_and_length_are_cleaned():
    assert clean_query("跨\x00境" + "x" * 10_000) == "跨境" + "x" * 198

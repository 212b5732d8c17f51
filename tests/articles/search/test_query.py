import pytest

from articles.search.query import clean_query, parse_query, to_fts5, to_websearch
from keywords.text.segmenter import Segmenter


@pytest.fixture(scope="module")
def tokens():
    return Segmenter(["跨境电商", "产业带", "B2B社交营销"]).tokens


def phrases(parsed):
    return [(c.exclude, c.alternatives) for c in parsed.clauses]


def test_words_are_segmented_like_the_index(tokens):
    assert phrases(parse_query("跨境电商", tokens)) == [(False, [["跨境电商"]])]


def test_a_word_of_several_tokens_becomes_a_phrase(tokens):
    assert phrases(parse_query("跨境电商平台", tokens)) == [(False, [["跨境电商", "平台"]])]


def test_minus_excludes_and_quotes_make_a_phrase(tokens):
    parsed = parse_query('"产业带 平台" -跨境电商', tokens)
    assert phrases(parsed) == [(False, [["产业带", "平台"]]), (True, [["跨境电商"]])]
    assert to_websearch(parsed) == '"产业带 平台" -"跨境电商"'
    assert to_fts5(parsed) == '"产业带 平台" NOT "跨境电商"'


def test_or_offers_alternatives(tokens):
    parsed = parse_query("产业带 OR 跨境电商", tokens)
    assert phrases(parsed) == [(False, [["产业带"], ["跨境电商"]])]
    assert to_fts5(parsed) == '("产业带" OR "跨境电商")'


def test_latin_is_lower_cased(tokens):
    assert phrases(parse_query("B2B社交营销 P4P", tokens)) == [(False, [["b2b社交营销"]]), (False, [["p4p"]])]


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

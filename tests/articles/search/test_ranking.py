"""Where the rerank finds a query in an article's stored columns (pure, no database)."""
import re

from articles.search.ranking import _count, _places, _tokens_in_a_row


def whole_token_starts(sequences: list[str], column: str) -> list[int]:
    """The plain definition: a look-behind and a look-ahead for whitespace, in one regex."""
    parts = sorted(set(sequences), key=len, reverse=True)
    pattern = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, parts)) + r")(?!\S)")
    return [m.start() for m in pattern.finditer(column)]


def gram_places(sequences: list[str], column: str) -> list[int]:
    return [column.count(" ", 0, start) for start in whole_token_starts(sequences, column)]


def test_a_mention_is_counted_only_where_it_is_whole_tokens():
    column = "平台 x平台 平台x 平台\t平台"
    assert _places(_tokens_in_a_row(["平台"]), column) == [0, 3, 3]
    assert _count(_tokens_in_a_row(["平台"]), column) == 3


def test_a_match_inside_a_token_does_not_hide_a_whole_one_that_overlaps_it():
    # "x跨境 境电" holds 跨境 境电 inside a token; 境电 电商 starts a token inside that match.
    sequences = ["跨境 境电", "境电 电商"]
    column = "x跨境 境电 电商 跨境 境电"
    assert _places(_tokens_in_a_row(sequences), column) == gram_places(sequences, column) == [1, 3]


def test_places_agree_with_the_plain_definition_on_mixed_columns():
    cases = [
        (["b2b"], "b2b 平台 ab2b b2b"),
        (["跨境 境电 电商", "跨境电商"], "跨境电商 跨境 境电 电商 大跨境 境电 电商 跨境 境电 电商x"),
        (["数据"], "大数据 数据 数据分析\n数据"),
        (["的"], ""),
    ]
    for sequences, column in cases:
        assert _places(_tokens_in_a_row(sequences), column) == gram_places(sequences, column)

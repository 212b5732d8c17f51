"""The development scoreboard scores a seed and its matching rules behave as its docstring says."""
import pytest

from articles.ingest.types import ParsedArticle, ParsedDocument
from benchmarks import scoreboard
from benchmarks.scoreboard import DocScore, Expected, body_pr, date_ok, score_items


def test_scoreboard_scores_seed_004_against_the_items_its_tests_expect():
    name, expected, masthead = next(e for e in scoreboard.seed_expectations() if e[0].startswith("004"))
    path = scoreboard.SEEDS / name
    if not path.exists():
        pytest.skip("the seeds folder is absent")
    score = scoreboard.score_document("seeds", "004", path, expected, masthead=masthead)
    assert score.expected == 17 and score.parsed > 0 and not score.skipped
    assert 0 <= score.precision <= 1 and 0 <= score.recall <= 1
    assert len(score.titles) == score.matched and len(score.masthead) == 3


def test_numbering_and_markdown_do_not_stop_a_match_and_optional_items_count_nowhere():
    parsed = ParsedDocument(kind="report", items=[
        ParsedArticle(title="## 第一章　总则", body="第一条 为了……"),
        ParsedArticle(title="贡献者统计", body=""),
        ParsedArticle(title="免责声明", body="本报告仅供参考"),
    ])
    expected = [Expected("总则"), Expected("贡献者统计", optional=True), Expected("附则")]
    score = score_items(DocScore("t", "t"), expected, parsed)
    assert (score.expected, score.parsed, score.matched) == (2, 2, 1)
    assert score.titles == [True]


def test_body_is_scored_by_characters_and_dates_at_the_labels_precision():
    assert body_pr("甲乙 丙", "甲乙丁") == (pytest.approx(2 / 3), pytest.approx(2 / 3))
    from datetime import datetime

    assert date_ok("1998-3", datetime(1998, 3, 20)) and not date_ok("1998-3", datetime(1998, 4, 1))
    assert date_ok("UNKNOWN", None) and not date_ok("UNKNOWN", datetime(2020, 1, 1))

"""Story candidates come from a few indexed rows per real rare word, whatever the date
window holds; numbers, percentages and Latin fragments find nothing."""
from datetime import timedelta

import pytest
from django.utils.dateparse import parse_datetime

from articles.dedup.stories import QUERY_WORDS
from articles.grouping import PER_WORD, _story_candidates
from articles.models import Article, StoryWord
from articles.story_members import story_item

pytestmark = pytest.mark.django_db

NOON = parse_datetime("2015-03-01T12:00:00+08:00")


def indexed(n: int, words: list[str], *, start=NOON, step=timedelta(minutes=10), kind="article") -> list[Article]:
    """n articles, each indexed under `words` as the grouping indexes them, `step` apart."""
    articles = Article.objects.bulk_create(
        Article(title=f"第{i}篇", body="", published_at=start + i * step, kind=kind) for i in range(n)
    )
    StoryWord.objects.bulk_create(
        StoryWord(article=a, word=w, published_at=a.published_at) for a in articles for w in words
    )
    return articles


def looking_for(text: str, *, at=NOON, kind="article") -> Article:
    return Article.objects.create(title=text, body="", search_title=text, published_at=at, kind=kind)


def test_numbers_percentages_and_latin_fragments_find_no_candidates():
    indexed(30, ["1", "2", "49.7%", "pmi"])
    article = looking_for("1 2 49.7% pmi")
    assert _story_candidates(article, story_item(article)) == []


def test_each_rare_word_reads_a_few_rows_on_either_side_nearest_first():
    earlier = indexed(3 * PER_WORD, ["采购"], start=NOON - timedelta(days=2))
    article = looking_for("采购", at=earlier[len(earlier) // 2].published_at + timedelta(minutes=5))
    found = _story_candidates(article, story_item(article))
    assert len(found) == 2 * PER_WORD
    middle = len(earlier) // 2
    assert set(found) == {a.pk for a in earlier[middle - PER_WORD + 1:middle + PER_WORD + 1]}


def test_candidates_are_bounded_by_the_words_asked_not_by_the_window():
    words = ["采购", "电子商务", "跨境", "物流", "仓储", "通关", "海关", "保税", "出口", "进口"]
    indexed(200, words, step=timedelta(minutes=1))
    article = looking_for(" ".join(words), at=NOON + timedelta(minutes=100))
    assert len(_story_candidates(article, story_item(article))) <= 2 * PER_WORD * QUERY_WORDS


def test_articles_outside_the_window_are_not_candidates():
    indexed(5, ["采购"], start=NOON - timedelta(days=30))
    article = looking_for("采购")
    assert _story_candidates(article, story_item(article)) == []


def test_a_profile_looks_for_no_story_by_its_words():
    indexed(5, ["采购"])
    article = looking_for("采购", kind="profile")
    assert _story_candidates(article, story_item(article)) == []

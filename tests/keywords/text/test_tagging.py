import pytest

from keywords.text.segmenter import ENGINES, Segmenter
from keywords.text.tagging import Tagger, TopicForms

TOPICS = [
    TopicForms(1, ("大数据",)),
    TopicForms(2, ("为效果付费", "P4P")),
    TopicForms(3, ("B2B社交营销", "社交营销")),
    TopicForms(4, ("传统企业电商化",)),
    TopicForms(5, ("产业带",)),
]


@pytest.fixture(scope="module", params=ENGINES)
def segmenter(request):
    return Segmenter((form for t in TOPICS for form in t.forms), engine=request.param)


def tag(segmenter, body, title=""):
    tagger = Tagger(TOPICS)
    return {m.key: m for m in tagger.tag(title, segmenter.tokens(title), body, segmenter.tokens(body))}


@pytest.mark.parametrize("word", ["传统企业电商化", "B2B社交营销", "为效果付费"])
def test_multi_character_keywords_are_single_tokens(segmenter, word):
    assert word in segmenter.tokens(f"2013年，{word}成为行业热点。")


def test_a_keyword_inside_a_longer_word_is_not_a_mention(segmenter):
    assert tag(segmenter, "企业建设大数据库，产业带动经济。") == {}


def test_each_mention_is_counted(segmenter):
    found = tag(segmenter, "大数据很热。大数据也难。为效果付费。")
    assert found[1].mentions == 2
    assert found[2].mentions == 1


def test_latin_aliases_match_case_insensitively_on_word_boundaries(segmenter):
    found = tag(segmenter, "P4P模式；p4p 收费；XP4P 不算；P4PX 也不算。")
    assert found[2].mentions == 2


def test_the_longer_form_wins_over_an_alias_inside_it(segmenter):
    found = tag(segmenter, "B2B社交营销与社交营销。")
    assert found[3].mentions == 2


def test_a_title_mention_is_counted_and_weighs_more(segmenter):
    body = "产业带上线。大数据平台。"
    found = tag(segmenter, body, title="产业带的一年")
    assert found[5].title_mentions == 1 and found[5].in_title
    assert found[5].mentions == 2
    assert found[5].score > found[1].score

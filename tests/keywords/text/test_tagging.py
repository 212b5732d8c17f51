import pytest

from keywords.text.segmenter import ENGINES, Segmenter
from keywords.text.tagging import Tagger, TopicForms

TOPICS = [
    TopicForms(1, ("大数据",)),
    TopicForms(2, ("为效果付费", "P4P")),
    TopicForms(3, ("B2B社交营销", "社交营销")),
    TopicForms(4, ("传统企业电商化",)),
    TopicForms(5, ("产业带",)),
    TopicForms(6, ("互联网金融", "网络金融")),
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


@pytest.mark.parametrize("text", [
    "企业运用大数据分析技术优化库存。",  # 大/数据分析
    "建立统一的大数据处理平台。",  # 大/数据处理
    "由市大数据中心统一建设。",  # 市大/数据中心: 市大 is jieba's guess at an unknown word
])
def test_a_form_jieba_cut_into_a_compound_is_still_a_mention(segmenter, text):
    assert 1 in tag(segmenter, text)


def test_an_alias_jieba_cut_across_a_compound_is_a_mention(segmenter):
    assert 6 in tag(segmenter, "银行推动网络金融服务创新。")  # 网络/金融服务


@pytest.mark.parametrize("text", ["各地加大数据共享力度。", "扩大数据开放范围。", "面对庞大数据，企业无从下手。"])
def test_a_form_whose_first_character_belongs_to_a_word_before_it_is_not_a_mention(segmenter, text):
    assert 1 not in tag(segmenter, text)


def test_traditional_and_full_width_forms_are_mentions(segmenter):
    found = tag(segmenter, "企業運用大數據分析客戶。平台推出ＰＴ４Ｐ與Ｐ４Ｐ服務。")
    assert found[1].mentions == 1 and found[2].mentions == 1

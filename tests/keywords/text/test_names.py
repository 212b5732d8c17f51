"""A topic's name inside the proper name of a public body or an agreement, or as an item
of a list of bodies, is the office's remit, not a mention of the thing."""
import pytest

from keywords.text.segmenter import ENGINES, Segmenter
from keywords.text.tagging import Tagger, TopicForms

DATA, FTZ = 1, 2
TOPICS = [TopicForms(DATA, ("大数据",)), TopicForms(FTZ, ("自贸区", "自由贸易区", "自由贸易试验区"))]


@pytest.fixture(scope="module", params=ENGINES)
def segmenter(request):
    return Segmenter((form for t in TOPICS for form in t.forms), engine=request.param)


def topics(segmenter, text):
    return {m.key for m in Tagger(TOPICS).tag("", [], text, segmenter.tokens(text))}


@pytest.mark.parametrize("text", [
    "贵州省大数据发展管理局发布了年度报告。",
    "本办法由市大数据主管部门负责解释。",
    "案件由上海自由贸易试验区管理委员会移送。",
])
def test_a_topic_naming_an_offices_remit_is_not_a_mention(segmenter, text):
    assert topics(segmenter, text) == set()


def test_an_item_of_a_list_of_bodies_is_not_a_mention(segmenter):
    assert topics(segmenter, "市发展改革、公安、大数据等部门按照各自职责做好相关工作。") == set()


def test_a_topic_naming_an_agreements_subject_is_not_a_mention(segmenter):
    assert topics(segmenter, "中韩自由贸易区协定正式生效。") == set()


@pytest.mark.parametrize("text", [
    "大数据企业数量快速增长。",  # a company named for its trade is the trade
    "部分大数据机构开始提供征信服务。",  # 机构 names firms as often as offices
    "推动大数据、云计算等产业发展。",  # a list, but of industries
    "建设全市统一的大数据管理平台。",  # a system, not an office
    "自贸区内企业享受通关便利，管理局随后发布细则。",  # the name ends at the comma
])
def test_a_topic_beside_other_nouns_is_still_a_mention(segmenter, text):
    assert topics(segmenter, text) != set()

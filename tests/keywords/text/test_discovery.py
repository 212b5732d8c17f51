"""Discovery suggests terms and names, as written, not the words every text of the field
uses: tested on real sentences cut by the site's own segmenter."""
from functools import cache

import pytest

from keywords.text.discovery import TermCounter, is_term, word_runs
from keywords.text.segmenter import Segmenter
from keywords.text.weights import word_weights
from tests.conftest import seed_bytes

TOPICS = {"跨境电商", "跨境电子商务", "产业带", "产业带电商", "大数据", "B2B社交营销", "在线交易"}


@cache
def segmenter() -> Segmenter:
    return Segmenter(TOPICS)


def suggest(texts: list[str], *, earlier: tuple[str, ...] = (), existing=TOPICS, top: int = 20, **kwargs):
    counter = TermCounter(existing=existing)
    for text in texts:
        counter.add(text, segmenter().tagged(text))
    for text in earlier:
        counter.add_earlier([t.lower() for t in segmenter().tokens(text) if t.strip("，。、")])
    return counter.candidates(top=top, background=word_weights(), **kwargs)


def terms(texts, **kwargs) -> list[str]:
    return [c.term for c in suggest(texts, **kwargs)]


PILOT = [
    "国务院同意在杭州设立跨境电商综试区，这是全国第一个跨境电商综试区。",
    "宁波、广州等城市也在申请跨境电商综试区，电商企业和电子商务平台纷纷入驻。",
    "跨境电商综试区将探索B2B出口的新模式，电商平台和B2B平台一起参与。",
    "电子商务和互联网企业看好跨境电商综试区的发展，电商平台的交易额大增。",
]


def test_a_phrase_is_suggested_and_the_general_words_of_the_field_are_not():
    found = terms(PILOT)
    assert "跨境电商综试区" in found
    for general in ("电商", "电子商务", "b2b", "B2B", "平台", "企业", "互联网", "电商平台", "电商企业", "B2B平台"):
        assert general not in found


def test_a_piece_that_only_occurs_inside_a_longer_term_gives_way_to_it():
    found = terms(PILOT)
    assert not {"综试区", "电商综试区"} & set(found)


def test_existing_topics_and_their_aliases_are_left_out():
    texts = ["产业带电商让产业带上线，产业带电商是B2B平台的新方向。", "产业带电商与大数据结合，产业带继续扩张。"]
    found = terms(texts)
    assert not {"产业带电商", "产业带", "大数据"} & set(found)


def test_a_term_keeps_the_case_it_is_written_in():
    texts = [
        "越来越多的中小企业采用SaaS软件管理采购，SaaS服务商增长很快。",
        "工业品MRO采购走向线上，MRO服务商与SaaS厂商合作。",
        "一些报道把saas写成小写，但SaaS仍是常见写法；MRO市场规模扩大。",
    ]
    found = terms(texts)
    assert "SaaS" in found and "MRO" in found
    assert "saas" not in found and "mro" not in found


def test_phrases_never_cross_punctuation_or_joining_words():
    texts = ["海外仓，物流服务商增加。海外仓和物流园区合作。", "海外仓、物流园区都在扩张，海外仓的租金上涨。"]
    found = terms(texts)
    assert "海外仓" in found
    assert not any(t.startswith("海外仓") and t != "海外仓" for t in found)
    assert not any("和" in t or "的" in t for t in found)


def test_a_term_that_rose_this_year_ranks_above_one_that_was_always_there():
    this_year = ["微信营销与直播带货都成为企业的选择。", "直播带货火热，微信营销依旧。", "直播带货的主播签约工厂。"]
    earlier = ("微信营销已是常见做法。", "微信营销帮助企业获客。", "许多商家开展微信营销。")
    found = terms(this_year, earlier=earlier)
    assert found.index("直播带货") < found.index("微信营销")


def test_words_of_every_chinese_text_give_way_to_rare_ones():
    texts = ["虽然创新很重要，但海外仓更关键。", "虽然如此，创新之外海外仓仍在增加。", "海外仓与创新。"]
    assert terms(texts)[0] == "海外仓"
    assert not {"虽然", "创新", "如此"} & set(terms(texts))


def test_candidates_carry_counts_document_frequency_and_examples():
    sentences = ["国务院同意在杭州设立跨境电商综试区。", "别的句子。"]
    (pilot,) = [c for c in suggest(PILOT, sentences=sentences) if c.term == "跨境电商综试区"]
    assert (pilot.count, pilot.document_frequency, pilot.earlier_count) == (5, 4, 0)
    assert pilot.examples == ["国务院同意在杭州设立跨境电商综试区。"]


def test_a_year_without_texts_has_no_candidates():
    assert suggest([]) == []


def test_a_plus_right_after_a_word_belongs_to_it_and_latin_words_join_across_a_space():
    text = "制定“互联网+”行动计划，big data 时代"
    runs = [[w.text for w in run] for run in word_runs(text, segmenter().tagged(text))]
    assert ["互联网+"] in runs
    assert any(run[:2] == ["big", "data"] for run in runs)


def test_stop_words_single_characters_numbers_and_punctuation_are_not_terms():
    assert not any(is_term(t) for t in ["的", "了", "。", "2015", "12.7%", "400亿", "我们", "，，", "www", "html"])
    assert is_term("海外仓")


def test_on_the_seed_newsletter_the_suggestions_are_terms_not_words_of_the_field():
    """The 2015 newsletter of the Shanghai association, cut into paragraphs as texts."""
    from articles.ingest import parse_document

    try:
        parsed = parse_document(seed_bytes("004_38fb784fea1a796c.txt"), filename="004.txt")
    except pytest.skip.Exception:
        raise
    found = terms([f"{item.title}\n{item.body}" for item in parsed.items], top=20)
    assert "互联网+" in found
    general = {"电商", "电子商务", "b2b", "B2B", "互联网", "平台", "企业", "行业", "市场", "阿里", "阿里巴巴"}
    assert not general & set(found)
    assert all(len(t) > 1 for t in found)


def test_a_large_year_forgets_words_seen_once_and_keeps_what_recurs(monkeypatch):
    from keywords.text import discovery

    monkeypatch.setattr(discovery, "PRUNE_EVERY", 1)  # prune after every text instead of every 500
    counter = TermCounter(existing=TOPICS)
    text = "海外仓租金上涨，海外仓供不应求，保税仓也在增加。"
    counter.add(text, segmenter().tagged(text))
    assert counter.count["海外仓"] == 2 and "保税仓" not in counter.count

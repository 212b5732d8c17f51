from keywords.text.organisations import (
    SEED_ORGANISATIONS,
    dictionary_words,
    find_organisations,
    guess_kind,
    suggest_organisations,
)
from keywords.text.segmenter import Segmenter

SEGMENTER = Segmenter(dictionary_words(SEED_ORGANISATIONS))


def mentions(text):
    return {m.name: m.mentions for m in find_organisations(SEGMENTER.tokens(text), text, SEED_ORGANISATIONS)}


def test_aliases_count_for_one_canonical_name():
    assert mentions("阿里举行备货节，1688平台交易额突破3亿元，阿里巴巴集团表示满意。") == {"阿里巴巴": 3}


def test_a_short_alias_inside_a_longer_name_is_not_a_second_mention():
    assert mentions("慧聪网上线交易系统。") == {"慧聪网": 1}


def test_latin_forms_match_on_word_boundaries():
    assert mentions("DHgate launched; DHgateway is not it.") == {"敦煌网": 1}


def test_every_seed_organisation_has_a_known_kind_and_unique_forms():
    forms = [f for org in SEED_ORGANISATIONS for f in org.forms]
    assert len(forms) == len(set(forms))
    assert all(org.kind in {"company", "platform", "association", "government", "bank", "media", "research"}
               for org in SEED_ORGANISATIONS)


def test_suggestions_come_from_organisation_endings_and_skip_known_and_common_names():
    docs = [
        ("公安部发布。", [("公安部", "nt"), ("发布", "v"), ("阿里巴巴", "nt"), ("化工网", "n"), ("商品信息", "nt")]),
        ("公安部。", [("公安部", "nt"), ("互联网", "n"), ("化工网", "n"), ("格局", "n"), ("商品信息", "nt")]),
    ]
    found = {c.name: (c.count, c.documents, c.reason) for c in suggest_organisations(docs, known=["阿里巴巴"])}
    assert found == {"公安部": (2, 2, "nt"), "化工网": (2, 2, "网")}


def test_a_registered_company_name_is_suggested_whole_from_one_mention():
    text = "2011年11月15日，阿里巴巴正式宣布，收购深圳市一达通企业服务有限公司。"
    [candidate] = suggest_organisations([(text, [])])
    assert (candidate.name, candidate.reason, candidate.kind) == ("深圳市一达通企业服务有限公司", "全称", "company")
    assert candidate.example == text  # the whole sentence, with its full stop, as timeline events show it


def test_the_kind_is_guessed_from_the_ending():
    assert [guess_kind(n) for n in ("工商总局", "全球化工网", "上海市电子商务行业协会", "民生银行", "百度公司")] == [
        "government", "platform", "association", "bank", "company"]


def test_meetings_and_company_bodies_are_not_organisations():
    text = "十八届四中全会之后，腾讯公司董事会主席出席见面会。工商总局表示支持。工商总局还称……"
    tagged = [("四中全会", "nt"), ("董事会", "nt"), ("见面会", "n"), ("工商总局", "nt"), ("工商总局", "nt")]
    assert [c.name for c in suggest_organisations([(text, tagged)])] == ["工商总局"]

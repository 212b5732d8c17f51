"""Each tag is *about* the topic or merely *mentions* it; forms jieba cut out of other words
and editors' not-phrases are no mentions at all."""
import pytest

from keywords.text.segmenter import ENGINES, Segmenter
from keywords.text.strength import ABOUT, MENTIONS, about_score, strength
from keywords.text.tagging import Tagger, TopicForms

ONLINE, FINANCE, DATA, O2O, CROSS, FTZ, BELT = range(7)
TOPICS = [
    TopicForms(ONLINE, ("在线交易", "线上交易")),
    TopicForms(FINANCE, ("互联网金融",)),
    TopicForms(DATA, ("大数据",)),
    TopicForms(O2O, ("线上线下结合", "O2O", "线上线下互动"), not_phrases=("线上线下结合的方式",)),
    TopicForms(CROSS, ("跨境电商", "跨境电子商务")),
    TopicForms(FTZ, ("自贸区",), not_phrases=("中国-东盟自贸区",)),
    TopicForms(BELT, ("产业带",)),
]

FILLER = "平台上的中小企业越来越多，采购商通过网站寻找供应商，交易规模逐年扩大。"


@pytest.fixture(scope="module", params=ENGINES)
def segmenter(request):
    return Segmenter((form for t in TOPICS for form in t.forms), engine=request.param)


def tag(segmenter, body, title=""):
    return {m.key: m for m in Tagger(TOPICS).tag(title, segmenter.tokens(title), body, segmenter.tokens(body))}


def test_a_topic_in_the_title_is_what_the_article_is_about(segmenter):
    found = tag(segmenter, FILLER * 5, title="跨境电商迎来政策红利")
    assert found[CROSS].strength == ABOUT


def test_a_topic_in_the_lead_and_named_again_is_what_the_article_is_about(segmenter):
    body = "产业带成为B2B平台新的增长点。" + FILLER * 10 + "各地产业带纷纷上线。"
    assert tag(segmenter, body, title="平台新动向")[BELT].strength == ABOUT


def test_one_early_mention_is_a_passing_reference(segmenter):
    # In the field (the filler is trade talk), so only the single mention keeps it from *about*.
    body = "原告公司经营的跨境电商平台被一篇报道称为售假。" + FILLER * 10
    assert tag(segmenter, body, title="某公司诉某报社名誉权纠纷案")[CROSS].strength == MENTIONS


LAW = (
    "第一条 为了促进本市航空物流发展，推动与自贸区的联动，根据有关法律、行政法规，结合本市实际，制定本条例。\n"
    "第二条 本条例适用于本市行政区域内的航空物流发展及相关管理活动。\n"
    "第三条 市人民政府应当加强对航空物流发展工作的领导。\n"
    + "".join(f"第{n}条 " + FILLER * 3 + "\n" for n in "四五六七八九十")
    + "第十一条 自贸区内的企业可以申请开展相关业务。\n"
)


def test_a_laws_first_article_names_frameworks_not_its_subject(segmenter):
    assert tag(segmenter, LAW, title="某市航空物流促进条例")[FTZ].strength == MENTIONS


def test_a_law_is_about_what_its_title_names(segmenter):
    assert tag(segmenter, LAW, title="某市自贸区条例")[FTZ].strength == ABOUT


TWELVE = FILLER * 4 + "".join(f"第{n}家企业用大数据找客户，大数据让采购更准。" for n in range(6))


def test_a_one_line_mention_in_a_short_item_only_mentions_and_ranks_below_twelve(segmenter):
    short = tag(segmenter, FILLER * 4 + "公司也在研究大数据。", title="某公司简介")[DATA]
    long = tag(segmenter, TWELVE, title="平台新动向")[DATA]
    assert short.strength == MENTIONS
    assert long.mentions == 12 and long.strength == ABOUT
    assert long.score > short.score


def test_a_topic_listed_with_others_is_only_mentioned_however_dense(segmenter):
    body = FILLER + "推动移动互联网、云计算、大数据、物联网等与制造业结合。" * 3
    assert tag(segmenter, body, title="平台新动向")[DATA].strength == MENTIONS


def test_a_line_of_topic_names_heads_a_section_about_each(segmenter):
    body = FILLER * 6 + "\n线上线下结合、产业带\n" + FILLER * 6 + "产业带是线下的根基。"
    found = tag(segmenter, body, title="十大关键词")
    assert found[O2O].strength == ABOUT and found[BELT].strength == ABOUT


POLITICAL_MEETING = (
    "7月12日，市委常委会召开扩大会议，传达学习省委全会精神，研究部署下半年重点工作。市委书记主持会议并讲话。\n"
    "会议指出，上半年全市上下坚持稳中求进工作总基调，经济社会发展呈现稳中向好的态势，人民群众获得感不断增强。\n"
    "跨境电商要稳住外贸基本盘。会议强调，下半年要重点抓好以下工作：一是抓好防汛抗旱，确保安全度汛；"
    "二是推进乡村振兴，巩固脱贫攻坚成果；三是加快重大项目建设，扩大有效投资；四是发展跨境电商，稳住外贸基本盘；"
    "五是深化国企改革；六是加强生态环境保护，打好污染防治攻坚战；七是做好教育、医疗、养老、就业等民生工作；"
    "八是抓好安全生产，坚决遏制重特大事故；九是加强基层党组织建设；十是持续改善营商环境。\n"
    "会议要求，各级党组织和广大党员干部要切实增强政治意识、大局意识、核心意识、看齐意识，坚定理想信念，"
    "锤炼过硬作风，以优异成绩迎接党的二十大胜利召开。会议还研究了其他事项。"
)


def test_a_political_meeting_listing_e_commerce_among_its_tasks_is_never_about_it(segmenter):
    found = tag(segmenter, POLITICAL_MEETING, title="市委常委会召开扩大会议 研究部署下半年重点工作")
    assert found[CROSS].mentions == 2 and found[CROSS].strength == MENTIONS


def test_a_meeting_outside_the_field_is_not_about_a_topic_even_in_its_title(segmenter):
    found = tag(segmenter, POLITICAL_MEETING, title="市委常委会：发展跨境电商 抓好防汛抗旱")
    assert found[CROSS].strength == MENTIONS


@pytest.mark.parametrize("text", ["电商产业带来了新机会。", "以产业带城市，以城市促产业。", "庞大数据难以处理。"])
def test_a_form_cut_out_of_other_words_is_no_mention(segmenter, text):
    assert tag(segmenter, FILLER + text) == {}


STANDING = ["产业带上线了。", "以产业带为单位招商。", "产业带企业纷纷入驻。", "大数据产业蓬勃发展。"]


@pytest.mark.parametrize("text", STANDING)
def test_a_form_standing_as_a_word_is_a_mention(segmenter, text):
    assert len(tag(segmenter, FILLER + text)) == 1


def test_a_single_character_after_the_form_that_makes_a_common_word_with_it_is_no_mention():
    from keywords.text.boundaries import crosses_a_likelier_word

    assert crosses_a_likelier_word("产业带", "以", "城市")
    assert crosses_a_likelier_word("产业带", "电商", "动")  # what a cut 产业带/动 would read
    assert crosses_a_likelier_word("产业带", "", "领")
    assert not crosses_a_likelier_word("产业带", "", "上线")
    assert not crosses_a_likelier_word("大数据", "", "分析")


def test_a_form_inside_one_of_the_topics_not_phrases_is_no_mention(segmenter):
    body = "会议以线上线下结合的方式召开。中国-东盟自贸区升级议定书生效。"
    assert tag(segmenter, FILLER + body) == {}
    found = tag(segmenter, FILLER + body + "企业探索线上线下结合，上海自贸区挂牌。")
    assert found[O2O].mentions == 1 and found[FTZ].mentions == 1


def test_a_not_phrase_holds_in_full_width_and_traditional_writing_too(segmenter):
    assert tag(segmenter, FILLER + "中國－東盟自貿區升級議定書生效。") == {}
    assert tag(segmenter, FILLER + "上海自貿區掛牌。")[FTZ].mentions == 1


def test_a_form_cut_into_several_tokens_is_one_mention():
    segmenter = Segmenter([])  # without the user dictionary jieba cuts 线上线下结合 into pieces
    tokens = segmenter.tokens("企业探索线上线下结合。")
    assert "线上线下结合" not in tokens
    found = {m.key: m for m in Tagger(TOPICS).tag("", [], "企业探索线上线下结合。", tokens)}
    assert found[O2O].mentions == 1



def score(*, title=0, offsets=(), listed=None, chars=2000):
    listed = [False] * len(offsets) if listed is None else listed
    return about_score(title_mentions=title, body_offsets=list(offsets), listed=listed, body_chars=chars)


def test_search_weighs_the_lead_the_tag_rule_reads():
    # A mention within the lead, named again later, makes a tag about the topic; just past it, a mention.
    in_lead = {"title_mentions": 0, "body_offsets": [100, 2500], "listed": [False, False], "body_chars": 3000}
    past_it = {"title_mentions": 0, "body_offsets": [140, 2500], "listed": [False, False], "body_chars": 3000}
    assert strength(**in_lead, field=True) == ABOUT and strength(**past_it, field=True) == MENTIONS
    assert about_score(**in_lead) > about_score(**past_it)


def test_mentions_in_a_list_sentence_count_neither_for_the_tag_nor_for_search():
    listed = {"title_mentions": 0, "body_offsets": [30, 60], "listed": [True, True], "body_chars": 400}
    assert strength(**listed, field=True) == MENTIONS
    assert about_score(**listed) == score()


def test_within_the_signs_the_title_the_lead_and_the_density_order_articles():
    assert score(title=1) > score(offsets=[30, 60])  # the title weighs most
    assert score(title=1, offsets=[30]) > score(offsets=[30])
    assert score(offsets=[30, 60]) > score(offsets=[30])  # two in the lead weigh more than one
    assert score(offsets=[300, 900, 1200]) > score(offsets=[300, 900])  # denser
    assert score(offsets=[300, 900], chars=20_000) < score(offsets=[300, 900], chars=2000)  # a long digest


def test_a_short_item_is_counted_as_a_thousand_characters_so_one_line_does_not_outrank_an_article():
    one_line = score(offsets=[150], chars=300)  # 3.3 per 1,000 as it stands
    keeps_coming_back = score(offsets=[150, 400, 700, 1100, 1500, 1900], chars=2000)
    assert keeps_coming_back > one_line

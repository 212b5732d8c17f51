"""Stories only for the same event: never two items of one issue, never a profile with a
news report, candidates by real rare words only."""
from datetime import timedelta

from articles.dedup.stories import StoryItem, compatible, group_stories, join_story, rare_words, story_partners
from keywords.text.weights import word_weights

from .test_stories import DAY, report

NOTICE = ("商务部办公厅关于印发《2015年电子商务工作要点》的通知",
          "各省、自治区、直辖市商务主管部门：为贯彻落实党的十八届三中、四中全会精神，现将2015年电子商务工作要点印发给你们。")
OTHER_NOTICE = ("国务院办公厅关于印发《2015年全国打击侵权假冒工作要点》的通知",
                "各省、自治区、直辖市人民政府：为贯彻落实党的十八届三中、四中全会精神，现将2015年工作要点印发给你们。")


def in_issue(item: StoryItem, issue, kind="article") -> StoryItem:
    item.issue, item.kind = issue, kind
    return item


def test_two_notices_of_one_issue_are_never_one_story_however_alike():
    a = in_issue(report("a", *NOTICE, DAY), issue=7)
    b = in_issue(report("b", *OTHER_NOTICE, DAY), issue=7)
    assert len(group_stories([a, b], weights=word_weights())) == 2


def test_the_same_two_notices_from_two_issues_may_be_compared():
    a = in_issue(report("a", *NOTICE, DAY), issue=7)
    b = in_issue(report("b", *NOTICE, DAY + timedelta(days=1)), issue=8)
    assert compatible(a, b)
    assert len(group_stories([a, b], weights=word_weights())) == 1


def test_a_reprint_inside_one_issue_stays_apart_too():
    a = in_issue(report("a", *NOTICE, DAY), issue=7)
    b = in_issue(report("b", *NOTICE, DAY), issue=7)
    stories = group_stories([a, b], reprint_groups=[["a", "b"]], weights=word_weights())
    assert len(stories) == 2


def test_a_member_profile_never_joins_a_news_report():
    news = report("news", "上海益漾电子商务公司推出B2O跨境贸易服务平台",
                  "上海益漾电子商务有限公司日前推出B2O跨境贸易服务平台。", DAY)
    profile = in_issue(
        report("profile", "上海益漾电子商务有限公司",
               "上海益漾电子商务有限公司推出B2O跨境贸易服务平台，服务外贸企业。", DAY),
        issue=3, kind="profile",
    )
    assert not compatible(news, profile)
    assert len(group_stories([news, profile], reprint_groups=[["news", "profile"]], weights=word_weights())) == 2


def test_profiles_share_a_story_only_with_their_own_reprints():
    profile = ("上海益漾电子商务有限公司", "上海益漾电子商务有限公司成立于2012年。")
    first = in_issue(report("p1", *profile, DAY), 3, "profile")
    again = in_issue(report("p2", *profile, DAY), 4, "profile")
    assert len(group_stories([first, again], weights=word_weights())) == 2  # alike words are not enough
    assert len(group_stories([first, again], reprint_groups=[["p1", "p2"]], weights=word_weights())) == 1


def test_rare_words_are_words_the_idf_table_knows_without_numbers_or_latin():
    words = ["1", "2", "49.7%", "pmi", "2015", "b2b", "采购", "电子商务", "的确"]
    found = rare_words(words, word_weights(), 8)
    assert "采购" in found and "电子商务" in found
    assert not {"1", "2", "49.7%", "pmi", "2015", "b2b"} & set(found)


def test_rare_words_are_the_rarest_first():
    weights = word_weights()
    found = rare_words(["公司", "电子商务", "慧聪"], weights, 2)
    assert found == sorted(found, key=lambda w: -weights[w]) and "公司" not in found


def test_a_new_report_joins_the_story_it_fits_as_a_whole():
    first = report("a", "京东公布第三季度财报：净营收286亿元 同比增长61%",
                   "京东集团今日公布2014年第三季度财报，净营收286亿元，同比增长61%；交易总额640亿元。", DAY)
    second = report("b", "京东三季度营收增61% 仍未摆脱亏损",
                    "京东昨日发布第三季度业绩：净营收同比增长61%至286亿元，交易额640亿元，但仍处于亏损之中。",
                    DAY + timedelta(days=1))
    other = report("c", "京东金融推出京小贷 为平台商家提供贷款",
                   "京东金融今日上线面向开放平台商家的小额贷款产品京小贷，最高额度可达200万元。", DAY)
    weights = word_weights()
    assert join_story(second, {1: [first], 2: [other]}, weights=weights) == 1
    assert join_story(second, {1: [first, other]}, weights=weights) is None  # not close to every member


def test_a_new_report_never_joins_a_story_holding_an_item_of_its_own_issue():
    first = in_issue(report("a", *NOTICE, DAY), issue=7)
    mine = in_issue(report("b", *NOTICE, DAY), issue=7)
    assert join_story(mine, {1: [first]}, reprints=["a"], weights=word_weights()) is None


def test_only_close_compatible_reports_are_partners_for_a_new_story():
    results = report("a", "京东公布第三季度财报：净营收286亿元 同比增长61%",
                     "京东集团今日公布2014年第三季度财报，净营收286亿元，同比增长61%；交易总额640亿元。", DAY)
    again = report("b", "京东三季度营收增61% 仍未摆脱亏损",
                   "京东昨日发布第三季度业绩：净营收同比增长61%至286亿元，交易额640亿元，但仍处于亏损之中。", DAY)
    loan = report("c", "京东金融推出京小贷 为平台商家提供贷款",
                  "京东金融今日上线面向开放平台商家的小额贷款产品京小贷，最高额度可达200万元。", DAY)
    late = report("d", *(again.title, again.text), DAY + timedelta(days=30))
    partners = story_partners(results, [again, loan, late], weights=word_weights())
    assert [p.key for p in partners] == ["b"]

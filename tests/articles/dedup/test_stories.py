"""Stories: one event across outlets, kept apart from reprints; the main item comes first."""
from datetime import datetime, timedelta

import pytest

from articles.dedup.minhash import group_reprints
from articles.dedup.stories import StoryItem, group_stories, pick_main, story_words, title_similarity
from chinese_text.dates import CHINA
from keywords.text.segmenter import Segmenter
from keywords.text.weights import word_weights

from .labelled import SEEDS_DIR

DAY = datetime(2013, 12, 19, 17, 44, tzinfo=CHINA)


def seed_000() -> tuple[str, str]:
    path = next(SEEDS_DIR.glob("000_*.txt"), None)
    if path is None:
        pytest.skip(f"sample documents not in {SEEDS_DIR}")
    _, front, body = path.read_text(encoding="utf-8").split("---", 2)
    title = next(line.split(":", 1)[1].strip() for line in front.splitlines() if line.startswith("title:"))
    return title, body


SEGMENTER = Segmenter()


def report(key, title, text="", published_at=None, outlet="", url="", source_url="") -> StoryItem:
    """A report as the site holds it: its words cut by the segmenter the analysis uses."""
    words = story_words(SEGMENTER.tokens(title), SEGMENTER.tokens(text))
    title_words = story_words(SEGMENTER.tokens(title), [])
    return StoryItem(key, title, text, published_at, outlet, url, source_url, words, title_words=title_words)


def stories_of(items):
    reprints = group_reprints([(item.key, item.text) for item in items])
    return group_stories(items, reprint_groups=reprints, weights=word_weights()), reprints


def test_seed_000_captured_from_two_outlets_is_one_story_with_two_outlets():
    title, body = seed_000()
    paragraphs = [p for p in body.split("\n") if p.strip()]
    ebrun_copy = "【亿邦动力网讯】" + "\n\n".join(paragraphs[-40:]) + "\n（本文转载自虎嗅网）"
    items = [
        report("ebrun", "2013年中国B2B行业十大关键词解读", ebrun_copy, DAY + timedelta(hours=16), "亿邦动力网",
                  "https://www.ebrun.com/20131220/89001.shtml"),
        report("huxiu", title, body, DAY, "虎嗅网", "https://www.huxiu.com/article/24694"),
    ]
    stories, reprints = stories_of(items)
    assert reprints == [["ebrun", "huxiu"]]
    (story,) = stories
    assert story.main.key == "huxiu"
    assert story.outlets == ["虎嗅网", "亿邦动力网"]
    assert [item.key for item in story.also_reported_by] == ["ebrun"]


HUICONG_A = report(
    "a", "慧聪网上线B2B在线交易系统 12.3采购节开启",
    "慧聪网10月底正式上线B2B在线交易系统，并宣布12月3日举行12.3采购节，首批入驻商家超过3000家，平台三年免佣金。",
    DAY, "亿邦动力网", "https://www.ebrun.com/1.shtml",
)
HUICONG_B = report(
    "b", "慧聪网B2B在线交易系统上线，12.3采购节来了",
    "记者获悉，慧聪集团旗下B2B在线交易系统已经上线运行。按照计划，12.3采购节将吸引3000家商家参与，交易三年免佣金。",
    DAY + timedelta(days=1), "中国电子商务研究中心", "http://www.100ec.cn/2.html",
)
ALI_LOAN = report(
    "c", "阿里小贷三季度投放贷款208亿",
    "阿里小贷2013年Q3投放贷款208亿，计150万笔，获贷企业30余万家。",
    DAY, "新浪网", "http://tech.sina.com.cn/3.html",
)


def test_different_texts_on_one_event_are_one_story_but_not_reprints():
    stories, reprints = stories_of([HUICONG_A, HUICONG_B, ALI_LOAN])
    assert sorted(map(sorted, reprints)) == [["a"], ["b"], ["c"]]
    assert sorted(sorted(item.key for item in story.items) for story in stories) == [["a", "b"], ["c"]]


def test_same_event_titles_weeks_apart_are_different_stories():
    later = StoryItem(**{**HUICONG_B.__dict__, "key": "late", "published_at": DAY + timedelta(days=30)})
    stories, _ = stories_of([HUICONG_A, later])
    assert len(stories) == 2


def test_a_newsletter_item_joins_the_story_of_the_url_it_cites():
    brief = report("n", "资讯摘要", "（短讯内容）", None, "电子商务资讯", source_url=HUICONG_A.url)
    stories, _ = stories_of([brief, HUICONG_A])
    (story,) = stories
    assert story.main.key == "a"


def test_pick_main_prefers_the_cited_original_over_an_earlier_copy():
    original = StoryItem("o", "t", published_at=DAY, url="https://www.huxiu.com/article/24694")
    early_copy = StoryItem("e", "t", published_at=DAY - timedelta(hours=1), source_url=original.url)
    assert pick_main([early_copy, original]).key == "o"


def test_pick_main_takes_the_earliest_and_undated_last():
    items = [StoryItem("u", "t"), StoryItem("late", "t", published_at=DAY + timedelta(days=1)),
             StoryItem("early", "t", published_at=datetime(2013, 12, 19, 8, 0))]
    assert pick_main(items).key == "early"


def test_title_similarity_is_character_bigram_jaccard():
    assert title_similarity("跨境电商", "跨境电商") == 1.0
    assert title_similarity("跨境电商", "产业带") == 0.0

"""Every step of a document's parse runs under the time and memory limits, whatever its
door, and no article comes out longer than the cap.

Slow or greedy steps are stood in for by functions that sleep or allocate: what is
tested is that the limit is applied around that step, with a 1-second limit."""
import time

import pytest

from articles.ingest import IngestError, dispatch, parse_document
from articles.ingest.limits import cap_article_length, run_with_time_limit
from articles.ingest.types import ParsedArticle, ParsedDocument
from articles.ingest.webpage import parse_webpage

from .makefiles import distinct_paragraphs

PAGE = ('<html><head><meta charset="utf-8"><title>跨境电商试点扩大</title></head><body><article>'
        "<h1>跨境电商试点扩大</h1><p>国务院常务会议决定，跨境电子商务综合试验区扩大到更多城市，支持产业带企业出海。</p>"
        "<p>商务部表示，将完善通关、结汇和退税等配套措施，推动外贸转型升级，为跨境电商发展清除障碍。</p>"
        "</article></body></html>").encode()


def _slowly(result):
    def step(*args, **kwargs):
        time.sleep(4)
        return result(*args, **kwargs)

    return step


def _greedily(*args, **kwargs):
    return bytearray(600 * 1024 * 1024)


def test_a_fetched_pages_extraction_is_stopped_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(dispatch, "parse_webpage", _slowly(dispatch.parse_webpage))
    with pytest.raises(IngestError, match="解析超过 1 秒"):
        parse_document(PAGE, "a.html", as_kind="webpage", url="http://127.0.0.1/a.html", time_limit=1)


def test_cleaning_and_splitting_an_upload_are_stopped_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(dispatch, "plain_article", _slowly(dispatch.plain_article))
    with pytest.raises(IngestError, match="解析超过 1 秒"):
        parse_document("标题\n正文第一段。\n正文第二段。".encode(), "a.txt", time_limit=1)


def test_a_fetched_page_needing_more_memory_than_allowed_fails_with_a_message(monkeypatch):
    monkeypatch.setattr(dispatch, "parse_webpage", _greedily)
    with pytest.raises(IngestError, match="内存超过上限"):
        parse_document(PAGE, "a.html", as_kind="webpage", url="http://127.0.0.1/a.html", memory_mb=200)


def test_a_page_parsed_under_the_limits_comes_back_whole():
    parsed = parse_document(PAGE, "a.html", as_kind="webpage", url="http://127.0.0.1/a.html", time_limit=30)
    assert parsed.title == "跨境电商试点扩大" and "综合试验区" in parsed.items[0].body


def test_an_article_over_the_cap_is_cut_at_a_paragraph_end_with_a_warning():
    paragraphs = distinct_paragraphs(60)
    parsed = parse_document("\n".join(["长文标题", *paragraphs]).encode(), "long.txt", max_article_chars=1000)
    body = parsed.items[0].body
    assert len(body) <= 1000 and body.split("\n") == paragraphs[: len(body.split("\n"))]
    assert len(body) > 500
    assert any("超过上限 1,000 字" in w and "《长文标题》" in w for w in parsed.warnings)


def test_one_huge_paragraph_is_cut_at_a_sentence_end():
    item = ParsedArticle(title="t", body="这是一句话。" * 400)
    cut = cap_article_length(ParsedDocument(kind="article", items=[item]), 1000).items[0].body
    assert cut.endswith("。") and 900 < len(cut) <= 1000


def test_articles_under_the_cap_are_untouched():
    parsed = parse_document("标题\n正文第一段。\n正文第二段。".encode(), "a.txt", max_article_chars=1000)
    assert parsed.items[0].body == "正文第一段。\n正文第二段。" and parsed.warnings == []


def nested_page(kb: int) -> bytes:
    """Blocks named like comment threads nested inside each other and holding all the text:
    asking each for its text, or whether it was removed, walked the blocks inside it."""
    levels = kb * 1024 // 33
    inner = '<div class="comment">评论' * levels + "</div>" * levels
    return f'<html><head><meta charset="utf-8"><title>t</title></head><body>{inner}</body></html>'.encode()


def test_a_page_of_deeply_nested_named_blocks_is_answered_within_the_time_limit():
    # 204 KB took four minutes when every block searched its own subtree; now about 2 s
    with pytest.raises(IngestError, match="找不到正文"):
        run_with_time_limit(parse_webpage, nested_page(204), url="http://127.0.0.1/a.html",
                            content_type_header=None, seconds=20)


def test_megabytes_of_distinct_paragraphs_are_cleaned_within_the_time_limit():
    # 3.3 MB took 79 s when each paragraph was searched for in every other; now about 2 s
    text = "\n".join(["标题", *distinct_paragraphs(9000, length=120)])
    parsed = parse_document(text.encode(), "long.txt", as_kind="article", time_limit=20)
    assert len(parsed.items) == 1 and parsed.warnings  # and cut to the length cap

"""No Markdown mark or HTML tag reaches an item's title or text, whatever the structure.

The seeds and the corpus digests are crawled texts: Markdown bold (`**加强标准体系建设。**`),
`- (1)` lists, `<p>` tags left in a saved text, code fences around a whole book. What an
editor reviews and a reader sees is their text only.
"""
import re
from pathlib import Path

import pytest

from articles.ingest import parse_document
from articles.ingest.markdown import plain_body

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
DOCUMENTS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus" / "digests").glob("*.md"))
MARKS = re.compile(
    r"(?m)^\s{0,3}#{1,6}\s|\*\*|__\S|!\[|\[[^\]\n]+\]\([^)\s]+\)|^\s*```|^\s{0,3}>\s|^\s{0,3}[-*+]\s"
    r"|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>|&(?:[a-z]+|#\d+);"
)


@pytest.mark.skipif(not DOCUMENTS, reason="seeds and corpus absent")
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_title_or_text_keeps_a_markdown_mark_or_an_html_tag(path):
    parsed = parse_document(path.read_bytes(), path.name, time_limit=None)
    marked = [
        (item.position, field, m.group()) for item in parsed.items for field in ("title", "body")
        for m in MARKS.finditer(getattr(item, field))
    ]
    assert marked == []


def test_tags_bullets_and_fences_are_marks_in_any_text():
    lines = ["```", "- (1) 跨境电商B2B的区别？", "<p>岗位职责：</p> <p>维护老客户</p>", "注*：数据为估算", "```"]
    expected = ["(1) 跨境电商B2B的区别？", "岗位职责：", "维护老客户", "注*：数据为估算"]
    assert plain_body(lines, markdown=False) == expected


def test_emphasis_and_links_are_marks_only_in_markdown():
    lines = ["(四) **加强标准体系建设。**出台产品标准。", "详见[公告](http://example.cn/a)。"]
    assert plain_body(lines, markdown=True) == ["(四) 加强标准体系建设。出台产品标准。", "详见公告。"]
    assert plain_body(lines, markdown=False) == lines

"""Reports and textbook chapters split by their numbered headings."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.ingest import IngestError, parse_document
from articles.ingest.report import parse_report
from tests.articles.ingest.makefiles import REPORT, TEXTBOOK, make_docx, make_pdf, seed_text


@pytest.fixture(scope="module")
def report_002():
    return parse_report(seed_text(REPORT))


def test_002_chapters_follow_its_numbering(report_002):
    numbers = [i.number for i in report_002.items if i.kind == "chapter" and i.number]
    # Chapters 1-4 have no text of their own before 1.1, 2.1 …: they are the sections.
    assert numbers == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.3.1", "2.3.2", "2.3.3", "3.1", "3.2", "4.1", "4.2"]
    titles = {i.number: i.title for i in report_002.items}
    assert titles["2.3.2"] == "营销价值：中小企业开拓客户、塑造品牌；大型企业完善渠道网络"
    sections = {i.number: i.section for i in report_002.items}
    assert sections["3.2"] == "生态系统：电商实现企业价值的体系支撑"
    assert all(i.body for i in report_002.items)


def test_a_footnote_number_is_not_a_heading(report_002):
    assert not any(i.title.startswith("数据来自") for i in report_002.items)


def test_forewords_are_attributed_to_their_authors(report_002):
    forewords = [i for i in report_002.items if i.kind == "foreword"]
    assert forewords[0].author.startswith("汪海（阿里巴巴 集团副总裁）")
    assert forewords[0].body.startswith("展望未来二十年")
    assert "赵立强" in forewords[1].author


def test_figure_captions_are_kept_as_captions(report_002):
    captions = [c for i in report_002.items for c in i.captions]
    assert any(c.startswith("图2.6") for c in captions)
    assert all(not line.startswith("图2.6") for i in report_002.items for line in i.body.split("\n"))


def test_page_footers_and_the_watermark_are_dropped(report_002):
    text = "\n".join(i.body for i in report_002.items)
    assert "第 24 页" not in text and "第24页" not in text


def test_003_textbook_chapters_and_their_sections():
    parsed = parse_report(seed_text(TEXTBOOK))
    assert [(i.number, i.title) for i in parsed.items][:3] == [
        ("1", "跨境电商B2B基础知识和技能"), ("1.1", "跨境电商B2B模式"), ("1.2", "我国跨境电商B2B的发展脉络"),
    ]
    assert [i.number for i in parsed.items] == ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3"]


@pytest.mark.parametrize("name", [REPORT, TEXTBOOK])
def test_reports_are_recognised_by_content(name):
    assert parse_document(seed_text(name).encode("gb18030"), "x.txt", time_limit=None).kind == "report"


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_the_same_report_as_docx_and_pdf_keeps_its_numbering(report_002, form):
    text = seed_text(REPORT)
    data = make_docx(text) if form == "docx" else make_pdf(text, header="2020中国工业品B2B电商发展报告")
    parsed = parse_document(data, f"002.{form}", as_kind="report", time_limit=None)
    numbers = [i.number for i in parsed.items if i.number]
    assert numbers == [i.number for i in report_002.items if i.number]


def test_text_without_numbered_headings_is_not_a_report():
    with pytest.raises(IngestError, match="没有找到带编号的章节标题"):
        parse_report("这是一段普通的文字，没有任何章节。\n第二段。")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.一二三、【学习目标】图表：汪海公司总裁 \n电商报告第页")),
               max_size=400))
def test_no_text_makes_the_report_parser_raise_anything_but_its_own_error(text):
    try:
        parse_report(text)
    except IngestError:
        pass


def test_title_publisher_and_date_are_read_where_the_text_states_them():
    text = ("2020中国工业品B2B电商发展报告\n阿里研究院 联合发布\n2020年9月\n"
            "1 导言部分\n正文第一段。\n1.1 市场\n正文。\n1.2 趋势\n正文。")
    parsed = parse_report(text)
    assert parsed.title == "2020中国工业品B2B电商发展报告"
    assert parsed.source_name == "阿里研究院"
    assert parsed.published_at.strftime("%Y-%m") == "2020-09" and parsed.date_precision == "month"


def test_a_signature_line_is_not_the_publisher(report_002):
    assert report_002.source_name == "" and report_002.published_at is None  # 002 states neither

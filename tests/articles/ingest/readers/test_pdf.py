import io
from collections import Counter

import pytest
from pypdfium2 import PdfDocument

from articles.ingest import IngestError
from articles.ingest.readers import read_document
from articles.ingest.readers.pdf import read_pdf
from tests.articles.ingest.makefiles import (
    cjk,
    lone_glyphs,
    make_encrypted_pdf,
    make_image_only_pdf,
    make_pdf,
    same_cjk_but_lone_glyphs,
)


def body_cjk(pages: list[str], header: str) -> Counter:
    """The CJK characters of the pages less each page's running header and `第 N 页` footer."""
    kept = []
    for number, page in enumerate(pages, start=1):
        lines = ["".join(line.split()) for line in page.split("\n")]
        for drawn in ("".join(header.split()), f"第{number}页"):
            lines.remove(drawn)
        kept.extend(lines)
    return Counter(cjk("".join(kept)))


def test_newsletter_pdf_gives_every_cjk_character_of_the_seed(newsletter_pdf, newsletter_text):
    result = read_document(newsletter_pdf, "newsletter.pdf")
    assert result.format == "pdf"
    got = body_cjk(result.pages, "电子商务资讯  2015年第2期")
    assert same_cjk_but_lone_glyphs(got, Counter(cjk(newsletter_text)), newsletter_pdf)


def test_report_pdf_gives_every_cjk_character_of_the_seed(report_pdf, report_text):
    result = read_pdf(report_pdf)
    got = body_cjk(result.pages, "工业品B2B电商行业研究报告")
    assert same_cjk_but_lone_glyphs(got, Counter(cjk(report_text)), report_pdf)


def test_a_lone_glyph_is_the_only_character_pdfium_may_drop():
    """Without a CJK system font PDFium drops a one-glyph line of a non-embedded font; with
    one it reads it. Either way nothing else goes missing."""
    pdf = make_pdf("测试测试\n售\n商务", header="")
    body = Counter(cjk(read_pdf(pdf).text)) - Counter("第页")  # the page footer
    assert lone_glyphs(pdf) == Counter("售")
    assert same_cjk_but_lone_glyphs(body, Counter("测试测试售商务"), pdf)


def test_pdf_text_is_returned_page_by_page_with_its_page_numbers(newsletter_pdf):
    result = read_pdf(newsletter_pdf)
    assert len(result.pages) > 20
    for number, page in enumerate(result.pages, start=1):
        assert f"第 {number} 页" in page.split("\n")


def test_pdf_keeps_a_blank_line_between_paragraphs(newsletter_pdf):
    text = read_pdf(newsletter_pdf).text
    assert "\n\n【重要消息】\n\n" in text
    # the lines of one paragraph stay together, without a blank line between them
    start = text.index("三四月间")
    paragraph = text[start:text.index("\n\n", start)]
    assert paragraph.count("\n") >= 3
    assert paragraph.endswith("意义日趋明显。")


def test_short_textbook_pdf_is_read(textbook_text):
    pdf = make_pdf(textbook_text[:3000])
    assert cjk(textbook_text[:3000])[:200] in cjk(read_pdf(pdf).text)


def test_encrypted_pdf_gets_its_own_message():
    with pytest.raises(IngestError, match="密码保护"):
        read_document(make_encrypted_pdf(), "locked.pdf")


def test_image_only_pdf_says_it_has_no_text_layer():
    with pytest.raises(IngestError, match="PDF没有文字层（可能是扫描件）"):
        read_document(make_image_only_pdf(), "scan.pdf")


def test_truncated_pdf_says_it_is_incomplete(report_pdf):
    with pytest.raises(IngestError, match="不完整"):
        read_document(report_pdf[: len(report_pdf) // 2], "cut.pdf")


def test_corrupt_pdf_with_an_ending_says_it_is_damaged():
    with pytest.raises(IngestError, match="已损坏"):
        read_document(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "junk.pdf")


def test_pdf_with_some_image_pages_warns_about_them(report_text):
    text_pdf = PdfDocument(make_pdf(report_text[:2000]))
    text_pdf.import_pages(PdfDocument(make_image_only_pdf(pages=1)))
    out = io.BytesIO()
    text_pdf.save(out)
    result = read_pdf(out.getvalue())
    assert result.pages[-1] == ""
    assert any("没有文字层" in w for w in result.warnings)

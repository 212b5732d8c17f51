from collections import Counter

import pytest

from articles.ingest import IngestError
from articles.ingest.readers import read_document
from articles.ingest.readers.docx import MAX_ENTRIES, read_docx
from tests.articles.ingest.makefiles import (
    cjk,
    make_docx,
    make_large_docx,
    make_zip,
    make_zip_bomb,
    same_cjk_but_lone_glyphs,
)


def test_docx_gives_every_cjk_character_of_the_seed(newsletter_docx, newsletter_text):
    result = read_document(newsletter_docx, "newsletter.docx")
    assert result.format == "docx"
    assert Counter(cjk(result.text)) == Counter(cjk(newsletter_text))


def test_docx_keeps_one_line_per_paragraph_and_headings(newsletter_docx):
    lines = read_docx(newsletter_docx).text.split("\n")
    assert "【编辑寄语】" in lines  # a heading paragraph
    assert "(摘自：搜狐网)" in lines


def test_docx_table_text_is_read_row_by_row_in_place():
    data = make_docx("表格之前的段落", table_rows=[["会员单位", "所在地"], ["上海义天网络科技有限公司", "上海"]])
    assert read_docx(data).text.split("\n") == ["表格之前的段落", "会员单位\t所在地", "上海义天网络科技有限公司\t上海"]


def test_docx_and_pdf_of_one_seed_give_the_same_body(newsletter_docx, newsletter_pdf):
    pdf = read_document(newsletter_pdf)
    header_and_footer = Counter(cjk("电子商务资讯2015年第2期第页") * len(pdf.pages))
    from_pdf = Counter(cjk(pdf.text)) - header_and_footer
    assert same_cjk_but_lone_glyphs(from_pdf, Counter(cjk(read_document(newsletter_docx).text)), newsletter_pdf)


def test_zip_that_is_not_a_word_document_says_so():
    with pytest.raises(IngestError, match="不是Word文档"):
        read_document(make_zip({"readme.txt": "说明".encode()}), "fake.docx")


def test_truncated_docx_says_the_zip_is_broken(newsletter_docx):
    with pytest.raises(IngestError, match="不是完整的ZIP"):
        read_document(newsletter_docx[:5000], "cut.docx")


def test_zip_bomb_is_refused_before_it_is_inflated():
    with pytest.raises(IngestError, match="压缩炸弹"):
        read_document(make_zip_bomb(uncompressed_mb=300), "bomb.docx")


def test_zip_with_an_absurd_compression_ratio_is_refused():
    with pytest.raises(IngestError, match="压缩比异常"):
        read_document(make_zip_bomb(uncompressed_mb=50), "bomb.docx")


def test_zip_with_too_many_entries_is_refused():
    entries = {f"word/media/{i}.bin": b"" for i in range(MAX_ENTRIES + 1)}
    entries["word/document.xml"] = b"<w:document/>"
    with pytest.raises(IngestError, match="个文件，超过上限"):
        read_document(make_zip(entries), "many.docx")


def test_word_body_with_entity_declarations_is_refused(newsletter_docx):
    bomb = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>'
    with pytest.raises(IngestError, match="DTD"):
        read_document(make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": bomb}), "evil.docx")


def test_zip_with_a_broken_word_body_says_the_document_is_damaged():
    data = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document"})
    with pytest.raises(IngestError, match="Word文档（docx）已损坏"):
        read_document(data, "broken.docx")


def test_empty_word_document_says_it_has_no_text():
    with pytest.raises(IngestError, match="没有文字"):
        read_docx(make_docx(""))


def test_a_docx_whose_text_inflates_past_the_cap_is_refused_before_it_is_read():
    large = make_large_docx(33)  # 11 MB on disk, three-fold compression: no ratio check stops it
    with pytest.raises(IngestError, match=r"文字部分解压后达 3[3-5]\.\d MB，超过上限 32 MB"):
        read_document(large, "large.docx", time_limit=None)


def test_a_docx_of_many_parts_each_under_the_ratio_check_is_refused():
    entries = {f"word/media/image{i}.bin": b"\0" * (9 * 1024 * 1024) for i in range(12)}  # 108 MB in all
    entries.update({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    with pytest.raises(IngestError, match="解压后达 108.0 MB，超过上限 100 MB"):
        read_document(make_zip(entries), "parts.docx", time_limit=None)


def test_a_large_docx_under_the_caps_is_read():
    text = read_document(make_large_docx(2), "large.docx").text
    assert text.count("\n") > 5000 and "第0段，" in text

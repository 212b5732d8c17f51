import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.ingest import IngestError
from articles.ingest.readers import detect_format, read_document
from tests.articles.ingest.makefiles import make_docx, make_html


def test_format_is_told_by_content_not_by_name(newsletter_pdf):
    assert read_document(newsletter_pdf, "issue.txt").format == "pdf"
    assert read_document(make_docx("会员资料"), "issue.pdf").format == "docx"
    assert read_document(make_html("会员资料"), "issue.docx").format == "html"


def test_pdf_header_after_some_junk_is_still_a_pdf():
    assert detect_format(b"\r\n\x00junk%PDF-1.4\n") == "pdf"


def test_empty_file_gets_its_own_message():
    with pytest.raises(IngestError, match="《空.txt》是空文件"):
        read_document(b"", "空.txt")


def test_file_over_max_bytes_is_refused_before_parsing(newsletter_pdf):
    with pytest.raises(IngestError, match="文件太大"):
        read_document(newsletter_pdf, "big.pdf", max_bytes=1024)


def test_reading_without_a_time_limit_gives_the_same_text(newsletter_pdf):
    assert read_document(newsletter_pdf, time_limit=None).text == read_document(newsletter_pdf).text


SMALL_DOCX = make_docx("会员资料\n注意保存" * 20)
MAGIC = st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><meta charset=gbk>", b"\xef\xbb\xbf", b"\xff\xfe"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MAGIC, st.binary(max_size=2000))
def test_arbitrary_bytes_raise_nothing_but_ingest_error(magic, tail):
    assert_reads_or_explains(magic + tail)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SMALL_DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=10))
def test_damaged_docx_raises_nothing_but_ingest_error(changes):
    data = bytearray(SMALL_DOCX)
    for index, value in changes:
        data[index] = value
    assert_reads_or_explains(bytes(data))


def assert_reads_or_explains(data: bytes) -> None:
    """Either text comes back, or an IngestError written for the editor (not the catch-all for bugs)."""
    try:
        result = read_document(data, "random.bin")
    except IngestError as exc:
        assert "联系管理员" not in str(exc), exc.__cause__
    else:
        assert isinstance(result.text, str)

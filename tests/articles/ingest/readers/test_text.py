import codecs

import pytest

from articles.ingest import IngestError
from articles.ingest.readers import read_document

ENCODINGS = [
    ("utf-8", b"", "utf-8"),
    ("utf-8", codecs.BOM_UTF8, "utf-8"),
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32-le"),
]


@pytest.mark.parametrize(("codec", "bom", "expected"), ENCODINGS)
@pytest.mark.parametrize("seed", ["newsletter_text", "report_text", "textbook_text"])
def test_the_same_seed_in_every_encoding_reads_the_same(request, seed, codec, bom, expected):
    body = request.getfixturevalue(seed).encode(codec, errors="ignore")  # GBK lacks a bullet and an emoji
    result = read_document(bom + body, "seed.txt")
    assert (result.format, result.encoding) == ("txt", expected)
    assert result.text == body.decode(codec).replace("\r\n", "\n")


@pytest.mark.parametrize("seed", ["newsletter_text", "report_text", "textbook_text"])
def test_big5_seed_is_read_as_big5_not_as_gb18030_mojibake(request, seed):
    data = request.getfixturevalue(seed).encode("big5", errors="ignore")  # simplified-only characters dropped
    data.decode("gb18030")  # the trap: the bytes are valid GB18030 too
    result = read_document(data, "seed.txt")
    assert (result.encoding, result.text) == ("big5", data.decode("big5").replace("\r\n", "\n"))


def test_windows_newlines_become_one_kind():
    assert read_document("第一行\r\n第二行\r第三行".encode("gbk")).text == "第一行\n第二行\n第三行"


def test_the_file_name_does_not_decide_the_format(newsletter_text):
    assert read_document(newsletter_text.encode(), "newsletter.pdf").format == "txt"


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 8, b"\x00\x01\x02\x03binary\xff\xfe\x00" * 50, b"\x13\x37\xde\xad\xbe\xef" * 300],
)
def test_binary_junk_is_an_error_not_mojibake(data):
    with pytest.raises(IngestError):
        read_document(data, "junk.txt")


def test_old_word_doc_gets_a_save_as_docx_message():
    with pytest.raises(IngestError, match=r"另存为 \.docx"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.doc")

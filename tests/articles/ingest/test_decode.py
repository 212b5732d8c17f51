import codecs

import pytest

from articles.ingest import IngestError
from articles.ingest.decode import decode_text

TEXT = "跨境电商：2015年4月1日，国务院常务会议。"


def test_utf8_without_bom():
    assert decode_text(TEXT.encode("utf-8")) == (TEXT, "utf-8")


def test_utf8_bom_is_removed():
    assert decode_text(codecs.BOM_UTF8 + TEXT.encode("utf-8"))[0] == TEXT


def test_gbk_text_is_read_as_gb18030():
    assert decode_text(TEXT.encode("gbk")) == (TEXT, "gb18030")


def test_gb18030_only_characters_survive():
    text = "𠮷野家与鿿" + TEXT
    assert decode_text(text.encode("gb18030"))[0] == text


def test_utf16_with_bom():
    assert decode_text(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))[0] == TEXT


@pytest.mark.parametrize("data", [b"", b"   \n\t"])
def test_empty_input_is_a_clear_error(data):
    with pytest.raises(IngestError, match="文件为空"):
        decode_text(data)

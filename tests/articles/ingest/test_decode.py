import codecs

import pytest

from articles.ingest import IngestError
from articles.ingest.decode import codec_for_label, decode_text

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


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_told_by_its_nul_bytes(encoding):
    assert decode_text(TEXT.encode(encoding)) == (TEXT, encoding)


def test_utf32_with_bom():
    assert decode_text(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")) == (TEXT, "utf-32-le")


def test_big5_is_not_taken_for_gb18030():
    text = "跨境電商：2015年4月1日，國務院常務會議決定，加快發展電子商務，培育經濟新動力。" * 3
    data = text.encode("big5")
    data.decode("gb18030")  # valid GB18030 too: only plausibility tells them apart
    assert decode_text(data) == (text, "big5")


def test_gbk_text_with_rare_characters_stays_gb18030():
    text = "镕基、喆与堃在产业带上开店。" * 3
    assert decode_text(text.encode("gbk")) == (text, "gb18030")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,  # NUL bytes, not UTF-16
        bytes(range(0x80, 0x100)) * 8,  # high bytes only: decodable as GB18030, but not prose
        b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40,  # valid UTF-8, but control characters
    ],
)
def test_binary_junk_is_an_error_not_mojibake(data):
    with pytest.raises(IngestError):
        decode_text(data)


def test_western_text_is_left_to_the_detector_rather_than_refused():
    # charset-normalizer may pick any Latin code page for so short a text: only the fallback is tested
    text, encoding = decode_text("Café au lait, crème brûlée et naïveté à la française.".encode("latin-1"))
    assert text.startswith("Caf") and "lait" in text
    assert encoding not in ("gb18030", "big5")


@pytest.mark.parametrize("label", ["gb2312", "GBK", "x-gbk", "cp936", "\"GB2312\"", "euc-cn", "gb18030"])
def test_every_gb_label_is_read_as_gb18030(label):
    assert codec_for_label(label) == "gb18030"


def test_big5_labels_are_read_with_the_hong_kong_superset():
    assert codec_for_label("Big5") == "big5hkscs"


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "utf-16", "utf-32le", "no-such-charset", ""])
def test_server_defaults_bomless_utf16_and_unknown_labels_are_not_trusted(label):
    assert codec_for_label(label) == ""


def test_other_labels_are_read_by_their_codec():
    assert codec_for_label("UTF8") == "utf-8"
def test_gbk_text_with_a_stray_broken_byte_is_still_gbk_not_a_detectors_guess():
    long_text = TEXT * 60  # about 1,300 characters, one of them broken
    text, encoding = decode_text(long_text.encode("gbk") + b"\xff" + long_text.encode("gbk"))
    assert encoding == "gb18030"
    assert text.count("\ufffd") == 1 and text.replace("\ufffd", "") == long_text * 2


def test_text_broken_every_sentence_is_refused_rather_than_read_through():
    with pytest.raises(IngestError, match="无法识别文件的文字编码"):
        decode_text((TEXT.encode("gbk") + b"\xff") * 40)

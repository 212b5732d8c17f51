"""Bytes to text: one decoder for every door.

Order matters: a BOM is certain; strict UTF-8 almost never decodes text that is not
UTF-8; UTF-16 without a BOM shows itself by NUL bytes at every other position (and must
be tried before GB18030, which happily decodes NULs); GB18030 is the superset of GB2312
and GBK, so a file labelled either decodes with it.

GB18030 decodes almost any byte sequence, Big5 included, so "it decoded" proves little.
What tells them apart is plausibility: Chinese prose is made almost entirely of the
~9,700 common characters of GB2312 and of Big5's frequent block. Big5 bytes read as
GB18030 land on kana, Greek, rare GBK extension ideographs and private-use code points:
on the seeds only 34-39% of their non-ASCII characters are common, against 99.99% for
the same seeds in GBK. Text with a few broken bytes (at most one character in a
thousand) is read as UTF-8 or GB18030 when the rest is plausible, the broken characters
shown as U+FFFD. A detector (charset-normalizer) is asked only when all of that fails,
and its answer must pass the same plausibility test, so binary junk is an error rather
than mojibake.

Declared labels (an HTTP header's charset, a `<meta>` tag, an XML declaration) are
read by `codec_for_label` alone: it is about bytes, so it lives with the decoder, not in
`chinese_text`, which works on decoded text.
"""
from __future__ import annotations

import codecs
import unicodedata
from functools import cache

from .errors import IngestError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_TEXT_CONTROLS = set("\t\n\r\f\v\x1a")  # \x1a: DOS end-of-file, seen at the end of old GBK files
MIN_COMMON_SHARE = 0.75  # of non-ASCII characters, for text decoded without a BOM
BIG5_MARGIN = 0.1  # Big5 read as GB18030 loses 0.6 of common share on the seeds; a tie stays GB
MAX_ODD_SHARE = 0.02  # control, private-use and unassigned characters, of all characters
# Pages and feeds labelled gb2312 use GBK characters; GB18030 is the superset that reads them all.
GB_LABELS = frozenset({"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "csgb2312", "cp936", "ms936",
                       "windows-936", "euc-cn", "x-euc-cn", "gb18030"})
_BIG5_LABELS = frozenset({"big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5"})
# What servers and editors write when nobody chose an encoding: it says nothing about the bytes.
_DEFAULT_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252"})
MAX_BROKEN_SHARE = 0.001  # undecodable characters, of all characters, in text read despite them


def decode_text(data: bytes) -> tuple[str, str]:
    """Return the text and the encoding it was read with."""
    if not data.strip():
        raise IngestError("文件为空，没有可读取的内容。")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"文件以 {encoding} 标记开头，但内容在第 {exc.start} 字节处无法按此编码读取。"
                ) from exc
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        if odd_share(utf8) > MAX_ODD_SHARE:
            raise IngestError("文件内容含有大量控制字符，看起来是二进制数据而不是文本。")
        return utf8, "utf-8"
    if b"\0" in data:
        return _decode_utf16_without_bom(data)
    gb = _try(data, "gb18030")
    big5 = _try(data, "big5")
    if gb is not None and big5 is not None and common_share(big5) > common_share(gb) + BIG5_MARGIN:
        return big5, "big5"
    if gb is not None and _plausible(gb):
        return gb, "gb18030"
    if big5 is not None and _plausible(big5):
        return big5, "big5"
    return _decode_with_a_few_broken_bytes(data) or _detect(data)


def codec_for_label(label: str) -> str:
    """The codec to read bytes a declared charset label describes; "" when the label
    cannot be trusted (a server default, UTF-16/32 without its BOM) or is unknown."""
    label = (label or "").strip().strip("\"'").lower()
    if label in GB_LABELS:
        return "gb18030"
    if label in _BIG5_LABELS:
        return "big5hkscs"  # the superset: Hong Kong characters decode too
    if label in _DEFAULT_LABELS:
        return ""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return ""
    return "" if name.startswith(("utf-16", "utf-32")) else name


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_with_a_few_broken_bytes(data: bytes) -> tuple[str, str] | None:
    """UTF-8 or GB18030 text with a handful of broken bytes (a page cut mid-character, a
    stray byte), each broken character shown as U+FFFD, when the rest reads as prose.

    A detector would read such a GBK page as some Cyrillic code page, all of it mojibake.
    """
    for encoding in ("utf-8", "gb18030"):
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") <= MAX_BROKEN_SHARE * len(text) and _plausible(text):
            return text, encoding
    return None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-16 puts NULs in text (the high byte of ASCII); in anything else a NUL means binary.

    Both byte orders are tried and the one that reads as prose wins: binary data often
    decodes as UTF-16 too, but into rare ideographs, Hangul and unassigned code points.
    """
    for encoding in ("utf-16-le", "utf-16-be"):
        text = _try(data, encoding)
        if text is not None and _plausible(text):
            return text, encoding
    raise IngestError("文件含有二进制数据（NUL 字节），不是文本文件，也不是可识别的 PDF 或 Word 文档。")


def _detect(data: bytes) -> tuple[str, str]:
    """Last resort: ask charset-normalizer, and believe it only if the result reads as text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if odd_share(text) <= MAX_ODD_SHARE and (_cjk_count(text) == 0 or common_share(text) >= MIN_COMMON_SHARE):
            return text, best.encoding
    raise IngestError(
        "无法识别文件的文字编码（已尝试 UTF-8、GB18030/GBK、UTF-16 和 Big5），"
        "内容看起来不是文本。请另存为 UTF-8 文本后再上传。"
    )


def _plausible(text: str) -> bool:
    return odd_share(text) <= MAX_ODD_SHARE and common_share(text) >= MIN_COMMON_SHARE


def odd_share(text: str) -> float:
    """Share of characters that never occur in prose: controls, private use, unassigned."""
    if not text:
        return 0.0
    odd = sum(1 for ch in text if ch not in _TEXT_CONTROLS and unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"))
    return odd / len(text)


def common_share(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation."""
    common = _common_chars()
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 1.0
    return sum(1 for ch in wide if ch in common) / len(wide)


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")


@cache
def _common_chars() -> frozenset[str]:
    """GB2312 (every character) and Big5's frequent block, built from Python's own codecs."""
    chars: set[str] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            chars.update(_try(bytes((lead, trail)), "gb2312") or "")
    for lead in range(0xA1, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            chars.update(_try(bytes((lead, trail)), "big5") or "")
    chars.update(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width ASCII
    chars.update(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation
    chars.update(chr(c) for c in range(0x2010, 0x2040))  # dashes, quotes, ellipsis
    chars.update("\u00a0\u00b7\u00d7")
    return frozenset(chars)

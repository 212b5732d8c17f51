"""Bytes to text: one decoder for every door.

Order matters: a BOM is certain; strict UTF-8 almost never decodes text that is not
UTF-8; GB18030 is the superset of GB2312 and GBK, so a file labelled either decodes
with it.
"""
from __future__ import annotations

import codecs

from .errors import IngestError

_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


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
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise IngestError("无法识别文件的文字编码（已尝试 UTF-8 和 GB18030）。")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")

"""DOCX text with python-docx, after checking the ZIP is safe to open.

A DOCX is a ZIP of XML parts. Before python-docx inflates anything we look at the ZIP's
directory: that it is a ZIP, that it holds a Word body, and that its declared sizes are
sane. Python's zipfile never inflates a member past its declared size, so checking the
declared sizes is enough to stop a zip bomb. A DTD in the body is refused outright:
WordprocessingML never needs one, and entity expansion is how XML bombs work.

The ratio check alone let through a 27 MB DOCX whose XML inflated six-fold to 160 MB:
python-docx builds a tree of it, which took 8 GB and 12 minutes. So the XML parts are
capped too (MAX_XML), at what a 1,000-page report needs, and the whole archive at
MAX_UNCOMPRESSED; pictures, stored mostly as they are, count only towards the latter.
"""
from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import IngestError
from ..types import ExtractedText

BODY = "word/document.xml"
MAX_ENTRIES = 2000  # a long report with many images has a few hundred
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # pictures included: twice the largest upload
MAX_XML = 32 * 1024 * 1024  # the text-bearing parts; a 500-page report's body is 10-15 MB
MAX_RATIO = 200  # XML compresses 10-30x; zeros compress ~1000x
RATIO_FLOOR = 10 * 1024 * 1024  # only members larger than this are checked for ratio

# what zipfile raises on a damaged archive, besides BadZipFile
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError, RuntimeError)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> ExtractedText:
    check_docx_zip(data)
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
        blocks = list(_blocks(document))
    except IngestError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile each raise their own types
        raise IngestError(f"Word文档（docx）已损坏，无法读取：{type(exc).__name__}。") from exc
    text = "\n".join(b for b in blocks if b.strip())
    if not text.strip():
        raise IngestError("Word文档里没有文字。")
    return ExtractedText(text=text, format="docx")


def check_docx_zip(data: bytes) -> None:
    """Raise `IngestError` unless `data` is a ZIP with a Word body and sane sizes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise IngestError("文件以ZIP（docx）开头，但不是完整的ZIP压缩包，可能已损坏或被截断。") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise IngestError(f"压缩包内有 {len(entries)} 个文件，超过上限 {MAX_ENTRIES}，不像是正常的Word文档。")
        names = {e.filename for e in entries}
        if BODY not in names:
            raise IngestError("文件是ZIP压缩包，但不是Word文档（docx）：缺少 word/document.xml。")
        total = sum(e.file_size for e in entries)
        if total > MAX_UNCOMPRESSED:
            raise IngestError(
                f"压缩包解压后达 {total / 1024 / 1024:.1f} MB，超过上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB"
                "（文档过大，或是“压缩炸弹”），已拒绝。请拆分后再上传。"
            )
        for e in entries:
            if e.file_size > RATIO_FLOOR and e.file_size > MAX_RATIO * max(e.compress_size, 1):
                raise IngestError(
                    f"压缩包内 {e.filename} 的压缩比异常（超过 {MAX_RATIO} 倍），疑似“压缩炸弹”，已拒绝。"
                )
        xml = sum(e.file_size for e in entries if e.filename.endswith((".xml", ".rels")))
        if xml > MAX_XML:
            raise IngestError(
                f"Word文档的文字部分解压后达 {xml / 1024 / 1024:.1f} MB，超过上限 {MAX_XML // 1024 // 1024} MB"
                "（约相当于上千页的文字），已拒绝。请拆分成几个文件后再上传。"
            )
        try:
            with archive.open(BODY) as body:
                head = body.read(4096)
        except _ZIP_ERRORS as exc:
            raise IngestError("Word文档（docx）的正文部分已损坏，无法解压。") from exc
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise IngestError("Word文档的正文含有DTD/实体声明，正常文档不会有，已拒绝读取。")


def _blocks(document):
    """Paragraphs and table rows in document order (headings are paragraphs too)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document).text
        elif child.tag == f"{_W}tbl":
            yield from _table_rows(Table(child, document))


def _table_rows(table):
    """Each row as one line, cells separated by a tab; a merged cell counted once."""
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            parts = [p.text for p in cell.paragraphs if p.text.strip()]
            cells.append(" ".join(parts))
            for inner in cell.tables:
                yield from _table_rows(inner)
        if any(c.strip() for c in cells):
            yield "\t".join(cells)

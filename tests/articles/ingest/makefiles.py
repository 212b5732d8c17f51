"""Make the files an editor uploads (PDF, DOCX, HTML, broken ones) from the seed texts.

The tests generate their inputs rather than ship binary fixtures: what a file holds is
then visible in the test, and the same seed text can be laid out as every format.
No Django here, so the benchmark script can import it too.
"""
from __future__ import annotations

import io
import os
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

SEEDS = Path(os.environ.get("SEEDS_DIR", Path(__file__).resolve().parents[3].parent / "shared" / "seeds"))
NEWSLETTER = "004_38fb784fea1a796c.txt"
REPORT = "002_23272ef6e7c342b9.txt"
TEXTBOOK = "003_c42e9ac4b68b8ace.txt"
CJK_FONT = "STSong-Light"  # one of the CID fonts every PDF reader knows: no font file needed


def seed_text(name: str) -> str:
    """A seed's text; the caller skips when the seeds folder is absent."""
    return (SEEDS / name).read_text(encoding="utf-8")


def seed_paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def cjk(text: str) -> str:
    """Only the CJK ideographs of a text: what every format must carry over unchanged."""
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0002ffff")


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))


def make_pdf(
    text: str,
    *,
    header: str = "电子商务资讯  2015年第2期",
    footer: str = "第 {page} 页",
    font_size: float = 10.5,
    encrypt: str | None = None,
) -> bytes:
    """A multi-page PDF of `text`, one paragraph per non-empty line.

    Every page has a running header and a footer, by default `第 N 页` like the newsletters
    the seeds were extracted from; `footer` may name `{page}` and `{pages}` (the page count,
    as in a research note's `2 / 4`). A form feed (`\\f`) in the text starts a new page.
    Paragraphs are separated by a visible gap.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    _register_font()
    style = ParagraphStyle(
        "body", fontName=CJK_FONT, fontSize=font_size, leading=font_size * 1.5, wordWrap="CJK", spaceAfter=font_size
    )

    def build(pages: int) -> tuple[bytes, int]:
        count = 0

        def decorate(canvas, doc):
            nonlocal count
            count = doc.page
            canvas.saveState()
            canvas.setFont(CJK_FONT, 8)
            canvas.drawString(72, A4[1] - 40, header)
            canvas.drawCentredString(A4[0] / 2, 30, footer.format(page=doc.page, pages=pages))
            canvas.restoreState()

        story = []
        for n, chunk in enumerate(text.split("\f")):
            if n:
                story.append(PageBreak())
            story.extend(Paragraph(escape(p), style) for p in seed_paragraphs(chunk))
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=A4, topMargin=60, bottomMargin=50, encrypt=encrypt)
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
        return out.getvalue(), count

    data, pages = build(0)
    return build(pages)[0] if "{pages}" in footer else data


def lone_glyphs(pdf: bytes) -> Counter:
    """The CJK characters that `make_pdf` laid out alone on a line.

    PDFium substitutes a system font for the non-embedded STSong-Light. Without a CJK font
    on the machine (no fonts-noto-cjk) it gives the last glyph of a run no width, so a line
    of one glyph has no area and its text page leaves it out (seen with pypdfium2 5.15.2:
    a paragraph ending 销 / 售 across a line break reads 销). With the font it is read.
    pdfminer reads the same file's layout, so the tests name exactly what PDFium may drop
    instead of loosening their character-for-character check.
    """
    from pdfminer.high_level import extract_text

    lines = (line.strip() for line in extract_text(io.BytesIO(pdf)).split("\n"))
    return Counter(line for line in lines if len(line) == 1 and cjk(line) == line)


def same_cjk_but_lone_glyphs(got: Counter, expected: Counter, pdf: bytes) -> bool:
    """True when `got` has every expected character, except at most the lone glyphs PDFium
    may drop (see `lone_glyphs`), and nothing else."""
    return not (got - expected) and (expected - got) <= lone_glyphs(pdf)


def make_encrypted_pdf(text: str = "加密的文件", password: str = "secret") -> bytes:
    return make_pdf(text, encrypt=password)


def make_image_only_pdf(pages: int = 2) -> bytes:
    """A 'scan': every page is a picture, with no text layer at all."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    image = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 520, 24):
        draw.rectangle((40, y, 360, y + 10), fill=40)  # lines of 'print'
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for _ in range(pages):
        canvas.drawImage(ImageReader(image), 50, 80, width=A4[0] - 100, height=A4[1] - 160)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def make_docx(text: str, *, headings: bool = True, table_rows: list[list[str]] | None = None) -> bytes:
    """A DOCX of `text`: 【section】 lines become headings; optional table at the end."""
    from docx import Document

    document = Document()
    for para in seed_paragraphs(text):
        if headings and para.startswith("【") and para.endswith("】"):
            document.add_heading(para, level=1)
        else:
            document.add_paragraph(para)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED, level: int | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression, compresslevel=level) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def make_zip_bomb(uncompressed_mb: int = 200) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to `uncompressed_mb` MiB of zeros."""
    return make_zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"\0" * (uncompressed_mb * 1024 * 1024),
        },
        compression=zipfile.ZIP_DEFLATED,
    )


def make_html(text: str, *, charset: str = "utf-8", meta: str = "charset") -> bytes:
    """An HTML newsletter of `text` with a nav, a script and a style to be dropped."""
    if meta == "charset":
        head = f'<meta charset="{charset}">'
    else:
        head = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    body = "\n".join(f"<p>{escape(p)}</p>" for p in seed_paragraphs(text))
    page = (
        f"<!DOCTYPE html><html><head>{head}<title>电子商务资讯</title>"
        "<style>p { color: red }</style><script>var x = '脚本不是正文';</script></head>"
        "<body><nav><a href='/'>首页</a> <a href='/about'>导航不是正文</a></nav>"
        f"<div class='content'>{body}</div></body></html>"
    )
    # Pages labelled gb2312 or gbk use the whole of GBK in practice; GB18030 covers it.
    return page.encode("gb18030" if charset.lower() in ("gb2312", "gbk") else charset)


def distinct_paragraphs(count: int, *, length: int = 60, seed: int = 1) -> list[str]:
    """`count` different Chinese paragraphs of `length` characters or so, none a copy of
    another: the worst case for finding repeated blocks. Drawn from 16 common characters,
    as Word XML they compress about six-fold, as the DOCX in the review did."""
    import random

    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你发年"
    alphabet += "电商企业平台交易市场服务贸易跨境金融数据产业发展"
    alphabet = "".join(dict.fromkeys(alphabet))[:16]
    table = {i: alphabet[i % 16] for i in range(256)}
    letters = random.Random(seed).randbytes(count * length).decode("latin-1").translate(table)
    return [f"第{n}段，{letters[n * length:(n + 1) * length]}。" for n in range(count)]


def make_large_docx(xml_mb: float, *, length: int = 60, seed: int = 1) -> bytes:
    """A DOCX whose body is `xml_mb` MiB of Word XML holding distinct paragraphs of `length` characters.

    Its compression ratio is about that of real prose (5-7x), so it passes the zip-bomb
    ratio check however large it is: only a cap on the uncompressed size stops it.
    """
    import re

    shell = make_docx("外壳")
    with zipfile.ZipFile(io.BytesIO(shell)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    head, tail = re.split(rb"<w:p[ >].*</w:p>", parts["word/document.xml"], maxsplit=1, flags=re.S)
    target = int(xml_mb * 1024 * 1024)
    body, size, n = [], len(head) + len(tail), 0
    while size < target:
        for text in distinct_paragraphs(5000, length=length, seed=seed + n):
            chunk = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
            body.append(chunk)
            size += len(chunk)
        n += 1
    parts["word/document.xml"] = head + b"".join(body) + tail
    return make_zip(parts, level=1)

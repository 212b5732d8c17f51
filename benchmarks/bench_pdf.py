"""PDF text extraction: pypdfium2 against pdfminer.six on a generated 40-page newsletter.

Run: .venv/bin/python benchmarks/bench_pdf.py [pages]
Prints characters extracted and the best of a few runs for each; asserts nothing.
"""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2 as pdfium  # noqa: E402

from articles.ingest.readers.pdf import read_pdf  # noqa: E402
from tests.articles.ingest.makefiles import NEWSLETTER, cjk, make_pdf, seed_text  # noqa: E402


def best_of(runs: int, func):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def pdfium_plain(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


def pdfminer_text(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def main(pages: int = 40) -> None:
    text = seed_text(NEWSLETTER)
    font_size = 11.5
    while True:  # grow the type until the issue fills about the pages asked for
        data = make_pdf(text, font_size=font_size)
        count = len(pdfium.PdfDocument(data))
        if count >= pages:
            break
        font_size += 0.5
    print(f"generated PDF: {count} pages, font {font_size}pt, {len(data) / 1024:.0f} KiB,", end=" ")
    print("STSong-Light CID font (not embedded)")
    rows = [
        ("pypdfium2 get_text_range", lambda: pdfium_plain(data), 5),
        ("pypdfium2 + paragraph gaps (read_pdf)", lambda: read_pdf(data).text, 5),
        ("pdfminer.six extract_text", lambda: pdfminer_text(data), 2),
    ]
    results = []
    for name, func, runs in rows:
        ms, out = best_of(runs, func)
        results.append(ms)
        print(f"{name:40s} {ms:8.0f} ms  {len(cjk(out)):6d} CJK chars  {len(out):6d} chars")
    plain, ours, pdfminer = results
    print(f"pdfminer.six / pypdfium2 time ratio: {pdfminer / plain:.1f}x (against read_pdf: {pdfminer / ours:.1f}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)

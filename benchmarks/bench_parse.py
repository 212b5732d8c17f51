"""The whole parse of a newsletter PDF (read, clean, split) against bare text extraction.

Run: .venv/bin/python benchmarks/bench_parse.py [pages]
Generates seed 004 as a PDF of about the pages asked for (40 by default), then times, in
the same process and one core: pypdfium2's bare text extraction (the baseline), and
`parse_document` doing everything a real upload does except storing (reading with
paragraph gaps, cleaning, splitting into items), without and with the forked time limit.
Prints the best of five runs and the ratios; asserts nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pypdfium2 as pdfium  # noqa: E402

from articles.ingest import parse_document  # noqa: E402
from benchmarks.bench_pdf import best_of  # noqa: E402
from benchmarks.bench_pdf import pdfium_plain as bare  # noqa: E402
from tests.articles.ingest.makefiles import NEWSLETTER, make_pdf, seed_text  # noqa: E402


def main(pages: int = 40) -> None:
    text = seed_text(NEWSLETTER)
    font_size = 11.5
    while True:
        data = make_pdf(text, font_size=font_size)
        count = len(pdfium.PdfDocument(data))
        if count >= pages:
            break
        font_size += 0.5
    print(f"newsletter PDF: {count} pages, {len(data) / 1024:.0f} KiB")
    base, _ = best_of(5, lambda: bare(data))
    whole, parsed = best_of(5, lambda: parse_document(data, "004.pdf", time_limit=None))
    limited, _ = best_of(5, lambda: parse_document(data, "004.pdf", time_limit=60))
    print(f"bare pypdfium2 text extraction (baseline)      {base:7.0f} ms")
    print(f"parse_document: read + clean + split           {whole:7.0f} ms  ({whole / base:.2f}x)  "
          f"{len(parsed.items)} items")
    print(f"parse_document under the forked time limit     {limited:7.0f} ms  ({limited / base:.2f}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)

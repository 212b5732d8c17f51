"""How the work of one hostile input grows with its size: time, peak memory, queries.

Run: .venv/bin/python benchmarks/bench_bounded.py [--tree PATH] [--only CASE ...] [--timeout S]

Each case runs at growing sizes, each size in a fresh interpreter whose code comes from
`--tree` (default: this checkout; point it at an older checkout for "before" figures).
Next to each time is a baseline measured in the same process, a plain linear pass over
the same input, and the ratio of the two: a ratio that stays flat as the size doubles is
linear growth, one that doubles with it is quadratic. Peak memory is the largest resident
set of that interpreter or any child it waited for (the parse's limited child included).
The inputs are generated; nothing leaves 127.0.0.1. Prints figures; asserts nothing.

cases: clean (distinct paragraphs, MB), page (nested named blocks, KB), docx (Word XML
of distinct paragraphs, MB, parsed as a worker does), analysis (characters of body, pure
analysis), gzip (`Content-Encoding: gzip, gzip`, MB of zeros inside), feed (entries;
one poll's queries against SQLite).
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = {
    "clean": [0.4, 0.8, 1.6, 3.3],
    "page": [25, 51, 102, 204],
    "docx": [4, 8, 16, 30, 100],
    "analysis": [50_000, 100_000, 200_000],
    "gzip": [64, 256, 1024],
    "feed": [1_000, 10_000, 100_000],
}


def makefiles():
    """The test suite's input generators, always from this checkout (older ones lack some)."""
    spec = importlib.util.spec_from_file_location("makefiles", ROOT / "tests/articles/ingest/makefiles.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(fn):
    start = time.perf_counter()
    try:
        outcome = fn()
    except Exception as exc:  # noqa: BLE001 - a refusal is a result here
        outcome = f"{type(exc).__name__}: {str(exc)[:70]}"
    return time.perf_counter() - start, outcome


def case_clean(size: float):
    from articles.ingest.clean import drop_repeated_blocks, squash

    # 120 characters (~370 bytes): long enough to be searched for the blocks inside it
    paragraphs = makefiles().distinct_paragraphs(int(size * 1024 * 1024 / 370), length=120)
    baseline, _ = timed(lambda: {squash(p) for p in paragraphs})
    seconds, kept = timed(lambda: len(drop_repeated_blocks(paragraphs)))
    return seconds, baseline, f"{len(paragraphs):,} paragraphs, {kept} kept"


def nested_page(kb: float) -> bytes:
    """Blocks named like comment threads, nested inside each other, holding all the text."""
    levels = int(kb * 1024 / 33)
    inner = '<div class="comment">评论' * levels + "</div>" * levels
    return f'<html><head><meta charset="utf-8"><title>t</title></head><body>{inner}</body></html>'.encode()


def case_page(size: float):
    from bs4 import BeautifulSoup

    from articles.ingest.webpage import parse_webpage

    data = nested_page(size)
    baseline, _ = timed(lambda: len(BeautifulSoup(data.decode(), "lxml").get_text()))
    seconds, outcome = timed(lambda: parse_webpage(data, url="http://127.0.0.1/a.html", content_type_header=None))
    return seconds, baseline, f"{len(data) / 1024:.0f} KB: {outcome if isinstance(outcome, str) else 'parsed'}"


def case_docx(size: float):
    import io
    import zipfile

    from articles.ingest import parse_document

    data = makefiles().make_large_docx(size, length=120)  # long enough to be searched for repeats
    baseline, _ = timed(lambda: len(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()))
    seconds, outcome = timed(lambda: parse_document(data, "large.docx", time_limit=3600))
    if not isinstance(outcome, str):
        outcome = f"{len(outcome.items)} items, longest {max(len(i.body) for i in outcome.items):,} chars"
    return seconds, baseline, f"{len(data) / 1e6:.1f} MB file: {outcome}"


def case_analysis(size: float):
    from types import SimpleNamespace

    from keywords.seed import KEYWORDS_2013
    from keywords.text.organisations import SEED_ORGANISATIONS, dictionary_words
    from keywords.text.segmenter import Segmenter
    from keywords.text.tagging import Tagger, TopicForms

    topics = [TopicForms(i, (term, *aliases)) for i, (term, _, aliases, _) in enumerate(KEYWORDS_2013)]
    words = sorted({f for t in topics for f in t.forms} | dictionary_words(SEED_ORGANISATIONS))
    vocabulary = SimpleNamespace(segmenter=Segmenter(words), tagger=Tagger(topics), organisations=SEED_ORGANISATIONS)
    seeds = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT.parent / "shared/seeds").glob("*.txt")))
    body = (seeds * (int(size) // len(seeds) + 1))[: int(size)]
    baseline, _ = timed(lambda: vocabulary.segmenter.tokens(body))
    try:
        from keywords.text.analysis import analyse_text
    except ImportError:
        return None, baseline, "no pure analysis step in this tree"
    seconds, found = timed(lambda: analyse_text(vocabulary, "标题", body, published=None))
    return seconds, baseline, f"{len(found.body_tokens):,} tokens, {len(found.events)} events"


def serve(routes: dict[str, tuple[bytes, dict[str, str]]]) -> str:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body, headers = routes.get(self.path, (b"", {}))
            self.send_response(200 if body else 404)
            for name, value in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def case_gzip(size: float):
    from articles.fetch import fetch

    packer, zeros = zlib.compressobj(9, zlib.DEFLATED, 31), b"\0" * (1 << 20)
    inner = b"".join(packer.compress(zeros) for _ in range(int(size))) + packer.flush()  # gzip of size MB
    wire = gzip.compress(inner, compresslevel=9)
    base = serve({"/bomb": (wire, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"})})
    baseline, _ = timed(lambda: len(gzip.decompress(wire)))  # the outer layer only
    seconds, outcome = timed(lambda: fetch(base + "/bomb", allow_loopback=True, timeout=120, max_bytes=5_000_000))
    return seconds, baseline, f"{len(wire):,} bytes on the wire: {outcome}"


def case_feed(size: float):
    os.environ.update(DATA_DIR=tempfile.mkdtemp(prefix="bench-feed-"), FETCH_ALLOW_LOOPBACK="1",
                      FETCH_HOST_DELAY_SECONDS="0", FETCH_MAX_BYTES=str(50 * 1024 * 1024))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "b2bwatch.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from articles import polling
    from articles.models import Channel, Source

    call_command("migrate", verbosity=0)
    base = serve({})
    items = "".join(f"<item><title>条目{n}</title><link>{base}/a/{n}.html</link></item>" for n in range(int(size)))
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    baseline, _ = timed(lambda: feed.encode().count(b"<item>"))
    polled = serve({"/feed.xml": (feed.encode(), {"Content-Type": "application/rss+xml"})})
    channel = Channel.objects.create(source=Source.objects.create(name="来源", slug="s"), url=polled + "/feed.xml")

    queries = []

    def count(execute, sql, params, many, context):  # Django's own query log keeps only 9,000
        queries.append(sql)
        return execute(sql, params, many, context)

    def poll():
        with connection.execute_wrapper(count), transaction.atomic():
            polling.channel_poll(channel_id=channel.pk)
            transaction.set_rollback(True)  # the page fetches it queued are not part of the poll
        return len(queries)

    seconds, queries = timed(poll)
    return seconds, baseline, f"{len(feed) / 1e6:.1f} MB feed: {queries} queries"


def run_one(case: str, size: float) -> None:
    seconds, baseline, note = globals()[f"case_{case}"](size)
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"seconds": seconds, "baseline": baseline, "note": note, "peak_mb": peak / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", default=str(ROOT), help="checkout whose code is measured")
    parser.add_argument("--only", nargs="*", default=list(SIZES))
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--max-size", type=float, default=None, help="skip larger sizes (e.g. for an old tree)")
    parser.add_argument("--run", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, args.tree)
    if args.run:
        run_one(args.run[0], float(args.run[1]))
        return
    print(f"tree: {args.tree}")
    for case in args.only:
        print(f"\n{case}")
        for size in SIZES[case]:
            if args.max_size is not None and size > args.max_size and case != "feed":
                continue
            command = [sys.executable, __file__, "--tree", args.tree, "--run", case, str(size)]
            try:
                out = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout, check=True,
                                     cwd=args.tree)  # Celery puts the working directory first on sys.path
                r = json.loads(out.stdout.strip().splitlines()[-1])
            except subprocess.TimeoutExpired:
                print(f"  {size:>9g}: stopped after {args.timeout:g} s")
                continue
            except subprocess.CalledProcessError as exc:
                print(f"  {size:>9g}: failed: {exc.stderr.strip().splitlines()[-1:]}")
                continue
            took = "   n/a" if r["seconds"] is None else f"{r['seconds']:8.2f} s"
            ratio = "" if r["seconds"] is None else f"{r['seconds'] / max(r['baseline'], 1e-6):8.1f}x"
            print(f"  {size:>9g}: {took}  baseline {r['baseline']:7.3f} s {ratio}  "
                  f"peak {r['peak_mb']:6.0f} MB  {r['note']}")


if __name__ == "__main__":
    main()

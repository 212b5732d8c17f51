"""Development scoreboard for issue 12: how well the pure parser reads documents by their structure.

Run: .venv/bin/python benchmarks/scoreboard.py [--only seeds|digests|devset|webpages]
Import: `run(groups)` returns `DocScore`s and `PageScore`s for a test to gate on.

What is scored, all through `articles.ingest.parse_document` (no database), exactly as an
editor's upload is parsed (no forced structure, no time-limit fork):
- the four seeds (../shared/seeds): expected items from the tests in tests/articles/ingest
  (004: its 17 items; 002 and 003: their chapter numbers, with titles read from the seeds);
- the four corpus digests (../shared/corpus/digests): one item per `###` story of
  `## 详细新闻`, its `[查看原文](URL)` as its source, the file's day as its date;
- the dev set: tests/fixtures/devset/labels/*.json (format in that folder's README), files
  looked up in tests/fixtures/devset/files/, then $DEVSET_DIR (default ../devset-external);
- the 49 corpus web pages, three ways: uploaded (`parse_document(html, "x.html")`), through
  the fetcher's path (`as_kind="webpage"`), and bare `trafilatura.extract` as the baseline, given
  the text our decoder makes of the page (also shown: given the raw bytes, which it mis-decodes
  on GBK pages that declare no charset).
Missing files are skipped and listed, never fatal.

Item boundaries. Titles are compared after NFKC, dropping white space, Markdown and HTML
marks and a leading number (第三章, 第一节, 2.1, 一、, 1、, (1)). An expected item matches a
parsed item when their titles' difflib ratio is >= 0.8, or, for an expected item that gives
`body_start`, when the parsed body starts with it (first 200 characters). Pairs are taken
best first, one to one. Precision = matched / parsed items, recall = matched / expected
items; an expected item marked `optional` counts in neither when missed, and the parsed
item matching it is left out of precision.
Per matched item: title accuracy = normalised titles equal; source accuracy (items whose label
names an outlet or URL) = the URL equal (trailing / ignored) and the outlet equal or one
containing the other; date accuracy (items whose label gives a date) = the calendar date
agrees at the label's precision (year, month or day; times are not compared).
Web pages: body precision/recall/F1 over the multiset of non-space characters against the
hand-copied body; date as above (`UNKNOWN` is right only when no date is found); author
equal after dropping spaces and separators (`UNKNOWN` = none). The corpus has no title label,
so page titles are scored on the dev set only.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.ingest import IngestError, parse_document  # noqa: E402

SHARED = ROOT.parent / "shared"
SEEDS = Path(os.environ.get("SEEDS_DIR", SHARED / "seeds"))
CORPUS = Path(os.environ.get("CORPUS_DIR", SHARED / "corpus"))
DEVSET = ROOT / "tests" / "fixtures" / "devset"
DEVSET_DIRS = [DEVSET / "files", Path(os.environ.get("DEVSET_DIR", ROOT.parent / "devset-external"))]
MATCH = 0.8
_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节篇部分条]|[\d一二三四五六七八九十]+(?:\.\d+)*[、.．:：)）]?|[（(][\d一二三四五六七八九十]+[)）])"
)
_MARKS = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<[^>]+>|[#*`>_~]")


@dataclass
class Expected:
    title: str
    section: str = ""
    outlet: str = ""
    url: str = ""
    date: str = ""
    number: str = ""
    optional: bool = False
    body_start: str = ""


@dataclass
class DocScore:
    group: str
    name: str
    expected: int = 0
    parsed: int = 0
    matched: int = 0
    titles: list[bool] = field(default_factory=list)
    sources: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    kind: str = ""
    expected_kind: str = ""
    masthead: list[bool] = field(default_factory=list)
    seconds: float = 0.0
    skipped: str = ""

    @property
    def precision(self) -> float:
        return self.matched / self.parsed if self.parsed else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0


@dataclass
class PageScore:
    group: str
    name: str
    way: str  # upload | fetch path | bare trafilatura
    precision: float = 0.0
    recall: float = 0.0
    date_ok: bool | None = None
    author_ok: bool | None = None
    title_ok: bool | None = None
    skipped: str = ""


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def norm(text: str) -> str:
    text = _MARKS.sub(r"\1", unicodedata.normalize("NFKC", text or ""))
    text = re.sub(r"\s+", "", text)
    return _NUMBER.sub("", text).strip("：:、.")


def gold_date(value: str) -> tuple[int, ...]:
    """(year[, month[, day]]) as a label states it; () when unknown."""
    m = re.search(r"((?:19|20)\d\d)(?:\D{1,2}(\d{1,2}))?(?:\D{1,2}(\d{1,2}))?", value or "")
    return tuple(int(g) for g in m.groups() if g) if m and value != "UNKNOWN" else ()


def date_ok(expected: str, when) -> bool:
    want = gold_date(expected)
    if not want:
        return when is None
    return when is not None and (when.year, when.month, when.day)[: len(want)] == want


def _similar(exp: Expected, item) -> float:
    if exp.body_start:
        return 1.0 if norm(exp.body_start) in norm(item.body)[:200] else 0.0
    return SequenceMatcher(None, norm(exp.title), norm(item.title)).ratio()


def _outlet(item) -> tuple[str, str]:
    att = item.attribution
    return (item.outlet or (att.outlet if att else "")), (item.url or (att.url if att else ""))


def score_items(score: DocScore, expected: list[Expected], parsed) -> DocScore:
    items = parsed.items
    pairs = sorted(((_similar(e, it), i, j) for i, e in enumerate(expected) for j, it in enumerate(items)),
                   reverse=True)
    used_e, used_p = set(), set()
    for sim, i, j in pairs:
        if sim < MATCH or i in used_e or j in used_p:
            continue
        used_e.add(i)
        used_p.add(j)
        exp, item = expected[i], items[j]
        if exp.optional:
            continue
        score.matched += 1
        score.titles.append(bool(exp.title) and norm(exp.title) == norm(item.title) or bool(exp.body_start))
        if exp.outlet or exp.url:
            outlet, url = _outlet(item)
            same_url = not exp.url or exp.url.rstrip("/") == url.rstrip("/")
            a, b = norm(exp.outlet), norm(outlet)
            score.sources.append(same_url and (not a or (bool(b) and (a in b or b in a))))
        if exp.date:
            score.dates.append(date_ok(exp.date, item.published_at))
    optional_hits = sum(1 for i in used_e if expected[i].optional)
    score.expected = sum(1 for e in expected if not e.optional)
    score.parsed = len(items) - optional_hits
    score.kind = parsed.kind
    return score


def parse_file(path: Path, **kwargs):
    return parse_document(path.read_bytes(), path.name, time_limit=None, **kwargs)


def score_document(group: str, name: str, path: Path | None, expected: list[Expected],
                   kind: str = "", masthead: dict | None = None) -> DocScore:
    score = DocScore(group, name, expected_kind=kind)
    if path is None or not path.exists():
        score.skipped = "file absent"
        return score
    start = time.perf_counter()
    try:
        parsed = parse_file(path)
    except IngestError as exc:
        score.skipped = f"IngestError: {exc}"
        score.expected = sum(1 for e in expected if not e.optional)
        return score
    score.seconds = time.perf_counter() - start
    score_items(score, expected, parsed)
    for key, value in (masthead or {}).items():
        if not value or key in ("precision", "date_alternatives", "author"):
            continue
        if key == "date":
            dates = [value, *(masthead.get("date_alternatives") or [])]
            score.masthead.append(any(date_ok(d, parsed.published_at) for d in dates))
        else:
            found = {"publication": parsed.newsletter_name or parsed.title, "association": parsed.source_name,
                     "issue_label": parsed.issue_label}[key]
            score.masthead.append(bool(norm(found)) and (norm(value) in norm(found) or norm(found) in norm(value)))
    return score


# --- the expected items of each group ------------------------------------------------------

def seed_expectations() -> list[tuple[str, list[Expected], dict]]:
    out = []
    try:
        from tests.articles.ingest.test_newsletter import EXPECTED_004
        out.append(("004_38fb784fea1a796c.txt", [Expected(t, s, o) for s, t, o in EXPECTED_004],
                    {"publication": "电子商务资讯", "association": "上海市电子商务行业协会", "date": "2015-03"}))
    except ImportError:
        pass
    chapters = ["三大趋势指明新一代工业品电商机遇", "新一代工业品电商的发展探索", "价值创造是新一代工业品电商的核心",
                "选对品类，电商业务有的放矢", "选对切入点，实现价值事半功倍", "采购价值：可实现速赢",
                "营销价值：中小企业开拓客户、塑造品牌；大型企业完善渠道网络", "设计与生产价值：消费端驱动，初现端倪",
                "借力生态系统，平衡控制力与效率", "关注痛点，利用优势", "企业领先一步的关键举措建议",
                "新一代电商提升平台竞争力的举措建议"]
    numbers = ["1.1", "1.2", "2.1", "2.2", "2.3", "2.3.1", "2.3.2", "2.3.3", "3.1", "3.2", "4.1", "4.2"]
    forewords = [Expected("", body_start="展望未来二十年"), Expected("", body_start="工业品B2B电商是当下许多企业")]
    chapters = [Expected(t, number=n) for n, t in zip(numbers, chapters, strict=True)]
    summary = [Expected("导言", optional=True)]  # the unnumbered summary before chapter 1: the tests leave it open
    out.append(("002_23272ef6e7c342b9.txt", forewords + summary + chapters, {}))
    book = [("1", "跨境电商B2B基础知识和技能"), ("1.1", "跨境电商B2B模式"), ("1.2", "我国跨境电商B2B的发展脉络"),
            ("1.3", "跨境电商B2B的相关政策"), ("1.4", "跨境电商B2B从业者必备技能"), ("2", "跨境电商B2B平台的选择"),
            ("2.1", "独立第三方平台介绍"), ("2.2", "主要垂直平台介绍"), ("2.3", "跨境电商B2B平台的选择依据")]
    out.append(("003_c42e9ac4b68b8ace.txt", [Expected(t, number=n) for n, t in book], {}))
    return out


def digest_expectations(path: Path) -> list[Expected]:
    """One item per `###` story under `## 详细新闻`, its 查看原文 link the source, the file's day its date."""
    day = re.search(r"(\d{4})(\d\d)(\d\d)", path.name)
    date = "-".join(day.groups()) if day else ""
    items: list[Expected] = []
    in_stories = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_stories = "详细新闻" in line
        elif in_stories and line.startswith("### "):
            items.append(Expected(line[4:].strip(), date=date))
        elif in_stories and items and (m := re.search(r"\[查看原文\]\((\S+?)\)", line)):
            items[-1].url = m.group(1)
    return items


def devset_labels() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((DEVSET / "labels").glob("*.json"))]


def devset_file(name: str) -> Path | None:
    return next((d / name for d in DEVSET_DIRS if (d / name).exists()), None)


# --- web pages ------------------------------------------------------------------------------

def chars(text: str) -> Counter:
    return Counter(ch for ch in unicodedata.normalize("NFKC", text or "") if not ch.isspace())


def body_pr(found: str, gold: str) -> tuple[float, float]:
    got, want = chars(found), chars(gold)
    common = sum((got & want).values())
    return (common / sum(got.values()) if got else 0.0), (common / sum(want.values()) if want else 0.0)


def same_author(found: str, gold: str) -> bool:
    clean = lambda s: re.sub(r"[\s、,，/|；;]+", "", "" if s == "UNKNOWN" else s or "")  # noqa: E731
    return clean(found) == clean(gold)


def score_page(group: str, name: str, data: bytes, gold: dict, way: str) -> PageScore:
    """gold: body, date, author and optionally title."""
    score = PageScore(group, name, way)
    try:
        if way.startswith("trafilatura"):
            import trafilatura

            from articles.ingest.readers.html import decode_html

            page = decode_html(data)[0] if way == BASELINE else data
            score.precision, score.recall = body_pr(trafilatura.extract(page) or "", gold["body"])
            return score
        kwargs = {"as_kind": "webpage", "url": ""} if way == "fetch path" else {}
        parsed = parse_document(data, f"{name}.html", time_limit=None, **kwargs)
    except IngestError as exc:
        score.skipped = f"IngestError: {exc}"
        return score
    first = parsed.items[0]
    score.precision, score.recall = body_pr("\n".join(i.body for i in parsed.items), gold["body"])
    score.date_ok = date_ok(gold["date"], parsed.published_at or first.published_at)
    score.author_ok = same_author(first.author, gold["author"])
    if gold.get("title"):
        score.title_ok = norm(gold["title"]) == norm(first.title or parsed.title)
    return score


BASELINE = "trafilatura decoded"  # bare trafilatura on the text our decoder gives: the baseline
WAYS = ("upload", "fetch path", BASELINE, "trafilatura bytes")  # bytes: trafilatura guessing the encoding itself


def corpus_pages() -> list[tuple[str, bytes, dict]]:
    root = CORPUS / "webpages"
    pages = []
    for html in sorted((root / "original").glob("*.html")):
        gold = {key: (root / part / f"{html.stem}.txt").read_text(encoding="utf-8").strip()
                for key, part in (("body", "cleaned"), ("date", "date"), ("author", "author"))}
        pages.append((html.stem[:8], html.read_bytes(), gold))
    return pages


# --- the run ---------------------------------------------------------------------------------

def run(groups=("seeds", "digests", "devset", "webpages")) -> tuple[list[DocScore], list[PageScore]]:
    docs: list[DocScore] = []
    pages: list[PageScore] = []
    if "seeds" in groups:
        for name, expected, masthead in seed_expectations():
            docs.append(score_document("seeds", name[:3], SEEDS / name, expected, masthead=masthead))
    if "digests" in groups:
        for path in sorted((CORPUS / "digests").glob("xwlb_*.md")):
            day = path.stem.split("_")[1]
            docs.append(score_document("digests", path.stem, path, digest_expectations(path), "digest",
                                       {"date": f"{day[:4]}-{day[4:6]}-{day[6:]}"}))
    if "devset" in groups:
        for label in devset_labels():
            path = devset_file(label["file"])
            expected = [Expected(**{k: v for k, v in i.items() if k != "precision"}) for i in label["items"]]
            docs.append(score_document("devset", label["name"], path, expected, label["kind"], label.get("masthead")))
            if label["kind"] == "webpage" and path is not None:
                body = devset_file(label["page"]["body_file"])
                gold = dict(label["page"], body=body.read_text(encoding="utf-8") if body else "")
                pages += [score_page("devset", label["name"], path.read_bytes(), gold, way) for way in WAYS]
    if "webpages" in groups and (CORPUS / "webpages" / "original").exists():
        for name, data, gold in corpus_pages():
            pages += [score_page("corpus", name, data, gold, way) for way in WAYS]
    return docs, pages


def _rate(values: list[bool]) -> str:
    return f"{sum(values)}/{len(values)}" if values else "-"


def report(docs: list[DocScore], pages: list[PageScore]) -> None:
    if docs:
        print_documents(docs)
    mean = lambda xs: sum(xs) / len(xs)  # noqa: E731
    for group in dict.fromkeys(p.group for p in pages):
        for way in WAYS:
            rows = [p for p in pages if p.group == group and p.way == way and not p.skipped]
            if not rows:
                continue
            p, r = mean([x.precision for x in rows]), mean([x.recall for x in rows])
            titles = [x.title_ok for x in rows if x.title_ok is not None]
            extra = "" if way.startswith("trafilatura") else (
                f"  dates {_rate([x.date_ok for x in rows])}  authors {_rate([x.author_ok for x in rows])}"
                + (f"  titles {_rate(titles)}" if titles else ""))
            skipped = sum(1 for x in pages if x.group == group and x.way == way and x.skipped)
            failed = f" (+{skipped} failed)" if skipped else ""
            print(f"web pages {group:7} {way:19} n={len(rows):2}{failed}  body P {p:.3f} "
                  f"R {r:.3f} mean F1 {mean([f1(x.precision, x.recall) for x in rows]):.3f}{extra}")


def print_documents(docs: list[DocScore]) -> None:
    print(f"{'document':40} {'kind':>16} {'exp':>4} {'got':>4} {'P':>5} {'R':>5} {'F1':>5} "
          f"{'titles':>7} {'sources':>7} {'dates':>7} {'mast':>5} {'s':>5}")
    for group in dict.fromkeys(d.group for d in docs):
        rows = [d for d in docs if d.group == group]
        for d in rows:
            if d.skipped and not d.parsed:
                print(f"{group + '/' + d.name:40} skipped: {d.skipped[:80]}")
                continue
            kind = f"{d.kind}/{d.expected_kind}" if d.expected_kind else d.kind
            print(f"{group + '/' + d.name:40} {kind:>16} {d.expected:4} {d.parsed:4} {d.precision:5.2f} "
                  f"{d.recall:5.2f} {f1(d.precision, d.recall):5.2f} {_rate(d.titles):>7} {_rate(d.sources):>7} "
                  f"{_rate(d.dates):>7} {_rate(d.masthead):>5} {d.seconds:5.1f}")
        print(totals_line(group, rows))
    print(totals_line("ALL documents", docs))
    print()


def totals_line(label: str, rows: list[DocScore]) -> str:
    """Micro totals: items summed over documents; titles/sources/dates pooled."""
    exp, got, hit = (sum(getattr(d, k) for d in rows) for k in ("expected", "parsed", "matched"))
    p, r = (hit / got if got else 0.0), (hit / exp if exp else 0.0)
    pool = lambda k: _rate([v for d in rows for v in getattr(d, k)])  # noqa: E731
    macro = sum(f1(d.precision, d.recall) for d in rows) / len(rows) if rows else 0.0
    return (f"{'  = ' + label:40} {'':>16} {exp:4} {got:4} {p:5.2f} {r:5.2f} {f1(p, r):5.2f} {pool('titles'):>7} "
            f"{pool('sources'):>7} {pool('dates'):>7} {pool('masthead'):>5}  (mean F1 {macro:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", default=["seeds", "digests", "devset", "webpages"])
    args = parser.parse_args()
    start = time.perf_counter()
    docs, pages = run(tuple(args.only))
    report(docs, pages)
    seconds = time.perf_counter() - start
    print(f"\n{len(docs)} documents, {len({(p.group, p.name) for p in pages})} web pages, {seconds:.0f} s")


if __name__ == "__main__":
    main()

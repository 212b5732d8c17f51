"""Articles as export files: CSV for Excel and JSON Lines for programs.

Pure code (no Django): rows in, text out, one line at a time so an export of any size is
written in bounded memory (articles.exports streams it to a file).

- CSV starts with a byte order mark: without it Excel reads UTF-8 as the local code page
  and Chinese comes out garbled. A cell that begins with `=`, `+`, `-`, `@`, a tab or a
  carriage return would be run as a formula when the file is opened (formula injection:
  an article's title is text from outside), so such a cell gets a leading apostrophe,
  which Excel shows as text. Commas, quotes and newlines are quoted by the csv module.
- JSON Lines keeps every value as it is (no apostrophes: a program reads it, not Excel);
  the line breaks JSON leaves raw (U+0085, U+2028, U+2029) are escaped too, since some
  line readers (Python's str.splitlines) split on them.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from keywords.text.strength import ABOUT, MENTIONS

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


@dataclass(frozen=True)
class ExportTopic:
    term: str
    slug: str
    strength: str  # ABOUT or MENTIONS


@dataclass(frozen=True)
class ExportRow:
    id: int
    title: str
    date: str  # ISO cut to its precision (`2015-03`), or "" when unknown
    date_label: str  # 2015年3月
    date_precision: str
    source: str
    outlet: str
    url: str
    publication: str
    issue: str
    section: str
    kind: str
    kind_label: str
    published: bool
    site_url: str
    body: str
    topics: tuple[ExportTopic, ...] = ()

    def terms(self, strength: str) -> list[str]:
        return [t.term for t in self.topics if t.strength == strength]


CSV_COLUMNS = (
    "编号", "标题", "日期", "日期精度", "来源", "原始媒体", "原文链接", "出版物", "期号", "栏目", "条目类型",
    "主题关键词", "提及关键词", "已发布", "本站链接", "正文",
)


def safe_cell(value: str) -> str:
    """The value as a cell no spreadsheet runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_line(cells: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(
        [safe_cell(c) if isinstance(c, str) else c for c in cells]
    )
    return out.getvalue()


def csv_header() -> str:
    return BOM + _csv_line(list(CSV_COLUMNS))


def csv_line(row: ExportRow) -> str:
    return _csv_line([
        row.id, row.title, row.date_label, row.date_precision, row.source, row.outlet, row.url, row.publication,
        row.issue, row.section, row.kind_label, "；".join(row.terms(ABOUT)), "；".join(row.terms(MENTIONS)),
        "是" if row.published else "否", row.site_url, row.body,
    ])


def jsonl_line(row: ExportRow) -> str:
    record = {
        "id": row.id, "title": row.title,
        "date": {"value": row.date, "precision": row.date_precision, "label": row.date_label} if row.date else None,
        "source": row.source, "outlet": row.outlet, "url": row.url, "publication": row.publication,
        "issue": row.issue, "section": row.section, "kind": row.kind, "published": row.published,
        "site_url": row.site_url,
        "topics": [{"term": t.term, "slug": t.slug, "strength": t.strength} for t in row.topics],
        "body": row.body,
    }
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


@dataclass(frozen=True)
class Format:
    label: str
    suffix: str
    media_type: str
    header: str
    line: object  # Callable[[ExportRow], str]


FORMATS = {
    "csv": Format("CSV（Excel）", "csv", "text/csv; charset=utf-8", csv_header(), csv_line),
    "jsonl": Format("JSON Lines", "jsonl", "application/x-ndjson; charset=utf-8", "", jsonl_line),
}

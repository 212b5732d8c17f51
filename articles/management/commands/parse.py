"""`manage.py parse FILE`: show how a file would be read and split, touching no database."""
from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.ingest import IngestError, ParsedDocument, parse_document


def _date(value) -> str | None:
    return value.date().isoformat() if value else None


def as_json(parsed: ParsedDocument, *, body: bool = False) -> dict:
    """The documented schema (README, "manage.py parse"); `body`: each item's whole text too."""
    return {
        "kind": parsed.kind,
        "fits": {name: round(score, 2) for name, score in parsed.fits.items()},
        "metadata": {
            "title": parsed.title,
            "source": parsed.source_name,
            "newsletter": parsed.newsletter_name,
            "issue": parsed.issue_label,
            "date": _date(parsed.published_at),
            "date_precision": parsed.date_precision,
            "toc": parsed.toc,
        },
        "warnings": parsed.warnings,
        "items": [
            {
                "position": item.position or index,
                "kind": item.kind,
                "section": item.section,
                "number": item.number,
                "title": item.title,
                "title_derived": item.title_derived,
                "attribution": {
                    "raw": item.attribution.raw if item.attribution else "",
                    "outlet": item.outlet,
                    "url": item.url,
                    "date": _date(item.published_at),
                    "stated_date": _date(item.attribution.published_at) if item.attribution else None,
                },
                "captions": item.captions,
                "images": [{"src": src, "alt": alt} for src, alt in item.images],
                "body_length": len(item.body),
                "start": item.body[:80],
                **({"body": item.body} if body else {}),
            }
            for index, item in enumerate(parsed.items, start=1)
        ],
    }


class Command(BaseCommand):
    help = "解析一个文件并打印结果（不写入数据库）。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--as", dest="as_kind", choices=["newsletter", "digest", "report", "article"], help="指定结构"
        )
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")
        parser.add_argument("--body", action="store_true", help="输出每篇的全文")

    def handle(self, *args, file: Path, as_kind: str | None, json: bool, body: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取 {file}：{exc.strerror}") from exc
        limit = settings.MAX_DOCUMENT_BYTES
        if len(data) > limit:
            raise CommandError(f"{file.name}：文件大小 {len(data):,} 字节，超过上限 {limit:,} 字节。")
        try:
            parsed = parse_document(
                data, file.name, as_kind=as_kind, max_bytes=limit, time_limit=settings.PARSE_TIME_LIMIT_SECONDS,
                memory_mb=settings.PARSE_MEMORY_LIMIT_MB, max_article_chars=settings.MAX_ARTICLE_CHARS,
            )
        except IngestError as exc:
            raise CommandError(f"{file.name}：{exc}") from exc
        if json:
            self.stdout.write(_dumps(as_json(parsed, body=body)))
            return
        self._print(parsed, body=body)

    def _print(self, parsed: ParsedDocument, *, body: bool) -> None:
        shown = as_json(parsed, body=body)
        meta = shown["metadata"]
        self.stdout.write(f"类型：{parsed.kind}  标题：{meta['title'] or '—'}  来源：{meta['source'] or '—'}")
        if meta["issue"] or meta["date"]:
            self.stdout.write(f"期号：{meta['issue'] or '—'}  日期：{meta['date'] or '—'}")
        if shown["fits"]:
            fits = "  ".join(f"{name} {score:.2f}" for name, score in shown["fits"].items())
            self.stdout.write(f"结构匹配度：{fits}")
        for item in shown["items"]:
            outlet = item["attribution"]["outlet"]
            self.stdout.write(
                f"{item['position']:>3}. [{item['section'] or item['number'] or item['kind']}] {item['title']}"
                f"{'（' + outlet + '）' if outlet else ''}  {item['body_length']}字"
            )
            if body:
                self.stdout.write(item["body"] + "\n")
        for warning in parsed.warnings:
            self.stdout.write(f"注意：{warning}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)

"""`manage.py import PATH…`: the bulk door into the same pipeline as an upload."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.models import Document
from articles.services import DocumentRejected, document_create

SKIPPED_NAMES = ("readme",)


def files_under(paths: list[Path]) -> list[Path]:
    """The files named, and the files inside the folders named (sorted, no hidden files
    or READMEs)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not p.stem.lower().startswith(SKIPPED_NAMES)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"找不到文件或文件夹：{path}")
    return found


class Command(BaseCommand):
    help = "导入文件（网页文章、会刊、报告）：保存原始文件，然后解析、分析。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="文件或文件夹")
        parser.add_argument(
            "--samples", action="store_true", help="导入示例文档（设置 SEEDS_DIR，默认 ../shared/seeds）"
        )
        parser.add_argument(
            "--publish", action="store_true", help="会刊与报告解析后直接发布，不经审核（用于可信的批量导入）"
        )

    def handle(self, *args, paths: list[Path], samples: bool, publish: bool, **options):
        if samples:
            if not settings.SEEDS_DIR.is_dir():
                self.stdout.write(f"示例文档目录不存在：{settings.SEEDS_DIR}，跳过。")
                if not paths:
                    return
            else:
                paths = [*paths, settings.SEEDS_DIR]
        if not paths:
            raise CommandError("请给出要导入的文件或文件夹，或使用 --samples。")
        files = files_under(paths)
        failed = 0
        for index, path in enumerate(files, start=1):
            prefix = f"[{index}/{len(files)}] {path.name}"
            try:
                document, created = document_create(
                    data=path.read_bytes(), filename=path.name, origin=str(path), publish_when_parsed=publish
                )
            except (DocumentRejected, OSError) as exc:
                failed += 1
                self.stderr.write(f"{prefix}：失败 —— {exc}")
                continue
            document.refresh_from_db(fields=["status", "error"])
            failed += document.status == Document.Status.FAILED
            self.stdout.write(f"{prefix}：{describe(document, created)}")
        if failed:
            raise CommandError(f"{failed} 个文件未能导入，原始文件已保存，见上面的说明。")


def describe(document: Document, created: bool) -> str:
    again = "" if created else "（与已有文档相同，未重复导入）"
    if document.status == Document.Status.PARSED:
        return f"{document.articles.count()} 篇文章{again}"
    if document.status == Document.Status.FAILED:
        return f"失败 —— {document.error}{again}"
    return f"已保存，等待后台解析{again}"

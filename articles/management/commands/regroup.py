"""`manage.py regroup`: every article grouped anew into stories under the current rule.

Run it once after an upgrade that changed the rule (migration 0016 undoes the stories the
new rule forbids; this makes the right ones and fills the story-word index).
"""
from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.pipeline import articles_regroup


class Command(BaseCommand):
    help = "按当前规则重新把所有已分析的文章归入事件（升级后运行一次）。"

    def handle(self, *args, **options):
        def progress(done: int, total: int) -> None:
            if done == total or done % 500 == 0:
                self.stdout.write(f"{done}/{total}")

        stories = articles_regroup(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"重新归组完成：{stories} 个事件。"))

"""Count every topic's articles again from scratch (keywords.summaries)."""
import time

from django.core.management.base import BaseCommand

from keywords.summaries import summaries_rebuild


class Command(BaseCommand):
    help = "从头重新统计每个关键词的文章数（按日、按年、合计）"

    def handle(self, *args, **options):
        started = time.perf_counter()
        count = summaries_rebuild()
        took = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{count} 篇已发布文章已统计，用时 {took:.1f} 秒"))

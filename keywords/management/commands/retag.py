from django.core.management.base import BaseCommand

from articles.models import Job
from keywords.services import topics_retag_start


class Command(BaseCommand):
    help = "用当前的关键词与别名重新标注全部文章，并重建搜索索引。"

    def handle(self, *args, **options):
        # Without a broker the job runs here, in the foreground, not in a background thread.
        job = topics_retag_start(reason="manage.py retag", foreground=True)
        job.refresh_from_db()
        if job.status == Job.Status.DONE:
            self.stdout.write(f"已重新标注 {job.done} 篇文章。")
        else:
            self.stdout.write(f"已排队：任务 #{job.pk}，共 {job.total} 篇文章，由后台 worker 处理。")

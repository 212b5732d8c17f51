"""Long tasks an editor can watch."""
from django.conf import settings
from django.db import models
from django.utils import timezone


class Job(models.Model):
    """One long task: parsing a document, re-tagging the corpus, a discovery, a poll.

    One model for every such task, so the admin shows progress the same way for all, and
    the recovery sweep (articles.recovery) can end a job whose worker died: the row, not
    the broker, says what is running. `heartbeat_at` is the job's last sign of life
    (queued, started, progressed); a running job silent past the task time limit is dead.
    """

    class Kind(models.TextChoices):
        PARSE = "parse", "解析文档"
        RETAG = "retag", "重新标注关键词"
        KEYWORD_DISCOVERY = "keyword_discovery", "年度关键词发现"
        ORGANISATION_DISCOVERY = "organisation_discovery", "机构发现"
        CHANNEL_POLL = "channel_poll", "立即抓取来源"
        BULK_ACTION = "bulk_action", "批量操作"
        EXPORT = "export", "导出"

    class Status(models.TextChoices):
        QUEUED = "queued", "等待中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"
        SUPERSEDED = "superseded", "已被新任务取代"

    OPEN = (Status.QUEUED, Status.RUNNING)

    kind = models.CharField("类型", max_length=30, choices=Kind.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True)
    total = models.PositiveIntegerField("总数", default=0)
    done = models.PositiveIntegerField("已完成", default=0)
    message = models.TextField("说明", blank=True, help_text="为何发起，以及完成时的结果")
    error = models.TextField("错误信息", blank=True)
    params = models.JSONField("参数", default=dict, blank=True, help_text="任务的对象，例如年份、来源编号")
    result = models.JSONField("结果", default=dict, blank=True)
    document = models.ForeignKey(
        "articles.Document", verbose_name="文档", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    heartbeat_at = models.DateTimeField("最近活动", default=timezone.now)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["heartbeat_at"], condition=models.Q(status__in=["queued", "running"]),
                         name="job_open"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(self.done * 100 / self.total))

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

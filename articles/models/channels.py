"""Web sources polled on a schedule: a feed, a listing page or a single page."""
from django.db import models

from .sources import Source


class Channel(models.Model):
    """One address the site polls for a source, with its schedule and its health."""

    class Kind(models.TextChoices):
        FEED = "feed", "RSS/Atom 订阅源"
        LISTING = "listing", "列表页（用 CSS 选择器取文章链接）"
        PAGE = "page", "单个网页"

    source = models.ForeignKey(Source, verbose_name="来源", on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.FEED)
    url = models.URLField("地址", max_length=1000, unique=True)
    link_selector = models.CharField(
        "链接选择器", max_length=300, blank=True, help_text="列表页中文章链接的 CSS 选择器，例如 .news-list a"
    )
    is_active = models.BooleanField("启用", default=True)
    interval_minutes = models.PositiveIntegerField(
        "当前抓取间隔（分钟）", default=60, help_text="随来源的更新频率自动调整，不超出下面的范围"
    )
    min_interval_minutes = models.PositiveIntegerField("最短间隔（分钟）", default=15)
    max_interval_minutes = models.PositiveIntegerField("最长间隔（分钟）", default=24 * 60)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField("下次抓取", null=True, blank=True, db_index=True)
    last_attempt_at = models.DateTimeField("上次尝试", null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField("上次成功", null=True, blank=True, editable=False)
    last_status = models.PositiveSmallIntegerField("HTTP 状态", null=True, blank=True, editable=False)
    items_found = models.PositiveIntegerField("上次新条目", default=0, editable=False)
    last_error = models.TextField("上次错误", blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField("连续失败次数", default=0, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "抓取源"
        verbose_name_plural = "抓取源"
        ordering = ["source__name", "url"]

    def __str__(self):
        return f"{self.source} · {self.url}"


class FailedEntry(models.Model):
    """A page a channel listed whose fetch failed: tried again later, less and less often.

    Without this row a failing page was fetched again on every poll of its channel. With
    it, the page counts as known until `next_try_at`; after `attempts` reaches the limit
    (FETCH_ENTRY_MAX_ATTEMPTS) it is given up and never fetched again by polling.
    """

    channel = models.ForeignKey(Channel, verbose_name="抓取源", on_delete=models.CASCADE, related_name="failed_entries")
    url = models.URLField("网址", max_length=1000, unique=True)
    attempts = models.PositiveIntegerField("失败次数", default=0)
    next_try_at = models.DateTimeField("下次重试", null=True, blank=True, help_text="为空表示已放弃")
    last_error = models.TextField("上次错误", blank=True)
    last_attempt_at = models.DateTimeField("上次尝试", auto_now=True)

    class Meta:
        verbose_name = "抓取失败的条目"
        verbose_name_plural = "抓取失败的条目"
        ordering = ["-last_attempt_at"]

    def __str__(self):
        return self.url

    @property
    def given_up(self) -> bool:
        return self.next_try_at is None

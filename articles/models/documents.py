"""The original bytes of every input, and the publications they become."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from chinese_text import dates

from .sources import Source


class DatePrecision(models.TextChoices):
    """A publication date's precision: `chinese_text.dates`' vocabulary, less the quarter
    (a stated publication date is never a quarter; `parse_published` gives its year).
    Articles and publications share it: an item undated by itself takes its issue's."""

    YEAR = dates.YEAR, dates.PRECISION_LABELS[dates.YEAR]
    MONTH = dates.MONTH, dates.PRECISION_LABELS[dates.MONTH]
    DAY = dates.DAY, dates.PRECISION_LABELS[dates.DAY]
    MINUTE = dates.MINUTE, dates.PRECISION_LABELS[dates.MINUTE]


class Document(models.Model):
    """The original bytes of one input, kept as received.

    The bytes live in the database so that storing them and recording what they became
    commit together, on one machine or many; the SHA-256 makes the same file twice one
    document.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", "已接收"
        PARSING = "parsing", "解析中"
        PARSED = "parsed", "已解析"
        FAILED = "failed", "失败"

    sha256 = models.CharField("内容哈希", max_length=64, unique=True, editable=False)
    filename = models.CharField("文件名", max_length=255)
    media_type = models.CharField("媒体类型", max_length=100, blank=True)
    size = models.PositiveBigIntegerField("大小（字节）", editable=False)
    content = models.BinaryField("原始内容", editable=False)
    source = models.ForeignKey(Source, verbose_name="来源", null=True, blank=True, on_delete=models.SET_NULL)
    origin = models.CharField("取自", max_length=1000, blank=True, help_text="上传、导入路径或抓取的网址")
    content_type = models.CharField(
        "HTTP 内容类型", max_length=200, blank=True, help_text="抓取网页时服务器给出的 Content-Type（含编码）"
    )
    hints = models.JSONField(
        "订阅源信息", default=dict, blank=True, help_text="订阅源条目给出的标题、时间、作者，用于补全网页解析结果"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传者", null=True, blank=True, on_delete=models.SET_NULL
    )
    class Structure(models.TextChoices):
        AUTO = "", "自动识别"
        ARTICLE = "article", "单篇文章"
        WEBPAGE = "webpage", "网页（抓取）"
        NEWSLETTER = "newsletter", "会刊/简报"
        DIGEST = "digest", "新闻摘要/周刊"
        REPORT = "report", "报告"

    structure = models.CharField(
        "按何种结构解析", max_length=20, choices=Structure.choices, blank=True, default=Structure.AUTO
    )
    publish_when_parsed = models.BooleanField(
        "解析后直接发布", default=False, help_text="批量导入可信来源时使用；否则会刊与报告须经编辑审核后发布"
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    error = models.TextField("错误信息", blank=True)
    created_at = models.DateTimeField("接收时间", auto_now_add=True)
    parsed_at = models.DateTimeField("解析时间", null=True, blank=True)
    # The database, not the broker, says which documents still need parsing: the recovery
    # sweep (articles.recovery) queues again a document received or parsing for too long
    # since this moment, and gives up after a number of attempts that never finished.
    parse_queued_at = models.DateTimeField("最近排队或开始解析", default=timezone.now, editable=False)
    parse_attempts = models.PositiveSmallIntegerField("解析尝试次数", default=0, editable=False)

    class Meta:
        verbose_name = "原始文档"
        verbose_name_plural = "原始文档"
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["parse_queued_at"],
                condition=models.Q(status__in=["received", "parsing"]),
                name="document_unfinished",
            ),
            models.Index(fields=["-created_at"], condition=models.Q(status="failed"), name="document_failed"),
        ]

    def __str__(self):
        return self.filename


# An issue is dated to the day, the month or the year (never a quarter or a minute).
def issue_date_precision(precision: str) -> str:
    """The nearest of the issue's precisions to a parsed date's (a quarter is read as its
    first month, a minute as its day)."""
    return {dates.QUARTER: dates.MONTH, dates.MINUTE: dates.DAY}.get(precision, precision or dates.DAY)


class Publication(models.Model):
    """A newsletter issue or a report: the container its articles came in."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", "会刊/简报"
        DIGEST = "digest", "新闻摘要/周刊"
        REPORT = "report", "报告"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=300)
    source = models.ForeignKey(Source, verbose_name="主办/发布方", null=True, blank=True, on_delete=models.SET_NULL)
    issue_label = models.CharField("期号", max_length=200, blank=True)
    published_on = models.DateField("出版日期", null=True, blank=True)
    # How precisely the issue is dated (2015年3月 is a month): its items without a date
    # of their own show the issue's at this precision.
    date_precision = models.CharField(
        "日期精度", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    document = models.ForeignKey(Document, verbose_name="原始文档", null=True, blank=True, on_delete=models.SET_NULL)
    is_published = models.BooleanField("已发布", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "出版物"
        verbose_name_plural = "出版物"
        ordering = ["-published_on", "-created_at"]
        # Publishing makes an issue public: a right of its own, apart from editing its split.
        # Taking something off the site is another (the chief editor's, see roles in README).
        permissions = [
            ("publish_publication", "可以发布出版物与文章"),
            ("unpublish_publication", "可以撤下已发布的出版物与文章"),
        ]

    def __str__(self):
        return f"{self.title} {self.issue_label}".strip()

    def get_absolute_url(self):
        return reverse("articles:publication", args=[self.pk])

"""Where content comes from and what it becomes: sources, original documents,
publications (newsletter issues, reports) and articles."""
from django.conf import settings
from django.db import models
from django.urls import reverse


class Source(models.Model):
    """An outlet, an industry association or a publisher."""

    class Kind(models.TextChoices):
        OUTLET = "outlet", "媒体/网站"
        ASSOCIATION = "association", "行业协会"
        PUBLISHER = "publisher", "出版/研究机构"

    name = models.CharField("名称", max_length=200, unique=True)
    slug = models.SlugField("标识", max_length=200, unique=True, allow_unicode=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.OUTLET)
    homepage = models.URLField("主页", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:source", args=[self.slug])


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
    origin = models.CharField("取自", max_length=500, blank=True, help_text="上传、导入路径或抓取的网址")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传者", null=True, blank=True, on_delete=models.SET_NULL
    )
    class Structure(models.TextChoices):
        AUTO = "", "自动识别"
        ARTICLE = "article", "单篇文章"
        NEWSLETTER = "newsletter", "会刊/简报"
        REPORT = "report", "报告"

    structure = models.CharField(
        "按何种结构解析", max_length=20, choices=Structure.choices, blank=True, default=Structure.AUTO
    )
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    error = models.TextField("错误信息", blank=True)
    created_at = models.DateTimeField("接收时间", auto_now_add=True)
    parsed_at = models.DateTimeField("解析时间", null=True, blank=True)

    class Meta:
        verbose_name = "原始文档"
        verbose_name_plural = "原始文档"
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class Publication(models.Model):
    """A newsletter issue or a report: the container its articles came in."""

    class Kind(models.TextChoices):
        NEWSLETTER = "newsletter", "会刊/简报"
        REPORT = "report", "报告"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("标题", max_length=300)
    source = models.ForeignKey(Source, verbose_name="主办/发布方", null=True, blank=True, on_delete=models.SET_NULL)
    issue_label = models.CharField("期号", max_length=200, blank=True)
    published_on = models.DateField("出版日期", null=True, blank=True)
    document = models.ForeignKey(Document, verbose_name="原始文档", null=True, blank=True, on_delete=models.SET_NULL)
    is_published = models.BooleanField("已发布", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "出版物"
        verbose_name_plural = "出版物"
        ordering = ["-published_on", "-created_at"]

    def __str__(self):
        return f"{self.title} {self.issue_label}".strip()

    def get_absolute_url(self):
        return reverse("articles:publication", args=[self.pk])


class DatePrecision(models.TextChoices):
    YEAR = "year", "年"
    MONTH = "month", "月"
    DAY = "day", "日"
    MINUTE = "minute", "时分"


class ItemKind(models.TextChoices):
    ARTICLE = "article", "文章"
    EDITORIAL = "editorial", "编辑寄语"
    PROFILE = "profile", "会员介绍"
    FOREWORD = "foreword", "序言"
    CHAPTER = "chapter", "章节"


class PublishedArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Article(models.Model):
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文")
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    date_precision = models.CharField(
        "日期精度", max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    author = models.CharField("作者/栏目", max_length=200, blank=True)
    source = models.ForeignKey(
        Source, verbose_name="来源", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    outlet = models.CharField("原始媒体", max_length=200, blank=True, help_text="转载时原文所在的媒体")
    url = models.URLField("原文链接", max_length=1000, blank=True)
    publication = models.ForeignKey(
        Publication,
        verbose_name="所属出版物",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="articles",
    )
    section = models.CharField("栏目", max_length=200, blank=True)
    position = models.PositiveIntegerField("位置", default=0)
    kind = models.CharField("条目类型", max_length=20, choices=ItemKind.choices, default=ItemKind.ARTICLE)
    title_derived = models.BooleanField("标题由正文生成", default=False)
    chapter_number = models.CharField("章节号", max_length=20, blank=True)
    captions = models.JSONField("图表标题", default=list, blank=True)
    attribution = models.TextField("出处原文", blank=True, help_text="会刊中注明的来源行，原样保留")
    attributed_date = models.DateField(
        "出处所注日期",
        null=True,
        blank=True,
        help_text="出处行写的日期；与原文链接中的日期不一致时，发布时间以链接为准",
    )
    document = models.ForeignKey(
        Document, verbose_name="原始文档", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    is_published = models.BooleanField("已发布", default=False, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    analysed_at = models.DateTimeField("分析时间", null=True, blank=True)
    # Title and body cut into words by the site's segmenter, space-separated: what the
    # full-text index reads (see articles/search). Rebuilt whenever the article is analysed.
    search_title = models.TextField(blank=True, default="", editable=False)
    search_body = models.TextField(blank=True, default="", editable=False)

    objects = PublishedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        # Undated articles last, on PostgreSQL as on SQLite (their NULL orders differ).
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        indexes = [models.Index(fields=["publication", "position"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n") if p.strip()]


class Job(models.Model):
    """A long task an editor may want to watch: re-tagging the corpus, a bulk import.

    One model for every such task, so the admin shows progress the same way for all.
    """

    class Kind(models.TextChoices):
        RETAG = "retag", "重新标注关键词"

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"
        SUPERSEDED = "superseded", "已被新任务取代"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("总数", default=0)
    done = models.PositiveIntegerField("已完成", default=0)
    message = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(self.done * 100 / self.total))

"""Articles: what readers read, tagged and searchable."""
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .documents import DatePrecision, Document, Publication
from .sources import Source


class ItemKind(models.TextChoices):
    ARTICLE = "article", "文章"
    EDITORIAL = "editorial", "编辑寄语"
    PROFILE = "profile", "会员介绍"
    FOREWORD = "foreword", "序言"
    CHAPTER = "chapter", "章节"


class ReviewState(models.TextChoices):
    """Where an item of a publication stands in its review. Dropped and merged items are
    kept (never public) so that the editor can undo, and so that actions keep addressing
    the same rows."""

    ACTIVE = "active", "保留"
    DROPPED = "dropped", "已删除"
    MERGED = "merged", "已并入上一篇"


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
    images = models.JSONField(
        "文中图片", default=list, blank=True, help_text="网页正文中的图片：[{\"src\": 链接, \"alt\": 说明}]，只存链接"
    )
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
    # Dropped and merged items are never published (articles.review keeps that so), which
    # keeps them out of every public list without another filter on every query.
    review_state = models.CharField(
        "审核状态", max_length=10, choices=ReviewState.choices, default=ReviewState.ACTIVE
    )
    extra_sources = models.JSONField(
        "其他出处",
        default=list,
        blank=True,
        help_text="合并进本条的其他条目的出处（标题、媒体、链接、日期、出处原文、来源）",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    analysed_at = models.DateTimeField("分析时间", null=True, blank=True)
    # For the recovery sweep (articles.recovery): an article never analysed since this
    # moment is queued again; attempts that never finished are counted (reset on success).
    analysis_queued_at = models.DateTimeField("最近排队分析", default=timezone.now, editable=False)
    analysis_attempts = models.PositiveSmallIntegerField("分析尝试次数", default=0, editable=False)
    # Title and body cut into words by the site's segmenter, space-separated: what the
    # full-text index reads (see articles/search). Rebuilt whenever the article is analysed.
    # Grouping of reprints and stories (articles.grouping): the normalised text's hash, its
    # MinHash signature, the story it belongs to and, for a reprint, the text it repeats.
    content_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    minhash = models.BinaryField(null=True, blank=True, editable=False)
    story = models.ForeignKey(
        "articles.Story", verbose_name="事件", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    reprint_of = models.ForeignKey(
        "self", verbose_name="转载自", null=True, blank=True, on_delete=models.SET_NULL, related_name="reprints"
    )
    search_title = models.TextField(blank=True, default="", editable=False)
    search_body = models.TextField(blank=True, default="", editable=False)
    # The rest of the search index (articles.search.index): sub-word grams of the title and
    # the body, and the lead's words and grams, weighted between the title and the body.
    search_title_grams = models.TextField(blank=True, default="", editable=False)
    search_lead = models.TextField(blank=True, default="", editable=False)
    search_body_grams = models.TextField(blank=True, default="", editable=False)

    objects = PublishedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        # Undated articles last, on PostgreSQL as on SQLite (their NULL orders differ).
        ordering = [models.F("published_at").desc(nulls_last=True), "-id"]
        indexes = [
            models.Index(fields=["publication", "position"]),
            models.Index(fields=["created_at"], name="article_created"),  # the dashboard's week
            models.Index(
                fields=["analysis_queued_at"], condition=models.Q(analysed_at__isnull=True), name="article_unanalysed"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n") if p.strip()]

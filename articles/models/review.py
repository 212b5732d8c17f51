"""What editors did on a publication's review page, with enough to undo it."""
from django.conf import settings
from django.db import models

from .articles import Article
from .documents import Publication


class ReviewAction(models.Model):
    """One change an editor made while reviewing a publication's split.

    `data` holds what the change replaced (titles, bodies, positions, the ids of items it
    created), so `articles.review.publication_undo` can put it back, last change first.
    """

    class Kind(models.TextChoices):
        RENAME = "rename", "改标题"
        MERGE = "merge", "合并"
        SPLIT = "split", "拆分"
        DROP = "drop", "删除"
        METADATA = "metadata", "修改出版物信息"
        PUBLISH = "publish", "发布"
        UNPUBLISH = "unpublish", "撤下"

    publication = models.ForeignKey(
        Publication, verbose_name="出版物", on_delete=models.CASCADE, related_name="review_actions"
    )
    article = models.ForeignKey(
        Article, verbose_name="条目", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("操作", max_length=20, choices=Kind.choices)
    summary = models.CharField("说明", max_length=400)
    data = models.JSONField("撤销所需数据", default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)
    undone_at = models.DateTimeField("撤销时间", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="撤销人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "审核操作"
        verbose_name_plural = "审核操作"
        ordering = ["-pk"]

    def __str__(self):
        return self.summary

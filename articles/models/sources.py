"""Where content comes from: outlets, associations, publishers."""
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
    # Off by default: many sites refuse pictures requested from another site's pages,
    # and showing them is theirs to allow. Off, an article page lists the pictures' links.
    show_images = models.BooleanField(
        "在文章页直接显示图片",
        default=False,
        help_text="仅当该来源允许其他网站直接引用（热链）其图片时勾选；不勾选时文章页只列出图片链接",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "来源"
        verbose_name_plural = "来源"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:source", args=[self.slug])

"""One story across many outlets: reprints of one text, and different texts on one event."""
from django.db import models


class Story(models.Model):
    """Articles about one event; the main one is shown, the others as "also reported by"."""

    main = models.ForeignKey(
        "articles.Article", verbose_name="主文章", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "事件（多源报道）"
        verbose_name_plural = "事件（多源报道）"
        ordering = ["-updated_at"]

    def __str__(self):
        return f"#{self.pk} {self.main.title if self.main_id else ''}"


class ArticleBand(models.Model):
    """One LSH band of an article's MinHash: articles sharing a band are reprint candidates."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="bands")
    band = models.PositiveSmallIntegerField()
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "value"])]

    def __str__(self):
        return f"{self.article_id}:{self.band}"


class StoryWord(models.Model):
    """One of a news article's rarest real words (`dedup.stories.rare_words`), with its date.

    Story candidates are looked up here, a few rows per word within the date window, by
    the (word, date) index: the lookup costs the same whatever the size of the window.
    """

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="story_words")
    word = models.CharField(max_length=40)
    published_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["word", "published_at"])]

    def __str__(self):
        return f"{self.article_id}:{self.word}"

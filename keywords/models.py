"""Topics (the industry's keywords), each year's ordered keyword list, and the tagging
of articles with topics."""
from django.db import models
from django.urls import reverse

from articles.dates import date_iso
from articles.models import Article
from chinese_text import dates

from .text.strength import ABOUT, MENTIONS


class Topic(models.Model):
    term = models.CharField("关键词", max_length=100, unique=True)
    slug = models.SlugField("标识", max_length=100, unique=True, allow_unicode=True)
    description = models.TextField("简介", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "关键词"
        verbose_name_plural = "关键词"
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("keywords:topic", args=[self.slug])

    @property
    def surface_forms(self) -> list[str]:
        """The term and every alias: each counts as a mention of the topic."""
        return [self.term, *(alias.text for alias in self.aliases.all())]


class TopicAlias(models.Model):
    """Another way the industry writes a topic: synonym, abbreviation or English form."""

    topic = models.ForeignKey(Topic, verbose_name="关键词", on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField("别名", max_length=100, unique=True)

    class Meta:
        verbose_name = "别名"
        verbose_name_plural = "别名"
        ordering = ["text"]

    def __str__(self):
        return self.text


class TopicNotPhrase(models.Model):
    """A wording that holds one of the topic's names but is not the topic: 线上线下结合的方式
    is a meeting's format, 中国-东盟自贸区 an agreement. Its names inside it are no mentions."""

    topic = models.ForeignKey(Topic, verbose_name="关键词", on_delete=models.CASCADE, related_name="not_phrases")
    text = models.CharField("不算提及的说法", max_length=100)

    class Meta:
        verbose_name = "不算提及的说法"
        verbose_name_plural = "不算提及的说法"
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["topic", "text"], name="not_phrase_once_per_topic")]

    def __str__(self):
        return self.text


class KeywordYear(models.Model):
    """One year's published list of keywords (e.g. 2013年B2B行业十大关键词)."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    title = models.CharField("标题", max_length=200, blank=True)
    introduction = models.TextField("导语", blank=True)

    class Meta:
        verbose_name = "年度关键词榜"
        verbose_name_plural = "年度关键词榜"
        ordering = ["-year"]

    def __str__(self):
        return self.title or f"{self.year}年关键词"

    def get_absolute_url(self):
        return reverse("keywords:year", args=[self.year])


class YearKeyword(models.Model):
    """A topic's place in one year's list."""

    keyword_year = models.ForeignKey(
        KeywordYear, verbose_name="年度", on_delete=models.CASCADE, related_name="entries"
    )
    topic = models.ForeignKey(Topic, verbose_name="关键词", on_delete=models.CASCADE, related_name="year_entries")
    rank = models.PositiveSmallIntegerField("排名")

    class Meta:
        verbose_name = "年度关键词"
        verbose_name_plural = "年度关键词"
        ordering = ["keyword_year", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["keyword_year", "rank"], name="one_topic_per_rank"),
            models.UniqueConstraint(fields=["keyword_year", "topic"], name="topic_once_per_year"),
        ]

    def __str__(self):
        return f"{self.keyword_year.year} #{self.rank} {self.topic}"


class ArticleTopic(models.Model):
    """The tagging of one article with one topic, as the analysis measured it: how often,
    how relevant, and whether the article is about the topic or only mentions it
    (keywords.text.strength). Links made before strengths existed say "mentions" until
    the next re-tag."""

    class Strength(models.TextChoices):
        ABOUT = ABOUT, "主题"
        MENTIONS = MENTIONS, "提及"

    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="topic_tags")
    topic = models.ForeignKey(Topic, verbose_name="关键词", on_delete=models.CASCADE, related_name="article_tags")
    mentions = models.PositiveIntegerField("提及次数")
    title_mentions = models.PositiveIntegerField("标题中提及", default=0)
    in_title = models.BooleanField("标题含关键词", default=False)
    score = models.FloatField("相关度", default=0.0)
    strength = models.CharField("关联程度", max_length=10, choices=Strength.choices, default=Strength.MENTIONS)

    class Meta:
        verbose_name = "文章关键词"
        verbose_name_plural = "文章关键词"
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="article_topic_once")]
        indexes = [
            models.Index(fields=["topic", "-score"]),
            models.Index(fields=["topic", "strength"]),
            # A topic's tags in the order its best articles are chosen by (about first,
            # then relevance): the year page walks it for each keyword's first few.
            models.Index(fields=["topic", "strength", "-score", "-article"], name="tag_topic_strength_score"),
            # On PostgreSQL also `tag_topic_listing` (migration 0008), covering a topic's list.
        ]

    def __str__(self):
        return f"{self.article_id}:{self.topic} ×{self.mentions}"


class Organisation(models.Model):
    """A company, platform, association or government body the articles mention."""

    class Kind(models.TextChoices):
        COMPANY = "company", "企业"
        PLATFORM = "platform", "平台"
        ASSOCIATION = "association", "协会/机构"
        GOVERNMENT = "government", "政府部门"
        BANK = "bank", "银行/金融机构"
        MEDIA = "media", "媒体"
        RESEARCH = "research", "研究/咨询机构"

    class Status(models.TextChoices):
        REVIEWED = "reviewed", "已审核"
        CANDIDATE = "candidate", "待审核"
        REJECTED = "rejected", "不是机构"

    name = models.CharField("名称", max_length=100, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.REVIEWED, db_index=True,
        help_text="从语料中发现的候选经编辑审核后才用于标注；“不是机构”的词不再被推荐",
    )
    evidence = models.TextField("发现依据", blank=True, help_text="候选在语料中的次数和例句")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = "机构"
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name="机构", on_delete=models.CASCADE, related_name="aliases"
    )
    text = models.CharField("别名", max_length=100, unique=True)

    class Meta:
        verbose_name = "机构别名"
        verbose_name_plural = "机构别名"

    def __str__(self):
        return self.text


class ArticleOrganisation(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="organisation_tags")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="article_tags")
    mentions = models.PositiveIntegerField("提及次数")

    class Meta:
        verbose_name = "文章机构"
        verbose_name_plural = "文章机构"
        constraints = [models.UniqueConstraint(fields=["article", "organisation"], name="article_organisation_once")]

    def __str__(self):
        return f"{self.article_id}:{self.organisation_id} ×{self.mentions}"


class TimelineEvent(models.Model):
    """A dated sentence of an article: what happened (or is forecast) when."""

    class Precision(models.TextChoices):
        YEAR = dates.YEAR, dates.PRECISION_LABELS[dates.YEAR]
        QUARTER = dates.QUARTER, dates.PRECISION_LABELS[dates.QUARTER]
        MONTH = dates.MONTH, dates.PRECISION_LABELS[dates.MONTH]
        DAY = dates.DAY, dates.PRECISION_LABELS[dates.DAY]

    article = models.ForeignKey(Article, verbose_name="文章", on_delete=models.CASCADE, related_name="events")
    sentence = models.TextField("句子")
    date_text = models.CharField("原文日期", max_length=50)
    happened_on = models.DateField("日期", db_index=True)
    precision = models.CharField("精度", max_length=10, choices=Precision.choices)
    is_forecast = models.BooleanField("预测", default=False)
    key = models.CharField("指纹", max_length=64, help_text="同一事件在不同媒体转载时指纹相同")
    position = models.PositiveIntegerField("在文中的位置", default=0)
    topics = models.ManyToManyField(Topic, verbose_name="关键词", blank=True, related_name="events")
    organisations = models.ManyToManyField(Organisation, verbose_name="机构", blank=True, related_name="events")
    # Stored with the links so the site's timeline reads each year's main events (those
    # touching most topics) from an index, not by grouping every event with its topics.
    topic_count = models.PositiveSmallIntegerField("关键词数", default=0, editable=False)
    year = models.SmallIntegerField("年份", default=0, editable=False)

    class Meta:
        verbose_name = "时间线事件"
        verbose_name_plural = "时间线事件"
        ordering = ["happened_on", "position"]
        indexes = [
            models.Index(
                fields=["year", "-topic_count", "happened_on", "position"],
                condition=models.Q(is_forecast=False, topic_count__gt=0), name="event_main_by_year",
            ),
            # A topic's timeline walks the dated events that have any topic (a tenth of
            # them), not every dated sentence from 1950 on.
            models.Index(fields=["happened_on", "position"], condition=models.Q(topic_count__gt=0),
                         name="event_with_topics_by_date"),
            # The other articles carrying an event, first stored first, read to a bound.
            models.Index(fields=["key", "article"], name="event_key_article"),
        ]

    def __str__(self):
        return f"{self.date_label} {self.sentence[:30]}"

    def save(self, *args, **kwargs):
        self.year = self.happened_on.year
        super().save(*args, **kwargs)

    @property
    def date_label(self) -> str:
        """The date as precisely as the text gave it, in Chinese."""
        return dates.date_label(self.happened_on, self.precision)

    @property
    def date_iso(self) -> str:
        return date_iso(self.happened_on, self.precision)


class TopicCount(models.Model):
    """A topic's published articles in all (dated or not): about it, naming it, and its
    mentions. Kept by `keywords.summaries` as articles change, so no page counts the
    tag table per request (180-260 ms per aggregate at 100,000 articles)."""

    topic = models.OneToOneField(Topic, on_delete=models.CASCADE, primary_key=True, related_name="count")
    # Signed: a difference is written with one upsert, and its proposed row must pass.
    about = models.IntegerField(default=0)
    articles = models.IntegerField(default=0)
    mentions = models.IntegerField(default=0)
    # Of those, the ones the topic's lists show: no story hides them (one per story).
    shown = models.IntegerField(default=0)
    shown_about = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.topic_id}: {self.articles}"


class TopicDayCount(models.Model):
    """The same counts for one day (in China's time zone) of publication: charts, years,
    quarters, months and the trending window are sums of a topic's few thousand days."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="day_counts")
    day = models.DateField()
    about = models.IntegerField(default=0)
    articles = models.IntegerField(default=0)
    mentions = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "day"], name="topic_day_once")]
        indexes = [models.Index(fields=["day", "topic"], name="topic_day_by_day")]

    def __str__(self):
        return f"{self.topic_id} {self.day}: {self.articles}"


class ArticleCounted(models.Model):
    """What one article adds to the summaries now, as last applied: the next change of the
    article adds only the difference, whatever door it came through."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    # [[topic_id, "YYYY-MM-DD" or null, about 0|1, mentions, shown 0|1 (no story hides it)], …]
    rows = models.JSONField(default=list)

    def __str__(self):
        return f"{self.article_id}: {len(self.rows)}"

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from .models import (
    ArticleTopic,
    KeywordYear,
    Organisation,
    OrganisationAlias,
    TimelineEvent,
    Topic,
    TopicAlias,
    YearKeyword,
)
from .services import topics_retag_start


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 1


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["term", "slug", "alias_list"]
    search_fields = ["term", "aliases__text"]
    prepopulated_fields = {"slug": ["term"]}
    inlines = [TopicAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别名")
    def alias_list(self, obj):
        return "、".join(a.text for a in obj.aliases.all())

    def save_related(self, request, form, formsets, change):
        """After a topic and its aliases are saved, re-tag the corpus with them."""
        super().save_related(request, form, formsets, change)
        self._retag(request, f"关键词“{form.instance.term}”已修改")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._retag(request, f"关键词“{obj.term}”已删除")

    def delete_queryset(self, request, queryset):
        terms = "、".join(queryset.values_list("term", flat=True))
        super().delete_queryset(request, queryset)
        self._retag(request, f"关键词“{terms}”已删除")

    def _retag(self, request, reason):
        job = topics_retag_start(reason=reason, user=request.user)
        url = reverse("admin:articles_job_change", args=[job.pk])
        messages.info(request, format_html('正在用新的词典重新标注全部文章，<a href="{}">查看进度</a>。', url))


class YearKeywordInline(admin.TabularInline):
    model = YearKeyword
    extra = 1
    ordering = ["rank"]
    autocomplete_fields = ["topic"]


@admin.register(KeywordYear)
class KeywordYearAdmin(admin.ModelAdmin):
    list_display = ["year", "title"]
    inlines = [YearKeywordInline]


@admin.register(ArticleTopic)
class ArticleTopicAdmin(admin.ModelAdmin):
    list_display = ["article", "topic", "mentions", "title_mentions", "score"]
    list_filter = ["topic"]
    raw_id_fields = ["article"]


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_reviewed", "alias_list"]
    list_filter = ["kind", "is_reviewed"]
    search_fields = ["name", "aliases__text"]
    inlines = [OrganisationAliasInline]
    actions = ["mark_reviewed"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别名")
    def alias_list(self, obj):
        return "、".join(a.text for a in obj.aliases.all())

    @admin.action(description="审核通过所选机构")
    def mark_reviewed(self, request, queryset):
        count = queryset.update(is_reviewed=True)
        messages.success(request, f"已审核 {count} 个机构。")


@admin.register(TimelineEvent)
class TimelineEventAdmin(admin.ModelAdmin):
    list_display = ["date_label", "sentence", "is_forecast", "article"]
    list_filter = ["is_forecast", "precision", "topics"]
    search_fields = ["sentence"]
    raw_id_fields = ["article"]
    filter_horizontal = ["topics", "organisations"]


from django.contrib import admin
from django.core.validators import URLValidator
from django.db import models
from django.urls import path, reverse
from django.utils.html import format_html

from keywords.models import ArticleTopic

from . import (  # noqa: F401 - they register their admins
    admin_accounts,
    admin_audit,
    admin_documents,
    admin_jobs,
    admin_review,
    admin_views,
)
from .admin_exports import export_actions, search_export_view
from .models import Article, Channel, FailedEntry, Job, Publication, Source
from .story_members import stories_of, stories_rebuild, story_rebuild

# Links typed into the admin are http(s) only, like those the parsers store.
HTTP_URLS_ONLY = {models.URLField: {"validators": [URLValidator(schemes=["http", "https"])]}}


class StoriesKeptOnDelete:
    """Deleting here (an article, or a publication with its items) rebuilds the stories the
    deleted articles were in, as the services do (`story_members`)."""

    article_path = "pk"  # how an article reaches a row of this admin

    def _stories(self, queryset) -> set[int]:
        return stories_of(Article.objects.filter(**{f"{self.article_path}__in": queryset.values("pk")}))

    def delete_model(self, request, obj):
        story_ids = self._stories(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        stories_rebuild(story_ids=story_ids)

    def delete_queryset(self, request, queryset):
        story_ids = self._stories(queryset)
        super().delete_queryset(request, queryset)
        stories_rebuild(story_ids=story_ids)


class PublishingGuarded:
    """`is_published` in a change form is publishing or taking down by another door: it is
    read-only to whoever lacks the permission the change would need (admin_views)."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        published = bool(obj and obj.is_published)
        needed = admin_views.UNPUBLISH_PERMISSION if published else admin_views.PUBLISH_PERMISSION
        if not request.user.has_perm(needed):
            fields.append("is_published")
        return fields


class ChannelInline(admin.TabularInline):
    model = Channel
    formfield_overrides = HTTP_URLS_ONLY
    extra = 0
    fields = ["kind", "url", "link_selector", "is_active", "last_success_at", "consecutive_failures"]
    readonly_fields = ["last_success_at", "consecutive_failures"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    formfield_overrides = HTTP_URLS_ONLY
    list_display = [
        "url", "source", "kind", "is_active", "health", "last_attempt_at", "last_success_at", "last_status",
        "items_found", "consecutive_failures", "interval_minutes", "next_poll_at",
    ]
    list_filter = ["kind", "is_active", "source"]
    search_fields = ["url", "source__name"]
    readonly_fields = [
        "last_attempt_at", "last_success_at", "last_status", "items_found", "last_error",
        "consecutive_failures", "next_poll_at",
    ]
    actions = ["poll_now"]

    @admin.display(description="状态")
    def health(self, obj):
        if obj.last_attempt_at is None:
            return "尚未抓取"
        if obj.consecutive_failures:
            return format_html('<span title="{}">失败 {} 次</span>', obj.last_error, obj.consecutive_failures)
        return "正常"

    @admin.action(description="立即抓取所选来源", permissions=["change"])
    def poll_now(self, request, queryset):
        from .polling import channel_poll_start

        for channel in queryset:
            channel_poll_start(channel=channel, user=request.user)
        url = reverse("admin:articles_job_changelist") + f"?kind__exact={Job.Kind.CHANNEL_POLL}"
        message = format_html('已安排抓取 {} 个来源，<a href="{}">查看进度与结果</a>。', queryset.count(), url)
        self.message_user(request, message)


@admin.register(FailedEntry)
class FailedEntryAdmin(admin.ModelAdmin):
    """Pages whose fetch failed, so an editor can see why and ask for one more try."""

    list_display = ["url", "channel", "attempts", "next_try_at", "last_attempt_at"]
    list_filter = ["channel"]
    search_fields = ["url"]
    readonly_fields = ["channel", "url", "attempts", "next_try_at", "last_error", "last_attempt_at"]
    actions = ["retry_soon"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="下次抓取时重试所选条目", permissions=["change"])
    def retry_soon(self, request, queryset):
        from django.utils import timezone

        count = queryset.update(next_try_at=timezone.now())
        self.message_user(request, f"{count} 个条目将在其来源下次抓取时重试。")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTP_URLS_ONLY
    inlines = [ChannelInline]
    list_display = ["name", "kind", "homepage", "show_images"]
    list_filter = ["kind", "show_images"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = export_actions("sources", "来源")


class ArticleTopicInline(admin.TabularInline):
    model = ArticleTopic
    extra = 0
    fields = ["topic", "strength", "mentions", "title_mentions", "score"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(PublishingGuarded, StoriesKeptOnDelete, admin.ModelAdmin):
    article_path = "publication"
    list_display = ["title", "kind", "source", "issue_label", "published_on", "is_published", "review_link"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "issue_label"]
    readonly_fields = ["review_link"]
    actions = export_actions("publications", "出版物")

    @admin.display(description="审核")
    def review_link(self, obj):
        url = reverse("admin:articles_publication_review", args=[obj.pk])
        return format_html('<a href="{}">审核拆分与发布</a>', url)

    def get_urls(self):
        review = self.admin_site.admin_view(lambda request, pk: admin_views.review_view(self, request, pk))
        return [path("<int:pk>/review/", review, name="articles_publication_review"), *super().get_urls()]


@admin.register(Article)
class ArticleAdmin(PublishingGuarded, StoriesKeptOnDelete, admin.ModelAdmin):
    formfield_overrides = HTTP_URLS_ONLY
    list_display = ["title", "published_at", "source", "outlet", "section", "is_published"]
    list_filter = ["is_published", "source"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    raw_id_fields = ["publication", "document"]
    inlines = [ArticleTopicInline]
    actions = export_actions("articles", "文章")
    change_list_template = "admin/articles/article/change_list.html"

    def get_urls(self):
        export = self.admin_site.admin_view(lambda request: search_export_view(self, request))
        return [path("export-search/", export, name="articles_article_export_search"), *super().get_urls()]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.story_id and "is_published" in form.changed_data:  # taken down or put back
            story_rebuild(story=obj.story)

from urllib.parse import quote

from django.contrib import admin, messages
from django.core.validators import URLValidator
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from keywords.models import ArticleTopic

from . import admin_views
from .models import Article, Channel, Document, FailedEntry, Job, Publication, Source
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
        from django.db import transaction

        from .tasks import channel_poll

        ids = list(queryset.values_list("pk", flat=True))
        for channel_id in ids:
            transaction.on_commit(lambda channel_id=channel_id: channel_poll.delay(channel_id))
        self.message_user(request, f"已安排抓取 {len(ids)} 个来源。")


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
    list_display = ["name", "kind", "homepage"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["filename", "media_type", "size", "status", "error", "created_at", "result_link", "download_link"]
    list_filter = ["status", "media_type"]
    search_fields = ["filename", "sha256", "origin"]
    readonly_fields = [
        "filename", "media_type", "size", "sha256", "origin", "source", "uploaded_by", "structure",
        "status", "error", "created_at", "parsed_at", "result_link", "download_link",
    ]
    exclude = ["content"]
    change_list_template = "admin/articles/document/change_list.html"
    actions = ["reparse"]

    @admin.action(description="重新解析所选文档", permissions=["change"])
    def reparse(self, request, queryset):
        from .services import documents_reparse

        documents = documents_reparse(document_ids=list(queryset.values_list("pk", flat=True)))
        waiting = sum(1 for d in documents if getattr(d, "parse_queued", None) is False)
        self.message_user(request, f"已将 {len(documents)} 个文档重新排队解析；原有的拆分结果将被新的解析结果替换。")
        if waiting:
            self.message_user(
                request, f"其中 {waiting} 个暂时无法排队（任务队列不可用），队列恢复后会自动解析。", messages.WARNING
            )

    @admin.display(description="解析结果")
    def result_link(self, obj):
        publication = obj.publication_set.first()
        if publication:
            url = reverse("admin:articles_publication_review", args=[publication.pk])
            state = "已发布" if publication.is_published else "待审核"
            return format_html('<a href="{}">审核拆分（{}，{} 篇）</a>', url, state, publication.articles.count())
        article = obj.articles.first()
        if article:
            return format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[article.pk]),
                               article.title)
        return "—"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")

    def has_add_permission(self, request):
        return False

    @admin.display(description="原始文件")
    def download_link(self, obj):
        url = reverse("admin:articles_document_download", args=[obj.pk])
        return format_html('<a href="{}">下载</a>', url)

    def get_urls(self):
        download = self.admin_site.admin_view(self.download_view)
        upload = self.admin_site.admin_view(lambda request: admin_views.upload_view(self, request))
        return [
            path("<int:pk>/download/", download, name="articles_document_download"),
            path("upload/", upload, name="articles_document_upload"),
            *super().get_urls(),
        ]

    def download_view(self, request, pk):
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        document = get_object_or_404(Document, pk=pk)
        response = HttpResponse(bytes(document.content), content_type=document.media_type or "application/octet-stream")
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(document.filename, safe='')}"
        return response


class ArticleTopicInline(admin.TabularInline):
    model = ArticleTopic
    extra = 0
    fields = ["topic", "mentions", "title_mentions", "score"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(StoriesKeptOnDelete, admin.ModelAdmin):
    article_path = "publication"
    list_display = ["title", "kind", "source", "issue_label", "published_on", "is_published", "review_link"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "issue_label"]
    readonly_fields = ["review_link"]

    @admin.display(description="审核")
    def review_link(self, obj):
        url = reverse("admin:articles_publication_review", args=[obj.pk])
        return format_html('<a href="{}">审核拆分与发布</a>', url)

    def get_urls(self):
        review = self.admin_site.admin_view(lambda request, pk: admin_views.review_view(self, request, pk))
        return [path("<int:pk>/review/", review, name="articles_publication_review"), *super().get_urls()]


@admin.register(Article)
class ArticleAdmin(StoriesKeptOnDelete, admin.ModelAdmin):
    formfield_overrides = HTTP_URLS_ONLY
    list_display = ["title", "published_at", "source", "outlet", "section", "is_published"]
    list_filter = ["is_published", "source"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    raw_id_fields = ["publication", "document"]
    inlines = [ArticleTopicInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.story_id and "is_published" in form.changed_data:  # taken down or put back
            story_rebuild(story=obj.story)


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "progress", "message", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [
        "kind", "status", "progress", "total", "done", "message", "created_by", "created_at", "finished_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="进度")
    def progress(self, obj):
        return format_html(
            '<progress max="100" value="{}"></progress> {}/{}（{}%）', obj.percent, obj.done, obj.total, obj.percent
        )

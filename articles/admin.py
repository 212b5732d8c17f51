from urllib.parse import quote

from django.contrib import admin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html

from keywords.models import ArticleTopic

from .models import Article, Document, Job, Publication, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "homepage"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["filename", "media_type", "size", "status", "created_at", "download_link"]
    list_filter = ["status", "media_type"]
    search_fields = ["filename", "sha256", "origin"]
    readonly_fields = [
        "filename", "media_type", "size", "sha256", "origin", "source", "uploaded_by",
        "status", "error", "created_at", "parsed_at", "download_link",
    ]
    exclude = ["content"]

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
        return [path("<int:pk>/download/", download, name="articles_document_download"), *super().get_urls()]

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
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "source", "issue_label", "published_on", "is_published"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title", "issue_label"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "source", "outlet", "section", "is_published"]
    list_filter = ["is_published", "source"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"
    raw_id_fields = ["publication", "document"]
    inlines = [ArticleTopicInline]


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

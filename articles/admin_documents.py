"""The document list and the upload page.

The list puts what an editor acts on first (the state, with the parse job's progress or
the error; the link to review what the document became) and the technical columns (media
type, size, hash) last and narrow, so it fits a 1366 px screen. The upload page gives
every file its own line, read from the document's state after the request: a bad file is
named and never rejects the others.
"""
from __future__ import annotations

from urllib.parse import quote

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat, truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .admin_jobs import job_cell
from .forms import UploadForm
from .models import Document, Job
from .pipeline import article_failures
from .services import QUEUE_DOWN, DocumentRejected, document_create

UPLOAD_PERMISSION = "articles.add_document"
REPARSE_REFUSED = "已发布，重新解析需要撤下的权限（主编），未重新解析。"


def document_result_link(document: Document):
    """Where an editor goes next: the review of the publication it became, or its article."""
    publication = document.publication_set.first()
    if publication:
        url = reverse("admin:articles_publication_review", args=[publication.pk])
        state = "已发布" if publication.is_published else "待审核"
        return format_html('<a href="{}">审核拆分（{}，{} 篇）</a>', url, state, publication.articles.count())
    article = document.articles.first()
    if article:
        return format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[article.pk]),
                           truncatechars(article.title, 40))
    return None


def upload_line(name: str, document: Document, *, created: bool) -> tuple[int, str]:
    """The line for file `name` on the upload page, from its document as it stands now."""
    change = reverse("admin:articles_document_change", args=[document.pk])
    if not created and not hasattr(document, "parse_job"):  # already there, and parsed
        where = document_result_link(document) or format_html('<a href="{}">{}</a>', change, name)
        return messages.WARNING, format_html("{}：已存在，见 {}", name, where)
    document.refresh_from_db(fields=["status", "error"])
    again = "" if created else "与已有文档内容相同，已重新排队解析；"
    if document.status == Document.Status.PARSED:
        count = document.articles.count()
        where = document_result_link(document) or ""
        return messages.SUCCESS, format_html("{}：{}已解析 {} 篇。{}", name, again, count, where)
    if document.status == Document.Status.FAILED:
        return messages.ERROR, format_html('{}：{}失败：{} <a href="{}">查看</a>', name, again, document.error, change)
    if document.error == QUEUE_DOWN:
        return messages.WARNING, format_html('{}：{}{} <a href="{}">查看</a>', name, again, QUEUE_DOWN, change)
    job = document.jobs.order_by("-pk").first()
    progress = reverse("admin:articles_job_change", args=[job.pk]) if job else change
    return messages.INFO, format_html('{}：{}排队中。<a href="{}">查看进度</a>', name, again, progress)


def upload_view(model_admin, request):
    if not request.user.has_perm(UPLOAD_PERMISSION):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["files"]:
            try:
                document, created = document_create(
                    data=upload.read(), filename=upload.name, origin="后台上传", source=form.cleaned_data["source"],
                    uploaded_by=request.user, structure=form.cleaned_data["structure"] or "",
                )
            except DocumentRejected as exc:
                messages.error(request, f"{upload.name}：失败：{exc}")
                continue
            messages.add_message(request, *upload_line(upload.name, document, created=created))
        return redirect("admin:articles_document_changelist")
    context = {**model_admin.admin_site.each_context(request), "form": form, "title": "上传文档",
               "opts": model_admin.model._meta}
    return TemplateResponse(request, "admin/articles/document/upload.html", context)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "status_line", "result_link", "filename", "uploaded_by", "created_at", "download_link",
        "media_short", "size_short", "hash_short",
    ]
    list_display_links = ["filename"]
    list_filter = ["status", "media_type"]
    list_select_related = ["uploaded_by"]
    search_fields = ["filename", "sha256", "origin"]
    readonly_fields = [
        "filename", "media_type", "size", "sha256", "origin", "source", "uploaded_by", "structure",
        "status_line", "error", "created_at", "parsed_at", "result_link", "download_link",
    ]
    exclude = ["content", "status"]
    change_list_template = "admin/articles/document/change_list.html"
    actions = ["reparse"]

    class Media:
        js = ["js/jobs.js"]
        css = {"all": ["css/admin-jobs.css"]}

    @admin.action(description="重新解析所选文档", permissions=["change"])
    def reparse(self, request, queryset):
        from .services import documents_reparse, documents_reparse_refused

        ids = list(queryset.values_list("pk", flat=True))
        refused = documents_reparse_refused(document_ids=ids, user=request.user)
        if refused:
            names = "、".join(d.filename for d in refused[:5])
            self.message_user(request, f"{names}：{REPARSE_REFUSED}", messages.ERROR)
            ids = [pk for pk in ids if pk not in {d.pk for d in refused}]
        documents = documents_reparse(document_ids=ids, user=request.user)
        waiting = sum(1 for d in documents if getattr(d, "parse_queued", None) is False)
        self.message_user(request, f"已将 {len(documents)} 个文档重新排队解析；原有的拆分结果将被新的解析结果替换。")
        if waiting:
            self.message_user(
                request, f"其中 {waiting} 个暂时无法排队（任务队列不可用），队列恢复后会自动解析。", messages.WARNING
            )

    @admin.display(description="状态", ordering="status")
    def status_line(self, obj):
        if obj.status in (Document.Status.RECEIVED, Document.Status.PARSING):
            job = obj.jobs.filter(kind=Job.Kind.PARSE).order_by("-pk").first()
            return job_cell(job, text=obj.error, reload_when_done=True) if job else obj.get_status_display()
        if obj.status == Document.Status.FAILED:
            return format_html('<span class="status-failed">失败</span><span class="status-error" title="{}">{}</span>',
                               obj.error, truncatechars(obj.error, 80))
        failed = article_failures(obj)
        if failed:  # parsed, but some of its articles did not get through the pipeline
            return format_html(
                '<span class="status-parsed">{}</span><span class="status-failed">，{} 篇文章处理失败</span>'
                '<span class="status-error" title="{}">{}</span>',
                obj.get_status_display(), len(failed), "\n".join(failed), truncatechars(failed[-1], 80),
            )
        return format_html('<span class="status-parsed">{}</span>', obj.get_status_display())

    @admin.display(description="解析结果（下一步）")
    def result_link(self, obj):
        return document_result_link(obj) or "—"

    @admin.display(description="类型", ordering="media_type")
    def media_short(self, obj):
        return format_html('<span title="{}">{}</span>', obj.media_type, obj.media_type.rpartition("/")[2][:12])

    @admin.display(description="大小", ordering="size")
    def size_short(self, obj):
        return filesizeformat(obj.size)

    @admin.display(description="哈希")
    def hash_short(self, obj):
        return format_html('<span title="{}">{}</span>', obj.sha256, obj.sha256[:8])

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
        upload = self.admin_site.admin_view(lambda request: upload_view(self, request))
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

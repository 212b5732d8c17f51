"""The editor's upload and review pages, mounted inside the admin.

Being staff only lets one into the admin; each page checks the model permission for
what it does (403 otherwise): uploading needs `articles.add_document`, reading a review
`view_publication` or `change_publication`, editing the split `change_publication`,
publishing or taking down `publish_publication`.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from . import review
from .forms import PublicationMetadataForm, UploadForm
from .models import Article, Publication
from .services import DocumentRejected, document_create

UPLOAD_PERMISSION = "articles.add_document"
PUBLISH_PERMISSION = "articles.publish_publication"


def upload_view(model_admin, request):
    if not request.user.has_perm(UPLOAD_PERMISSION):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["files"]:
            _store_upload(request, upload, form.cleaned_data)
        return redirect("admin:articles_document_changelist")
    context = {**model_admin.admin_site.each_context(request), "form": form, "title": "上传文档",
               "opts": model_admin.model._meta}
    return TemplateResponse(request, "admin/articles/document/upload.html", context)


def _store_upload(request, upload, data) -> None:
    try:
        document, created = document_create(
            data=upload.read(), filename=upload.name, origin="后台上传", source=data["source"],
            uploaded_by=request.user, structure=data["structure"] or "",
        )
    except DocumentRejected as exc:
        messages.error(request, f"{upload.name}：{exc}")
        return
    url = reverse("admin:articles_document_change", args=[document.pk])
    queued = getattr(document, "parse_queued", None)  # see document_create
    if queued is False:
        message = format_html('{}：已保存。任务队列暂时不可用，恢复后会自动解析。<a href="{}">查看</a>',
                              upload.name, url)
        messages.warning(request, message)
    elif created:
        messages.success(request, format_html('{}：已保存，正在后台解析。<a href="{}">查看</a>', upload.name, url))
    elif queued:
        message = format_html('{}：与已有文档内容相同，该文档尚未解析完成，已重新排队解析。<a href="{}">查看</a>',
                              upload.name, url)
        messages.warning(request, message)
    else:
        message = format_html('{}：与已有文档内容相同，<a href="{}">打开已有文档</a>。', upload.name, url)
        messages.warning(request, message)


ACTIONS = {
    "rename": lambda article, post: review.publication_item_rename(article=article, title=post.get("title", "")),
    "merge": lambda article, post: review.publication_item_merge_previous(article=article),
    "split": lambda article, post: review.publication_item_split(
        article=article, paragraph=int(post.get("paragraph") or 0)
    ),
    "drop": lambda article, post: review.publication_item_drop(article=article),
}
DONE = {"rename": "已改标题", "merge": "已与上一篇合并", "split": "已拆分", "drop": "已删除该条目"}


def review_view(model_admin, request, pk: int):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    publication = get_object_or_404(Publication.objects.select_related("source", "document"), pk=pk)
    metadata = PublicationMetadataForm(instance=publication)
    if request.method == "POST":
        action = request.POST.get("action", "")
        needed = PUBLISH_PERMISSION if action in ("publish", "unpublish") else None
        if not (request.user.has_perm(needed) if needed else model_admin.has_change_permission(request, publication)):
            raise PermissionDenied
        if action == "metadata":
            metadata = PublicationMetadataForm(request.POST, instance=publication)
            if metadata.is_valid():
                metadata.save()
                messages.success(request, "已保存出版物信息。")
                return redirect(request.path)
        elif action in ("publish", "unpublish"):
            count = review.publication_publish(publication=publication, published=action == "publish")
            messages.success(request, f"{'已发布' if action == 'publish' else '已撤下'} {count} 篇文章。")
            return redirect(request.path)
        elif action in ACTIONS:
            article = get_object_or_404(Article, pk=request.POST.get("article"), publication=publication)
            try:
                ACTIONS[action](article, request.POST)
                messages.success(request, f"第 {article.position} 篇：{DONE[action]}。")
            except (review.ReviewError, ValueError) as exc:
                messages.error(request, f"第 {article.position} 篇：{exc}")
            return redirect(f"{request.path}#item-{article.position}")
    items = publication.articles.order_by("position", "pk")
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"审核：{publication}",
        "opts": model_admin.model._meta,
        "publication": publication,
        "metadata": metadata,
        "items": items,
        "can_change": model_admin.has_change_permission(request, publication),
        "can_publish": request.user.has_perm(PUBLISH_PERMISSION),
        "document": publication.document,
        "original_url": reverse("admin:articles_document_download", args=[publication.document_id])
        if publication.document_id else "",
    }
    return TemplateResponse(request, "admin/articles/publication/review.html", context)

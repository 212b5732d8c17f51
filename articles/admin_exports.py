"""Exports in the admin: actions on publications, sources and articles, the search export
page, and the download of a finished export (articles.exports).

Starting an export needs the right to read articles in the admin; downloading it, being
the one who started it (or a superuser): `export_may_download`, asked on every download.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .export_format import FORMATS
from .exports import (
    VIEW_PERMISSION,
    export_expired,
    export_filename,
    export_may_download,
    export_path,
    export_start,
)
from .forms import SearchExportForm
from .models import Job


def _started(model_admin, request, job: Job) -> None:
    url = reverse("admin:articles_job_change", args=[job.pk])
    model_admin.message_user(request, format_html('已开始导出：{}。<a href="{}">查看进度并下载</a>', job.message, url))


def export_action(scope: str, noun: str, format: str):
    """An admin action exporting the articles of the selected rows in one format."""
    label = FORMATS[format].label

    @admin.action(description=f"导出所选{noun}的文章（{label}）", permissions=["view"])
    def action(model_admin, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        names = "、".join(str(obj) for obj in queryset[:3]) + ("等" if len(ids) > 3 else "")
        job = export_start(user=request.user, format=format, scope=scope, ids=ids,
                           description=f"{noun}（{len(ids)} 个）：{names}"[:300])
        _started(model_admin, request, job)

    action.__name__ = f"export_{format}"
    return action


def export_actions(scope: str, noun: str) -> list:
    return [export_action(scope, noun, format) for format in FORMATS]


def search_export_view(model_admin, request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    form = SearchExportForm(request.POST or None, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        search = form.search()
        job = export_start(user=request.user, format=form.cleaned_data["format"], scope="search", search=search,
                           description=f"搜索“{search['q']}”")
        _started(model_admin, request, job)
        return redirect("admin:articles_job_change", job.pk)
    context = {**model_admin.admin_site.each_context(request), "form": form, "title": "导出搜索结果",
               "opts": model_admin.model._meta}
    return TemplateResponse(request, "admin/articles/article/export_search.html", context)


def export_download_view(request, pk: int):
    job = get_object_or_404(Job, pk=pk, kind=Job.Kind.EXPORT)
    if not export_may_download(job, request.user):
        raise PermissionDenied
    path = export_path(job)
    if path is None:
        if export_expired(job):
            raise Http404(f"导出文件已过期删除（保留 {settings.EXPORT_KEEP_DAYS} 天），请重新导出。")
        raise Http404("导出文件不存在（任务未完成或已失败）。")
    return FileResponse(path.open("rb"), as_attachment=True, filename=export_filename(job),
                        content_type=FORMATS[job.params["format"]].media_type)


def export_download_link(job: Job):
    """The download link of a finished export, for the job list and the job's page."""
    if export_path(job) is None:
        if export_expired(job):
            return f"已过期删除（保留 {settings.EXPORT_KEEP_DAYS} 天），请重新导出"
        return "—"
    url = reverse("admin:articles_job_download", args=[job.pk])
    return format_html('<a href="{}" download>下载（{} 篇）</a>', url, job.result.get("rows", 0))


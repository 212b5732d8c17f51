"""The job list: every long task with its state and progress, updating without a reload.

Cells that show a job carry `data-job-id`; static/js/jobs.js reads their job's state from
`status/` (JSON) every few seconds while any of them is open, and rewrites them. The same
cell is used by the document list for a document's parse.
"""
from __future__ import annotations

from django.contrib import admin, messages
from django.http import JsonResponse
from django.template.defaultfilters import truncatechars
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .jobs import RetryRefused, job_retry
from .models import Job

STATUS_POLL_MAX_IDS = 100


def job_state(job: Job) -> dict:
    return {
        "id": job.pk, "status": job.status, "label": job.get_status_display(), "open": job.is_open,
        "done": job.done, "total": job.total, "percent": job.percent, "message": job.message,
        "error": job.error,
    }


def job_cell(job: Job | None, *, text: str = "", reload_when_done: bool = False):
    """A job's state and progress as one live cell (see the module's docstring); with
    `reload_when_done` the page reloads when the job ends, to show what it produced."""
    if job is None:
        return text or "—"
    state = job.error if job.status == Job.Status.FAILED else (text or job.message)
    return format_html(
        '<a href="{}" class="job-cell job-{}" data-job-id="{}"{} title="{}"><span class="job-label">{}</span> '
        '<progress max="100" value="{}"></progress> <span class="job-count">{}/{}</span> '
        '<span class="job-text">{}</span></a>',
        reverse("admin:articles_job_change", args=[job.pk]), job.status, job.pk,
        mark_safe(" data-reload-when-done") if reload_when_done else "", state, job.get_status_display(),
        job.percent, job.done, job.total, truncatechars(state, 60),
    )


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "live_state", "message", "download", "created_by", "started_at", "finished_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    readonly_fields = [
        "kind", "live_state", "download", "total", "done", "message", "error", "document", "params", "attempts",
        "created_by", "created_at", "started_at", "heartbeat_at", "finished_at",
    ]
    exclude = ["result", "status"]
    actions = ["retry"]

    class Media:
        js = ["js/jobs.js"]
        css = {"all": ["css/admin-jobs.css"]}

    def has_add_permission(self, request):
        return False

    @admin.display(description="状态与进度")
    def live_state(self, obj):
        return job_cell(obj, reload_when_done=obj.kind == Job.Kind.EXPORT)  # to show its download link

    @admin.display(description="导出文件")
    def download(self, obj):
        from .admin_exports import export_download_link

        return export_download_link(obj) if obj.kind == Job.Kind.EXPORT else ""

    @admin.action(description="重试所选的失败任务", permissions=["change"])
    def retry(self, request, queryset):
        retried, refused = [], []
        for job in queryset.filter(status=Job.Status.FAILED):
            try:
                if job_retry(job=job, user=request.user):
                    retried.append(job)
            except RetryRefused as exc:
                refused.append(str(exc))
        skipped = queryset.count() - len(retried) - len(refused)
        self.message_user(request, f"已重新排队 {len(retried)} 个任务。")
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)
        if skipped:
            self.message_user(request, f"{skipped} 个任务未失败，未重试。", messages.WARNING)

    def get_urls(self):
        from .admin_exports import export_download_view

        status = self.admin_site.admin_view(self.status_view)
        download = self.admin_site.admin_view(export_download_view)
        return [path("status/", status, name="articles_job_status"),
                path("<int:pk>/download/", download, name="articles_job_download"), *super().get_urls()]

    def status_view(self, request):
        """The states of the jobs asked for (`?id=1&id=2`), for the page's script."""
        if not self.has_view_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        ids = [int(i) for i in request.GET.getlist("id")[:STATUS_POLL_MAX_IDS] if i.isdigit()]
        jobs = Job.objects.filter(pk__in=ids)
        return JsonResponse({"jobs": [job_state(job) for job in jobs]})

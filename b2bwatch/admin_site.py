"""The admin site: the site's own apps first, the scheduler's tables for superusers, every
save and delete on the audit trail, and the editors' dashboard on the front page.

django-celery-beat registers its models (定时, 日程事件, 计划任务, 间隔) in the admin;
they are the scheduler's internals, which editors must not see or change, so any model of
an app in SUPERUSER_ONLY_APPS is registered with every permission limited to superusers.
"""
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig

SUPERUSER_ONLY_APPS = {"django_celery_beat"}
APP_ORDER = ["articles", "keywords", "auth"]  # then any other, the superusers' apps last


def superuser_only(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    def allowed(self, request, *args, **kwargs):
        return request.user.is_active and request.user.is_superuser

    names = ["has_module_permission", "has_view_permission", "has_add_permission", "has_change_permission",
             "has_delete_permission"]
    return type(f"SuperuserOnly{admin_class.__name__}", (admin_class,), dict.fromkeys(names, allowed))


def audited(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """Every admin's saves and deletes go on the audit trail (articles.admin_audit)."""
    from articles.admin_audit import AuditedAdmin

    if issubclass(admin_class, AuditedAdmin):
        return admin_class
    return type(f"Audited{admin_class.__name__}", (AuditedAdmin, admin_class), {"__module__": admin_class.__module__})


class SiteAdmin(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, type) else list(model_or_iterable)
        for model in models:
            cls = audited(admin_class or admin.ModelAdmin)
            if model._meta.app_label in SUPERUSER_ONLY_APPS:
                cls = superuser_only(cls)
            super().register(model, cls, **options)

    def index(self, request, extra_context=None):
        """The front page leads with the editors' dashboard (articles.dashboard)."""
        from articles.admin_jobs import job_cell
        from articles.dashboard import dashboard

        panels = dashboard(request.user)
        for job in panels.get("jobs", {}).get("rows", []):
            job.cell = job_cell(job)
        return super().index(request, {**(extra_context or {}), "dashboard": panels})

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)

        def rank(app):
            label = app["app_label"]
            if label in SUPERUSER_ONLY_APPS:
                return len(APP_ORDER) + 1
            return APP_ORDER.index(label) if label in APP_ORDER else len(APP_ORDER)

        return sorted(apps, key=rank)


class SiteAdminConfig(AdminConfig):
    default_site = "b2bwatch.admin_site.SiteAdmin"

"""The audit trail in the admin: read-only for everyone, filterable by user, action,
date and object; and the one hook that puts every admin save and delete on it.

Why our own rows and not Django's LogEntry alone: LogEntry only sees the admin's change
forms, while most of an editor's acts happen elsewhere (the review page, uploads, jobs,
promotions), and one trail must hold them all. The admin's own writes reach the trail
through `AuditedAdmin`, which `b2bwatch.admin_site` mixes into every registered admin:
adds and changes through `log_addition`/`log_change` (called by the admin after the
object and its inlines and many-to-many fields were saved, inside the same transaction,
with Django's description of what changed), deletes through `delete_model` and
`delete_queryset` (the bulk delete action calls its logging outside any transaction, so
the record is written there, in one transaction with the delete). LogEntry goes on being
written as before, for the change forms' own 历史 pages.
"""
from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from .audit import audit_record
from .models import AuditEvent

Action = AuditEvent.Action


def _changes(message) -> tuple[str, list]:
    """Django's change message (a list of dicts) as a short text and as plain JSON."""
    plain = json.loads(json.dumps(message or [], default=str)) if not isinstance(message, str) else [message]
    parts = []
    for entry in plain:
        if isinstance(entry, dict):
            for verb, label in (("changed", "改"), ("added", "增"), ("deleted", "删")):
                if verb in entry:
                    what = entry[verb]
                    fields = "、".join(what.get("fields", [])) if isinstance(what, dict) else ""
                    name = what.get("object", "") if isinstance(what, dict) else ""
                    parts.append(f"{label}{name}{'：' + fields if fields else ''}")
        elif entry:
            parts.append(str(entry))
    return "；".join(parts), plain


def _account_state(obj) -> dict:
    """For an account, the rights it has after the change (what a promotion is about)."""
    if not isinstance(obj, get_user_model()):
        return {}
    return {"groups": sorted(obj.groups.values_list("name", flat=True)), "is_staff": obj.is_staff,
            "is_superuser": obj.is_superuser, "is_active": obj.is_active}


class AuditedAdmin:
    """Mixed into every ModelAdmin by the admin site (see the module's docstring)."""

    def _audit(self, request, action: str, obj, message=None) -> None:
        text, plain = _changes(message)
        verb = Action(action).label
        summary = f"{verb}{obj._meta.verbose_name}《{obj}》" + (f"：{text}" if text else "")
        details = {"change": plain, **_account_state(obj)} if action != Action.DELETE else {}
        audit_record(user=request.user, action=action, obj=obj, summary=summary, details=details)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, Action.ADD, obj, message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, Action.CHANGE, obj, message)
        return entry

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._audit(request, Action.DELETE, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._audit(request, Action.DELETE, obj)
            super().delete_queryset(request, queryset)


class ObjectTypeFilter(admin.SimpleListFilter):
    title = "对象类型"
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        from django.apps import apps

        types = AuditEvent.objects.exclude(object_type="").order_by().values_list("object_type", flat=True).distinct()
        names = []
        for label in sorted(types)[:50]:
            try:
                names.append((label, apps.get_model(label)._meta.verbose_name))
            except (LookupError, ValueError):
                names.append((label, label))
        return names

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


class RecordAdmin(admin.ModelAdmin):
    """A record of what people did (the audit trail, review actions): shown and filtered,
    never added, changed or deleted through the admin, superuser included."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(RecordAdmin):
    list_display = ["created_at", "username", "action", "object_link", "summary"]
    list_filter = ["action", ObjectTypeFilter, "user", "created_at"]
    search_fields = ["username", "object_label", "object_id", "summary"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = ["created_at", "username", "user", "action", "object_type", "object_id", "object_link",
                       "summary", "details"]
    fields = readonly_fields

    @admin.display(description="对象")
    def object_link(self, obj):
        if not obj.object_type or not obj.object_id:
            return obj.object_label or "—"
        app_label, _, model = obj.object_type.partition(".")
        try:
            url = reverse(f"admin:{app_label}_{model}_change", args=[obj.object_id])
        except NoReverseMatch:
            return obj.object_label
        history = reverse("admin:articles_auditevent_changelist") + (
            f"?object_type={obj.object_type}&object_id={obj.object_id}"
        )
        return format_html('<a href="{}">{}</a> <a href="{}" title="这个对象的全部记录">…</a>', url,
                           obj.object_label, history)


"""Accounts in the admin: a superuser keeps every account; a chief editor (主编, who holds
the user permissions the roles migration gives) creates and keeps editors' accounts.

A user who is not a superuser never sees a superuser's account (so cannot change its
password or take it over), and the form they get has no 超级用户状态 and no single
permissions: only 有效, 职员状态 and the role groups 编辑 and 主编 as checkboxes. So
nobody short of a superuser can give an account, their own included, more than a
chief editor's rights: what is not in the form is not saved, and any other group is
refused by the form.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.db import transaction

ROLE_GROUPS = ("编辑", "主编")
LIMITED_FIELDSETS = (
    (None, {"fields": ("username", "password")}),
    ("个人信息", {"fields": ("first_name", "last_name", "email")}),
    ("角色", {"fields": ("is_active", "is_staff", "groups")}),
    ("日期", {"fields": ("last_login", "date_joined")}),
)
ADD_ROLE_FIELDS = ("is_staff", "groups")


class AccountAdmin(UserAdmin):
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            [(name, options)] = self.add_fieldsets
            return ((name, {**options, "fields": (*options["fields"], *ADD_ROLE_FIELDS)}),)
        return super().get_fieldsets(request, obj) if request.user.is_superuser else LIMITED_FIELDSETS

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else [*fields, "last_login", "date_joined"]

    def get_list_filter(self, request):
        return super().get_list_filter(request) if request.user.is_superuser else ("is_staff", "is_active", "groups")

    def user_change_password(self, request, id, form_url=""):
        """The new password and its line on the audit trail are saved together."""
        with transaction.atomic():
            return super().user_change_password(request, id, form_url)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=ROLE_GROUPS).order_by("name")
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)

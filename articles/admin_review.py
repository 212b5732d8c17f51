"""The record of review actions in the admin: read-only, filterable, for who did what."""
from django.contrib import admin

from .models import ReviewAction


@admin.register(ReviewAction)
class ReviewActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "publication", "kind", "summary", "undone_at", "undone_by"]
    list_filter = ["kind", "user", ("undone_at", admin.EmptyFieldListFilter)]
    search_fields = ["summary", "publication__title"]
    list_select_related = ["user", "publication", "undone_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

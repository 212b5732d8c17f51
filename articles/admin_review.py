"""The record of review actions in the admin: read-only, filterable, for who did what."""
from django.contrib import admin

from .admin_audit import RecordAdmin
from .models import ReviewAction


@admin.register(ReviewAction)
class ReviewActionAdmin(RecordAdmin):
    list_display = ["created_at", "user", "publication", "kind", "summary", "undone_at", "undone_by"]
    list_filter = ["kind", "user", ("undone_at", admin.EmptyFieldListFilter)]
    search_fields = ["summary", "publication__title"]
    list_select_related = ["user", "publication", "undone_by"]
    date_hierarchy = "created_at"


"""What the admin's front page shows an editor first: the work waiting and what is broken.

Each panel is a count and at most PANEL_ROWS rows, so the page costs the same whatever
the archive holds, and each is shown only to a user who may view its model.
"""
from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from .models import Article, Channel, Document, Job, Publication, ReviewState

PANEL_ROWS = 10
SOURCES_ROWS = 15
WEEK = timedelta(days=7)


def _panel(queryset, rows: int = PANEL_ROWS) -> dict:
    return {"count": queryset.count(), "rows": list(queryset[:rows])}


def waiting_for_review():
    """Issues and reports parsed but not published, the newest first, with their items kept."""
    kept = Count("articles", filter=Q(articles__review_state=ReviewState.ACTIVE))
    return Publication.objects.filter(is_published=False).select_related("source").annotate(kept=kept).order_by("-pk")


def failed_documents():
    return Document.objects.filter(status=Document.Status.FAILED).only(
        "pk", "filename", "error", "created_at", "status").order_by("-created_at")


def failing_channels():
    return (Channel.objects.filter(is_active=True, consecutive_failures__gt=0).select_related("source")
            .order_by("-consecutive_failures", "-last_attempt_at"))


def open_jobs():
    return Job.objects.filter(status__in=Job.OPEN).select_related("created_by", "document").order_by("-created_at")


def new_articles_by_source(*, now=None) -> dict:
    """Articles added in the last seven days, counted per source (most first)."""
    since = (now or timezone.now()) - WEEK
    week = Article.objects.filter(created_at__gte=since)
    rows = list(week.order_by().values("source__name", "source__slug").annotate(count=Count("pk"))
                .order_by("-count", "source__name")[:SOURCES_ROWS])
    return {"count": week.count(), "rows": rows, "since": since}


PANELS = {
    "waiting": ("articles.view_publication", waiting_for_review),
    "failed": ("articles.view_document", failed_documents),
    "channels": ("articles.view_channel", failing_channels),
    "jobs": ("articles.view_job", open_jobs),
}


def dashboard(user) -> dict:
    """The panels this user may see, by name."""
    panels = {name: _panel(query()) for name, (permission, query) in PANELS.items() if user.has_perm(permission)}
    if user.has_perm("articles.view_article"):
        panels["sources"] = new_articles_by_source()
    return panels

"""The editor's review page, mounted inside the admin (the upload page is in admin_documents).

Being staff only lets one into the admin; each page checks the model permission for
what it does (403 otherwise): reading a review
`view_publication` or `change_publication`, editing the split `change_publication`,
publishing `publish_publication`, creating a source from the review page `add_source`.
Whatever takes something off the site needs `unpublish_publication` (the chief editor's):
unpublishing, and merging or dropping an item of a published issue.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from . import review
from .forms import PublicationMetadataForm, SourceCreateForm
from .issue_duplicates import publication_duplicates
from .models import Article, Publication, ReviewState

PUBLISH_PERMISSION = "articles.publish_publication"
UNPUBLISH_PERMISSION = "articles.unpublish_publication"
SOURCE_PERMISSION = "articles.add_source"


ITEM_ACTIONS = {
    "rename": lambda article, post, by: review.publication_item_rename(
        article=article, title=post.get("title", ""), by=by
    ),
    "merge": lambda article, post, by: review.publication_item_merge_previous(article=article, by=by),
    "split": lambda article, post, by: review.publication_item_split(
        article=article, paragraph=int(post.get("paragraph") or 0), by=by
    ),
    "drop": lambda article, post, by: review.publication_item_drop(article=article, by=by),
}
DONE = {"rename": "已改标题", "merge": "已与上一篇合并", "split": "已拆分", "drop": "已删除（可撤销）"}
TAKES_AN_ITEM_DOWN = {"merge", "drop"}  # on a published issue, an item leaves the site


def action_allowed(model_admin, request, publication: Publication, action: str) -> bool:
    """Whether this user may post `action` on the review page of `publication`."""
    user = request.user
    if action == "publish":
        return user.has_perm(PUBLISH_PERMISSION)
    if action == "unpublish":
        return user.has_perm(UNPUBLISH_PERMISSION)
    if action == "source":
        return user.has_perm(SOURCE_PERMISSION)
    if action in TAKES_AN_ITEM_DOWN and publication.is_published and not user.has_perm(UNPUBLISH_PERMISSION):
        return False
    return model_admin.has_change_permission(request, publication)


def review_view(model_admin, request, pk: int):
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    publication = get_object_or_404(Publication.objects.select_related("source", "document"), pk=pk)
    metadata = PublicationMetadataForm(instance=publication)
    source_form = SourceCreateForm(prefix="source")
    if request.method == "POST":
        action = request.POST.get("action", "")
        if not action_allowed(model_admin, request, publication, action):
            raise PermissionDenied
        if action == "metadata":
            metadata = PublicationMetadataForm(request.POST, instance=Publication.objects.get(pk=pk))
            if metadata.is_valid():
                data = metadata.cleaned_data
                review.publication_metadata_update(
                    publication=publication, by=request.user, title=data["title"],
                    source_id=data["source"].pk if data["source"] else None, issue_label=data["issue_label"],
                    published_on=data["published_on"], date_precision=data["date_precision"],
                )
                messages.success(request, "已保存出版物信息。")
                return redirect(request.path)
        elif action == "source":
            source_form = SourceCreateForm(request.POST, prefix="source")
            if source_form.is_valid():
                try:
                    source = review.publication_source_create(
                        publication=publication, by=request.user, **source_form.cleaned_data
                    )
                    messages.success(request, f"已新建来源「{source.name}」，并设为本出版物的主办/发布方。")
                except review.ReviewError as exc:
                    messages.error(request, str(exc))
                return redirect(request.path)
        elif action in ("publish", "unpublish"):
            count = review.publication_publish(publication=publication, published=action == "publish", by=request.user)
            messages.success(request, f"{'已发布' if action == 'publish' else '已撤下'} {count} 篇文章。")
            return redirect(request.path)
        elif action == "undo":
            try:
                undone = review.publication_undo(publication=publication, by=request.user)
                messages.success(request, f"已撤销：{undone.summary}。")
                anchor = f"#item-{undone.article_id}" if undone.article_id else ""
            except review.ReviewError as exc:
                messages.error(request, str(exc))
                anchor = ""
            return redirect(request.path + anchor)
        elif action in ITEM_ACTIONS:
            article = get_object_or_404(Article, pk=request.POST.get("article"), publication=publication)
            title = article.title
            try:
                ITEM_ACTIONS[action](article, request.POST, request.user)
                messages.success(request, f"《{title}》：{DONE[action]}。")
            except (review.ReviewError, ValueError) as exc:
                messages.error(request, f"《{title}》：{exc}")
            return redirect(f"{request.path}#item-{article.pk}")
    context = {
        **model_admin.admin_site.each_context(request),
        **review_context(publication),
        "title": f"审核：{publication}",
        "opts": model_admin.model._meta,
        "metadata": metadata,
        "source_form": source_form,
        "can_change": model_admin.has_change_permission(request, publication),
        "can_publish": request.user.has_perm(PUBLISH_PERMISSION),
        "can_unpublish": request.user.has_perm(UNPUBLISH_PERMISSION),
        "can_take_items_down": action_allowed(model_admin, request, publication, "drop"),
        "can_add_source": request.user.has_perm(SOURCE_PERMISSION),
    }
    return TemplateResponse(request, "admin/articles/publication/review.html", context)


def review_context(publication: Publication) -> dict:
    """What the review page shows besides its forms: the items in order (with the
    dropped ones, which can still come back), the last changes and any published issue
    this one repeats."""
    rows = list(publication.articles.order_by("position", "pk").select_related("source"))
    kept = [row for row in rows if row.review_state == ReviewState.ACTIVE]
    for number, item in enumerate(kept, start=1):
        item.number = number
    return {
        "publication": publication,
        "items": kept,
        "dropped": [row for row in rows if row.review_state == ReviewState.DROPPED],
        "undo": review.undoable_action(publication),
        "history": publication.review_actions.select_related("user", "undone_by")[:10],
        "duplicates": publication_duplicates(publication),
        "document": publication.document,
        "original_url": reverse("admin:articles_document_download", args=[publication.document_id])
        if publication.document_id else "",
    }

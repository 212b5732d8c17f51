from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin_jobs import job_cell
from articles.audit import audit_record
from articles.models import AuditEvent

from .dictionary import vocabulary_changed
from .discovery import (
    keyword_year_discover_start,
    keyword_year_discovered,
    keyword_year_promote,
    organisations_discover_start,
)
from .models import (
    ArticleTopic,
    KeywordYear,
    Organisation,
    OrganisationAlias,
    TimelineEvent,
    Topic,
    TopicAlias,
    TopicNotPhrase,
    YearKeyword,
)
from .services import topics_retag_start


def retag_with_message(request, reason: str) -> None:
    """Re-tag the corpus with the changed dictionary and tell the editor where to watch."""
    job = topics_retag_start(reason=reason, user=request.user)
    url = reverse("admin:articles_job_change", args=[job.pk])
    messages.info(request, format_html('正在用新的词典重新标注全部文章，<a href="{}">查看进度</a>。', url))


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 1


class TopicNotPhraseInline(admin.TabularInline):
    """Wordings that hold the topic's name but are not the topic; like aliases, a change re-tags."""

    model = TopicNotPhrase
    extra = 1


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["term", "slug", "alias_list"]
    search_fields = ["term", "aliases__text"]
    prepopulated_fields = {"slug": ["term"]}
    inlines = [TopicAliasInline, TopicNotPhraseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别名")
    def alias_list(self, obj):
        return "、".join(a.text for a in obj.aliases.all())

    def save_related(self, request, form, formsets, change):
        """After a topic, its aliases and not-phrases are saved, re-tag the corpus with them."""
        super().save_related(request, form, formsets, change)
        retag_with_message(request, f"关键词“{form.instance.term}”已修改")

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        retag_with_message(request, f"关键词“{obj.term}”已删除")

    def delete_queryset(self, request, queryset):
        terms = "、".join(queryset.values_list("term", flat=True))
        super().delete_queryset(request, queryset)
        retag_with_message(request, f"关键词“{terms}”已删除")


class YearKeywordInline(admin.TabularInline):
    model = YearKeyword
    extra = 1
    ordering = ["rank"]
    autocomplete_fields = ["topic"]


@admin.register(KeywordYear)
class KeywordYearAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "discover_link"]
    inlines = [YearKeywordInline]

    class Media:
        js = ["js/jobs.js"]
        css = {"all": ["css/admin-jobs.css"]}

    @admin.display(description="关键词发现")
    def discover_link(self, obj):
        url = reverse("admin:keywords_keywordyear_discover", args=[obj.pk])
        return format_html('<a href="{}">查看{}年上升的词</a>', url, obj.year)

    def get_urls(self):
        view = self.admin_site.admin_view(self.discover_view)
        return [path("<int:pk>/discover/", view, name="keywords_keywordyear_discover"), *super().get_urls()]

    def discover_view(self, request, pk):
        """Reading the candidates needs view permission on the year lists; finding them
        again (a job: it reads thousands of articles) or adding one to the list changes
        it, which needs change permission."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        keyword_year = get_object_or_404(KeywordYear, pk=pk)
        if request.method == "POST":
            if not self.has_change_permission(request, keyword_year):
                raise PermissionDenied
            if request.POST.get("action") == "discover":
                keyword_year_discover_start(keyword_year=keyword_year, user=request.user)
                messages.info(request, f"正在后台查找{keyword_year.year}年上升的词；完成后本页显示结果。")
                return redirect(request.path)
            term = request.POST.get("term", "")
            entry = keyword_year_promote(keyword_year=keyword_year, term=term, user=request.user)
            message = f"“{entry.topic.term}”已加入{keyword_year.year}年榜单，第 {entry.rank} 位；正在重新标注。"
            messages.success(request, message)
            return redirect(request.path)
        job, candidates = keyword_year_discovered(keyword_year)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"{keyword_year.year}年关键词发现",
            "keyword_year": keyword_year,
            "job": job,
            "job_cell": job_cell(job, reload_when_done=True) if job else "",
            "candidates": candidates,
            "can_change": self.has_change_permission(request, keyword_year),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/keywords/keywordyear/discover.html", context)


@admin.register(ArticleTopic)
class ArticleTopicAdmin(admin.ModelAdmin):
    list_display = ["article", "topic", "strength", "mentions", "title_mentions", "score"]
    list_filter = ["topic", "strength"]
    raw_id_fields = ["article"]


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Organisations, and the candidates the corpus suggests, which wait for an editor.

    Accepting or rejecting a name, or editing a reviewed one's aliases, changes the
    segmenter's dictionary, so the corpus is re-tagged.
    """

    list_display = ["name", "kind", "status", "alias_list", "evidence"]
    list_filter = ["status", "kind"]
    list_editable = ["kind"]
    search_fields = ["name", "aliases__text"]
    inlines = [OrganisationAliasInline]
    actions = ["accept", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def get_urls(self):
        view = self.admin_site.admin_view(self.discover_view)
        return [path("discover/", view, name="keywords_organisation_discover"), *super().get_urls()]

    def discover_view(self, request):
        """Start a search of the corpus for new names (POST only: it writes candidates)."""
        if request.method != "POST":
            return redirect("admin:keywords_organisation_changelist")
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = organisations_discover_start(user=request.user)
        url = reverse("admin:articles_job_change", args=[job.pk])
        messages.info(request, format_html(
            '正在从最近的文章中发现新的机构名称；完成后候选会以“待审核”出现在列表中。<a href="{}">查看进度</a>', url))
        changelist = reverse("admin:keywords_organisation_changelist")
        return redirect(f"{changelist}?status__exact={Organisation.Status.CANDIDATE}")

    @admin.display(description="别名")
    def alias_list(self, obj):
        return "、".join(a.text for a in obj.aliases.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.instance.status == Organisation.Status.REVIEWED:
            retag_with_message(request, f"机构“{form.instance.name}”已修改")

    @admin.action(description="审核通过：用于标注", permissions=["change"])
    def accept(self, request, queryset):
        names = self._set_status(request, queryset, Organisation.Status.REVIEWED)
        if names:
            messages.success(request, f"已审核通过 {len(names)} 个机构。")
            retag_with_message(request, f"机构“{'、'.join(names)}”审核通过")

    @admin.action(description="不是机构：不用于标注，也不再推荐", permissions=["change"])
    def reject(self, request, queryset):
        was_used = queryset.filter(status=Organisation.Status.REVIEWED).exists()
        names = self._set_status(request, queryset, Organisation.Status.REJECTED)
        messages.success(request, f"已标记 {len(names)} 个词不是机构。")
        if was_used:
            retag_with_message(request, f"“{'、'.join(names)}”不再作为机构")

    @staticmethod
    @transaction.atomic
    def _set_status(request, queryset, status: str) -> list[str]:
        changing = list(queryset.exclude(status=status))
        Organisation.objects.filter(pk__in=[o.pk for o in changing]).update(status=status)
        vocabulary_changed()  # an update sends no signal
        label = Organisation.Status(status).label
        for organisation in changing:
            audit_record(user=request.user, action=AuditEvent.Action.ORGANISATION_REVIEW, obj=organisation,
                         summary=f"机构“{organisation.name}”：{label}", details={"status": status})
        return [organisation.name for organisation in changing]


@admin.register(TimelineEvent)
class TimelineEventAdmin(admin.ModelAdmin):
    list_display = ["date_label", "sentence", "is_forecast", "article"]
    list_filter = ["is_forecast", "precision", "topics"]
    search_fields = ["sentence"]
    raw_id_fields = ["article"]
    filter_horizontal = ["topics", "organisations"]

from django.contrib import admin

from .models import ArticleTopic, KeywordYear, Topic, TopicAlias, YearKeyword


class TopicAliasInline(admin.TabularInline):
    model = TopicAlias
    extra = 1


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["term", "slug", "alias_list"]
    search_fields = ["term", "aliases__text"]
    prepopulated_fields = {"slug": ["term"]}
    inlines = [TopicAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="别名")
    def alias_list(self, obj):
        return "、".join(a.text for a in obj.aliases.all())


class YearKeywordInline(admin.TabularInline):
    model = YearKeyword
    extra = 1
    ordering = ["rank"]
    autocomplete_fields = ["topic"]


@admin.register(KeywordYear)
class KeywordYearAdmin(admin.ModelAdmin):
    list_display = ["year", "title"]
    inlines = [YearKeywordInline]


@admin.register(ArticleTopic)
class ArticleTopicAdmin(admin.ModelAdmin):
    list_display = ["article", "topic", "mentions", "title_mentions", "score"]
    list_filter = ["topic"]
    raw_id_fields = ["article"]

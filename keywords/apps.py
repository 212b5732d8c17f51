from django.apps import AppConfig


class KeywordsConfig(AppConfig):
    name = "keywords"
    verbose_name = "关键词"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.cache import content_changed

        from .dictionary import vocabulary_changed

        for name in ("Topic", "TopicAlias", "KeywordYear", "YearKeyword"):
            model = self.get_model(name)
            post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-{name}-save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-{name}-delete")
        # What the segmenter and tagger are built from (keywords.dictionary).
        for name in ("Topic", "TopicAlias", "TopicNotPhrase", "Organisation", "OrganisationAlias"):
            model = self.get_model(name)
            post_save.connect(vocabulary_changed, sender=model, dispatch_uid=f"vocabulary-{name}-save")
            post_delete.connect(vocabulary_changed, sender=model, dispatch_uid=f"vocabulary-{name}-delete")

from django.apps import AppConfig


class KeywordsConfig(AppConfig):
    name = "keywords"
    verbose_name = "关键词"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

        from articles.cache import content_changed
        from articles.models import Article

        from .summaries import (
            article_counts_changed,
            article_counts_removed,
            tag_counts_changed,
            topic_deleted,
            topic_deleting,
        )

        # The topic counts follow every article saved or deleted (keywords.summaries).
        post_save.connect(article_counts_changed, sender=Article, dispatch_uid="summaries-Article-save")
        pre_delete.connect(article_counts_removed, sender=Article, dispatch_uid="summaries-Article-delete")
        tag = self.get_model("ArticleTopic")
        post_save.connect(tag_counts_changed, sender=tag, dispatch_uid="summaries-ArticleTopic-save")
        post_delete.connect(tag_counts_changed, sender=tag, dispatch_uid="summaries-ArticleTopic-delete")
        topic = self.get_model("Topic")
        pre_delete.connect(topic_deleting, sender=topic, dispatch_uid="summaries-Topic-deleting")
        post_delete.connect(topic_deleted, sender=topic, dispatch_uid="summaries-Topic-deleted")
        from .timeline import events_topics_changed, topic_leaving_events

        links = self.get_model("TimelineEvent").topics.through
        m2m_changed.connect(events_topics_changed, sender=links, dispatch_uid="timeline-event-topics")
        pre_delete.connect(topic_leaving_events, sender=topic, dispatch_uid="timeline-Topic-deleting")

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

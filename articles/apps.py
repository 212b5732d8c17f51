from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "文章与文档"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .cache import article_changed, content_changed

        post_migrate.connect(ensure_sqlite_search_index, sender=self)
        article = self.get_model("Article")
        post_save.connect(article_changed, sender=article, dispatch_uid="cache-Article-save")
        post_delete.connect(article_changed, sender=article, dispatch_uid="cache-Article-delete")
        for name in ("Publication", "Source"):
            model = self.get_model(name)
            post_save.connect(content_changed, sender=model, dispatch_uid=f"cache-{name}-save")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"cache-{name}-delete")


def ensure_sqlite_search_index(using="default", **kwargs):
    """Re-create the SQLite FTS5 triggers after every migrate.

    On SQLite, Django rebuilds a table to alter it (copy, drop, rename), and dropping the
    old table drops its triggers with it: without this, the first migration that touches
    articles would silently stop the search index from following edits.
    """
    from django.db import connections

    from .search.backends import SQLITE_REBUILD, SQLITE_SCHEMA

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, "articles_article")}
        if "search_lead" not in columns:  # migrated only part of the way: the index comes with 0015
            return
        for statement in SQLITE_SCHEMA + SQLITE_REBUILD:
            cursor.execute(statement)

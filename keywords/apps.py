from django.apps import AppConfig


class KeywordsConfig(AppConfig):
    name = "keywords"
    verbose_name = "关键词"

"""An article's analysis is bounded: at most MAX_ARTICLE_CHARS of it are read, and a long
one is analysed in a child process under the parse's time and memory limits."""
import logging
import time

import pytest

from articles.models import Article
from articles.pipeline import article_process
from keywords import services
from keywords.models import ArticleTopic, TimelineEvent

pytestmark = pytest.mark.django_db

FILLER = "今天天气晴朗，街上行人很多。" * 100  # 1,400 characters that mention no topic
TOPICAL = "2015年3月，跨境电商试点扩大，跨境电商平台纷纷布局海外仓。阿里巴巴宣布加大投入。"


def tagged(article) -> set[str]:
    return set(ArticleTopic.objects.filter(article=article).values_list("topic__term", flat=True))


def test_only_the_first_max_article_chars_of_a_body_are_analysed(settings):
    settings.MAX_ARTICLE_CHARS = 1000
    late = Article.objects.create(title="长文", body=FILLER + TOPICAL)
    early = Article.objects.create(title="长文", body=TOPICAL + FILLER)
    article_process(article_id=late.pk)
    article_process(article_id=early.pk)
    assert "跨境电商" not in tagged(late) and "跨境电商" in tagged(early)
    late.refresh_from_db()
    assert late.analysed_at is not None and "跨境" not in late.search_body


def test_a_long_articles_analysis_is_stopped_at_the_time_limit_and_logged(settings, monkeypatch, caplog):
    settings.PARSE_TIME_LIMIT_SECONDS = 1
    monkeypatch.setattr(services, "ANALYSE_IN_CHILD_CHARS", 100)
    analyse = services.analyse_text

    def slowly(*args, **kwargs):
        time.sleep(4)
        return analyse(*args, **kwargs)

    monkeypatch.setattr(services, "analyse_text", slowly)
    article = Article.objects.create(title="长文", body=TOPICAL + FILLER)
    with caplog.at_level(logging.ERROR, logger="articles.pipeline"):
        assert article_process(article_id=article.pk) is None
    article.refresh_from_db()
    assert article.analysed_at is None and not tagged(article)
    assert f"article {article.pk}: the analysis step was stopped" in caplog.text and "解析超过 1 秒" in caplog.text


def stored(article):
    article.refresh_from_db()
    events = list(TimelineEvent.objects.filter(article=article).order_by("position").values_list(
        "sentence", "happened_on", "topics__term", "organisations__name"))
    return tagged(article), events, article.search_title, article.search_body


def test_a_long_article_analysed_in_the_child_is_stored_as_in_process(monkeypatch):
    article = Article.objects.create(title="跨境电商试点扩大", body=(TOPICAL + FILLER) * 3)
    article_process(article_id=article.pk)
    in_process = stored(article)
    monkeypatch.setattr(services, "ANALYSE_IN_CHILD_CHARS", 100)
    article_process(article_id=article.pk)
    assert stored(article) == in_process
    assert "跨境电商" in in_process[0] and in_process[1]

"""Writes for the keyword engine: analysing an article and storing its topics."""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.search.query import search_tokens

from .dictionary import current_vocabulary
from .models import ArticleTopic


def article_analyse(*, article_id: int) -> list[ArticleTopic]:
    """Segment an article once; store its topics and its search tokens from that one cut.

    Tagging and the search index use the same tokens, so a dictionary change that
    re-analyses the corpus also rebuilds the index the queries are matched against.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:  # deleted while the task waited in the queue
        return []
    vocabulary = current_vocabulary()
    title_tokens = vocabulary.segmenter.tokens(article.title)
    body_tokens = vocabulary.segmenter.tokens(article.body)
    matches = vocabulary.tagger.tag(article.title, title_tokens, article.body, body_tokens)
    with transaction.atomic():
        ArticleTopic.objects.filter(article=article).delete()
        tags = ArticleTopic.objects.bulk_create(
            ArticleTopic(
                article=article,
                topic_id=m.key,
                mentions=m.mentions,
                title_mentions=m.title_mentions,
                in_title=m.in_title,
                score=m.score,
            )
            for m in matches
        )
        Article.objects.filter(pk=article.pk).update(
            analysed_at=timezone.now(),
            search_title=" ".join(search_tokens(title_tokens)),
            search_body=" ".join(search_tokens(body_tokens)),
        )
    return tags

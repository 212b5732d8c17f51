from django.shortcuts import render

from keywords.selectors import topics_for_article

from .selectors import article_get_published


def article_detail(request, pk: int):
    article = article_get_published(pk)
    return render(
        request,
        "articles/article_detail.html",
        {"article": article, "topic_tags": topics_for_article(article)},
    )
